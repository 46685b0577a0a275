// Package archtest holds no code: its test checks the architecture of the module against
// the rules of docs/architecture.md — which packages may import which, that the pure geo
// packages never reach SQL or HTTP, that every package has a doc.go that names the
// lifecircle packages it imports, that test-only packages stay out of production code, and
// that cmd/lifecircle asks postgis for nothing but opening, migrating and closing the
// database (every workflow and query goes through district). It reads the source with
// go/build and type-checks cmd/lifecircle against go list -export's export data; it
// imports nothing of the module but internal/testenv (the repository root).
package archtest
