// Package formatscan finds, for the tests that check a message catalogue, the literal
// formats a package's source passes to its message functions (api's paramError and
// apiErrorf, the command's say …), so that each catalogue test only says which calls
// carry a format and what an entry must hold; ParseDir gives the parsed non-test files
// of a folder (also for internal/archtest).
//
// formatscan serves tests only: production code never imports it. It may import the
// standard library only.
package formatscan
