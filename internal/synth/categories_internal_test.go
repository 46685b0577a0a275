package synth

import (
	"slices"
	"testing"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
)

// The generator's categories are the bundled file's: the same keys in the same order, and
// every outlet's OSM tags are ones the file's matcher gives back its own category for.
func TestCategoriesComeFromTheBundledFile(t *testing.T) {
	cats, err := geo.ParseCategories(data.Categories())
	if err != nil {
		t.Fatal(err)
	}
	if got := DefaultCategories(); !slices.Equal(got, cats.Keys()) || len(got) == 0 {
		t.Fatalf("DefaultCategories() = %v, want the file's keys %v", got, cats.Keys())
	}
	for _, c := range cats.All() {
		t.Run(c.Key, func(t *testing.T) {
			tags := categoryTags(cats, c.Key)
			if len(c.Match) == 0 {
				if tags != nil {
					t.Errorf("tags %v for a category matched by name only", tags)
				}
				return
			}
			m := map[string]string{}
			for _, kv := range tags {
				m[kv[0]] = kv[1]
			}
			if got, ok := cats.MatchTags(m); !ok || got != c.Key {
				t.Errorf("tags %v match %q (%v), want %q", tags, got, ok, c.Key)
			}
		})
	}
	if tags := categoryTags(cats, "no_such_category"); tags != nil {
		t.Errorf("tags %v for an unknown key", tags)
	}
}
