package district_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/importers/osmimport"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/uber/h3-go/v4"
)

// TestChengduDistrictClipsTheNetwork imports DataV's GCJ-02 boundaries of Chengdu's
// districts (all of them), then 锦江区 alone cut from the same file, and the central
// Chengdu OpenStreetMap extract; after recompute the engine's walk network holds no node
// farther from 锦江区 than its halo (plus the halo mask's slack), some of the extract's
// nodes are left out, and every cell's centre lies inside the district — both measured by
// PostGIS (ST_DWithin and ST_Contains in EPSG:4544 metres), not by the engine.
func TestChengduDistrictClipsTheNetwork(t *testing.T) {
	all := testenv.SharedData(t, "admin", "chengdu-districts-gcj02.json")
	db, url := postgistest.New(t)
	ctx := context.Background()
	gcj, _ := crs.ParseRef("gcj02")
	importDistricts := func(path string, want int) {
		t.Helper()
		req := district.ImportRequest{Kind: importers.KindDistricts, Path: path, Mode: geo.ModeReplace, Read: importers.Options{CRS: gcj}}
		_, s, err := district.Import(ctx, db, req)
		if err != nil {
			t.Fatalf("import district %s: %v", filepath.Base(path), err)
		}
		if s.Inserted+s.Updated != want {
			t.Fatalf("%s: %d districts stored, want %d", filepath.Base(path), s.Inserted+s.Updated, want)
		}
	}
	importDistricts(all, 20)
	importDistricts(borderDistrictsFile(t, all, 510104), 1)
	cats, err := geo.ParseCategories(data.Categories())
	if err != nil {
		t.Fatal(err)
	}
	pbf := filepath.Join(testenv.RepoRoot(t), "data", "osm", "chengdu-central.osm.pbf")
	osm, err := district.ImportOSM(ctx, db, district.OSMRequest{Path: pbf, Read: osmimport.Options{Categories: cats}, Walk: geo.DefaultWalkModel(), AllowShrink: true})
	if err != nil {
		t.Fatal(err)
	}
	c, err := district.Recompute(ctx, db, district.RecomputeOptions{Engine: engineOpts, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	e := c.Engine
	if e.Clip == nil || e.Clip.DroppedNodes == 0 || e.Graph.NumNodes() >= osm.Summary.Nodes {
		t.Fatalf("clip %+v, graph %d nodes of the %d imported: want the extract cut to 锦江区's halo", e.Clip, e.Graph.NumNodes(), osm.Summary.Nodes)
	}
	var xs, ys []float64
	for i := range e.Graph.NumNodes() {
		p := e.Graph.NodePoint(int32(i))
		xs, ys = append(xs, p[0]), append(ys, p[1])
	}
	var cx, cy []float64
	for _, cell := range e.Cells {
		ll := h3.CellToLatLng(cell.H3)
		cx, cy = append(cx, ll.Lng), append(cy, ll.Lat)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	const slackM = 3000 // the resolution-8 mask's rings reach up to about three cell spacings beyond the halo
	var far, outside int
	err = conn.QueryRow(ctx, `WITH d AS (SELECT ST_Transform(ST_Union(boundary), 4544) AS g FROM districts)
		SELECT (SELECT count(*) FROM unnest($1::float8[], $2::float8[]) AS n(x, y), d
		          WHERE NOT ST_DWithin(ST_Transform(ST_SetSRID(ST_MakePoint(x, y), 4326), 4544), d.g, $3)),
		       (SELECT count(*) FROM unnest($4::float8[], $5::float8[]) AS c(x, y), d
		          WHERE NOT ST_Contains(d.g, ST_Transform(ST_SetSRID(ST_MakePoint(x, y), 4326), 4544)))`,
		xs, ys, e.Clip.HaloM+slackM, cx, cy).Scan(&far, &outside)
	if err != nil {
		t.Fatal(err)
	}
	if far > 0 || outside > 0 || len(cx) == 0 {
		t.Errorf("%d of %d nodes farther than %.0f m from 锦江区; %d of %d cells with their centre outside it", far, len(xs), e.Clip.HaloM+slackM, outside, len(cx))
	}
}
