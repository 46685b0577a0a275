package importers

import (
	"context"
	"fmt"

	"github.com/paulmach/orb"
)

// cleanArea drops repeated consecutive vertices and closes open rings, in a copy of mp.
// It returns a reason when a polygon has no rings or a ring has fewer than 4 points.
func cleanArea(mp orb.MultiPolygon) (orb.MultiPolygon, string) {
	out := make(orb.MultiPolygon, 0, len(mp))
	for pi, poly := range mp {
		if len(poly) == 0 {
			return nil, fmt.Sprintf("polygon %d has no rings", pi+1)
		}
		cp := make(orb.Polygon, 0, len(poly))
		for ri, ring := range poly {
			r := cleanRing(ring)
			if len(r) < 4 {
				return nil, fmt.Sprintf("ring %d of polygon %d has %d points: a ring needs at least 4 (3 corners and the first again)", ri+1, pi+1, len(r))
			}
			cp = append(cp, r)
		}
		out = append(out, cp)
	}
	return out, ""
}

// cleanRing returns ring without repeated consecutive vertices, closed.
func cleanRing(ring orb.Ring) orb.Ring {
	r := make(orb.Ring, 0, len(ring)+1)
	for _, p := range ring {
		if len(r) == 0 || r[len(r)-1] != p {
			r = append(r, p)
		}
	}
	if len(r) > 0 && r[0] != r[len(r)-1] {
		r = append(r, r[0])
	}
	return r
}

// firstOutOfRange returns the first vertex outside [-180, 180] × [-90, 90].
func firstOutOfRange(mp orb.MultiPolygon) (orb.Point, bool) {
	for _, poly := range mp {
		for _, ring := range poly {
			for _, p := range ring {
				if !inRange(p) {
					return p, true
				}
			}
		}
	}
	return orb.Point{}, false
}

// selfIntersection reports whether a ring of mp crosses or touches itself, and about
// where. Rings are closed and free of repeated consecutive vertices (cleanArea). The
// error is ctx's, for a check cancelled.
func selfIntersection(ctx context.Context, mp orb.MultiPolygon) (orb.Point, bool, error) {
	for _, poly := range mp {
		for _, ring := range poly {
			if at, bad, err := ringSelfIntersection(ctx, ring); bad || err != nil {
				return at, bad, err
			}
		}
	}
	return orb.Point{}, false, nil
}
