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
	b, err := os.ReadFile(path)
	if err == nil {
		var cats *geo.Categories
		if cats, err = geo.ParseCategories(b); err == nil {
			return cats
		}
	}
	tb.Fatalf("category list %s: %v", path, err)
	return nil
}
