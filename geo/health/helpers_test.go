package health_test

import (
	"context"
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/health"
	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/lifecircle/lifecircle/importers/osmimport"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/paulmach/orb"
)

// chengdu reads the central Chengdu OpenStreetMap extract.
func chengdu(tb testing.TB) *osmimport.Result {
	tb.Helper()
	res, err := osmimport.ReadFile(context.Background(), testenv.SharedData(tb, "osm/chengdu-central.osm.pbf"), osmimport.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// load builds an engine (not computed) of d on the network.
func load(tb testing.TB, d engine.Data, nodes []geo.WalkNode, edges []geo.WalkEdge, opts engine.Options) *engine.Engine {
	tb.Helper()
	e, err := engine.New(d, nodes, edges, opts)
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

// check runs the health check with default options.
func check(tb testing.TB, e *engine.Engine, facts health.Facts) []health.Finding {
	tb.Helper()
	fs, err := health.Check(e, facts, health.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return fs
}

// withCode returns the findings of one code.
func withCode(fs []health.Finding, code health.Code) []health.Finding {
	var out []health.Finding
	for _, f := range fs {
		if f.Code == code {
			out = append(out, f)
		}
	}
	return out
}

// about returns the one finding of code about the subject ID, failing the test when there
// is not exactly one.
func about(tb testing.TB, fs []health.Finding, code health.Code, id string) health.Finding {
	tb.Helper()
	var out []health.Finding
	for _, f := range withCode(fs, code) {
		if f.Subject.ID == id {
			out = append(out, f)
		}
	}
	if len(out) != 1 {
		tb.Fatalf("%d %s findings about %q, want 1; all findings: %+v", len(out), code, id, fs)
	}
	return out[0]
}

// near fails the test unless got is within tol of want.
func near(tb testing.TB, what string, got, want, tol float64) {
	tb.Helper()
	if !(math.Abs(got-want) <= tol) {
		tb.Errorf("%s = %.6g, want %.6g ± %.3g", what, got, want, tol)
	}
}

// The line district: one straight east–west street of lineN × 100 m along latitude 30°,
// and a community covering the strip ± 0.002° of latitude around it, so that distances
// and walk times can be worked out by hand.
const (
	lineLat   = fixture.LineLat
	lineN     = 20
	stripHalf = 0.002 // degrees of latitude each side of the street
)

// degLatM is metres per degree of latitude on the model's sphere.
const degLatM = local.MetresPerDegreeLat

// lineDLon is the longitude step of 100 m along latitude 30°.
var lineDLon = fixture.LineDLon

func linePoint(i float64) orb.Point { return orb.Point{104 + i*lineDLon, lineLat} }

// lineNetwork returns the street's nodes and edges (fixture.LineDistrict's).
func lineNetwork() ([]geo.WalkNode, []geo.WalkEdge) {
	nodes, edges, _ := fixture.LineDistrict(lineN)
	return nodes, edges
}

// lineData is the clean line district: fixture.LineDistrict's strip community with 10 000
// residents, community station at the west end and supermarket in the middle, both read
// from a file (Source "file").
func lineData() engine.Data {
	_, _, d := fixture.LineDistrict(lineN)
	d.Stations[0].Source = "file"
	d.Outlets[0].Source = "file"
	return d
}

// rectAreaKm2 is the area on the sphere of a lon/lat rectangle, in km²:
// R² · Δλ · (sin φ1 − sin φ0).
func rectAreaKm2(lon0, lat0, lon1, lat1 float64) float64 {
	r := math.Pi / 180
	return geo.EarthRadiusM * geo.EarthRadiusM * (lon1 - lon0) * r * (math.Sin(lat1*r) - math.Sin(lat0*r)) / 1e6
}
