package api

import (
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/siting"
)

// The wire format of POST /api/v1/plan/sites.

// planAnswer is a site plan; residents are m² of area when the district has no population.
type planAnswer struct {
	Region        string      `json:"region"` // the region answered for
	Target        kindKeyJSON `json:"target"`
	Minutes       num         `json:"minutes"`
	Sites         []siteJSON  `json:"sites"`
	CoveredBefore num         `json:"covered_before"`
	CoveredAfter  num         `json:"covered_after"`
	Population    num         `json:"population"`
	Curve         []num       `json:"curve"` // share covered after each site, 0..1
}

// siteJSON is one proposed site, in build order; its point is [lon, lat] in the request's
// crs.
type siteJSON struct {
	Point      [2]num `json:"point"`
	H3         string `json:"h3"` // "" when the candidate is not a cell centre
	Gain       num    `json:"gain"`
	Cumulative num    `json:"cumulative"`
	Community  string `json:"community"`
}

func planOut(sys crs.System, p siting.Plan) planAnswer {
	out := planAnswer{Target: kindKeyOut(p.Target), Minutes: num(p.Minutes), Sites: make([]siteJSON, len(p.Sites)),
		CoveredBefore: num(p.CoveredBefore), CoveredAfter: num(p.CoveredAfter), Population: num(p.Population), Curve: nums(p.Curve)}
	for i, s := range p.Sites {
		out.Sites[i] = siteJSON{Point: outPair(sys, s.Point), H3: s.H3, Gain: num(s.Gain), Cumulative: num(s.Cumulative), Community: s.Community}
	}
	return out
}
