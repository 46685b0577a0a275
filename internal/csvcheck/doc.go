// Package csvcheck reads CSV cells the way a spreadsheet would, for the tests of every
// CSV the project writes (api, report): written apart from internal/csvout, so that a
// test of csvout's defusing does not check it with its own rule.
//
// csvcheck serves tests only: production code never imports it. It may import the
// standard library only.
package csvcheck
