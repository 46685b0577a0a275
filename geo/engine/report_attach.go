package engine

import (
	"github.com/lifecircle/lifecircle/geo"
)

// repPlaces attributes stations to communities and streets by the rules in Network's
// documentation: ParentCode first, else location.
type repPlaces struct {
	e           *Engine
	commByCode  map[string]int
	streetCodes map[string]bool
	compComm    map[string]string // compound ID → community code
	comms       []int             // community indices by code
	streets     []UnitStreet
}

func (e *Engine) newRepPlaces() *repPlaces {
	p := &repPlaces{e: e, commByCode: e.Units.byCode, streetCodes: map[string]bool{},
		compComm: map[string]string{}, comms: e.Units.CommunitiesByCode(), streets: e.Units.Streets()}
	for _, s := range p.streets {
		p.streetCodes[s.Code] = true
	}
	for _, k := range e.Compounds {
		if _, dup := p.compComm[k.ID]; !dup && k.ID != "" {
			p.compComm[k.ID] = k.CommunityCode
		}
	}
	return p
}

// community returns the index of the community station s belongs to, -1 none.
func (p *repPlaces) community(s geo.Station) int {
	if ci, ok := p.commByCode[s.ParentCode]; ok && s.ParentCode != "" {
		return ci
	}
	if cc, ok := p.compComm[s.ParentCode]; ok && s.ParentCode != "" {
		if ci, ok := p.commByCode[cc]; ok {
			return ci
		}
	}
	if p.streetCodes[s.ParentCode] && s.ParentCode != "" {
		return p.locatedCommunity(s, s.ParentCode)
	}
	return p.locatedCommunity(s, "")
}

// locatedCommunity returns the first community (by code) of the street (any street when
// "") whose boundary holds the station, -1 none.
func (p *repPlaces) locatedCommunity(s geo.Station, street string) int {
	for _, ci := range p.comms {
		c := p.e.Communities[ci]
		if (street == "" || c.StreetCode == street) && repPlanarContains(c.Boundary, s.Point) {
			return ci
		}
	}
	return -1
}

// street returns the code of the street station s belongs to, "" none.
func (p *repPlaces) street(s geo.Station) string {
	if s.ParentCode != "" && p.streetCodes[s.ParentCode] {
		return s.ParentCode
	}
	if ci := p.community(s); ci >= 0 {
		return p.e.Communities[ci].StreetCode
	}
	for _, st := range p.streets {
		if repPlanarContains(st.Boundary, s.Point) {
			return st.Code
		}
	}
	return ""
}
