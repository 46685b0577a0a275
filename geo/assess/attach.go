package assess

import (
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// places attributes stations to communities and streets by the rules in Network's
// documentation: ParentCode first, else location.
type places struct {
	e *engine.Engine
	u *engine.Units
}

func newPlaces(e *engine.Engine) places { return places{e: e, u: e.Units} }

// community returns the index of the community station s belongs to, -1 none.
func (p places) community(s geo.Station) int {
	if s.ParentCode == "" {
		return p.locatedCommunity(s, p.u.CommunitiesByCode())
	}
	if ci, ok := p.u.Community(s.ParentCode); ok {
		return ci
	}
	if k, ok := p.u.Compound(s.ParentCode); ok {
		if ci, ok := p.u.Community(p.e.Compounds[k].CommunityCode); ok {
			return ci
		}
	}
	if st, ok := p.u.Street(s.ParentCode); ok {
		return p.locatedCommunity(s, st.Communities)
	}
	return p.locatedCommunity(s, p.u.CommunitiesByCode())
}

// locatedCommunity returns the first of comms (community indices, by code) whose boundary
// holds the station, -1 none.
func (p places) locatedCommunity(s geo.Station, comms []int) int {
	for _, ci := range comms {
		if planarContains(p.e.Communities[ci].Boundary, s.Point) {
			return ci
		}
	}
	return -1
}

// street returns the code of the street station s belongs to, "" none.
func (p places) street(s geo.Station) string {
	if _, ok := p.u.Street(s.ParentCode); ok && s.ParentCode != "" {
		return s.ParentCode
	}
	if ci := p.community(s); ci >= 0 {
		return p.e.Communities[ci].StreetCode
	}
	for _, st := range p.u.Streets() {
		if planarContains(st.Boundary, s.Point) {
			return st.Code
		}
	}
	return ""
}

// planarContains reports whether p lies in mp (lon, lat treated as a plane, holes
// respected); an empty multipolygon contains nothing.
func planarContains(mp orb.MultiPolygon, p orb.Point) bool {
	return len(mp) > 0 && planar.MultiPolygonContains(mp, p)
}
