// Package importtest holds the test set-up the importers' packages share: the category
// list of a package's testdata. Tests only.
//
// importtest may import geo and the standard library only.
package importtest
