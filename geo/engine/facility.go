package engine

import (
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
	"github.com/paulmach/orb"
)

// Facility is a station or an outlet as queries return it.
type Facility struct {
	ID     string
	Name   string
	Kind   string    // KindCategory or KindLevel
	Key    string    // the category, or the station's level
	Point  orb.Point // WGS84 (lon, lat)
	Source string
	Region geo.Region // set on a facility of another region (Engine.Halo); "": the region's own
}

// Target names a kind of destination: an outlet category or a station level ("any" for
// every station).
type Target struct {
	Kind string // KindCategory or KindLevel
	Key  string
}

// CheckTarget returns an EINVALID error when t names no known category or level.
func (e *Engine) CheckTarget(t Target) error {
	switch t.Kind {
	case KindLevel:
		if t.Key == AnyLevel || geo.Level(t.Key).Valid() {
			return nil
		}
		return geo.Errorf(geo.EINVALID, "unknown station level %q (district, street, community, compound, building or any)", t.Key)
	case KindCategory:
		for _, k := range e.Options.Categories {
			if k == t.Key {
				return nil
			}
		}
		for _, o := range e.Outlets {
			if o.Category == t.Key {
				return nil
			}
		}
		return geo.Errorf(geo.EINVALID, "unknown category %q", t.Key)
	}
	return geo.Errorf(geo.EINVALID, "give a category or a level")
}

// facilityList is the facilities of one target with their snaps, built once.
type facilityList struct {
	fs      []Facility
	snaps   []walk.Snap
	targets *walk.Targets // snaps prepared for nearest queries
}

// Facilities returns the stations or outlets of t (in the order of Data.Stations or
// Data.Outlets) with their snaps onto the walk network; none for an unknown target. The
// slices are shared: callers must not modify them.
func (e *Engine) Facilities(t Target) ([]Facility, []walk.Snap) {
	l := e.byTarget[t]
	return l.fs, l.snaps
}

// nearestTargets returns t's facilities prepared for nearest queries (nil: none).
func (e *Engine) nearestTargets(t Target) ([]Facility, *walk.Targets) {
	l := e.byTarget[t]
	return l.fs, l.targets
}

// indexFacilities groups stations and outlets by target once, so queries do not scan every
// facility.
func (e *Engine) indexFacilities() {
	e.byTarget = map[Target]facilityList{}
	add := func(t Target, f Facility, s walk.Snap) {
		l := e.byTarget[t]
		l.fs, l.snaps = append(l.fs, f), append(l.snaps, s)
		e.byTarget[t] = l
	}
	for i, o := range e.Outlets {
		f := Facility{ID: o.ID, Name: o.Name, Kind: KindCategory, Key: o.Category, Point: o.Point, Source: o.Source}
		add(Target{Kind: KindCategory, Key: o.Category}, f, e.OutletSnaps[i])
	}
	for i, s := range e.Stations {
		f := Facility{ID: s.ID, Name: s.Name, Kind: KindLevel, Key: string(s.Level), Point: s.Point, Source: s.Source}
		add(Target{Kind: KindLevel, Key: string(s.Level)}, f, e.StationSnaps[i])
		add(Target{Kind: KindLevel, Key: AnyLevel}, f, e.StationSnaps[i])
	}
	for t, l := range e.byTarget {
		l.targets = e.Graph.PrepareTargets(l.snaps)
		e.byTarget[t] = l
	}
}

// SnapOnNetwork snaps p (lon, lat WGS84) onto the walk network. A p that is not a (lon,
// lat) pair is EINVALID; a p farther than Options.Walk.MaxSnapM metres from every walkable
// way is EUNPROCESSABLE, naming the distance. what names p in the messages ("the start").
func (e *Engine) SnapOnNetwork(p orb.Point, what string) (walk.Snap, error) {
	if !(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) {
		return walk.Snap{}, geo.Errorf(geo.EINVALID, "%s (%g, %g) is not a longitude, latitude pair", what, p[0], p[1])
	}
	s := e.Graph.Snap(p)
	if !s.OnNetwork {
		return s, &geo.Error{Code: geo.EUNPROCESSABLE, Message: offNetworkMessage(what, s.AccessM, e.Options.Walk.MaxSnapM)}
	}
	return s, nil
}
