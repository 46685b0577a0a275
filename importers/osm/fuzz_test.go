package osmimport_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	osmimport "github.com/lifecircle/lifecircle/importers/osm"
)

// FuzzReadOSM feeds arbitrary bytes to the reader as a .osm file: it must never panic, and
// every failure must be a *geo.Error naming the problem.
func FuzzReadOSM(f *testing.F) {
	for _, name := range []string{"network.osm", "features.osm"} { // compressed seeds are left out: the decompressors are the standard library's, and instrumented they crawl
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<osm><node id="1" lat="95" lon="200"/><way id="2"><nd ref="1"/><nd ref="1"/><tag k="highway" v="footway"/></way></osm>`))
	cats := testCategories(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "fuzz.osm")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := osmimport.ReadFile(context.Background(), path, osmimport.Options{Categories: cats})
		if err != nil {
			var ge *geo.Error
			if !errors.As(err, &ge) {
				t.Fatalf("error %v (%T) is not a *geo.Error", err, err)
			}
			return
		}
		for _, e := range res.Edges {
			if e.LengthM < 0 || len(e.Geometry) < 2 {
				t.Fatalf("bad edge %+v", e)
			}
		}
	})
}
