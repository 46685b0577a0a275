package engine

import (
	"context"
	"slices"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// HaloSource is a Source that also holds other regions' facilities: Load reads those
// within the halo (Options.Halo) of the region's districts, so that residents near a
// border reach the next region's stations and outlets. postgis.DB is one.
type HaloSource interface {
	// HaloStations returns the stations of every other region whose point (WGS84 lon,
	// lat) lies within haloM metres of this region's districts, Region set, ordered by
	// region and id. No districts: none.
	HaloStations(ctx context.Context, haloM float64) ([]geo.Station, error)
	// HaloOutlets is HaloStations for outlets.
	HaloOutlets(ctx context.Context, haloM float64) ([]geo.Outlet, error)
}

// Halo is the facilities of other regions within the halo of the region's districts:
// reachable, never the region's own. They take part in every walk search (the coverage
// sets, nearest queries, routes, scenarios) after the region's own facilities of the same
// target, and in no inventory (Data.Stations and Data.Outlets, so no station count,
// report, supply, ratio or health finding about the region's stations).
type Halo struct {
	HaloM    float64       // how far beyond the districts they were read, metres (Options.Halo)
	Stations []geo.Station // counted stations of other regions (Region set)
	Outlets  []geo.Outlet  // outlets of other regions (Region set)
	// Candidates counts the candidate stations left out of Stations (they count nowhere
	// unless Options.IncludeCandidates, as the region's own).
	Candidates int
	// Duplicates counts the facilities left out as one the region (or an earlier
	// neighbour) already has: the same id at the same point.
	Duplicates   int
	StationSnaps []walk.Snap // parallel to Stations, after Load or New
	OutletSnaps  []walk.Snap // parallel to Outlets
}

// HaloID is how a facility of another region is named in a facility set's IDs (and so in
// the stored coverage rows): "region:id" (a region has no ':'), so that it never reads as
// one of the region's own ids.
func HaloID(r geo.Region, id string) string { return string(r) + ":" + id }

// loadHalo reads the halo facilities when src is a HaloSource and districts are loaded
// (without districts the region has no border: nil).
func loadHalo(ctx context.Context, src Source, d Data, opts Options) (*Halo, error) {
	hs, ok := src.(HaloSource)
	if !ok || len(d.Districts) == 0 {
		return nil, nil
	}
	h := &Halo{HaloM: opts.Halo()}
	var err error
	if h.Stations, err = hs.HaloStations(ctx, h.HaloM); err != nil {
		return nil, err
	}
	if h.Outlets, err = hs.HaloOutlets(ctx, h.HaloM); err != nil {
		return nil, err
	}
	return h, nil
}

// dropDuplicates leaves out the halo facilities that are one the search already has: the
// same id at the same point as one of the region's own (the same OpenStreetMap object
// imported into two overlapping regions) or as an earlier halo facility (one object in
// several neighbours). Duplicates counts them. A facility found twice would be answered
// twice by a nearest query and counted twice by every answer that counts reachable ones.
func (h *Halo) dropDuplicates(own []geo.Station, ownOutlets []geo.Outlet) {
	type key struct {
		id string
		p  orb.Point
	}
	seen := map[key]bool{}
	for _, s := range own {
		seen[key{s.ID, s.Point}] = true
	}
	for _, o := range ownOutlets {
		seen[key{"outlet:" + o.ID, o.Point}] = true
	}
	first := func(k key) bool {
		if seen[k] {
			h.Duplicates++
			return false
		}
		seen[k] = true
		return true
	}
	stations := h.Stations[:0:0]
	for _, s := range h.Stations {
		if first(key{s.ID, s.Point}) {
			stations = append(stations, s)
		}
	}
	outlets := h.Outlets[:0:0]
	for _, o := range h.Outlets {
		if first(key{"outlet:" + o.ID, o.Point}) {
			outlets = append(outlets, o)
		}
	}
	h.Stations, h.Outlets = stations, outlets
}

// addHalo snaps the halo facilities (candidates left out unless Options.IncludeCandidates)
// and adds them to the facilities of their targets, after the region's own.
func (e *Engine) addHalo() {
	if e.Halo == nil {
		return
	}
	h := new(Halo)
	*h = *e.Halo // the caller's Data keeps its Halo as it gave it
	e.Halo = h
	h.dropDuplicates(append(slices.Clip(e.Stations), e.Candidates...), e.Outlets)
	if !e.Options.IncludeCandidates {
		var cands []geo.Station
		h.Stations, cands = SplitCandidates(h.Stations)
		h.Candidates += len(cands)
	}
	h.StationSnaps = e.Graph.SnapAll(stationPoints(h.Stations))
	h.OutletSnaps = e.Graph.SnapAll(outletPoints(h.Outlets))
	touched := map[Target]bool{}
	add := func(t Target, f Facility, s walk.Snap) {
		l := e.byTarget[t]
		l.fs, l.snaps = append(l.fs, f), append(l.snaps, s)
		e.byTarget[t] = l
		touched[t] = true
	}
	for i, o := range h.Outlets {
		f := Facility{ID: o.ID, Name: o.Name, Kind: KindCategory, Key: o.Category, Point: o.Point, Source: o.Source, Region: o.Region}
		add(Target{Kind: KindCategory, Key: o.Category}, f, h.OutletSnaps[i])
	}
	for i, s := range h.Stations {
		f := Facility{ID: s.ID, Name: s.Name, Kind: KindLevel, Key: string(s.Level), Point: s.Point, Source: s.Source, Region: s.Region}
		add(Target{Kind: KindLevel, Key: string(s.Level)}, f, h.StationSnaps[i])
		add(Target{Kind: KindLevel, Key: AnyLevel}, f, h.StationSnaps[i])
	}
	for t := range touched {
		l := e.byTarget[t]
		l.targets = e.Graph.PrepareTargets(l.snaps)
		e.byTarget[t] = l
	}
}

// HaloFacilities counts the facilities of t that belong to other regions: the last ones
// of Facilities(t) and of t's facility set. An answer that counts "the facilities of t"
// as the region's own subtracts them.
func (e *Engine) HaloFacilities(t Target) int {
	n := 0
	for _, f := range e.byTarget[t].fs {
		if f.Region != "" {
			n++
		}
	}
	return n
}

// reachableStations are the stations every station search starts from: the region's own
// (Data.Stations), then the halo's, in that order (the order of the level sets' members).
func (e *Engine) reachableStations() []geo.Station {
	if e.Halo == nil || len(e.Halo.Stations) == 0 {
		return e.Stations
	}
	return append(append(make([]geo.Station, 0, len(e.Stations)+len(e.Halo.Stations)), e.Stations...), e.Halo.Stations...)
}

// withHalo adds the halo facilities to the sets facilitySets made of the region's own:
// each after the own members of its category or level (and every station to the "any"
// set), named by HaloID; a category only the halo has gets a set after the other
// categories.
func (e *Engine) withHalo(sets []coverage.FacilitySet) []coverage.FacilitySet {
	h := e.Halo
	if h == nil || len(h.Stations)+len(h.Outlets) == 0 {
		return sets
	}
	at := map[Target]int{}
	lastCat := -1
	for i, s := range sets {
		at[Target{Kind: s.Kind, Key: s.Key}] = i
		if s.Kind == KindCategory {
			lastCat = i
		}
	}
	var extra []coverage.FacilitySet // categories only the halo has, in halo order
	extraAt := map[string]int{}
	for _, o := range h.Outlets {
		id := HaloID(o.Region, o.ID)
		if i, ok := at[Target{Kind: KindCategory, Key: o.Category}]; ok {
			sets[i].IDs, sets[i].Points = append(sets[i].IDs, id), append(sets[i].Points, o.Point)
			continue
		}
		j, ok := extraAt[o.Category]
		if !ok {
			j = len(extra)
			extraAt[o.Category] = j
			extra = append(extra, coverage.FacilitySet{Kind: KindCategory, Key: o.Category})
		}
		extra[j].IDs, extra[j].Points = append(extra[j].IDs, id), append(extra[j].Points, o.Point)
	}
	for _, s := range h.Stations {
		id := HaloID(s.Region, s.ID)
		for _, t := range []Target{{Kind: KindLevel, Key: string(s.Level)}, {Kind: KindLevel, Key: AnyLevel}} {
			if i, ok := at[t]; ok {
				sets[i].IDs, sets[i].Points = append(sets[i].IDs, id), append(sets[i].Points, s.Point)
			}
		}
	}
	if len(extra) == 0 {
		return sets
	}
	out := make([]coverage.FacilitySet, 0, len(sets)+len(extra))
	out = append(append(out, sets[:lastCat+1]...), extra...)
	return append(out, sets[lastCat+1:]...)
}
