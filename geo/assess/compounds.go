package assess

import (
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// CompoundsWithin is how many compounds are within Minutes' walk of a station.
type CompoundsWithin struct {
	Minutes   float64
	Compounds int
}

// CompoundReach is what the stations of one level (Key a geo.Level, or "any" for every
// station) do for the residential compounds: "N stations cover M compounds".
type CompoundReach struct {
	Key           string
	Stations      int               // stations of the level
	WithStation   int               // compounds with a station of the level inside their polygon
	Within        []CompoundsWithin // at 5, 10 and 15 minutes
	ReachedByNone int               // compounds beyond the largest of those minutes (unreached and off-network included)
}

// CompoundNetwork is the compounds part of the network report.
type CompoundNetwork struct {
	Compounds      int             // compounds with a polygon: those counted
	WithoutPolygon int             // compounds left out: no polygon to place them by
	ByLevel        []CompoundReach // the five levels in geo.Levels() order, then "any"
}

// compoundNetwork counts, for each level and for every station, the compounds (those
// with a polygon) within 5, 10 and 15 minutes — a compound is within when its
// centroid's cell is, the walk time the compounds-beyond list uses (compoundSeconds) —,
// those with a station inside their polygon (planar containment in WGS84 lon, lat, holes
// respected) and those beyond 15 minutes. Before Compute the walk-time counts are zero.
func compoundNetwork(e *engine.Engine) CompoundNetwork {
	var out CompoundNetwork
	var polys []geo.Compound
	for _, k := range e.Compounds {
		if len(k.Polygon) == 0 {
			out.WithoutPolygon++
			continue
		}
		polys = append(polys, k)
	}
	out.Compounds = len(polys)
	inside := stationsInside(e.Stations, polys)
	keys := make([]string, 0, 6)
	for _, l := range geo.Levels() {
		keys = append(keys, string(l))
	}
	mins := networkMinutes()
	for _, key := range append(keys, engine.AnyLevel) {
		r := CompoundReach{Key: key, WithStation: inside[key]}
		for _, s := range e.Stations {
			if key == engine.AnyLevel || string(s.Level) == key {
				r.Stations++
			}
		}
		secs := compoundTimes(e, polys, key)
		for _, m := range mins {
			w := CompoundsWithin{Minutes: m}
			for _, sec := range secs {
				if sec <= m*60 {
					w.Compounds++
				}
			}
			r.Within = append(r.Within, w)
		}
		r.ReachedByNone = len(polys) - r.Within[len(r.Within)-1].Compounds
		out.ByLevel = append(out.ByLevel, r)
	}
	return out
}

// compoundTimes returns the walk seconds from each compound's centroid cell to the
// nearest station of key (+Inf when none is reached, off-network or not computed).
func compoundTimes(e *engine.Engine, polys []geo.Compound, key string) []float64 {
	out := make([]float64, len(polys))
	set, ok := e.SetIndex(engine.Target{Kind: engine.KindLevel, Key: key})
	for i, k := range polys {
		out[i] = math.Inf(1)
		if !ok {
			continue
		}
		if sec, ok := compoundSeconds(e, k, set); ok && !math.IsNaN(sec) {
			out[i] = sec
		}
	}
	return out
}

// stationsInside counts, per level and for "any", the compounds whose polygon holds a
// station of that level.
func stationsInside(stations []geo.Station, polys []geo.Compound) map[string]int {
	boxes := make([]orb.Bound, len(polys))
	for i, k := range polys {
		boxes[i] = k.Polygon.Bound()
	}
	has := map[string][]bool{engine.AnyLevel: make([]bool, len(polys))}
	for _, s := range stations {
		key := string(s.Level)
		if has[key] == nil {
			has[key] = make([]bool, len(polys))
		}
		for i, k := range polys {
			if boxes[i].Contains(s.Point) && planar.MultiPolygonContains(k.Polygon, s.Point) {
				has[key][i], has[engine.AnyLevel][i] = true, true
			}
		}
	}
	counts := map[string]int{}
	for key, hs := range has {
		for _, h := range hs {
			if h {
				counts[key]++
			}
		}
	}
	return counts
}
