// Package importtest holds the test set-up the importers' packages share: reading and
// parsing a fixture (a category list, a district file, station rules). Tests only.
//
// importtest may import geo and the standard library only.
package importtest
