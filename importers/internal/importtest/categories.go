package importtest

import (
	"os"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
)

// Categories reads and parses the category list at path (a package's
// testdata/categories.json), failing the test when it cannot.
func Categories(tb testing.TB, path string) *geo.Categories {
	tb.Helper()
	return Load(tb, path, geo.ParseCategories)
}

// Load reads the file at path and parses it with parse, failing the test when either
// fails.
func Load[T any](tb testing.TB, path string, parse func([]byte) (T, error)) T {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return Parse(tb, path, b, parse)
}

// Parse parses b, named what in the failure, with parse, failing the test when it fails.
func Parse[T any](tb testing.TB, what string, b []byte, parse func([]byte) (T, error)) T {
	tb.Helper()
	v, err := parse(b)
	if err != nil {
		tb.Fatalf("%s: %v", what, err)
	}
	return v
}
