package synth

import (
	"math"
	"math/rand/v2"

	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/paulmach/orb"
)

// frame converts the generator's local plane (x east, y north, metres from the south-west
// corner) to WGS84 (lon, lat) degrees with the equirectangular approximation around the
// district's middle latitude.
type frame struct {
	plane local.Plane // origin: WGS84 (lon, lat) of local (0, 0); longitudes scaled at the middle latitude
}

// newFrame returns the frame for a district heightM metres tall whose south-west corner
// is origin (lon, lat).
func newFrame(origin orb.Point, heightM float64) frame {
	midLat := origin[1] + heightM/2/local.MetresPerDegreeLat
	return frame{plane: local.NewPlaneAtLat(origin, midLat)}
}

// lonLat converts local metres (x, y) to WGS84 (lon, lat) degrees.
func (f frame) lonLat(p orb.Point) orb.Point { return f.plane.LonLat(p[0], p[1]) }

// rect is an axis-parallel rectangle on the local plane, metres.
type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) w() float64 { return r.x1 - r.x0 }
func (r rect) h() float64 { return r.y1 - r.y0 }

// inset returns r shrunk by d metres on every side (never past its centre).
func (r rect) inset(d float64) rect {
	d = math.Min(d, math.Min(r.w(), r.h())/2-0.5)
	return rect{r.x0 + d, r.y0 + d, r.x1 - d, r.y1 - d}
}

// centre returns the middle of r.
func (r rect) centre() orb.Point { return orb.Point{(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2} }

// area returns r's area in m².
func (r rect) area() float64 { return r.w() * r.h() }

// polygon returns r as a one-ring WGS84 MultiPolygon, counter-clockwise, closed.
func (f frame) polygon(r rect) orb.MultiPolygon {
	ring := orb.Ring{
		f.lonLat(orb.Point{r.x0, r.y0}), f.lonLat(orb.Point{r.x1, r.y0}),
		f.lonLat(orb.Point{r.x1, r.y1}), f.lonLat(orb.Point{r.x0, r.y1}),
		f.lonLat(orb.Point{r.x0, r.y0}),
	}
	return orb.MultiPolygon{orb.Polygon{ring}}
}

// randomIn returns a uniformly random point of r.
func randomIn(rng *rand.Rand, r rect) orb.Point {
	return orb.Point{uniform(rng, r.x0, r.x1), uniform(rng, r.y0, r.y1)}
}

// stream returns a PCG random source for one part of the generation, so that parts draw
// independent numbers and stay the same when other parts change.
func stream(seed, part uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, part*0x9e3779b97f4a7c15+0x632be59bd9b4e019))
}

// uniform returns a uniform float in [a, b).
func uniform(rng *rand.Rand, a, b float64) float64 { return a + (b-a)*rng.Float64() }

// chance reports true with probability p.
func chance(rng *rand.Rand, p float64) bool { return rng.Float64() < p }
