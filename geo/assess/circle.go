package assess

import (
	"math"
	"sort"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
)

// KindCircle is the target kind of a named service circle in answers (engine.Target.Kind
// is otherwise engine.KindCategory or engine.KindLevel).
const KindCircle = "circle"

// Circle is a named service circle (data/circles.json): residents are in it when every
// one of its facilities is within Minutes' walk, a facility being met by the nearest of
// any of its targets (outlet categories, station levels).
type Circle struct {
	Key            string
	NameZH, NameEN string
	Minutes        float64 // the circle's own walking minutes
	Facilities     []CircleFacility
}

// CircleFacility is one facility of a circle: met where any of Targets is within reach.
type CircleFacility struct {
	Key     string
	Targets []engine.Target
}

// Target is the circle as an answer's target: kind KindCircle, its key.
func (c Circle) Target() engine.Target { return engine.Target{Kind: KindCircle, Key: c.Key} }

// circleSeconds returns each cell's walk time (seconds) to the circle: the largest over
// its facilities of the time to the nearest of the facility's targets, exact up to at
// least minutes; NaN for off-network cells, +Inf where a facility is not reached. It
// also counts the facilities of every target (an outlet or station counted once per
// target it belongs to).
func circleSeconds(e *engine.Engine, c Circle, minutes float64) ([]float32, int, error) {
	if len(c.Facilities) == 0 {
		return nil, 0, geo.Errorf(geo.EINVALID, "circle %q has no facilities", c.Key)
	}
	out := make([]float32, len(e.Cells))
	count := 0
	seen := map[engine.Target]bool{}
	for f, fac := range c.Facilities {
		near := make([]float32, len(e.Cells))
		for i := range near {
			near[i] = float32(math.Inf(1))
		}
		for _, t := range fac.Targets {
			k, err := resultFor(e, t)
			if err != nil {
				return nil, 0, geo.WrapError(geo.EINVALID, err, "circle %q, facility %q", c.Key, fac.Key)
			}
			secs, err := walkSeconds(e, k, minutes)
			if err != nil {
				return nil, 0, err
			}
			if !seen[t] {
				seen[t] = true
				count += len(e.Sets[k].Points) - e.HaloFacilities(t) // the region's own
			}
			for i, s := range secs {
				if s < near[i] || s != s {
					near[i] = s
				}
			}
		}
		for i, s := range near {
			if f == 0 || s > out[i] || s != s {
				out[i] = s
			}
		}
	}
	return out, count, nil
}

// CircleNearest is one facility of a circle and its nearest outlets or stations.
type CircleNearest struct {
	Facility string              // the circle facility's key
	Hits     []engine.NearestHit // nearest first, at most k
	Total    int                 // outlets and stations of the facility's targets
}

// CircleNearestHits returns, for each facility of c in its order, the k outlets or stations of
// the facility's targets nearest on foot from p (lon, lat WGS84), nearest first, within the
// engine's max minutes (with paths when withPath), and how many of them exist. Errors as
// engine.Nearest; a circle without facilities is EINVALID.
func CircleNearestHits(e *engine.Engine, c Circle, p orb.Point, k int, withPath bool) ([]CircleNearest, error) {
	if len(c.Facilities) == 0 {
		return nil, geo.Errorf(geo.EINVALID, "circle %q has no facilities", c.Key)
	}
	out := make([]CircleNearest, len(c.Facilities))
	for i, fac := range c.Facilities {
		n := CircleNearest{Facility: fac.Key}
		seen, all := map[string]bool{}, map[string]bool{}
		for _, t := range fac.Targets {
			hits, err := e.Nearest(p, t, k, withPath)
			if err != nil {
				return nil, err
			}
			for _, h := range hits {
				if !seen[h.ID] {
					seen[h.ID] = true
					n.Hits = append(n.Hits, h)
				}
			}
			fs, _ := e.Facilities(t)
			for _, f := range fs {
				all[f.ID] = true // a facility of two of the targets counts once, as in Hits
			}
		}
		n.Total = len(all)
		sort.SliceStable(n.Hits, func(a, b int) bool { return n.Hits[a].Minutes < n.Hits[b].Minutes })
		if len(n.Hits) > k {
			n.Hits = n.Hits[:k]
		}
		out[i] = n
	}
	return out, nil
}
