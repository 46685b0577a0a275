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

// facilities returns the facilities of t with their snaps onto the network.
func (e *Engine) facilities(t Target) ([]Facility, []walk.Snap) {
	var fs []Facility
	var snaps []walk.Snap
	if t.Kind == KindCategory {
		for i, o := range e.Outlets {
			if o.Category == t.Key {
				fs = append(fs, Facility{ID: o.ID, Name: o.Name, Kind: KindCategory, Key: o.Category, Point: o.Point, Source: o.Source})
				snaps = append(snaps, e.OutletSnaps[i])
			}
		}
		return fs, snaps
	}
	for i, s := range e.Stations {
		if t.Key == AnyLevel || string(s.Level) == t.Key {
			fs = append(fs, Facility{ID: s.ID, Name: s.Name, Kind: KindLevel, Key: string(s.Level), Point: s.Point, Source: s.Source})
			snaps = append(snaps, e.StationSnaps[i])
		}
	}
	return fs, snaps
}

// snapOn snaps p (lon, lat WGS84) and fails with EUNPROCESSABLE, naming the distance, when
// it is off the walk network.
func (e *Engine) snapOn(p orb.Point, what string) (walk.Snap, error) {
	if !(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) {
		return walk.Snap{}, geo.Errorf(geo.EINVALID, "%s (%g, %g) is not a longitude, latitude pair", what, p[0], p[1])
	}
	s := e.Graph.Snap(p)
	if !s.OnNetwork {
		return s, &geo.Error{Code: geo.EUNPROCESSABLE, Message: offNetworkMessage(what, s.AccessM, e.Options.Walk.MaxSnapM)}
	}
	return s, nil
}
