package main_test

import (
	"context"
	"math"
	"regexp"
	"sort"
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/health"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
	"github.com/paulmach/orb/planar"
)

var buildingsLine = regexp.MustCompile(`buildings: \d+ of \d+ counted as homes[^\n]*`)

var spreadLine = regexp.MustCompile(`population spread: (\d+) communities by building floor area, (\d+) by residential land, (\d+) by cell area`)

// floorResidentsSQL is the independent figure of the residents in the polygon $1, by
// the model's rule (docs/model.md "Population per cell") but on exact geometries rather
// than cells: each community with a population spreads it over the floor area (footprint
// m² × levels, $2 where untagged) of the counted buildings whose centroid it holds —
// every one not tagged building=yes, and those tagged yes whose centroid lies in
// landuse=residential — else over its residential land, else over its area; the answer
// is, per method, the sum over communities of population × the share inside $1.
const floorResidentsSQL = `
WITH iso AS (SELECT ST_SetSRID(ST_GeomFromWKB($1), 4326) AS g),
comm AS (SELECT code, population, boundary FROM communities WHERE population > 0 AND boundary IS NOT NULL),
counted AS (
  SELECT b.geom, coalesce(b.levels, $2) AS lv FROM buildings b
  WHERE b.kind <> 'yes' OR EXISTS (SELECT 1 FROM residential_areas r
    WHERE r.kind = 'landuse' AND ST_Contains(r.geom, ST_Centroid(b.geom)))),
floor AS (
  SELECT c.code, sum(ST_Area(k.geom::geography) * k.lv) AS total,
    sum(ST_Area(ST_Intersection(k.geom, iso.g)::geography) * k.lv) AS inside
  FROM comm c JOIN counted k ON ST_Contains(c.boundary, ST_Centroid(k.geom)) CROSS JOIN iso GROUP BY c.code),
land AS (
  SELECT c.code, sum(ST_Area(ST_Intersection(r.geom, c.boundary)::geography)) AS total,
    sum(ST_Area(ST_Intersection(ST_Intersection(r.geom, c.boundary), iso.g)::geography)) AS inside
  FROM comm c JOIN residential_areas r ON ST_Intersects(r.geom, c.boundary) CROSS JOIN iso GROUP BY c.code),
per AS (
  SELECT c.population,
    CASE WHEN f.total > 0 THEN 'buildings' WHEN l.total > 0 THEN 'residential' ELSE 'area' END AS method,
    CASE WHEN f.total > 0 THEN f.inside / f.total WHEN l.total > 0 THEN l.inside / l.total
      ELSE ST_Area(ST_Intersection(c.boundary, iso.g)::geography) / nullif(ST_Area(c.boundary::geography), 0) END AS share
  FROM comm c CROSS JOIN iso LEFT JOIN floor f USING (code) LEFT JOIN land l USING (code))
SELECT method, sum(population * coalesce(share, 0)) FROM per GROUP BY method`

// On the bundled Chengdu extract and its districts (the demo's chain): residents follow
// the buildings — those within 15 minutes of an isochrone centre are within 20 % of the
// floor area PostGIS finds in the isochrone polygon, scaled by the communities'
// populations — and no cell above the density bound goes without a finding.
func TestChengduResidentsFollowBuildings(t *testing.T) {
	ctx := context.Background()
	db, url := newDB(t)
	out := mustRun(t, url, "--lang", "en", "demo", "--serve=false")
	m := spreadLine.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("demo printed no population spread:\n%s", out)
	}
	if n, _ := strconv.Atoi(m[1]); n == 0 {
		t.Fatalf("no community spread by building floor area: %s", m[0])
	}
	t.Log(m[0])
	if b := buildingsLine.FindString(out); b != "" {
		t.Log(b)
	} else {
		t.Errorf("demo does not say how many buildings it counted with the default levels:\n%s", out)
	}
	c, err := district.Compute(ctx, db, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := c.Engine
	conn := connect(t, url)
	for _, ci := range centres(e, 3) {
		comm := e.Communities[ci]
		ctr, _ := planar.CentroidArea(comm.Boundary)
		bands, err := e.Isochrone(ctr, []float64{15})
		if err != nil {
			t.Fatalf("isochrone at %v (%s): %v", ctr, comm.Code, err)
		}
		got := bands[0].Population
		by := floorResidents(t, conn, bands[0].Polygon, e.Options.BuildingLevels)
		want := by["buildings"] + by["residential"] + by["area"]
		t.Logf("centre %s (%.5f, %.5f): engine %.0f residents within 15 min (%d cells); PostGIS %.0f (%.0f by floor area, %.0f by residential land, %.0f by area)",
			comm.Code, ctr[0], ctr[1], got, bands[0].Cells, want, by["buildings"], by["residential"], by["area"])
		if by["buildings"] <= 0 {
			t.Errorf("centre %s: no resident by floor area in PostGIS's figure", comm.Code)
		}
		if want <= 0 || math.Abs(got-want) > 0.2*want {
			t.Errorf("centre %s: engine %.0f residents within 15 min, PostGIS %.0f: more than 20 %% apart", comm.Code, got, want)
		}
	}
	checkDensityFindings(t, ctx, db, e)
}

// centres returns the n communities spread by floor area with the most residents.
func centres(e *engine.Engine, n int) []int {
	var idx []int
	for i, m := range e.PopulationMethods {
		if m == coverage.MethodBuildings {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return e.CommunityPopulation(idx[a]) > e.CommunityPopulation(idx[b]) })
	return idx[:min(n, len(idx))]
}

func floorResidents(tb testing.TB, conn *pgx.Conn, poly orb.MultiPolygon, levels float64) map[string]float64 {
	tb.Helper()
	b, err := wkb.Marshal(poly)
	if err != nil {
		tb.Fatal(err)
	}
	rows, err := conn.Query(context.Background(), floorResidentsSQL, b, levels)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]float64{}
	for rows.Next() {
		var m string
		var v float64
		if err := rows.Scan(&m, &v); err != nil {
			tb.Fatal(err)
		}
		out[m] = v
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// checkDensityFindings recounts the cells above the density bound per community and
// wants one population_density_outlier finding for each community with such cells, with
// that count and the worst density.
func checkDensityFindings(tb testing.TB, ctx context.Context, db district.FactStore, e *engine.Engine) {
	tb.Helper()
	type worst struct {
		n   int
		max float64
	}
	bound := health.DefaultOptions().MaxDensity
	commOf := map[string]string{} // H3 index → community code, "" none
	above := map[string]*worst{}
	for i, cell := range e.Cells {
		d := cell.Population / (cell.AreaM2 / 1e6)
		if !(d > bound) {
			continue
		}
		key := ""
		if ci := e.CellComm[i]; ci >= 0 {
			key = e.Communities[ci].Code
		}
		commOf[cell.H3.String()] = key
		w := above[key]
		if w == nil {
			w = &worst{}
			above[key] = w
		}
		w.n++
		w.max = math.Max(w.max, d)
	}
	checked, err := district.CheckEngine(ctx, db, e, health.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	found := map[string]health.Finding{}
	for _, f := range checked.Findings {
		if f.Code == health.CodePopulationDensityOutlier {
			found[commOf[f.Subject.ID]] = f
		}
	}
	tb.Logf("%d communities hold cells above %.0f residents/km², %d findings", len(above), bound, len(found))
	if len(found) != len(above) {
		tb.Errorf("%d density findings for %d communities with cells above the bound", len(found), len(above))
	}
	for code, w := range above {
		f, ok := found[code]
		if !ok {
			tb.Errorf("community %q: %d cells above the bound (worst %.0f/km²) and no finding", code, w.n, w.max)
			continue
		}
		if f.Count != w.n || math.Abs(f.Figure-w.max) > 1e-6*w.max {
			tb.Errorf("community %q: finding counts %d cells, worst %.0f; recounted %d, %.0f", code, f.Count, f.Figure, w.n, w.max)
		}
	}
}
