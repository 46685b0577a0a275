package siting

import (
	"context"
	"errors"
	"slices"
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
// district has no population). Each touched set is updated, not searched again: the cells
// whose nearest facility is removed get their time from one search bounded by
// MaxMinutes from the surviving facilities within straight-line reach of them, then one
// search from the added facilities lowers every cell within their reach; the "any
// station" set takes the least of the levels' new times. The times are those a search
// from scratch with the change made finds, to the bit. Touched sets are worked on in
// parallel over Options.Workers. Added points off the walk network are EUNPROCESSABLE
// (naming the distance); unknown ids are ENOTFOUND (naming them); a kind or key that is
// not a station level or a known category, an empty change, or more than 100 additions
// or 1000 removals is EINVALID; a cancelled ctx is EUNAVAILABLE.
func Scenario(ctx context.Context, e *engine.Engine, c Change) (ScenarioResult, error) {
	return scenario(ctx, e, c, false)
}

// scenario is Scenario; full searches every set that loses a facility over the whole
// district again and the "any" set from all its stations (the former path, the baseline
// of the tests and the benchmark).
func scenario(ctx context.Context, e *engine.Engine, c Change, full bool) (ScenarioResult, error) {
	times, ks, err := scenarioTimes(ctx, e, c, full)
	if err != nil {
		return ScenarioResult{}, err
	}
	res := ScenarioResult{Targets: make([]ScenarioTarget, len(ks))}
	parallel(len(ks), e.Options.Workers, func(i int) {
		res.Targets[i] = targetChange(e, ks[i], times[ks[i]])
	})
	return res, nil
}

// scenarioTimes validates c and returns every touched set's times after it, by set
// index, and those indexes ascending.
func scenarioTimes(ctx context.Context, e *engine.Engine, c Change, full bool) (map[int][]float32, []int, error) {
	if err := computed(e); err != nil {
		return nil, nil, err
	}
	ch, err := changeOf(e, c)
	if err != nil {
		return nil, nil, err
	}
	ks := ch.sets()
	anyK, derive := e.SetIndex(engine.Target{Kind: engine.KindLevel, Key: engine.AnyLevel})
	derive = derive && !full && slices.Contains(ks, anyK)
	var first []int // sets searched (all but a derived "any")
	for _, k := range ks {
		if !derive || k != anyK {
			first = append(first, k)
		}
	}
	out := make([][]float32, len(first))
	errs := make([]error, len(first))
	parallel(len(first), e.Options.Workers, func(i int) {
		if ctx.Err() == nil {
			out[i], errs[i] = timesAfter(e, first[i], ch, full)
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, nil, geo.WrapError(geo.EUNAVAILABLE, err, "scenario stopped")
	}
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	times := make(map[int][]float32, len(ks))
	for i, k := range first {
		times[k] = out[i]
	}
	if derive {
		times[anyK] = anyAfter(e, anyK, times)
	}
	return times, ks, nil
}

// parallel runs do(0..n-1) on up to workers goroutines (≤ 0: one).
func parallel(n, workers int, do func(i int)) {
	var wg sync.WaitGroup
	slots := make(chan struct{}, max(1, workers))
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			do(i)
		}()
	}
	wg.Wait()
}
