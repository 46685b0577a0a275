package report

import (
	"context"
	"sort"
	"time"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/health"
	"github.com/lifecircle/lifecircle/geo/siting"
	"github.com/lifecircle/lifecircle/geo/standards"
)

// Input is everything a report shows: a computed engine and the figures asked of it.
// Collect fills the figures; the caller sets the presentation fields.
type Input struct {
	Engine     *engine.Engine
	Network    assess.NetworkReport
	Coverage   []assess.CoverageReport // one per target and threshold, district-wide
	Gaps       []assess.Gap            // ranked by residents beyond GapMinutes of GapTarget
	GapTarget  engine.Target
	GapMinutes float64
	Standards  *assess.ComplianceReport // nil: the standards were not checked
	Shared     *siting.SharedPlan       // nil: no shared-centre (多社区一中心) section
	Rules      *standards.Rules         // the rules Standards was checked against: names of circles and the source in each language
	// Findings are the data health check's findings on the engine (geo/health, sorted);
	// the first page counts them by severity and lists the errors and warnings. Only
	// shown when Checked: the check was run (and found Findings, perhaps none).
	Findings []health.Finding
	Checked  bool
	// Grids is the grids (网格) assessed against Rules' grid rules; nil when the district
	// has none (the section is then left out).
	Grids *assess.GridReport
	// Supply is the service floor area and staff within reach (2SFCA, the figures of GET
	// /api/v1/supply); nil when the standards were not given (the section is then left out).
	Supply *SupplyFigures

	Categories  *geo.Categories // names of the outlet categories; nil: their keys are shown
	Circles     []assess.Circle // names of the circles in Coverage (target kind assess.KindCircle)
	Lang        string          // "zh" (default) or "en"
	Title       string          // "" gives a default title in Lang
	Attribution string          // e.g. "Map data © OpenStreetMap contributors (ODbL)"; "" none
	Generated   time.Time       // shown when not zero
}

// CollectOptions say what Collect asks of the engine.
type CollectOptions struct {
	Rules      *standards.Rules // nil: no standards check
	Minutes    []float64        // coverage thresholds, whole minutes (default 5, 10, 15)
	GapMinutes float64          // gaps are residents beyond this many minutes of any station (default 15)
	GapLimit   int              // how many gaps to keep, 1–assess.MaxGaps (default 100)
	// Shared asks for the shared-centre groups (siting.SharedCentres, run to the end:
	// Collect takes no context); nil: none.
	Shared *siting.SharedRequest
	// Circles are named service circles whose district-wide coverage is collected at
	// each of Minutes too, beside the categories (none: none).
	Circles []assess.Circle
	// SupplyMinutes is T of the supply-within-reach section (whole minutes, 1–60; default
	// 15); the section needs Rules.
	SupplyMinutes float64
}

func (o CollectOptions) withDefaults() CollectOptions {
	if len(o.Minutes) == 0 {
		o.Minutes = []float64{5, 10, 15}
	}
	if o.GapMinutes == 0 {
		o.GapMinutes = 15
	}
	if o.GapLimit == 0 {
		o.GapLimit = 100
	}
	if o.SupplyMinutes == 0 {
		o.SupplyMinutes = defaultSupplyMinutes
	}
	return o
}

// anyStation is the target of every station, whatever its level.
func anyStation() engine.Target { return engine.Target{Kind: engine.KindLevel, Key: engine.AnyLevel} }

// Collect asks a computed engine for the report's figures: the network report; the
// district-wide coverage (residents and area within each of o.Minutes' walk) of every
// station level, of any station and of every outlet category the engine computed; the
// gaps beyond o.GapMinutes of any station (their polygons WGS84 lon, lat); and, when
// o.Rules is given, the standards check and the service floor area and staff within
// o.SupplyMinutes' walk per street and community (2SFCA, assess.Supply). Populations are residents, areas m² and times
// walking minutes. The engine's errors pass through (EUNAVAILABLE before Compute, EINVALID for bad
// minutes or limits).
func Collect(e *engine.Engine, o CollectOptions) (Input, error) {
	if e == nil {
		return Input{}, geo.Errorf(geo.EINVALID, "no district engine to report on")
	}
	o = o.withDefaults()
	in := Input{Engine: e, Network: assess.Network(e), GapTarget: anyStation(), GapMinutes: o.GapMinutes}
	for _, t := range reportTargets(e) {
		for _, m := range o.Minutes {
			c, err := assess.Coverage(e, assess.CoverageQuery{Target: t, Minutes: m})
			if err != nil {
				return Input{}, err
			}
			in.Coverage = append(in.Coverage, c)
		}
	}
	for i := range o.Circles {
		for _, m := range o.Minutes {
			c, err := assess.Coverage(e, assess.CoverageQuery{Circle: &o.Circles[i], Minutes: m})
			if err != nil {
				return Input{}, err
			}
			in.Coverage = append(in.Coverage, c)
		}
	}
	in.Circles = o.Circles
	var err error
	if in.Gaps, err = assess.Gaps(e, anyStation(), o.GapMinutes, o.GapLimit); err != nil {
		return Input{}, err
	}
	if o.Rules != nil {
		rep, err := assess.Standards(e, o.Rules, "")
		if err != nil {
			return Input{}, err
		}
		in.Standards, in.Rules = &rep, o.Rules
	}
	if o.Shared != nil {
		plan, err := siting.SharedCentres(context.Background(), e, *o.Shared)
		if err != nil {
			return Input{}, err
		}
		in.Shared = &plan
	}
	if in.Grids, err = collectGrids(e, o.Rules); err != nil {
		return Input{}, err
	}
	if in.Supply, err = collectSupply(e, o.Rules, o.SupplyMinutes); err != nil {
		return Input{}, err
	}
	return in, nil
}

// reportTargets lists the station levels top down, then any station, then the outlet
// categories in the engine's order.
func reportTargets(e *engine.Engine) []engine.Target {
	var ts []engine.Target
	for _, l := range geo.Levels() {
		ts = append(ts, engine.Target{Kind: engine.KindLevel, Key: string(l)})
	}
	ts = append(ts, anyStation())
	for _, s := range e.Sets {
		if s.Kind == engine.KindCategory {
			ts = append(ts, engine.Target{Kind: s.Kind, Key: s.Key})
		}
	}
	return ts
}

// coverageOf returns the district coverage of t within minutes, if collected.
func (in Input) coverageOf(t engine.Target, minutes float64) (assess.CoverageReport, bool) {
	for _, c := range in.Coverage {
		if c.Target == t && c.Minutes == minutes {
			return c, true
		}
	}
	return assess.CoverageReport{}, false
}

// coverageTargets lists the targets of in.Coverage in first-seen order, and the
// thresholds in ascending order.
func (in Input) coverageTargets() ([]engine.Target, []float64) {
	var ts []engine.Target
	var ms []float64
	seenT := map[engine.Target]bool{}
	seenM := map[float64]bool{}
	for _, c := range in.Coverage {
		if !seenT[c.Target] {
			seenT[c.Target] = true
			ts = append(ts, c.Target)
		}
		if !seenM[c.Minutes] {
			seenM[c.Minutes] = true
			ms = append(ms, c.Minutes)
		}
	}
	sort.Float64s(ms)
	return ts, ms
}

// check returns an error when in cannot be rendered.
func (in Input) check() error {
	if in.Engine == nil {
		return geo.Errorf(geo.EINVALID, "report input has no engine: build it with report.Collect")
	}
	if _, err := CheckLang(in.Lang); err != nil {
		return err
	}
	return nil
}
