package importers_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers"
)

// fuzzRead reads data as every kind under name and checks that nothing panics, that every
// error is a *geo.Error and that every value handed back is sound.
func fuzzRead(t *testing.T, name string, data []byte) {
	cats := testCategories(t)
	kinds := []importers.Kind{importers.KindCommunities, importers.KindStations, importers.KindOutlets, importers.KindCompounds}
	for i, kind := range kinds {
		opts := importers.Options{Categories: cats, Repair: i%2 == 0}
		if i == 1 {
			opts.CRS = crs.GCJ02
		}
		res, err := importers.Read(context.Background(), kind, name, bytes.NewReader(data), opts)
		if err != nil {
			var ge *geo.Error
			if !errors.As(err, &ge) {
				t.Fatalf("%s: error %v (%T) is not a *geo.Error", kind, err, err)
			}
			continue
		}
		checkSound(t, res)
	}
}

// checkSound checks the invariants of a result: points in range, repairs indexing real
// polygons, rejects naming the file and a record.
func checkSound(t *testing.T, res *importers.Result) {
	t.Helper()
	for _, s := range res.Stations {
		if !s.Level.Valid() || s.Point[0] < -180 || s.Point[0] > 180 || s.Point[1] < -90 || s.Point[1] > 90 {
			t.Fatalf("unsound station %+v", s)
		}
	}
	for _, o := range res.Outlets {
		if o.Category == "" || o.Point[1] < -90 || o.Point[1] > 90 {
			t.Fatalf("unsound outlet %+v", o)
		}
	}
	for _, c := range res.Communities {
		if len(c.Code) != 12 {
			t.Fatalf("community without a 12-digit code: %+v", c)
		}
	}
	for _, i := range res.NeedsRepair {
		if i < 0 || i >= len(res.Communities)+len(res.Compounds) {
			t.Fatalf("NeedsRepair index %d out of range", i)
		}
	}
	for _, r := range res.Rejects {
		if r.File == "" || r.Record < 1 || r.Reason == "" {
			t.Fatalf("reject without file, record or reason: %+v", r)
		}
	}
}

func addFixtures(f *testing.F, paths ...string) {
	for _, p := range paths {
		b, err := os.ReadFile(filepath.Join("testdata", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzReadCSV(f *testing.F) {
	addFixtures(f, "outlets.csv", "communities-wkt.csv", "bad/stations-swapped.csv", "bad/compounds-self-intersecting.csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "fuzz.csv", data) })
}

func FuzzReadGeoJSON(f *testing.F) {
	addFixtures(f, "communities.geojson", "bad/communities-self-intersecting.geojson", "bad/bare-geometry.geojson")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "fuzz.geojson", data) })
}

func FuzzReadXLSX(f *testing.F) {
	addFixtures(f, "stations.xlsx")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "fuzz.xlsx", data) })
}
