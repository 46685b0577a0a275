package coverage

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/uber/h3-go/v4"
)

// vertexKey identifies a cell vertex; neighbouring cells compute the same vertex to within
// floating-point noise, so coordinates are rounded to 1e-9° (≈ 0.1 mm).
type vertexKey [2]int64

func keyOf(p orb.Point) vertexKey {
	return vertexKey{int64(math.Round(p[0] * 1e9)), int64(math.Round(p[1] * 1e9))}
}

// MergeCells merges H3 cells into a multipolygon (lon, lat WGS84): each cell's boundary
// edges that another cell of the set shares cancel out, and the rest chain into rings —
// outer rings counter-clockwise, holes clockwise and placed in the outer ring that holds
// them. Cells that are not valid H3 cells add nothing. Equal input gives equal output.
func MergeCells(cells []h3.Cell) orb.MultiPolygon {
	if len(cells) == 0 {
		return nil
	}
	type edge struct{ a, b vertexKey }
	pts := map[vertexKey]orb.Point{}
	count := map[edge]int{}
	var order []edge
	for _, c := range cells {
		poly := CellPolygon(c)
		if len(poly) == 0 {
			continue
		}
		bd := poly[0][:len(poly[0])-1] // without the closing vertex
		for i := range bd {
			a, b := keyOf(bd[i]), keyOf(bd[(i+1)%len(bd)])
			pts[a] = bd[i]
			if count[edge{b, a}] > 0 {
				count[edge{b, a}]--
				continue
			}
			count[edge{a, b}]++
			order = append(order, edge{a, b})
		}
	}
	next := map[vertexKey][]vertexKey{}
	for _, e := range order {
		if count[e] > 0 {
			count[e]--
			next[e.a] = append(next[e.a], e.b)
		}
	}
	var rings []orb.Ring
	for _, e := range order {
		for len(next[e.a]) > 0 {
			rings = append(rings, traceRing(e.a, next, pts))
		}
	}
	return assembleRings(rings)
}

func traceRing(start vertexKey, next map[vertexKey][]vertexKey, pts map[vertexKey]orb.Point) orb.Ring {
	ring := orb.Ring{pts[start]}
	v := start
	for {
		outs := next[v]
		if len(outs) == 0 {
			break
		}
		w := outs[len(outs)-1]
		next[v] = outs[:len(outs)-1]
		ring = append(ring, pts[w])
		v = w
		if v == start {
			break
		}
	}
	return ring
}

// assembleRings makes polygons of counter-clockwise shells and clockwise holes.
func assembleRings(rings []orb.Ring) orb.MultiPolygon {
	var mp orb.MultiPolygon
	var holes []orb.Ring
	for _, r := range rings {
		if len(r) < 4 {
			continue
		}
		if r.Orientation() == orb.CCW {
			mp = append(mp, orb.Polygon{r})
		} else {
			holes = append(holes, r)
		}
	}
	for _, h := range holes {
		for i := range mp {
			if planar.RingContains(mp[i][0], h[0]) || planar.RingContains(mp[i][0], centroidOf(h)) {
				mp[i] = append(mp[i], h)
				break
			}
		}
	}
	return mp
}

func centroidOf(r orb.Ring) orb.Point {
	c, _ := planar.CentroidArea(r)
	return c
}
