package engine

import (
	"context"
	"runtime"
	"sort"
	"time"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/walk"
	"github.com/uber/h3-go/v4"
)

// Source is where an Engine reads a district from. postgis.DB is the production Source.
type Source interface {
	LoadNetwork(ctx context.Context) ([]geo.WalkNode, []geo.WalkEdge, error)
	Stations(ctx context.Context) ([]geo.Station, error)
	Outlets(ctx context.Context) ([]geo.Outlet, error)
	Communities(ctx context.Context) ([]geo.Community, error)
	Streets(ctx context.Context) ([]geo.Street, error)
	Districts(ctx context.Context) ([]geo.District, error)
	Compounds(ctx context.Context) ([]geo.Compound, error)
	ResidentialAreas(ctx context.Context) ([]geo.ResidentialArea, error)
	PopulationGrid(ctx context.Context) (map[string]float64, error)
}

// BuildingSource is a Source that also holds building footprints: Load reads them when
// src has them, and without a population grid residents are spread over their floor area.
type BuildingSource interface {
	Buildings(ctx context.Context) ([]geo.Building, error)
}

// Options are the model's parameters.
type Options struct {
	Resolution          int           // H3 resolution of cells (default 10)
	Walk                geo.WalkModel // walking speed, steps factor, snap distance
	MaxMinutes          float64       // searches stop here; farther is "not reached" (default 30)
	ThresholdsMin       []float64     // coverage thresholds in minutes (default 5, 10, 15)
	Workers             int           // parallel searches (default GOMAXPROCS)
	Categories          []string      // outlet categories to report, even those without outlets
	PersonsPerHousehold float64       // population of a community that gives households only (default 2.62, China's 2020 census)
	IncludeCandidates   bool          // candidate stations (found in OpenStreetMap, not confirmed) count too
	BuildingLevels      float64       // levels of a building without building:levels (default coverage.DefaultBuildingLevels)
	// Baseline runs main's code paths before the graph snapshots and the one-pass
	// aggregates: the network rows loaded and the graph built even when the Source keeps
	// snapshots (GraphStore), three passes over the cells per set for the summaries, and
	// searches that queue every labelled node (walk.Graph.SetPlainSearch) instead of
	// walking chains. The same results; the benchmark's baseline.
	Baseline bool
	Phase    func(name string, d time.Duration) // optional: told the time of each phase
}

func (o Options) withDefaults() Options {
	if o.Resolution == 0 {
		o.Resolution = coverage.DefaultResolution
	}
	if o.Walk == (geo.WalkModel{}) {
		o.Walk = geo.DefaultWalkModel()
	}
	if o.MaxMinutes == 0 {
		o.MaxMinutes = 30
	}
	if len(o.ThresholdsMin) == 0 {
		o.ThresholdsMin = coverage.DefaultThresholdsMin()
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.PersonsPerHousehold == 0 {
		o.PersonsPerHousehold = 2.62
	}
	if o.BuildingLevels == 0 {
		o.BuildingLevels = coverage.DefaultBuildingLevels
	}
	return o
}

// Validate checks the options.
func (o Options) Validate() error {
	o = o.withDefaults()
	if o.Resolution < 6 || o.Resolution > 13 {
		return geo.Errorf(geo.EINVALID, "H3 resolution %d is outside 6–13", o.Resolution)
	}
	if o.MaxMinutes < 1 || o.MaxMinutes > 180 {
		return geo.Errorf(geo.EINVALID, "max minutes %.0f is outside 1–180", o.MaxMinutes)
	}
	for _, t := range o.ThresholdsMin {
		if t <= 0 || t > o.MaxMinutes {
			return geo.Errorf(geo.EINVALID, "threshold %.0f min must be in (0, max minutes %.0f]", t, o.MaxMinutes)
		}
	}
	if !(o.BuildingLevels >= 1 && o.BuildingLevels <= 100) {
		return geo.Errorf(geo.EINVALID, "default building levels %g is outside 1–100", o.BuildingLevels)
	}
	return o.Walk.Validate()
}

// Data is a district's facilities and areas, all WGS84 (lon, lat).
type Data struct {
	Stations    []geo.Station
	Outlets     []geo.Outlet
	Communities []geo.Community
	Streets     []geo.Street
	Districts   []geo.District // the study area when any: cells are laid inside their union only
	Compounds   []geo.Compound
	Residential []geo.ResidentialArea
	Grid        map[string]float64 // population per H3 cell (text index); nil when none imported
	Buildings   []geo.Building     // footprints that can house residents (BuildingSource)
	Grids       []geo.Grid         // grids (网格) below the communities, from a GridSource; nil when none
	Halo        *Halo              // other regions' facilities near the districts, from a HaloSource (halo.go); nil when none
}

// Engine is a district loaded into memory. After Compute, Cells, CellSnaps, Results and
// Summaries hold the coverage and Units the cells of every community, street and
// compound. An Engine is not changed after Compute, so any number of goroutines may read
// it.
type Engine struct {
	Options Options
	Graph   *walk.Graph
	Data

	StationSnaps []walk.Snap
	OutletSnaps  []walk.Snap
	// Candidates are the candidate stations held back from Data.Stations (see
	// Options.IncludeCandidates): listed, never counted. Empty when candidates are included.
	Candidates []geo.Station
	// PopulationMethods says, per community (parallel to Communities), how its population
	// was spread over its cells, after Compute (coverage.MethodNone for one without a
	// boundary).
	PopulationMethods []coverage.Method

	Cells     []coverage.Cell
	CellSnaps []walk.Snap
	CellComm  []int // community index of each cell, -1 none
	cellIndex map[h3.Cell]int
	byTarget  map[Target]facilityList
	fields    *fieldCache
	Sets      []coverage.FacilitySet
	Results   []coverage.Result // parallel to Sets
	Summaries []coverage.ScopeSummary
	Units     *Units // communities, streets and compounds, with their cells after Compute
	// Clip says how the walk network was cut to the districts' halo (nil: no districts,
	// the whole network).
	Clip *Clip
}

// Load reads a district from src, builds the walk graph and snaps every facility. When
// src keeps graph snapshots (GraphStore) and opts.Baseline is false, the graph is
// read from the snapshot of the current network, or built and saved as one: the same
// graph either way.
func Load(ctx context.Context, src Source, opts Options) (*Engine, error) {
	opts = opts.withDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	gs, ok := src.(GraphStore)
	if !ok || opts.Baseline {
		return loadBuilt(ctx, src, opts)
	}
	t := newTimer(opts.Phase)
	d, err := loadData(ctx, src, opts)
	if err != nil {
		return nil, err
	}
	t.done("load facilities")
	g, clip, err := loadGraph(ctx, src, gs, d, opts, t)
	if err != nil {
		return nil, err
	}
	return assemble(d, g, clip, opts, t), nil
}

// loadBuilt reads the network rows and the facilities and builds the engine (New).
func loadBuilt(ctx context.Context, src Source, opts Options) (*Engine, error) {
	t := newTimer(opts.Phase)
	nodes, edges, err := src.LoadNetwork(ctx)
	if err != nil {
		return nil, err
	}
	t.done("load network")
	d, err := loadData(ctx, src, opts)
	if err != nil {
		return nil, err
	}
	t.done("load facilities")
	return New(d, nodes, edges, opts)
}

func loadData(ctx context.Context, src Source, opts Options) (Data, error) {
	var d Data
	var err error
	if d.Stations, err = src.Stations(ctx); err != nil {
		return d, err
	}
	if d.Outlets, err = src.Outlets(ctx); err != nil {
		return d, err
	}
	if d.Communities, err = src.Communities(ctx); err != nil {
		return d, err
	}
	if d.Streets, err = src.Streets(ctx); err != nil {
		return d, err
	}
	if d.Districts, err = src.Districts(ctx); err != nil {
		return d, err
	}
	if d.Compounds, err = src.Compounds(ctx); err != nil {
		return d, err
	}
	if d.Residential, err = src.ResidentialAreas(ctx); err != nil {
		return d, err
	}
	if d.Grid, err = src.PopulationGrid(ctx); err != nil {
		return d, err
	}
	if bs, ok := src.(BuildingSource); ok {
		if d.Buildings, err = bs.Buildings(ctx); err != nil {
			return d, err
		}
	}
	if gs, ok := src.(GridSource); ok {
		if d.Grids, err = gs.Grids(ctx); err != nil {
			return d, err
		}
	}
	if len(d.Grid) == 0 {
		d.Grid = nil
	}
	d.Halo, err = loadHalo(ctx, src, d, opts)
	return d, err
}

// New builds an Engine from values: the walk graph from nodes and edges, then every
// station and outlet snapped onto it. Candidate stations (geo.Station.Candidate) are moved
// from Data.Stations to Candidates unless opts.IncludeCandidates: every query and
// assessment reads Data.Stations, so candidates then count nowhere.
func New(d Data, nodes []geo.WalkNode, edges []geo.WalkEdge, opts Options) (*Engine, error) {
	opts = opts.withDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	t := newTimer(opts.Phase)
	g, clip, err := buildGraph(d, nodes, edges, opts)
	if err != nil {
		return nil, err
	}
	t.done("build graph")
	return assemble(d, g, clip, opts, t), nil
}

// buildGraph clips the network to the districts' halo and builds the walk graph.
func buildGraph(d Data, nodes []geo.WalkNode, edges []geo.WalkEdge, opts Options) (*walk.Graph, *Clip, error) {
	if len(edges) == 0 {
		return nil, nil, geo.Errorf(geo.EINVALID, "the walk network is empty: import an OpenStreetMap extract first (lifecircle import osm FILE)")
	}
	nodes, edges, clip := clipNetwork(d.Districts, nodes, edges, opts.Halo())
	if len(edges) == 0 {
		return nil, nil, geo.Errorf(geo.EINVALID, "the walk network has no way within %.1f km of the districts loaded: is the OpenStreetMap extract of the district's area?", opts.Halo()/1000)
	}
	g, err := walk.Build(nodes, edges, opts.Walk)
	return g, clip, err
}

// assemble makes the engine of d on g: candidates split off, every station and outlet
// snapped (phase "snap facilities").
func assemble(d Data, g *walk.Graph, clip *Clip, opts Options, t *timer) *Engine {
	e := &Engine{Options: opts, Graph: g, Data: d, Clip: clip, fields: &fieldCache{}}
	if !opts.IncludeCandidates {
		e.Stations, e.Candidates = SplitCandidates(d.Stations)
	}
	e.StationSnaps = g.SnapAll(stationPoints(e.Stations)) // parallel to the counted stations, as indexFacilities reads them
	e.OutletSnaps = g.SnapAll(outletPoints(d.Outlets))
	e.indexFacilities()
	e.addHalo()
	e.Units = e.buildUnits()
	t.done("snap facilities")
	return e
}

// timer reports the time of each phase to a callback.
type timer struct {
	fn   func(string, time.Duration)
	last time.Time
}

func newTimer(fn func(string, time.Duration)) *timer { return &timer{fn: fn, last: time.Now()} }

func (t *timer) done(phase string) {
	now := time.Now()
	if t.fn != nil {
		t.fn(phase, now.Sub(t.last))
	}
	t.last = now
}

// SplitCandidates returns the stations that count (confirmed) and the candidates, each in
// the order of stations.
func SplitCandidates(stations []geo.Station) (counted, candidates []geo.Station) {
	counted = make([]geo.Station, 0, len(stations))
	for _, s := range stations {
		if s.Candidate() {
			candidates = append(candidates, s)
		} else {
			counted = append(counted, s)
		}
	}
	return counted, candidates
}

// AllStations returns the counted stations and the candidates held back, ordered by id:
// what a listing shows.
func (e *Engine) AllStations() []geo.Station {
	if len(e.Candidates) == 0 {
		return e.Stations
	}
	all := append(append(make([]geo.Station, 0, len(e.Stations)+len(e.Candidates)), e.Stations...), e.Candidates...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	return all
}
