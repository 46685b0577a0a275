package api

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// regionState is where a region's engine stands.
type regionState string

const (
	stateLoaded      regionState = "loaded"       // answering
	stateLoading     regionState = "loading"      // being loaded (or recomputed) for the first time
	stateFailed      regionState = "failed"       // its load failed (err says why)
	stateNotComputed regionState = "not computed" // the database holds rows but no compute run
)

// regionEntry is one region's engine and state. Entries are never changed in place: a
// new one replaces the old (regionTable.put), so a reader holds a consistent one.
type regionEntry struct {
	region geo.Region
	state  regionState
	engine *engine.Engine // nil unless loaded
	err    string         // why the load failed (stateFailed)
	area   footprint      // where the engine's region lies, for point queries
	stored bool           // the engine was loaded from the store (not set by SetRegionEngine)
}

// footprint is the area a point query matches a region by (WGS84 lon/lat): its districts'
// boundaries, else (a study area without boundaries) its communities', else the bounding
// box of its walk network.
type footprint struct {
	polys  []orb.MultiPolygon
	bounds []orb.Bound
	by     string // "districts", "communities" or "network extent"
}

func footprintOf(e *engine.Engine) footprint {
	var f footprint
	for _, d := range e.Districts {
		if len(d.Boundary) > 0 {
			f.polys = append(f.polys, d.Boundary)
		}
	}
	f.by = "districts"
	if len(f.polys) == 0 {
		f.by = "communities"
		for _, c := range e.Communities {
			if len(c.Boundary) > 0 {
				f.polys = append(f.polys, c.Boundary)
			}
		}
	}
	if len(f.polys) == 0 && e.Graph != nil && e.Graph.NumNodes() > 0 {
		f.by = "network extent"
		f.polys = append(f.polys, orb.MultiPolygon{e.Graph.Bounds().ToPolygon()})
	}
	for _, p := range f.polys {
		f.bounds = append(f.bounds, p.Bound())
	}
	return f
}

// contains says whether p (WGS84 lon, lat) lies in the footprint (edges count as inside).
func (f footprint) contains(p orb.Point) bool {
	for i, poly := range f.polys {
		if f.bounds[i].Contains(p) && (f.by == "network extent" || planar.MultiPolygonContains(poly, p)) {
			return true
		}
	}
	return false
}

// regionTable holds the server's engines, one per region, and picks the one a request
// is answered from. Its methods are safe for concurrent use.
type regionTable struct {
	mu       sync.RWMutex
	m        map[geo.Region]*regionEntry
	gen      map[geo.Region]uint64 // how many times each region was dropped (deleted)
	answered bool                  // some region was loaded once (none loaded now: they were deleted)
}

func newRegionTable() *regionTable {
	return &regionTable{m: map[geo.Region]*regionEntry{}, gen: map[geo.Region]uint64{}}
}

// generation is how many times r was dropped: a load that began at one generation puts
// its engine in place only if r was not deleted meanwhile (setEngineAt, setStateAt).
func (t *regionTable) generation(r geo.Region) uint64 {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.gen[r]
}

// setEngineAt is setEngine unless r was dropped since generation g (its engine would be
// built from deleted rows); it says whether e was put in place. stored marks an engine
// loaded from the store (dropped when the store no longer knows its region).
func (t *regionTable) setEngineAt(r geo.Region, e *engine.Engine, g uint64, stored bool) bool {
	en := &regionEntry{region: r, state: stateLoaded, engine: e, area: footprintOf(e), stored: stored}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.gen[r] != g {
		return false
	}
	t.m[r] = en
	t.answered = true
	return true
}

// setEngine puts e (computed, WGS84) in place as r's engine; requests under way finish on
// the engine they started with.
func (t *regionTable) setEngine(r geo.Region, e *engine.Engine) {
	t.put(&regionEntry{region: r, state: stateLoaded, engine: e, area: footprintOf(e)})
}

// setState records r's state (not loaded). A region that is loaded keeps answering
// from its engine while it is reloaded or its reload fails: only its first load shows.
func (t *regionTable) setState(r geo.Region, st regionState, err string) {
	t.setStateAt(r, st, err, t.generation(r))
}

// setStateAt is setState unless r was dropped since generation g.
func (t *regionTable) setStateAt(r geo.Region, st regionState, err string, g uint64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.gen[r] != g {
		return
	}
	if old := t.m[r]; old != nil && old.state == stateLoaded {
		return
	}
	t.m[r] = &regionEntry{region: r, state: st, err: err}
}

func (t *regionTable) put(en *regionEntry) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.m[en.region] = en
	t.answered = true
}

// drop forgets r (its rows were deleted).
func (t *regionTable) drop(r geo.Region) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.m, r)
	t.gen[r]++
}

// get returns r's entry, nil when the table does not know r.
func (t *regionTable) get(r geo.Region) *regionEntry {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.m[r]
}

// entries lists every region's entry, by region.
func (t *regionTable) entries() []*regionEntry {
	t.mu.RLock()
	out := make([]*regionEntry, 0, len(t.m))
	for _, en := range t.m {
		out = append(out, en)
	}
	t.mu.RUnlock()
	slices.SortFunc(out, func(a, b *regionEntry) int { return strings.Compare(string(a.region), string(b.region)) })
	return out
}

// loaded lists the entries of the regions that answer, by region.
func (t *regionTable) loaded() []*regionEntry {
	var out []*regionEntry
	for _, en := range t.entries() {
		if en.state == stateLoaded {
			out = append(out, en)
		}
	}
	return out
}

// regionAsk is what a request says about its region: the one it names (region=) and the
// points it is about (the first decides when it names none).
type regionAsk struct {
	named geo.Region // "": none named
	at    []orb.Point
}

// regionPick is the region a request is answered for, its engine, and a note when the
// choice needs saying (a point in several regions).
type regionPick struct {
	region geo.Region
	engine *engine.Engine
	note   regionNote
}

// regionNote is the Lifecircle-Region-Note of an answer: a format of the message
// catalogue (zhFormat) and its arguments, written in the request's language.
type regionNote struct {
	format string // "": no note
	args   []any
}

// in is the note in language l.
func (n regionNote) in(l lang) string {
	if l == langZH {
		return fmt.Sprintf(zhFormat(n.format), n.args...)
	}
	return fmt.Sprintf(n.format, n.args...)
}

// pick chooses the region of a request: the one named; else the only loaded region (a
// point outside it is the engine's to judge, as before regions); else, for a point query,
// the loaded region whose footprint holds the first point (the first by region when
// several do). Unknown, several or none: errors saying which
// regions there are.
func (t *regionTable) pick(ask regionAsk) (regionPick, error) {
	if ask.named != "" {
		return t.named(ask.named)
	}
	loaded := t.loaded()
	if len(loaded) == 0 {
		return regionPick{}, t.noneLoaded()
	}
	if len(ask.at) > 0 && len(loaded) > 1 {
		return locate(loaded, ask.at[0])
	}
	if len(loaded) > 1 {
		return regionPick{}, apiErrorf(geo.EINVALID, "this server answers for %d regions (%s): give region=…", len(loaded), knownList(loaded))
	}
	return regionPick{region: loaded[0].region, engine: loaded[0].engine}, nil
}

// named returns the pick of region r, or why it cannot answer.
func (t *regionTable) named(r geo.Region) (regionPick, error) {
	en := t.get(r)
	if en == nil {
		return regionPick{}, paramError("region", "%q is not a region of this server; known: %s", string(r), knownList(t.entries()))
	}
	switch en.state {
	case stateLoaded:
		return regionPick{region: r, engine: en.engine}, nil
	case stateLoading:
		return regionPick{}, apiErrorf(geo.EUNAVAILABLE, "region %q is still loading; try again in a moment (see /readyz)", string(r))
	case stateNotComputed:
		return regionPick{}, apiErrorf(geo.EUNAVAILABLE, "region %q has not been computed yet: POST /api/v1/compute?region=%s", string(r), string(r))
	}
	return regionPick{}, apiErrorf(geo.EUNAVAILABLE, "region %q failed to load: %s", string(r), en.err)
}

// noneLoaded says why no region can answer yet.
func (t *regionTable) noneLoaded() error {
	ens := t.entries()
	for _, en := range ens {
		if en.state == stateLoading {
			return apiErrorf(geo.EUNAVAILABLE, "the district is still loading; try again in a moment (see /readyz)")
		}
	}
	for _, en := range ens {
		if en.state == stateFailed {
			return apiErrorf(geo.EUNAVAILABLE, "no region is loaded: region %q failed to load: %s", string(en.region), en.err)
		}
	}
	t.mu.RLock()
	answered := t.answered
	t.mu.RUnlock()
	if answered || len(ens) > 0 {
		return apiErrorf(geo.EUNAVAILABLE, "no region is loaded (%s): import and compute one (POST /api/v1/compute?region=…)", knownList(ens))
	}
	return apiErrorf(geo.EUNAVAILABLE, "the district is still loading; try again in a moment (see /readyz)")
}

// locate picks the loaded region whose footprint holds p (WGS84 lon, lat).
func locate(loaded []*regionEntry, p orb.Point) (regionPick, error) {
	var in []*regionEntry
	for _, en := range loaded {
		if en.area.contains(p) {
			in = append(in, en)
		}
	}
	switch len(in) {
	case 0:
		return regionPick{}, apiErrorf(geo.ENOTFOUND, "the point (%.6f, %.6f) lies in none of this server's regions (%s): give region=… or a point inside one",
			p[0], p[1], knownList(loaded))
	case 1:
		return regionPick{region: in[0].region, engine: in[0].engine}, nil
	}
	note := regionNote{"the point lies in %d regions (%s); answered for %s, the first by code (give region=… for another)",
		[]any{len(in), knownList(in), string(in[0].region)}}
	return regionPick{region: in[0].region, engine: in[0].engine, note: note}, nil
}

// knownList names every region with its state when it does not answer.
func knownList(ens []*regionEntry) string {
	if len(ens) == 0 {
		return "none"
	}
	names := make([]string, len(ens))
	for i, en := range ens {
		names[i] = string(en.region)
		if en.state != stateLoaded {
			names[i] += " (" + string(en.state) + ")"
		}
	}
	return strings.Join(names, ", ")
}
