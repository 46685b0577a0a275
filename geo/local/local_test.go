package local_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/local"
)

func TestMetresPerDegree(t *testing.T) {
	// R·π/180 with R = 6 371 008.8 m, 6 371 008.8 × 0.017 453 292 5 = 111 195.080 2 m.
	if got := local.MetresPerDegreeLat; math.Abs(got-111195.0802) > 1e-3 {
		t.Errorf("MetresPerDegreeLat = %.4f, want 111195.0802", got)
	}
	cases := []struct {
		name string
		lat  float64
		want float64 // m per degree of longitude
	}{
		{"equator", 0, 111195.0802},
		{"60° north: half", 60, 111195.0802 / 2},
		{"60° south: half", -60, 111195.0802 / 2},
		{"pole", 90, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := local.MetresPerDegreeLon(c.lat); math.Abs(got-c.want) > 1e-3 {
				t.Errorf("MetresPerDegreeLon(%v) = %.4f, want %.4f", c.lat, got, c.want)
			}
			if got := local.LonScale(c.lat) * local.MetresPerDegreeLat; got != local.MetresPerDegreeLon(c.lat) {
				t.Errorf("LonScale(%v)·MetresPerDegreeLat = %v, MetresPerDegreeLon %v", c.lat, got, local.MetresPerDegreeLon(c.lat))
			}
		})
	}
}

// TestMetresPerDegreeMatchesHaversine compares a degree of latitude, and a short step of
// longitude, with great-circle lengths on the same sphere.
func TestMetresPerDegreeMatchesHaversine(t *testing.T) {
	for _, lat := range []float64{-45, 0, 22.5, 30.6, 39.9, 60} {
		meridian := geo.HaversineM(orb.Point{104, lat}, orb.Point{104, lat + 1})
		if math.Abs(meridian-local.MetresPerDegreeLat) > 1e-6 {
			t.Errorf("lat %v: a degree of meridian is %.6f m by haversine, %.6f by MetresPerDegreeLat", lat, meridian, local.MetresPerDegreeLat)
		}
		// Along a parallel the great circle is a little shorter than the parallel itself;
		// over 0.001° the difference is far below a millimetre.
		parallel := geo.HaversineM(orb.Point{104, lat}, orb.Point{104.001, lat}) * 1000
		if rel := math.Abs(parallel-local.MetresPerDegreeLon(lat)) / parallel; rel > 1e-6 {
			t.Errorf("lat %v: 0.001° of parallel is %.6f m/° by haversine, %.6f by MetresPerDegreeLon", lat, parallel, local.MetresPerDegreeLon(lat))
		}
	}
}

func TestPlane(t *testing.T) {
	origin := orb.Point{104.06, 30.66}
	pl := local.NewPlane(origin)
	cases := []struct {
		name       string
		east, nrth float64 // metres from origin
	}{
		{"origin", 0, 0},
		{"east", 1000, 0},
		{"north", 0, 1000},
		{"south-west", -2500, -1800},
		{"far north-east", 5000, 5000},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := pl.LonLat(c.east, c.nrth)
			x, y := pl.XY(p)
			if math.Abs(x-c.east) > 1e-6 || math.Abs(y-c.nrth) > 1e-6 {
				t.Errorf("XY(LonLat(%v, %v)) = (%v, %v)", c.east, c.nrth, x, y)
			}
			want := math.Hypot(c.east, c.nrth)
			if d := geo.HaversineM(origin, p); math.Abs(d-want) > 1e-3*want+1e-9 {
				t.Errorf("LonLat(%v, %v) lies %.3f m from the origin by haversine, want %.3f (0.1 %%)", c.east, c.nrth, d, want)
			}
		})
	}
}

func TestPlaneAtLat(t *testing.T) {
	corner := orb.Point{104, 30}
	pl := local.NewPlaneAtLat(corner, 30.3)
	if pl.KX != local.MetresPerDegreeLon(30.3) || pl.KY != local.MetresPerDegreeLat {
		t.Errorf("scales (%v, %v), want those of latitude 30.3", pl.KX, pl.KY)
	}
	if x, y := pl.XY(corner); x != 0 || y != 0 {
		t.Errorf("corner maps to (%v, %v), want (0, 0)", x, y)
	}
	// 1 km east along the middle latitude is 1 km of great circle there.
	a, b := pl.LonLat(0, 0.3*local.MetresPerDegreeLat), pl.LonLat(1000, 0.3*local.MetresPerDegreeLat)
	if d := geo.HaversineM(a, b); math.Abs(d-1000) > 1e-3 {
		t.Errorf("1 km east at the middle latitude is %.4f m of great circle", d)
	}
}
