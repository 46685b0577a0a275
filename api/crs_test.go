package api_test

import (
	"fmt"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/paulmach/orb"
)

// TestCRSRoundTrip sends the same place as WGS84 and as its GCJ-02 / BD-09 twin: the walk
// is the same, and every coordinate comes back in the system asked for.
func TestCRSRoundTrip(t *testing.T) {
	s, _ := dbServer(t)
	from := offset(node(2, 7), 30, 50)
	station := node(2, 2)
	for _, sys := range []crs.System{crs.GCJ02, crs.BD09} {
		t.Run(string(sys), func(t *testing.T) {
			_, wgsBody := get(t, s.Handler(), "/api/v1/nearest?"+pointQuery(from)+"&level=community&geometry=true")
			twin := crs.FromWGS84(sys, from)
			body := getOK(t, s.Handler(), "/api/v1/nearest?"+pointQuery(twin)+"&level=community&geometry=true&crs="+string(sys))
			w, g := decode[nearestJSON](t, wgsBody), decode[nearestJSON](t, body)
			if g.CRS != string(sys) {
				t.Errorf("crs %q, want %s", g.CRS, sys)
			}
			if !near(g.Results[0].Minutes, w.Results[0].Minutes, 0.01) {
				t.Errorf("%s: %.4f min, WGS84 twin %.4f min", sys, g.Results[0].Minutes, w.Results[0].Minutes)
			}
			want := crs.FromWGS84(sys, station)
			got := orb.Point{g.Results[0].Lon, g.Results[0].Lat}
			if geo.HaversineM(got, want) > 0.01 {
				t.Errorf("station at %v, want %v (%s of %v)", got, want, sys, station)
			}
			if geo.HaversineM(got, station) < 100 {
				t.Errorf("station %v was not converted from WGS84 %v", got, station)
			}
			end := g.Results[0].Path.Coordinates[len(g.Results[0].Path.Coordinates)-1]
			if geo.HaversineM(orb.Point(end), want) > 0.01 {
				t.Errorf("path ends at %v, want %v", end, want)
			}
		})
	}
}

func TestCRSOnEveryKindOfAnswer(t *testing.T) {
	s := memoryServer(t)
	a, b := node(1, 1), node(6, 4)
	ga, gb := crs.WGS84ToGCJ02(a), crs.WGS84ToGCJ02(b)
	body := getOK(t, s.Handler(), fmt.Sprintf("/api/v1/route?from=%s&to=%s&crs=gcj02", pairQuery(ga), pairQuery(gb)))
	r := decode[routeJSON](t, body)
	if !near(r.Properties.Metres, 800, 1) {
		t.Errorf("route %.2f m, want 800", r.Properties.Metres)
	}
	last := orb.Point(r.Geometry.Coordinates[len(r.Geometry.Coordinates)-1])
	if geo.HaversineM(last, gb) > 1 {
		t.Errorf("route ends at %v, want the GCJ-02 end %v", last, gb)
	}
	body = getOK(t, s.Handler(), "/api/v1/stations?crs=gcj02&level=community")
	fc := decode[collectionJSON](t, body)
	pt := fc.Features[0].Geometry.Coordinates.([]any)
	got := orb.Point{pt[0].(float64), pt[1].(float64)}
	if want := crs.WGS84ToGCJ02(node(2, 2)); geo.HaversineM(got, want) > 0.01 {
		t.Errorf("station at %v, want %v", got, want)
	}
}
