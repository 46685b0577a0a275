package district_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/osmimport"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/paulmach/orb/planar"
)

// TestOSMImportKeepsTheRegionsOwn imports the bundled Chengdu extract into a region that
// holds 锦江区 (510104) only: every outlet and station candidate stored lies inside the
// district (checked by point-in-polygon here, independently of the import), the ones
// outside are counted as left out, their sum is the extract's, and the walk network is
// stored whole.
func TestOSMImportKeepsTheRegionsOwn(t *testing.T) {
	ctx := context.Background()
	pool, _ := postgistest.New(t)
	db := pool.InRegion("510104")
	root := testenv.RepoRoot(t)
	admin := filepath.Join(root, "data", "admin", "chengdu-central-districts-gcj02.json")
	importBorderDistricts(t, db, borderDistrictsFile(t, admin, 510104), 1)
	cats, err := geo.ParseCategories(data.Categories())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(root, "data", "osm", "chengdu-central.osm.pbf")
	whole, err := osmimport.ReadFile(ctx, path, osmimport.Options{Categories: cats})
	if err != nil {
		t.Fatal(err)
	}
	res, err := district.ImportOSM(ctx, db, district.OSMRequest{Path: path, Read: osmimport.Options{Categories: cats}, Walk: geo.DefaultWalkModel()})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := db.Districts(ctx)
	if err != nil || len(ds) != 1 {
		t.Fatalf("districts: %d, %v", len(ds), err)
	}
	outlets, err := db.Outlets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range outlets {
		if !planar.MultiPolygonContains(ds[0].Boundary, o.Point) {
			t.Errorf("outlet %s at %v stored, outside 510104", o.ID, o.Point)
		}
	}
	if res.Outside.Outlets == 0 || len(outlets) == 0 {
		t.Fatalf("outlets kept %d, left out %d: the extract lies across several districts, want both > 0", len(outlets), res.Outside.Outlets)
	}
	if got := len(outlets) + res.Outside.Outlets; got != len(whole.Outlets) {
		t.Errorf("outlets kept + left out = %d, the extract holds %d", got, len(whole.Outlets))
	}
	if got := res.Summary.Stations + res.Outside.Stations; got != len(whole.Stations) {
		t.Errorf("station candidates kept + left out = %d, the extract holds %d", got, len(whole.Stations))
	}
	if res.Summary.Edges != len(whole.Edges) {
		t.Errorf("walk edges stored %d, the extract holds %d: the network must be kept whole for the halo", res.Summary.Edges, len(whole.Edges))
	}
}
