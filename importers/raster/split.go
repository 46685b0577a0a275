package raster

import (
	"math"

	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// The frame the split works in is lon·kx, lat (degrees): an affine image of lon/lat, so
// area ratios — all the split uses — are those of lon/lat, which within a pixel are those
// on the ground to about 1e-5.

// maxDepth bounds the 2×2 splits of a pixel too large for one clip: 2⁸ = 256 sub-pixels a
// side, enough for a 1 km pixel at resolution 15.
const maxDepth = 8

// areaTol is how closely the clipped areas must add up to the pixel's.
const areaTol = 1e-7

// hexagon is an H3 cell in the frame, with its neighbours.
type hexagon struct {
	verts    []orb.Point // counter-clockwise
	min, max orb.Point
	cell     h3.Cell
	nbrs     []h3.Cell // ring-1 neighbours, filled by neighbours()
	used     int       // the last row that used it
	pop      float64   // people added while cached, moved to splitter.cells on eviction
}

// splitter distributes pixel counts over the H3 cells of one resolution by area.
type splitter struct {
	res     int
	kx      float64
	cache   map[h3.Cell]*hexagon
	cells   map[h3.Cell]float64
	hint    h3.Cell
	row     int
	scratch []h3.Cell
	parts   []part
	split   int64 // pixels that needed a 2×2 split
	capped  int64 // sub-pixels at maxDepth given whole to the cell of their centre
}

func newSplitter(res int, latRef float64, cells map[h3.Cell]float64) *splitter {
	return &splitter{res: res, kx: local.LonScale(latRef), cache: map[h3.Cell]*hexagon{}, cells: cells}
}

// frame maps (lon, lat) degrees to the frame.
func (s *splitter) frame(p orb.Point) orb.Point { return orb.Point{p[0] * s.kx, p[1]} }

// hex returns the cell's frame polygon and neighbours, from the cache or H3.
func (s *splitter) hex(c h3.Cell) *hexagon {
	if h, ok := s.cache[c]; ok {
		h.used = s.row
		return h
	}
	ring := coverage.CellPolygon(c)[0]
	ring = ring[:len(ring)-1] // the frame polygon is open
	h := &hexagon{verts: make([]orb.Point, len(ring)), used: s.row}
	for i, p := range ring {
		h.verts[i] = s.frame(p)
	}
	if ringArea(h.verts) < 0 {
		for i, j := 0, len(h.verts)-1; i < j; i, j = i+1, j-1 {
			h.verts[i], h.verts[j] = h.verts[j], h.verts[i]
		}
	}
	h.min, h.max = h.verts[0], h.verts[0]
	for _, v := range h.verts[1:] {
		h.min = orb.Point{math.Min(h.min[0], v[0]), math.Min(h.min[1], v[1])}
		h.max = orb.Point{math.Max(h.max[0], v[0]), math.Max(h.max[1], v[1])}
	}
	h.cell = c
	s.cache[c] = h
	return h
}

// neighbours returns the cell's ring-1 neighbours, asking H3 once.
func (h *hexagon) neighbours() []h3.Cell {
	if h.nbrs == nil {
		for _, n := range h3.GridDisk(h.cell, 1) {
			if n != h.cell {
				h.nbrs = append(h.nbrs, n)
			}
		}
	}
	return h.nbrs
}

// ringArea returns the signed area of the closed ring r (shoelace about its first vertex).
func ringArea(r []orb.Point) float64 {
	a := 0.0
	for i := 1; i+1 < len(r); i++ {
		a += (r[i][0]-r[0][0])*(r[i+1][1]-r[0][1]) - (r[i+1][0]-r[0][0])*(r[i][1]-r[0][1])
	}
	return a / 2
}

// cellOf returns the cell holding frame point q: the last cell found or one of its
// neighbours when they hold it, else H3's answer.
func (s *splitter) cellOf(q orb.Point) h3.Cell {
	if s.hint != 0 {
		h := s.hex(s.hint)
		if inside(h.verts, q) {
			return s.hint
		}
		for _, n := range h.neighbours() {
			if inside(s.hex(n).verts, q) {
				s.hint = n
				return n
			}
		}
	}
	s.hint = h3.LatLngToCell(h3.LatLng{Lat: q[1], Lng: q[0] / s.kx}, s.res)
	return s.hint
}

// add distributes v over the cells the quadrilateral q (frame, corners in order) overlaps.
func (s *splitter) add(q [4]orb.Point, v float64) {
	s.addDepth(q, v, 0)
}

func (s *splitter) addDepth(q [4]orb.Point, v float64, depth int) {
	centre := orb.Point{(q[0][0] + q[1][0] + q[2][0] + q[3][0]) / 4, (q[0][1] + q[1][1] + q[2][1] + q[3][1]) / 4}
	c := s.cellOf(centre)
	h := s.hex(c)
	if inside(h.verts, q[0]) && inside(h.verts, q[1]) && inside(h.verts, q[2]) && inside(h.verts, q[3]) {
		h.pop += v
		return
	}
	var sub poly
	sub.n = 4
	copy(sub.pts[:], q[:])
	area := sub.area()
	if area < 0 {
		sub.pts[1], sub.pts[3] = sub.pts[3], sub.pts[1]
		area = -area
	}
	if area == 0 {
		h.pop += v
		return
	}
	k := ringFor(sub.pts[:4], centre, h)
	if k > maxRing {
		s.subdivide(q, v, depth, c)
		return
	}
	cands := s.candidates(c, h, k)
	s.parts = s.parts[:0]
	sum := 0.0
	qmin, qmax := bounds(sub.pts[:4])
	for _, cell := range cands {
		hx := s.hex(cell)
		if hx.max[0] < qmin[0] || hx.min[0] > qmax[0] || hx.max[1] < qmin[1] || hx.min[1] > qmax[1] {
			continue
		}
		if a := clipArea(&sub, hx.verts, sub.pts[0]); a > 0 {
			s.parts = append(s.parts, part{hx, a})
			sum += a
		}
	}
	if math.Abs(sum-area) <= areaTol*area {
		for _, p := range s.parts {
			p.h.pop += v * p.a / sum
		}
		return
	}
	s.subdivide(q, v, depth, c)
}

// candidates returns the cells within k rings of c: for k ≤ 2 from the cached
// neighbours (no call into H3 once the band of cells is cached), beyond from H3.
func (s *splitter) candidates(c h3.Cell, h *hexagon, k int) []h3.Cell {
	if k > 2 {
		return h3.GridDisk(c, k)
	}
	out := append(append(s.scratch[:0], c), h.neighbours()...)
	if k == 2 {
		for _, n := range h.neighbours() {
			for _, m := range s.hex(n).neighbours() {
				if !contains(out, m) {
					out = append(out, m)
				}
			}
		}
	}
	s.scratch = out
	return out
}

func contains(cells []h3.Cell, c h3.Cell) bool {
	for _, x := range cells {
		if x == c {
			return true
		}
	}
	return false
}

// part is the area of a pixel in one cell (cached while the pixel is split).
type part struct {
	h *hexagon
	a float64
}

// maxRing is the widest ring of cells a pixel is clipped against in one go (3·50·51+1 =
// 7651 cells); a larger pixel is split 2×2 first.
const maxRing = 50

// ringFor returns the ring k of cells around h that holds a quadrilateral with these
// corners around centre: 1 when it is no wider than about one cell, more for larger.
func ringFor(pts []orb.Point, centre orb.Point, h *hexagon) int {
	r := 0.0
	for _, p := range pts {
		r = math.Max(r, math.Hypot(p[0]-centre[0], p[1]-centre[1]))
	}
	// Ring 2 is one edge length away from the cell everywhere; the edge is at least half
	// the larger side of the cell's bounding box.
	edge := 0.5 * math.Max(h.max[0]-h.min[0], h.max[1]-h.min[1])
	if r <= 0.9*edge {
		return 1
	}
	spacing := 0.85 * math.Min(h.max[0]-h.min[0], h.max[1]-h.min[1])
	return 1 + int(math.Ceil(r/spacing))
}

// subdivide splits q at its edges' midpoints and centre into four quadrilaterals that
// tile it, each getting v in proportion to its area; at maxDepth v goes whole to c.
func (s *splitter) subdivide(q [4]orb.Point, v float64, depth int, c h3.Cell) {
	if depth >= maxDepth {
		s.hex(c).pop += v
		s.capped++
		return
	}
	if depth == 0 {
		s.split++
	}
	mid := func(a, b orb.Point) orb.Point { return orb.Point{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2} }
	m01, m12, m23, m30 := mid(q[0], q[1]), mid(q[1], q[2]), mid(q[2], q[3]), mid(q[3], q[0])
	ctr := mid(m01, m23)
	quads := [4][4]orb.Point{{q[0], m01, ctr, m30}, {m01, q[1], m12, ctr}, {ctr, m12, q[2], m23}, {m30, ctr, m23, q[3]}}
	var areas [4]float64
	total := 0.0
	for i, sq := range quads {
		areas[i] = math.Abs(ringArea(sq[:]))
		total += areas[i]
	}
	for i, sq := range quads {
		w := 0.25
		if total > 0 {
			w = areas[i] / total
		}
		s.addDepth(sq, v*w, depth+1)
	}
}

func bounds(pts []orb.Point) (orb.Point, orb.Point) {
	lo, hi := pts[0], pts[0]
	for _, p := range pts[1:] {
		lo = orb.Point{math.Min(lo[0], p[0]), math.Min(lo[1], p[1])}
		hi = orb.Point{math.Max(hi[0], p[0]), math.Max(hi[1], p[1])}
	}
	return lo, hi
}

// evict drops cells not used in the last keep rows, bounding the cache to a band of rows,
// and moves their people to s.cells.
func (s *splitter) evict(keep int) {
	for c, h := range s.cache {
		if h.used < s.row-keep {
			s.drop(c, h)
		}
	}
}

// flush moves the people of every cached cell to s.cells and empties the cache.
func (s *splitter) flush() {
	for c, h := range s.cache {
		s.drop(c, h)
	}
}

func (s *splitter) drop(c h3.Cell, h *hexagon) {
	if h.pop != 0 {
		s.cells[c] += h.pop
	}
	delete(s.cache, c)
}
