package siting

import (
	"context"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
)

// Limits and defaults of a shared-centre request.
const (
	DefaultMinShare = 0.8 // share of each member's residents the site must reach
	DefaultMaxGroup = 4   // communities one centre may serve
	MaxGroupLimit   = 6   // the largest max_group a request may ask for
	// maxGroupChoice is how many of the communities a site qualifies for are considered
	// when forming its group (those with the most residents newly covered first).
	maxGroupChoice = 12
)

// SharedRequest asks for groups of neighbouring communities that one new centre of Level
// each could serve: 多社区一中心.
type SharedRequest struct {
	Level    geo.Level // the level of the new centres and of the centres communities already have
	Minutes  float64   // walk threshold, 1–60 and at most the engine's MaxMinutes
	MinShare float64   // (0, 1]: share of every member's residents the site must reach
	MaxGroup int       // 2–MaxGroupLimit communities per group
}

// SharedMember is one community of a group. Residents are population (m² of area when
// the district has none).
type SharedMember struct {
	Code, Name   string
	HasCentre    bool    // a station of the level already stands inside its boundary
	Population   float64 // residents of its cells
	Within       float64 // … within Minutes' walk of the site
	Share        float64 // Within / Population
	NewlyCovered float64 // … within Minutes of the site and not of an existing station of the level
}

// SharedGroup is one new centre and the adjacent communities it serves, in choice order.
type SharedGroup struct {
	Point        orb.Point // the site, WGS84 (lon, lat): the centre of H3
	H3           string    // the site's cell
	Community    string    // code of the community the site lies in
	Members      []SharedMember
	Population   float64 // the members' residents
	NewlyCovered float64 // the members' residents newly within Minutes
}

// SharedPlan answers a SharedRequest.
type SharedPlan struct {
	Level         geo.Level
	Minutes       float64
	MinShare      float64
	MaxGroup      int
	Groups        []SharedGroup
	Communities   int     // communities considered: with a boundary holding cells with residents
	LeftOut       int     // communities without such cells, never grouped
	WithoutCentre int     // considered communities without a centre of their own
	AdjacentPairs int     // pairs of considered communities sharing a boundary
	Candidates    int     // candidate sites searched (cell centres that pass the straight-line bound)
	Grouped       int     // communities in some group
	NewlyCovered  float64 // residents newly covered by all the groups' sites
	ByArea        bool    // residents are m² of area: the district has no population
}

// SharedCentres proposes groups of adjacent communities (sharing a boundary, see
// Adjacency) each of which one new centre of req.Level could serve: from the site, at
// least req.MinShare of every member's residents are within req.Minutes' walk (walking
// model of docs/model.md; a cell's residents count when its centre is within). Points are
// WGS84 (lon, lat), residents population (m² of area when the district has none).
//
// Candidate sites are the on-network centres of the cells of the considered communities.
// A straight-line bound (both access legs plus the distance between the snapped points
// at the walking speed, as PlanSites uses) picks the communities a candidate might reach
// enough of; only candidates that might serve two adjacent communities, one of them
// without a centre of its own (a station of req.Level inside its boundary), are searched,
// one bounded search each, in parallel over Options.Workers.
//
// Groups are chosen greedily: the site and connected set of 2–MaxGroup still ungrouped
// communities it qualifies for with the most members without a centre, then the most
// residents newly covered (not already within req.Minutes of a station of the level),
// then the most residents within; ties go to the earlier cell. Every group holds at least
// one community without a centre; groups never share a community.
//
// Bad requests are EINVALID; a cancelled ctx, or an engine without computed coverage,
// EUNAVAILABLE.
func SharedCentres(ctx context.Context, e *engine.Engine, req SharedRequest) (SharedPlan, error) {
	k, err := checkShared(e, req)
	if err != nil {
		return SharedPlan{}, err
	}
	u, err := sharedUnitsOf(e, req.Level, k, req.Minutes*60)
	if err != nil {
		return SharedPlan{}, err
	}
	opts, searched, err := u.search(ctx, e, req)
	if err != nil {
		return SharedPlan{}, err
	}
	out := SharedPlan{Level: req.Level, Minutes: req.Minutes, MinShare: req.MinShare, MaxGroup: req.MaxGroup,
		Candidates: searched, ByArea: u.byArea}
	u.fillCounts(&out)
	out.Groups = u.choose(e, opts, req.MaxGroup)
	for _, g := range out.Groups {
		out.Grouped += len(g.Members)
		out.NewlyCovered += g.NewlyCovered
	}
	return out, nil
}

// checkShared validates req and returns the index of its level's facility set.
func checkShared(e *engine.Engine, req SharedRequest) (int, error) {
	if !req.Level.Valid() {
		return -1, geo.Errorf(geo.EINVALID, "unknown station level %q (district, street, community, compound or building)", req.Level)
	}
	k, err := setIndex(e, engine.Target{Kind: engine.KindLevel, Key: string(req.Level)})
	if err != nil {
		return -1, err
	}
	if err := checkMinutes(e, req.Minutes); err != nil {
		return -1, err
	}
	if !(req.MinShare > 0 && req.MinShare <= 1) {
		return -1, geo.Errorf(geo.EINVALID, "min_share %g is outside (0, 1]", req.MinShare)
	}
	if req.MaxGroup < 2 || req.MaxGroup > MaxGroupLimit {
		return -1, geo.Errorf(geo.EINVALID, "max_group %d is outside 2–%d", req.MaxGroup, MaxGroupLimit)
	}
	return k, nil
}
