// Package archtest holds no code: its test checks the architecture of the module against
// the rules of docs/architecture.md — which packages may import which, that the pure geo
// packages never reach SQL or HTTP, that every package has a doc.go that names the
// lifecircle packages it imports, and that test-only packages stay out of production code.
// It reads the source with go/build; it imports nothing of the module.
package archtest
