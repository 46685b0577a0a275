package report

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// vertexKey identifies an H3 cell vertex: neighbouring cells compute the same vertex to
// within floating-point noise, so it is rounded to 1e-9° (≈ 0.1 mm).
type vertexKey [2]int64

func keyOf(ll h3.LatLng) vertexKey {
	return vertexKey{int64(math.Round(ll.Lng * 1e9)), int64(math.Round(ll.Lat * 1e9))}
}

// mergeCells returns the outline of the union of cells as closed rings of WGS84 (lon, lat)
// points: every edge two cells of the set share cancels out and the remaining edges chain
// into rings, outer rings and holes alike, so draw them with fill-rule evenodd. The order
// of rings follows the order of cells, so equal input gives equal output.
func mergeCells(cells []h3.Cell) []orb.Ring {
	type edge struct{ a, b vertexKey }
	pts := map[vertexKey]orb.Point{}
	live := map[edge]bool{}
	var order []edge
	for _, c := range cells {
		bd := c.Boundary()
		for i := range bd {
			a, b := keyOf(bd[i]), keyOf(bd[(i+1)%len(bd)])
			pts[a] = orb.Point{bd[i].Lng, bd[i].Lat}
			if live[edge{b, a}] {
				delete(live, edge{b, a})
				continue
			}
			live[edge{a, b}] = true
			order = append(order, edge{a, b})
		}
	}
	next := map[vertexKey][]vertexKey{}
	for _, e := range order {
		if live[e] {
			next[e.a] = append(next[e.a], e.b)
		}
	}
	var rings []orb.Ring
	for _, e := range order {
		for len(next[e.a]) > 0 {
			rings = append(rings, chainRing(e.a, next, pts))
		}
	}
	return rings
}

// chainRing follows the boundary edges from start until it returns there, using up the
// edges it walks.
func chainRing(start vertexKey, next map[vertexKey][]vertexKey, pts map[vertexKey]orb.Point) orb.Ring {
	r := orb.Ring{pts[start]}
	at := start
	for {
		outs := next[at]
		if len(outs) == 0 {
			break
		}
		to := outs[0]
		next[at] = outs[1:]
		r = append(r, pts[to])
		at = to
		if at == start {
			break
		}
	}
	return r
}
