package health

import (
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/standards"
)

// Options are the thresholds of the checks. A zero field takes its default (to ask for
// "any at all", give a tiny positive value); a negative or non-finite one is EINVALID.
type Options struct {
	// MaxUnitOutsideShare: a community or compound with more than this share of its area
	// outside the walk network's extent is flagged (default 0.5: mostly outside).
	MaxUnitOutsideShare float64
	// UnitErrorOutsideShare: with at least this share outside (default 0.99: all but a
	// sliver) the unit's figures mean nothing, an error.
	UnitErrorOutsideShare float64
	// FacilityOutsideM: a station or outlet farther than this from the study area is
	// flagged as a warning (metres; default 1 000, a 15-minute walk at 4 km/h: beyond it
	// a facility reaches no resident within 15 minutes).
	FacilityOutsideM float64
	// FacilityFarKm: farther than this from the study area the facility's coordinates are
	// wrong, an error (kilometres; default 20, farther than anyone walks to a service).
	FacilityFarKm float64
	// SmallComponentShare: a facility on a connected component of the network with fewer
	// nodes than this share of the largest component's is flagged (default 0.1).
	SmallComponentShare float64
	// MaxFragmentShare: a network with more than this share of its nodes outside its
	// largest component is a warning, at most this an info (default 0.02).
	MaxFragmentShare float64
	// MaxDensity: cells with more residents per km² than this are outliers (default
	// 60 000, above the densest urban blocks of Chinese cities).
	MaxDensity float64
	// MaxUnreachedShare: a facility set with more than this share of the on-network cells
	// not reached within the search bound is a warning, at most this an info (default
	// 0.05).
	MaxUnreachedShare float64
	// Standards are the planning standards in use (the --standards file, else the bundled
	// data/standards): a grid with more households per grid worker (网格员) than their
	// households_per_grid_worker ratio allows (its warn_above, else its max) is flagged,
	// and the finding names the ratio's figure and source. Nil, or standards without that
	// ratio: the load is not checked, and an info finding (grid_worker_load_not_checked)
	// says so. There is no built-in figure: the bound is always the planner's rule.
	Standards *standards.Rules
}

// DefaultOptions returns the default thresholds.
func DefaultOptions() Options {
	return Options{
		MaxUnitOutsideShare:   0.5,
		UnitErrorOutsideShare: 0.99,
		FacilityOutsideM:      1000,
		FacilityFarKm:         20,
		SmallComponentShare:   0.1,
		MaxFragmentShare:      0.02,
		MaxDensity:            60000,
		MaxUnreachedShare:     0.05,
	}
}

// withDefaults fills every zero field with its default.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	fill := func(v *float64, def float64) {
		if *v == 0 {
			*v = def
		}
	}
	fill(&o.MaxUnitOutsideShare, d.MaxUnitOutsideShare)
	fill(&o.UnitErrorOutsideShare, d.UnitErrorOutsideShare)
	fill(&o.FacilityOutsideM, d.FacilityOutsideM)
	fill(&o.FacilityFarKm, d.FacilityFarKm)
	fill(&o.SmallComponentShare, d.SmallComponentShare)
	fill(&o.MaxFragmentShare, d.MaxFragmentShare)
	fill(&o.MaxDensity, d.MaxDensity)
	fill(&o.MaxUnreachedShare, d.MaxUnreachedShare)
	return o
}

// Validate checks the options (after defaults): shares in (0, 1], UnitErrorOutsideShare
// not below MaxUnitOutsideShare, distances and the density positive and finite,
// FacilityFarKm beyond FacilityOutsideM.
func (o Options) Validate() error {
	o = o.withDefaults()
	shares := []struct {
		name string
		v    float64
	}{
		{"max unit outside share", o.MaxUnitOutsideShare},
		{"unit error outside share", o.UnitErrorOutsideShare},
		{"small component share", o.SmallComponentShare},
		{"max fragment share", o.MaxFragmentShare},
		{"max unreached share", o.MaxUnreachedShare},
	}
	for _, s := range shares {
		if !(s.v > 0 && s.v <= 1) {
			return geo.Errorf(geo.EINVALID, "health check: %s %g is outside (0, 1]", s.name, s.v)
		}
	}
	positive := []struct {
		name string
		v    float64
	}{
		{"facility outside distance (m)", o.FacilityOutsideM},
		{"facility far distance (km)", o.FacilityFarKm},
		{"max density (residents/km²)", o.MaxDensity},
	}
	for _, p := range positive {
		if !(p.v > 0) || math.IsInf(p.v, 1) {
			return geo.Errorf(geo.EINVALID, "health check: %s %g must be positive and finite", p.name, p.v)
		}
	}
	if o.UnitErrorOutsideShare < o.MaxUnitOutsideShare {
		return geo.Errorf(geo.EINVALID, "health check: unit error outside share %g is below the warning share %g", o.UnitErrorOutsideShare, o.MaxUnitOutsideShare)
	}
	if o.FacilityFarKm*1000 <= o.FacilityOutsideM {
		return geo.Errorf(geo.EINVALID, "health check: facility far distance %g km must exceed the outside distance %g m", o.FacilityFarKm, o.FacilityOutsideM)
	}
	return nil
}

// Facts are what the engine does not hold and the caller reads elsewhere (the database):
// station statuses and counts of stale derived rows.
type Facts struct {
	// Candidate reports whether a station is a candidate a planner has not confirmed. Nil
	// means the stations detected from OpenStreetMap (Source "osm", geo.Station's "for
	// planners to review") are the candidates, and the finding says so.
	Candidate func(s geo.Station) bool
	// Stale lists derived rows left from inputs since replaced, by kind.
	Stale []StaleRows
}

// StaleRows counts derived rows of one kind that no longer match their inputs, e.g. the
// streets derived from communities that have since been imported again.
type StaleRows struct {
	Kind  string // what the rows are, e.g. "street", "neighbourhood", "station"
	Count int
}
