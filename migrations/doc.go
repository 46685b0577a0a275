// Package migrations holds lifecircle's database schema as numbered SQL files (goose
// format), embedded in the binary and applied by `lifecircle migrate` through the postgis
// package. It imports nothing but embed.
package migrations

import "embed"

// FS holds the numbered migration files.
//
//go:embed *.sql
var FS embed.FS
