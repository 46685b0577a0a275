package siting

import (
	"context"

	"github.com/lifecircle/lifecircle/geo/engine"
)

// ScenarioFull is Scenario by the former path: every set that loses a facility is
// searched again over the whole district (the baseline of the tests and benchmark).
func ScenarioFull(ctx context.Context, e *engine.Engine, c Change) (ScenarioResult, error) {
	return scenario(ctx, e, c, true)
}

// ScenarioTimes returns every touched set's walk time per cell after c (seconds, as
// Result.Seconds), by target; full as ScenarioFull.
func ScenarioTimes(ctx context.Context, e *engine.Engine, c Change, full bool) (map[engine.Target][]float32, error) {
	times, _, err := scenarioTimes(ctx, e, c, full)
	if err != nil {
		return nil, err
	}
	out := make(map[engine.Target][]float32, len(times))
	for k, t := range times {
		out[engine.Target{Kind: e.Sets[k].Kind, Key: e.Sets[k].Key}] = t
	}
	return out, nil
}
