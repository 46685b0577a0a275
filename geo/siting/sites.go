package siting

import (
	"context"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/plan"
	"github.com/paulmach/orb"
)

// Limits of a planning request.
const (
	MaxSites      = 50      // sites one request may plan
	MaxCandidates = 200_000 // candidate points one request may give
	MaxExclude    = 10_000  // points one request may exclude
	ExcludeM      = 50.0    // candidates within this many metres of an excluded point are left out
	swapPasses    = 10      // swap passes after the greedy choice
)

// Request asks where K new facilities of Target would bring the most residents within
// Minutes' walk. Points are WGS84 (lon, lat).
type Request struct {
	Target     engine.Target // which kind of facility is planned (a category or a level)
	Minutes    float64       // coverage threshold, 1–60 and at most the engine's MaxMinutes
	K          int           // 1–50 sites
	Candidates []orb.Point   // nil/empty = every on-network cell centre of the study area
	Exclude    []orb.Point   // candidate points within 50 m of these are left out
	// Baseline, when given, replaces Target's computed coverage: every cell's walk seconds
	// to what exists now (e.g. a named circle's, assess.CircleSeconds; NaN off-network,
	// +Inf unreached), one per engine cell. A planned site then provides all of it (for a
	// circle: every one of its facilities), and Target only names the plan.
	Baseline []float32
}

// Site is one proposed site, in build order.
type Site struct {
	Point      orb.Point // WGS84 (lon, lat)
	H3         string    // the H3 cell when the candidate is a cell centre, else ""
	Gain       float64   // residents this site brings within reach beyond the sites before it
	Cumulative float64   // residents the sites so far bring within reach together
	Community  string    // name (else code) of the community the site lies in; "" outside all
}

// Plan is a site plan. Residents are population; when the district has no population
// at all every resident figure is m² of area instead.
type Plan struct {
	Target        engine.Target
	Minutes       float64
	Sites         []Site
	CoveredBefore float64   // residents within Minutes of an existing facility
	CoveredAfter  float64   // the same with the planned sites built
	Population    float64   // residents of the study area
	Curve         []float64 // share of Population covered after each site, 0..1
}

// PlanSites proposes up to req.K sites for new facilities of req.Target that bring the most
// residents within req.Minutes on foot (maximal covering: greedy with lazy evaluation,
// then swap improvement; see package plan). Points are WGS84 (lon, lat); Minutes are
// minutes of walk time as the walking model of docs/model.md defines it.
//
// Demand is every on-network cell whose walk time to the existing facilities exceeds
// Minutes, weighted by its residents (by its area, m², when the district has no
// population). A candidate covers the demand cells it reaches within Minutes: one search
// bounded by Minutes per candidate, looking only at demand cells that could be that close
// — or, when there are fewer demand cells than candidates, one search per demand cell,
// walk times being symmetric — in parallel over Options.Workers. Candidates are
// req.Candidates (those off the walk network are skipped) or every on-network cell centre,
// less those within 50 m of a point of req.Exclude. Fewer than K sites come back when no
// further site would add anyone.
//
// Bad requests are EINVALID; a request whose every candidate is off the network is
// EUNPROCESSABLE; a cancelled ctx, or an engine without computed coverage, EUNAVAILABLE.
func PlanSites(ctx context.Context, e *engine.Engine, req Request) (Plan, error) {
	secs, err := checkRequest(e, req)
	if err != nil {
		return Plan{}, err
	}
	limit := req.Minutes * 60
	dem := demandOf(e, secs, limit)
	cands, err := candidatesOf(e, req)
	if err != nil {
		return Plan{}, err
	}
	covers, err := coverLists(ctx, e, dem, cands, limit)
	if err != nil {
		return Plan{}, err
	}
	p := plan.Problem{Weights: dem.weights, Covers: covers}
	sol := plan.ImproveBySwaps(p, plan.Greedy(p, req.K), swapPasses)
	return planOf(e, req, dem, cands, sol), nil
}

// checkRequest validates req and returns every cell's walk seconds to what exists now.
func checkRequest(e *engine.Engine, req Request) ([]float32, error) {
	secs, err := baselineOf(e, req)
	if err != nil {
		return nil, err
	}
	if err := checkMinutes(e, req.Minutes); err != nil {
		return nil, err
	}
	if req.K < 1 || req.K > MaxSites {
		return nil, geo.Errorf(geo.EINVALID, "k = %d: plan 1 to %d sites", req.K, MaxSites)
	}
	if len(req.Candidates) > MaxCandidates {
		return nil, geo.Errorf(geo.EINVALID, "%d candidate points: give at most %d, or none to consider every cell", len(req.Candidates), MaxCandidates)
	}
	if len(req.Exclude) > MaxExclude {
		return nil, geo.Errorf(geo.EINVALID, "%d excluded points: give at most %d", len(req.Exclude), MaxExclude)
	}
	if err := checkPoints(req.Candidates, "candidate"); err != nil {
		return nil, err
	}
	return secs, checkPoints(req.Exclude, "excluded point")
}

// checkMinutes is EINVALID unless minutes is in 1–60 and at most the minutes e's walk
// times were computed to.
func checkMinutes(e *engine.Engine, minutes float64) error {
	if !(minutes >= 1 && minutes <= 60) {
		return geo.Errorf(geo.EINVALID, "minutes %g is outside 1–60", minutes)
	}
	if minutes > e.Options.MaxMinutes {
		return geo.Errorf(geo.EINVALID, "minutes %g is beyond the %g minutes walk times were computed to; ask for at most %g", minutes, e.Options.MaxMinutes, e.Options.MaxMinutes)
	}
	return nil
}

// baselineOf returns req.Baseline, checked, or else the computed walk seconds of
// req.Target's facility set.
func baselineOf(e *engine.Engine, req Request) ([]float32, error) {
	if req.Baseline == nil {
		k, err := setIndex(e, req.Target)
		if err != nil {
			return nil, err
		}
		return e.Results[k].Seconds, nil
	}
	if err := computed(e); err != nil {
		return nil, err
	}
	if len(req.Baseline) != len(e.Cells) {
		return nil, geo.Errorf(geo.EINVALID, "baseline has %d walk times for %d cells", len(req.Baseline), len(e.Cells))
	}
	return req.Baseline, nil
}

// setIndex returns the index in e.Sets (and e.Results) of t's facility set. It is
// EINVALID for an unknown target and EUNAVAILABLE before Compute.
func setIndex(e *engine.Engine, t engine.Target) (int, error) {
	if err := e.CheckTarget(t); err != nil {
		return -1, err
	}
	if err := computed(e); err != nil {
		return -1, err
	}
	if k, ok := e.SetIndex(t); ok {
		return k, nil
	}
	return -1, geo.Errorf(geo.EINVALID, "no coverage was computed for %s %q", t.Kind, t.Key)
}

// computed is EUNAVAILABLE before e's Compute has run.
func computed(e *engine.Engine) error {
	if len(e.Results) == 0 || len(e.Results) != len(e.Sets) {
		return geo.Errorf(geo.EUNAVAILABLE, "walk-time coverage has not been computed yet (run lifecircle compute)")
	}
	return nil
}

// checkPoints returns an EINVALID error naming the first point of ps that is not a
// (lon, lat) WGS84 pair.
func checkPoints(ps []orb.Point, what string) error {
	for i, p := range ps {
		if !(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) {
			return geo.Errorf(geo.EINVALID, "%s %d (%g, %g) is not a longitude, latitude pair", what, i+1, p[0], p[1])
		}
	}
	return nil
}

// PlanCircleSites is PlanSites for a named service circle: a site holds every facility of
// c, and req's baseline is the circle's coverage today (assess.CircleSeconds at
// req.Minutes: the walk to the farthest of its facilities).
func PlanCircleSites(ctx context.Context, e *engine.Engine, c assess.Circle, req Request) (Plan, error) {
	base, err := assess.CircleSeconds(e, c, req.Minutes)
	if err != nil {
		return Plan{}, err
	}
	req.Baseline = base
	return PlanSites(ctx, e, req)
}
