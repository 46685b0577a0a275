package district

import (
	"context"
	"time"

	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/health"
)

// PhaseWrite names the phase of a Recompute that writes the coverage to the store.
const PhaseWrite = "write results"

// Phase is one timed step of a compute: engine's phases ("load network", "walk searches"
// …), then PhaseWrite.
type Phase struct {
	Name string
	Took time.Duration
}

// Computed is a district loaded and computed: the engine to swap in, and how long it took.
type Computed struct {
	Engine *engine.Engine
	Phases []Phase       // in the order they ran
	Took   time.Duration // wall time of the load, the compute and (Recompute) the write
	// Findings are the data health check's findings on the computed district (Recompute
	// only; Compute checks nothing), stored with the run.
	Findings []health.Finding
}

// Phase returns the time of the named phase (0 when it did not run).
func (c *Computed) Phase(name string) time.Duration {
	for _, p := range c.Phases {
		if p.Name == name {
			return p.Took
		}
	}
	return 0
}

// Compute loads the district from src (WGS84) and computes its coverage with opts (walk
// speed in km/h, minutes, H3 resolution). opts.Phase, when set, is told every phase as it
// ends. Nothing is written and nothing checked: the server's first load, reports and
// checks use it.
func Compute(ctx context.Context, src engine.Source, opts engine.Options) (*Computed, error) {
	c := &Computed{}
	start := time.Now()
	opts.Phase = c.recording(opts.Phase)
	e, err := engine.Load(ctx, src, opts)
	if err != nil {
		return nil, err
	}
	if err := e.Compute(ctx); err != nil {
		return nil, err
	}
	c.Engine, c.Took = e, time.Since(start)
	return c, nil
}

// RecomputeOptions configure Recompute.
type RecomputeOptions struct {
	Engine engine.Options // the model: walk speed in km/h, minutes, H3 resolution
	Health health.Options // the data health check's thresholds; zero fields take defaults
	// Force computes and writes even when the data health check finds errors (they are
	// stored with the run all the same).
	Force bool
}

// Recompute loads the district from st, runs the data health check on it (geo/health)
// and refuses, EUNPROCESSABLE listing the errors, when it finds any unless opts.Force;
// then computes it, checks it again with the checks that need the cells and walk times,
// and writes its coverage and those findings to st in one transaction, replacing the
// previous run, with the run's start and the compute's phases recorded. The caller swaps
// the new engine in and shows the warnings (Computed.Findings).
func Recompute(ctx context.Context, st ComputeStore, opts RecomputeOptions) (*Computed, error) {
	start := time.Now()
	c := &Computed{}
	report := opts.Engine.Phase
	eo := opts.Engine
	eo.Phase = c.recording(report)
	e, err := engine.Load(ctx, st, eo)
	if err != nil {
		return nil, err
	}
	pre, err := CheckEngine(ctx, st, e, opts.Health)
	if err != nil {
		return nil, err
	}
	if pre.Summary.Errors > 0 && !opts.Force {
		return nil, refused(pre.Findings)
	}
	if err := e.Compute(ctx); err != nil {
		return nil, err
	}
	post, err := CheckEngine(ctx, st, e, opts.Health)
	if err != nil {
		return nil, err
	}
	c.Engine, c.Findings = e, post.Findings
	run := coverageOf(e, start, c.seconds())
	run.Findings = storedFindings(post.Findings)
	t := time.Now()
	if err := st.WriteCoverage(ctx, run); err != nil {
		return nil, err
	}
	wrote := time.Since(t)
	c.Phases = append(c.Phases, Phase{PhaseWrite, wrote})
	if report != nil {
		report(PhaseWrite, wrote)
	}
	c.Took = time.Since(start)
	return c, nil
}

// recording returns a phase callback that notes each phase in c, then tells next.
func (c *Computed) recording(next func(string, time.Duration)) func(string, time.Duration) {
	return func(name string, d time.Duration) {
		c.Phases = append(c.Phases, Phase{name, d})
		if next != nil {
			next(name, d)
		}
	}
}

// seconds returns the phases so far as seconds by name, as the run record keeps them.
func (c *Computed) seconds() map[string]float64 {
	out := make(map[string]float64, len(c.Phases))
	for _, p := range c.Phases {
		out[p.Name] = p.Took.Seconds()
	}
	return out
}

// populationMethods maps each community's code to how its population was spread
// (coverage.Method), for the run record; nil before Compute.
func populationMethods(e *engine.Engine) map[string]coverage.Method {
	if e.PopulationMethods == nil {
		return nil
	}
	out := make(map[string]coverage.Method, len(e.Communities))
	for i, c := range e.Communities {
		out[c.Code] = e.PopulationMethods[i]
	}
	return out
}

// PopulationSpread counts how the communities' populations were spread, and the
// buildings counted with the default levels, for the compute summary.
type PopulationSpread struct {
	Methods       map[coverage.Method]int // communities per method
	Buildings     int                     // footprints loaded (geo.IsBuildingKind)
	Counted       int                     // of them counted (yes only inside residential land)
	DefaultLevels int                     // of the counted, those without building:levels
	LevelsAssumed float64                 // the levels those are counted with
}

// Spread returns how c's engine spread its population (zero before Compute).
func (c *Computed) Spread() PopulationSpread {
	e := c.Engine
	s := PopulationSpread{Methods: map[coverage.Method]int{}}
	if e == nil {
		return s
	}
	for _, m := range e.PopulationMethods {
		s.Methods[m]++
	}
	s.Buildings, s.LevelsAssumed = len(e.Buildings), e.Options.BuildingLevels
	for _, h := range coverage.CountedHomes(e.Homes()) {
		s.Counted++
		if !(h.Levels > 0) {
			s.DefaultLevels++
		}
	}
	return s
}
