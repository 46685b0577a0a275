package importers

import (
	"context"
	"math"

	"github.com/paulmach/orb"
)

// bruteForceEdges is the ring size up to which every pair of edges is tested; larger
// rings are swept.
const bruteForceEdges = 64

// ringSelfIntersection finds a place where a closed ring (no repeated consecutive
// vertices) crosses or touches itself: two non-adjacent edges that meet, or two adjacent
// edges that fold back onto each other. Small rings test every pair of edges; large ones
// are swept (sweepIntersection), O(n log n) whatever their shape. The error is ctx's, for
// a check cancelled.
func ringSelfIntersection(ctx context.Context, ring orb.Ring) (orb.Point, bool, error) {
	return ringSelfIntersectionUpTo(ctx, ring, bruteForceEdges)
}

// ringSelfIntersectionUpTo is ringSelfIntersection testing every pair of edges up to
// bruteMax edges.
func ringSelfIntersectionUpTo(ctx context.Context, ring orb.Ring, bruteMax int) (orb.Point, bool, error) {
	n := len(ring) - 1 // edges
	if n < 3 {
		return orb.Point{}, false, nil
	}
	for i := range n {
		if at, bad := foldsBack(ring[i], ring[i+1], ring[(i+2)%n]); bad {
			return at, true, nil
		}
	}
	if n <= bruteMax {
		at, bad := pairsIntersection(ring)
		return at, bad, nil
	}
	return sweepIntersection(ctx, ring)
}

// pairsIntersection tests every pair of non-adjacent edges: O(n²), the reference the
// sweep is tested against.
func pairsIntersection(ring orb.Ring) (orb.Point, bool) {
	n := len(ring) - 1
	for i := range n {
		for j := i + 2; j < n; j++ {
			if at, bad := edgesMeet(ring, i, j); bad {
				return at, true
			}
		}
	}
	return orb.Point{}, false
}

// edgesMeet tests edges i and j of ring, unless they are adjacent.
func edgesMeet(ring orb.Ring, i, j int) (orb.Point, bool) {
	if adjacent(i, j, len(ring)-1) {
		return orb.Point{}, false
	}
	p1, p2, q1, q2 := ring[i], ring[i+1], ring[j], ring[j+1]
	if !segmentsIntersect(p1, p2, q1, q2) {
		return orb.Point{}, false
	}
	return meetingPoint(p1, p2, q1, q2), true
}

// adjacent reports whether edges i and j of a ring of n edges share a vertex.
func adjacent(i, j, n int) bool {
	d := i - j
	if d < 0 {
		d = -d
	}
	return d == 1 || d == n-1
}

// foldsBack reports whether consecutive edges p→q and q→r overlap: collinear with r on
// the same side of q as p.
func foldsBack(p, q, r orb.Point) (orb.Point, bool) {
	if orient(p, q, r) != 0 {
		return orb.Point{}, false
	}
	dot := (p[0]-q[0])*(r[0]-q[0]) + (p[1]-q[1])*(r[1]-q[1])
	return q, dot > 0
}

// orient is the sign of the cross product (b−a) × (c−a): >0 left turn, <0 right, 0
// collinear.
func orient(a, b, c orb.Point) float64 {
	v := (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// onSegment reports whether c, collinear with a and b, lies within their bounding box.
func onSegment(a, b, c orb.Point) bool {
	return math.Min(a[0], b[0]) <= c[0] && c[0] <= math.Max(a[0], b[0]) &&
		math.Min(a[1], b[1]) <= c[1] && c[1] <= math.Max(a[1], b[1])
}

// segmentsIntersect reports whether segments p1p2 and q1q2 share at least one point.
func segmentsIntersect(p1, p2, q1, q2 orb.Point) bool {
	d1, d2 := orient(q1, q2, p1), orient(q1, q2, p2)
	d3, d4 := orient(p1, p2, q1), orient(p1, p2, q2)
	if d1*d2 < 0 && d3*d4 < 0 {
		return true
	}
	return (d1 == 0 && onSegment(q1, q2, p1)) || (d2 == 0 && onSegment(q1, q2, p2)) ||
		(d3 == 0 && onSegment(p1, p2, q1)) || (d4 == 0 && onSegment(p1, p2, q2))
}

// meetingPoint returns a point two intersecting segments share: where their lines cross,
// or for collinear ones an endpoint lying on the other segment.
func meetingPoint(p1, p2, q1, q2 orb.Point) orb.Point {
	rx, ry := p2[0]-p1[0], p2[1]-p1[1]
	sx, sy := q2[0]-q1[0], q2[1]-q1[1]
	den := rx*sy - ry*sx
	if den == 0 {
		for _, c := range []orb.Point{q1, q2} {
			if onSegment(p1, p2, c) {
				return c
			}
		}
		return p1
	}
	t := ((q1[0]-p1[0])*sy - (q1[1]-p1[1])*sx) / den
	return orb.Point{p1[0] + t*rx, p1[1] + t*ry}
}
