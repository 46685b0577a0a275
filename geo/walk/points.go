package walk

import "sync"

// Points are snapped points prepared once to be read from many fields (Field.EachPoint):
// where each lies on its edge is worked out here instead of once per field.
type Points struct {
	g    *Graph
	ends []ends
	ok   []bool // usable snap

	refOnce sync.Once
	refs    []coreRef // coreRefs: the end nodes' places in the core decomposition
}

// PreparePoints prepares snaps (of (lon, lat) WGS84 points, on g) for Field.EachPoint;
// off-network snaps are kept and never reached.
func (g *Graph) PreparePoints(snaps []Snap) *Points {
	p := &Points{g: g, ends: make([]ends, len(snaps)), ok: make([]bool, len(snaps))}
	for i, s := range snaps {
		if g.usable(s) {
			p.ends[i], p.ok[i] = g.endsOf(s), true
		}
	}
	return p
}

// Len returns the number of points.
func (p *Points) Len() int { return len(p.ends) }

// EachPoint calls fn, in ascending index, for every point of p that f reaches within its
// bound, with the seconds and source exactly as At gives them for the point's snap. p
// must be prepared on f's graph (else, or once f is released, nothing is called).
func (f *Field) EachPoint(p *Points, fn func(i int, seconds float64, source int32)) {
	if f.buf == nil || p == nil || p.g != f.g {
		return
	}
	for i, en := range p.ends {
		if !p.ok[i] {
			continue
		}
		if c := f.bestAt(en); c.ok {
			fn(i, c.sec, c.source)
		}
	}
}
