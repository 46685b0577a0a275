package assess_test

import (
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/paulmach/orb"
)

// The tests run on fixture's streets district (see fixture.StreetsData), laid out in
// local metres: x east and y north of (104° E, 30° N).
//
//	y=600  N ────────────────────────── north street, x 0…2000 (street B)
//	       │ cross street x=0, y 0…600
//	y=0    S ────────────────────────── south street, x 0…2000 (street A)
//
// The three streets form one path, so the walking distance between two points is easy to
// compute by hand: each point joins the nearest street at the foot of its perpendicular,
// and along the path the distance is the difference of positions (see pathPos). Community
// C1 (street A) is the strip x 0…2000, y −150…150 around the south street; C2 (street B)
// the strip y 450…750 around the north street; C3 (street B) a block at y 1400…1600, more
// than 500 m from every street, so its cells are off the network.
const (
	codeA, codeB   = fixture.StreetA, fixture.StreetB
	codeC1, codeC2 = fixture.CommunityC1, fixture.CommunityC2
	codeC3         = fixture.CommunityC3
	walkSpeed      = 4000.0 / 3600 // walking speed, m/s
	tolM           = 2.0           // metres of disagreement allowed between the oracle and the engine
)

// pt returns the WGS84 (lon, lat) point x metres east and y metres north of (104, 30).
func pt(x, y float64) orb.Point { return fixture.StreetsPoint(x, y) }

// toLocal returns p in local metres (x east, y north of (104, 30)).
func toLocal(p orb.Point) (x, y float64) { return fixture.StreetsLocal(p) }

// rect is the WGS84 polygon of the local rectangle x0…x1, y0…y1 (metres).
func rect(x0, y0, x1, y1 float64) orb.MultiPolygon { return fixture.StreetsRect(x0, y0, x1, y1) }

// inRect reports whether p lies in the local rectangle.
func inRect(p orb.Point, x0, y0, x1, y1 float64) bool {
	x, y := toLocal(p)
	return x >= x0 && x <= x1 && y >= y0 && y <= y1
}

// streetGraph builds the three streets with nodes every 100 m.
func streetGraph() ([]geo.WalkNode, []geo.WalkEdge) { return fixture.StreetsNetwork() }

// baseData is the district: two streets, three communities, three compounds (the streets
// district's two and a small one, k3, round the community station), five stations (one
// per level; the building one detected in OSM) and one supermarket.
func baseData() engine.Data {
	d := fixture.StreetsData()
	d.Compounds = append(d.Compounds, geo.Compound{ID: "k3", Name: "小院", CommunityCode: codeC1, Households: 50, Polygon: rect(90, -10, 110, 10)})
	return d
}

// newDistrict builds and computes the district after applying mods to its data.
func newDistrict(tb testing.TB, mods ...func(*engine.Data)) *engine.Engine {
	tb.Helper()
	d := baseData()
	for _, m := range mods {
		m(&d)
	}
	nodes, edges := streetGraph()
	return fixture.Compute(tb, d, nodes, edges, engine.Options{Categories: []string{"supermarket", "laundry"}})
}

// pathPos is a point joined to the path of streets: the access leg in metres and the
// position along the path, which runs from the north street's east end (0) west to the
// cross street (2000), south along it (2600) and east along the south street (4600).
type pathPos struct{ access, s float64 }

// joinsOf returns the ways p may join the path: the nearest street's foot, plus any other
// street within a metre of as near (where the engine's choice is a tie).
func joinsOf(p orb.Point) []pathPos {
	x, y := toLocal(p)
	segs := [3][5]float64{ // ax, ay, bx, by, s at a
		{2000, 600, 0, 600, 0},
		{0, 600, 0, 0, 2000},
		{0, 0, 2000, 0, 2600},
	}
	var all []pathPos
	best := math.Inf(1)
	for _, sg := range segs {
		dx, dy := sg[2]-sg[0], sg[3]-sg[1]
		l := math.Hypot(dx, dy)
		t := math.Max(0, math.Min(1, ((x-sg[0])*dx+(y-sg[1])*dy)/(l*l)))
		d := math.Hypot(x-sg[0]-t*dx, y-sg[1]-t*dy)
		all = append(all, pathPos{access: d, s: sg[4] + t*l})
		best = math.Min(best, d)
	}
	var out []pathPos
	for _, j := range all {
		if j.access <= best+1 {
			out = append(out, j)
		}
	}
	return out
}

// oracleSeconds returns the least and greatest walk time in seconds from p to the nearest of the
// facilities that the engine may find, depending on how near-ties in joining the path are
// broken: NaN, NaN when p is more than 500 m from every street.
func oracleSeconds(p orb.Point, facilities []orb.Point) (lo, hi float64) {
	from := joinsOf(p)
	if from[0].access > 500 {
		return math.NaN(), math.NaN()
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, a := range from {
		best := math.Inf(1)
		for _, f := range facilities {
			for _, b := range joinsOf(f) {
				if b.access <= 500 {
					best = math.Min(best, a.access+math.Abs(a.s-b.s)+b.access)
				}
			}
		}
		lo, hi = math.Min(lo, best), math.Max(hi, best)
	}
	return lo / walkSpeed, hi / walkSpeed
}

// verdict is the oracle's word on whether a cell is within a number of minutes.
type verdict int

const (
	verdictOut verdict = iota
	verdictIn
	verdictUnsure
)

// withinOracle classifies p as certainly within minutes' walk of the facilities,
// certainly not, or too close to call.
func withinOracle(p orb.Point, facilities []orb.Point, minutes float64) verdict {
	lo, hi := oracleSeconds(p, facilities)
	limit := minutes * 60
	tol := tolM / walkSpeed
	switch {
	case math.IsNaN(lo):
		return verdictOut
	case hi <= limit-tol:
		return verdictIn
	case lo > limit+tol:
		return verdictOut
	}
	return verdictUnsure
}

// tally is an independent count over cells: sure (certainly within) and maybe (within or
// too close to call) bound the engine's figure.
type tally struct {
	cells, off                                  int
	pop, sure, maybe, area, areaSure, areaMaybe float64
}

// tallyCells tallies the cells of e for which keep is true.
func tallyCells(e *engine.Engine, keep func(c orb.Point) bool, facilities []orb.Point, minutes float64) tally {
	var t tally
	for _, c := range e.Cells {
		if !keep(c.Center) {
			continue
		}
		t.cells++
		t.pop += c.Population
		t.area += c.AreaM2
		if lo, _ := oracleSeconds(c.Center, facilities); math.IsNaN(lo) {
			t.off++
		}
		switch withinOracle(c.Center, facilities, minutes) {
		case verdictIn:
			t.sure += c.Population
			t.maybe += c.Population
			t.areaSure += c.AreaM2
			t.areaMaybe += c.AreaM2
		case verdictUnsure:
			t.maybe += c.Population
			t.areaMaybe += c.AreaM2
		}
	}
	return t
}

// facilityPoints returns the points of the stations of the levels (all stations when
// none is given) or of the outlets of a category.
func facilityPoints(d engine.Data, target engine.Target) []orb.Point {
	var ps []orb.Point
	if target.Kind == engine.KindCategory {
		for _, o := range d.Outlets {
			if o.Category == target.Key {
				ps = append(ps, o.Point)
			}
		}
		return ps
	}
	for _, s := range d.Stations {
		if target.Key == engine.AnyLevel || string(s.Level) == target.Key {
			ps = append(ps, s.Point)
		}
	}
	return ps
}

// communityOf says which community's rectangle holds p ("" none): the independent
// counterpart of the engine's cell-to-community assignment.
func communityOf(p orb.Point) string {
	switch {
	case inRect(p, 0, -150, 2000, 150):
		return codeC1
	case inRect(p, 0, 450, 2000, 750):
		return codeC2
	case inRect(p, 0, 1400, 600, 1600):
		return codeC3
	}
	return ""
}

// inRange reports whether got lies in [lo, hi] up to a small rounding slack.
func inRange(got, lo, hi float64) bool {
	slack := 1e-6 * math.Max(1, math.Abs(hi))
	return got >= lo-slack && got <= hi+slack
}
