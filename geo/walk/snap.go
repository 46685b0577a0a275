package walk

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/local"
)

// Snap is where a point joins the network: the nearest point of the nearest walkable
// segment. Coordinates are (lon, lat) WGS84; lengths are metres.
type Snap struct {
	Point     orb.Point // the joining point on the segment (lon, lat); the input point when no segment exists
	Edge      int32     // internal edge index; -1 when the graph has no segment or the input was invalid
	Along     float64   // metres from the edge's source node along its geometry to Point
	AccessM   float64   // metres of the straight access leg from Origin to Point; +Inf when no segment was found
	OnNetwork bool      // AccessM <= model.MaxSnapM
	Origin    orb.Point // the point that was snapped (lon, lat); routes and paths start or end here
}

// Snap joins p, a (lon, lat) WGS84 point, to the network at the nearest point of the
// nearest walkable segment (each straight piece of each edge's polyline). The foot of the
// perpendicular is computed in an equirectangular frame centred on p (longitudes scaled by
// cos(lat of p)); distances are great-circle metres (geo.HaversineM). Among segments at the
// same distance the one listed first (internal edge order, then point order) wins. A point farther
// than model.MaxSnapM metres from every segment is returned with OnNetwork false but with
// its AccessM set; an invalid point or a graph without segments gives Edge -1 and AccessM
// +Inf.
func (g *Graph) Snap(p orb.Point) Snap {
	none := Snap{Point: p, Origin: p, Edge: -1, AccessM: math.Inf(1)}
	if g.index == nil || !validPoint(p) {
		return none
	}
	seg, foot, d := g.index.nearest(g, p)
	if seg < 0 {
		return none
	}
	e := g.index.segEdge[seg]
	along := 0.0
	for i := g.geomOff[e]; i < seg; i++ {
		along += geo.HaversineM(g.pts[i], g.pts[i+1])
	}
	along += geo.HaversineM(g.pts[seg], foot)
	return Snap{Point: foot, Origin: p, Edge: e, Along: along, AccessM: d, OnNetwork: d <= g.model.MaxSnapM}
}

// SnapAll snaps every (lon, lat) WGS84 point of ps like Snap, in parallel over GOMAXPROCS
// goroutines; the result has the order of ps. The points are snapped in the order of a
// Hilbert curve over them (snapOrder), so that consecutive snaps read nearby cells and
// geometry, mostly from the cache; each result is the one Snap gives.
func (g *Graph) SnapAll(ps []orb.Point) []Snap {
	out := make([]Snap, len(ps))
	order := snapOrder(ps)
	const chunk = 256
	workers := min(runtime.GOMAXPROCS(0), (len(ps)+chunk-1)/chunk)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(ps) {
					return
				}
				for k := lo; k < min(lo+chunk, len(ps)); k++ {
					i := k
					if order != nil {
						i = int(order[k])
					}
					out[i] = g.Snap(ps[i])
				}
			}
		}()
	}
	wg.Wait()
	return out
}

// candidate is the best segment found so far by a nearest-segment search.
type candidate struct {
	seg  int32
	foot orb.Point
	dist float64 // great-circle metres
}

// nearest returns the nearest segment to p (lowest index among equals), the foot of the
// perpendicular on it and its great-circle distance in metres; seg -1 when none. It scans
// rings of cells around p's cell (clamped to the grid: first that cell, then the border
// of the 3 × 3 block around it, of the 5 × 5 block, and so on, as gridindex's
// Index.Nearest does) until no unscanned cell can hold a nearer segment.
func (ix *segIndex) nearest(g *Graph, p orb.Point) (seg int32, foot orb.Point, dist float64) {
	best := candidate{seg: -1, dist: math.Inf(1)}
	if len(ix.items) == 0 || !validPoint(p) {
		return best.seg, best.foot, best.dist
	}
	s := &ix.grid
	kx := local.LonScale(p[1])
	cx, cy := s.grid.Col(p[0]), s.grid.Row(p[1])
	for k := 0; ; k++ {
		x0, x1, y0, y1 := cx-k, cx+k, cy-k, cy+k
		ix.ring(g, p, kx, x0, x1, y0, y1, &best)
		if x0 <= 0 && y0 <= 0 && x1 >= s.nx-1 && y1 >= s.ny-1 {
			break
		}
		if best.dist < s.lowerBound(p, x0, x1, y0, y1) {
			break
		}
	}
	return best.seg, best.foot, best.dist
}

// ring considers the segments of the cells on the border of the block [x0, x1] × [y0, y1]
// that lie in the grid: the bottom and top rows west to east, interleaved, then the west
// and east columns south to north, interleaved.
func (ix *segIndex) ring(g *Graph, p orb.Point, kx float64, x0, x1, y0, y1 int, best *candidate) {
	nx, ny := ix.grid.nx, ix.grid.ny
	if x0 == x1 {
		if x0 >= 0 && y0 >= 0 && x0 < nx && y0 < ny {
			ix.cell(g, p, kx, y0*nx+x0, best)
		}
		return
	}
	for x := max(x0, 0); x <= min(x1, nx-1); x++ {
		if y0 >= 0 {
			ix.cell(g, p, kx, y0*nx+x, best)
		}
		if y1 < ny {
			ix.cell(g, p, kx, y1*nx+x, best)
		}
	}
	for y := max(y0+1, 0); y <= min(y1-1, ny-1); y++ {
		if x0 >= 0 {
			ix.cell(g, p, kx, y*nx+x0, best)
		}
		if x1 < nx {
			ix.cell(g, p, kx, y*nx+x1, best)
		}
	}
}

// cell considers the segments of cell c.
func (ix *segIndex) cell(g *Graph, p orb.Point, kx float64, c int, best *candidate) {
	for _, s := range ix.items[ix.start[c]:ix.start[c+1]] {
		consider(g, p, kx, s, best)
	}
}

// consider projects p onto segment s and keeps it in best when nearer (or as near with a
// lower index). The planar distance screens out segments that clearly lose before the
// great-circle distance is computed.
func consider(g *Graph, p orb.Point, kx float64, s int32, best *candidate) {
	a, b := g.pts[s], g.pts[s+1]
	foot, planar := project(p, a, b, kx)
	if best.dist < 50000 && planar > best.dist*1.03+1 {
		return
	}
	d := geo.HaversineM(p, foot)
	if d < best.dist || (d == best.dist && s < best.seg) {
		*best = candidate{seg: s, foot: foot, dist: d}
	}
}

// project returns the foot of the perpendicular from p onto segment a→b, computed in the
// equirectangular frame centred on p with longitudes scaled by kx = cos(lat of p), and the
// planar distance in metres in that frame.
func project(p, a, b orb.Point, kx float64) (orb.Point, float64) {
	ax, ay := (a[0]-p[0])*kx, a[1]-p[1]
	dx, dy := (b[0]-a[0])*kx, b[1]-a[1]
	t := 0.0
	if den := dx*dx + dy*dy; den > 0 {
		t = min(max(-(ax*dx+ay*dy)/den, 0), 1)
	}
	foot := orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
	fx, fy := ax+t*dx, ay+t*dy
	return foot, math.Sqrt(fx*fx+fy*fy) * local.MetresPerDegreeLat
}
