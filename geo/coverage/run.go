package coverage

import (
	"time"

	"github.com/lifecircle/lifecircle/geo/walk"
)

// Run is one compute's coverage as it is kept: the model's parameters, the study area's
// cells with their community and street, every facility set's walk times per cell, and the
// summaries. Slices are parallel where their comments say so; a Run is read, not changed.
type Run struct {
	Started time.Time
	Phases  map[string]float64 // seconds per phase of the compute

	Resolution    int       // H3 resolution of the cells
	SpeedKmh      float64   // walking speed
	MaxMinutes    float64   // the searches' limit
	ThresholdsMin []float64 // coverage thresholds, minutes

	Cells         []Cell
	CellSnaps     []walk.Snap // parallel to Cells: each centre's join to the walk network
	CellCommunity []string    // parallel to Cells: the code of the community holding it, "" none
	CellStreet    []string    // parallel to Cells: that community's street code, "" none

	Sets      []FacilitySet
	Results   []Result // parallel to Sets: seconds and nearest facility per cell
	Summaries []ScopeSummary

	Findings []Finding // the data health check's findings on the run's data, in its order
	// PopulationMethods says how each community's population was spread (community code →
	// method); nil when not known.
	PopulationMethods map[string]Method
}
