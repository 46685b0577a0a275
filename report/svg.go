package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo/local"
)

// canvas maps WGS84 (lon, lat) degrees to SVG user units with a local equirectangular
// projection: x = (lon − lon0)·cos(lat_mid), y = lat_top − lat, both scaled so that the
// bound fills Width (or MapH, whichever is reached first) inside a margin of Pad units.
type canvas struct {
	lon0, latTop, kx, scale float64
	Pad, Width, MapH        float64
}

// newCanvas fits the bound b (lon, lat) into width units across and at most maxHeight
// units down, pad units of margin on every side.
func newCanvas(b orb.Bound, width, maxHeight, pad float64) canvas {
	latMid := (b.Min[1] + b.Max[1]) / 2
	kx := local.LonScale(latMid)
	w := (b.Max[0] - b.Min[0]) * kx
	h := b.Max[1] - b.Min[1]
	scale := math.Inf(1)
	if w > 0 {
		scale = (width - 2*pad) / w
	}
	if h > 0 {
		scale = math.Min(scale, (maxHeight-2*pad)/h)
	}
	if math.IsInf(scale, 1) || !(scale > 0) {
		scale = 1
	}
	c := canvas{lon0: b.Min[0], latTop: b.Max[1], kx: kx, scale: scale, Pad: pad, Width: width}
	c.MapH = math.Ceil(h*scale + 2*pad)
	// centre the bound horizontally when the height limits the scale
	c.lon0 -= ((width-2*pad)/scale - w) / 2 / kx
	return c
}

// xy projects p (lon, lat) to SVG units.
func (c canvas) xy(p orb.Point) (x, y float64) {
	return c.Pad + (p[0]-c.lon0)*c.kx*c.scale, c.Pad + (c.latTop-p[1])*c.scale
}

// tenths projects p and rounds it to tenths of a unit.
func (c canvas) tenths(p orb.Point) [2]int64 {
	x, y := c.xy(p)
	return [2]int64{int64(math.Round(x * 10)), int64(math.Round(y * 10))}
}

// metresPerUnit is how many metres one SVG unit spans (along a meridian).
func (c canvas) metresPerUnit() float64 {
	return local.MetresPerDegreeLat / c.scale
}

// inside reports whether p (lon, lat) falls on the map area.
func (c canvas) inside(p orb.Point) bool {
	x, y := c.xy(p)
	return x >= 0 && x <= c.Width && y >= 0 && y <= c.MapH
}

// pathData builds an SVG path's d attribute from rings: each ring projected, rounded to
// tenths of a unit, simplified (Douglas–Peucker, tolerance in units) and written with
// relative moves, so one decimal is exact and never drifts.
type pathData struct {
	b   strings.Builder
	tol float64
}

// ring adds one closed ring of WGS84 (lon, lat) points.
func (p *pathData) ring(c canvas, r []orb.Point) {
	pts := make([][2]int64, 0, len(r))
	for _, q := range r {
		t := c.tenths(q)
		if n := len(pts); n == 0 || pts[n-1] != t {
			pts = append(pts, t)
		}
	}
	if len(pts) > 1 && pts[0] == pts[len(pts)-1] {
		pts = pts[:len(pts)-1]
	}
	if len(pts) < 3 {
		return
	}
	if s := simplifyRing(pts, p.tol*10); len(s) >= 3 {
		pts = s
	}
	p.b.WriteByte('M')
	writeNums(&p.b, pts[0][0], pts[0][1])
	p.b.WriteByte('l')
	for i := 1; i < len(pts); i++ {
		writeNums(&p.b, pts[i][0]-pts[i-1][0], pts[i][1]-pts[i-1][1])
	}
	p.b.WriteByte('z')
}

// multiPolygon adds every ring of mp (outer rings and holes: draw with fill-rule evenodd).
func (p *pathData) multiPolygon(c canvas, mp orb.MultiPolygon) {
	for _, poly := range mp {
		for _, r := range poly {
			p.ring(c, r)
		}
	}
}

func (p *pathData) String() string { return p.b.String() }

// writeNums writes two numbers given in tenths, separated as SVG path data allows.
func writeNums(b *strings.Builder, xs ...int64) {
	for _, v := range xs {
		s := tenthsString(v)
		if b.Len() > 0 {
			last := b.String()[b.Len()-1]
			if s[0] != '-' && last != 'M' && last != 'l' {
				b.WriteByte(' ')
			}
		}
		b.WriteString(s)
	}
}

// tenthsString writes v tenths as a short decimal: 15 → "1.5", -5 → "-.5", 20 → "2".
func tenthsString(v int64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	whole, frac := v/10, v%10
	var s string
	switch {
	case frac == 0:
		s = strconv.FormatInt(whole, 10)
	case whole == 0:
		s = "." + strconv.FormatInt(frac, 10)
	default:
		s = strconv.FormatInt(whole, 10) + "." + strconv.FormatInt(frac, 10)
	}
	if neg && s != "0" {
		s = "-" + s
	}
	return s
}

// simplifyRing drops the vertices of a closed ring (no repeated closing point) that lie
// within tol of the simplified outline (Douglas–Peucker, split at the vertex farthest from
// the first).
func simplifyRing(pts [][2]int64, tol float64) [][2]int64 {
	if tol <= 0 || len(pts) < 4 {
		return pts
	}
	far, best := 0, -1.0
	for i, q := range pts {
		if d := dist2(pts[0], q); d > best {
			far, best = i, d
		}
	}
	closed := append(append([][2]int64{}, pts...), pts[0])
	keep := make([]bool, len(closed))
	keep[0], keep[far], keep[len(closed)-1] = true, true, true
	douglasPeucker(closed, 0, far, tol, keep)
	douglasPeucker(closed, far, len(closed)-1, tol, keep)
	var out [][2]int64
	for i := 0; i < len(closed)-1; i++ {
		if keep[i] {
			out = append(out, closed[i])
		}
	}
	return out
}

// douglasPeucker marks in keep the vertices of pts[a..b] that the simplified line needs.
func douglasPeucker(pts [][2]int64, a, b int, tol float64, keep []bool) {
	stack := [][2]int{{a, b}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		idx, dmax := -1, tol
		for i := s[0] + 1; i < s[1]; i++ {
			if d := segDist(pts[i], pts[s[0]], pts[s[1]]); d > dmax {
				idx, dmax = i, d
			}
		}
		if idx >= 0 {
			keep[idx] = true
			stack = append(stack, [2]int{s[0], idx}, [2]int{idx, s[1]})
		}
	}
}

func dist2(a, b [2]int64) float64 {
	dx, dy := float64(a[0]-b[0]), float64(a[1]-b[1])
	return dx*dx + dy*dy
}

// segDist is the distance from p to the segment a–b.
func segDist(p, a, b [2]int64) float64 {
	ax, ay := float64(a[0]), float64(a[1])
	dx, dy := float64(b[0])-ax, float64(b[1])-ay
	px, py := float64(p[0])-ax, float64(p[1])-ay
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return math.Hypot(px, py)
	}
	t := math.Max(0, math.Min(1, (px*dx+py*dy)/l2))
	return math.Hypot(px-t*dx, py-t*dy)
}

// num formats an SVG coordinate or length with one decimal, trimmed: 12.0 → "12".
func num(v float64) string { return tenthsString(int64(math.Round(v * 10))) }
