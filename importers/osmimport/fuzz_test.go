package osmimport_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/osmtest"
	"github.com/lifecircle/lifecircle/importers/osmimport"
)

// FuzzReadOSM feeds arbitrary bytes to the reader, in memory, as XML or PBF (told apart by
// content): it must never panic, and every failure must be a *geo.Error naming the
// problem that is not an internal error (a recovered panic is a bug too).
func FuzzReadOSM(f *testing.F) {
	for _, name := range []string{"network.osm", "features.osm"} { // compressed seeds are left out: the decompressors are the standard library's, and instrumented they crawl
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<osm><node id="1" lat="95" lon="200"/><way id="2"><nd ref="1"/><nd ref="1"/><tag k="highway" v="footway"/></way></osm>`))
	// PBF: as written (zlib), and with raw blobs, whose content mutations reach the decoder
	f.Add(smallExtract.PBF())
	f.Add(osmtest.Concat(osmtest.Block("OSMHeader", osmtest.HeaderBlock(), false), osmtest.Block("OSMData", smallExtract.PrimitiveBlock(), false)))
	cats := testCategories(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := osmimport.Read(context.Background(), "fuzz.osm", bytes.NewReader(data), int64(len(data)), osmimport.Options{Categories: cats})
		if err != nil {
			var ge *geo.Error
			if !errors.As(err, &ge) || ge.Code == geo.EINTERNAL {
				t.Fatalf("error %v (%T) is not a *geo.Error for bad input", err, err)
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
