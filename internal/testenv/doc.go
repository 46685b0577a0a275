// Package testenv finds what tests need from outside the repository: the real-data folder
// beside the repository root and command-line tools on PATH. When something is missing the
// test is skipped, except under CI=true (where the CI setup installs everything), where the
// absence is a failure.
//
// testenv serves tests only: production code never imports it. It may import the standard
// library only.
package testenv
