package engine

// LayCells, BuildUnits and Summarise expose Compute's "cells and population" and
// "aggregates" phases to the black-box benchmarks (test builds only).
func (e *Engine) LayCells() error { return e.layCells() }

// BuildUnits rebuilds e.Units from the laid cells.
func (e *Engine) BuildUnits() { e.Units = e.buildUnits() }

// Summarise recomputes e.Summaries from e.Results.
func (e *Engine) Summarise() { e.Summaries = e.summarise() }
