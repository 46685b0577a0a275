package district

import (
	"time"

	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
)

// coverageOf returns e's coverage (e computed) as the neutral value a store keeps, with the
// run's start and its phases' times (seconds). The slices are e's, not copies.
func coverageOf(e *engine.Engine, started time.Time, phases map[string]float64) coverage.Run {
	comm := make([]string, len(e.Cells))
	street := make([]string, len(e.Cells))
	for i := range e.Cells {
		comm[i], street[i] = e.Units.CellCommunityCode(i), e.Units.CellStreetCode(i)
	}
	return coverage.Run{Started: started, Phases: phases,
		Resolution: e.Options.Resolution, SpeedKmh: e.Options.Walk.SpeedKmh, MaxMinutes: e.Options.MaxMinutes,
		ThresholdsMin: e.Options.ThresholdsMin,
		Cells:         e.Cells, CellSnaps: e.CellSnaps, CellCommunity: comm, CellStreet: street,
		Sets: e.Sets, Results: e.Results, Summaries: e.Summaries, PopulationMethods: populationMethods(e)}
}
