package siting

import (
	"context"
	"errors"
	"sync"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
)

// Limits of a scenario.
const (
	MaxAdd    = 100  // facilities one scenario may add
	MaxRemove = 1000 // facilities one scenario may remove
)

// Change is a what-if: facilities added and existing stations or outlets removed.
type Change struct {
	Add    []Addition
	Remove []string // station or outlet ids
}

// Addition is a facility a scenario adds.
type Addition struct {
	Point orb.Point // WGS84 (lon, lat); must be on the walk network
	Kind  string    // engine.KindLevel (a station) or engine.KindCategory (an outlet)
	Key   string    // the station's level (not "any") or the outlet's category
	Name  string    // optional, used in error messages
}

// ScenarioRow is the coverage of one community (or of the district: Code "") before and
// after a scenario. Population is residents — m² of area when the district has no
// population, and then every share and gain is by area too.
type ScenarioRow struct {
	Code, Name      string
	Population      float64
	Before, After   []float64 // share of Population within each threshold, 0..1
	GainedResidents float64   // After − Before at the largest threshold, in residents (negative: lost)
}

// ScenarioTarget is the change of one facility set's coverage.
type ScenarioTarget struct {
	Target      engine.Target
	Thresholds  []float64 // minutes, as Options.ThresholdsMin
	District    ScenarioRow
	Communities []ScenarioRow // only those whose coverage changes, largest gain first
}

// ScenarioResult holds one ScenarioTarget per facility set the change touches: an added
// or removed station's own level and the "any" level, an outlet's category.
type ScenarioResult struct {
	Targets []ScenarioTarget
}

// Scenario computes how coverage would change if c were carried out, without changing the
// engine (it is shared by concurrent requests): the touched sets' walk times go into fresh
// slices. Points are WGS84 (lon, lat); walk times are searched to Options.MaxMinutes and
// compared with Options.ThresholdsMin (minutes); shares are by residents (by area when the
// district has no population). With additions only, one search from the added facilities
// runs and each cell within their reach keeps the lower of its old and new time; a set
// that loses a facility is searched again from its remaining and added ones. Touched sets
// are worked on in parallel over Options.Workers. Added points off the walk network are
// EUNPROCESSABLE (naming the distance); unknown ids are ENOTFOUND (naming them); a kind or
// key that is not a station level or a known category, an empty change, or more than 100
// additions or 1000 removals is EINVALID; a cancelled ctx is EUNAVAILABLE.
func Scenario(ctx context.Context, e *engine.Engine, c Change) (ScenarioResult, error) {
	if err := computed(e); err != nil {
		return ScenarioResult{}, err
	}
	ch, err := changeOf(e, c)
	if err != nil {
		return ScenarioResult{}, err
	}
	ks := ch.sets()
	res := ScenarioResult{Targets: make([]ScenarioTarget, len(ks))}
	errs := make([]error, len(ks))
	var wg sync.WaitGroup
	slots := make(chan struct{}, max(1, e.Options.Workers))
	for i, k := range ks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			if ctx.Err() != nil {
				return
			}
			times, err := timesAfter(e, k, ch)
			if err != nil {
				errs[i] = err
				return
			}
			res.Targets[i] = targetChange(e, k, times)
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return ScenarioResult{}, geo.WrapError(geo.EUNAVAILABLE, err, "scenario stopped")
	}
	if err := errors.Join(errs...); err != nil {
		return ScenarioResult{}, err
	}
	return res, nil
}
