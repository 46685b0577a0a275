package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
)

// healthBody is the answer of /healthz: the process runs, and the regions by state.
type healthBody struct {
	Status  string              `json:"status"`
	Regions map[string][]string `json:"regions"` // state (loaded, loading, failed, not computed) → regions
}

// healthz answers 200 while the process runs, naming the regions by state.
func (s *Server) healthz(c echo.Context) error {
	b := healthBody{Status: "ok", Regions: map[string][]string{}}
	for _, en := range s.regions.entries() {
		b.Regions[string(en.state)] = append(b.Regions[string(en.state)], string(en.region))
	}
	return writeJSON(c, http.StatusOK, b)
}

type readyBody struct {
	Status   string            `json:"status"`                   // "ready", "loading" or "recompute needed"
	Engine   string            `json:"engine"`                   // "loaded" (some region answers) or "loading"
	Database string            `json:"database"`                 // "ok", "unavailable" or "none"
	DBError  string            `json:"database_error,omitempty"` // what is wrong, without the connection's details (they are logged)
	Coverage string            `json:"coverage,omitempty"`       // why the stored coverage needs a recompute (each region's problem)
	Cells    int               `json:"cells,omitempty"`          // over the loaded regions
	Stations int               `json:"stations,omitempty"`
	Outlets  int               `json:"outlets,omitempty"`
	Regions  []regionReadyJSON `json:"regions"`
	Note     string            `json:"note"` // engines are held in memory: what another process's changes do
}

// memoryNote is /readyz's note on what the server sees of another process's changes.
const memoryNote = "engines are held in memory until reloaded: a region deleted by another process (lifecircle region delete) " +
	"is dropped here at the next /readyz or GET /api/v1/regions; one imported or recomputed by it answers as before " +
	"until POST /api/v1/compute?region=… or a restart"

// regionReadyJSON is one region's part of /readyz.
type regionReadyJSON struct {
	Region   string `json:"region"`
	State    string `json:"state"`           // loaded, loading, failed or not computed
	Error    string `json:"error,omitempty"` // why its load failed
	Coverage string `json:"coverage,omitempty"`
	Cells    int    `json:"cells"`
	Stations int    `json:"stations"`
	Outlets  int    `json:"outlets"`
}

// readyz answers 200 when some region's engine is loaded and none is still loading (the
// server can answer queries), 503 before; the body says each region's state and whether
// the database answers too. It answers 503 "recompute needed" when a loaded region's
// stored coverage does not match its last compute run (a database crash empties the
// unlogged coverage tables, see district.CheckCoverage). The database's error goes to the
// log, not to the caller: it names the connection (user, database, port).
func (s *Server) readyz(c echo.Context) error {
	b := readyBody{Status: "loading", Engine: "loading", Database: "none", Regions: []regionReadyJSON{}, Note: memoryNote}
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	dbOK := false
	if st := s.opts.Store; st != nil {
		b.Database = "ok"
		if err := st.Ping(ctx); err != nil {
			s.log.Warn("readyz: database unavailable", "error", geo.ErrorMessage(err))
			b.Database, b.DBError = "unavailable", "the database does not answer (the server log says why)"
		} else {
			dbOK = true
			s.forgetGone(ctx, nil)
		}
	}
	loading, loaded := s.readyRegions(ctx, &b, dbOK)
	status := http.StatusServiceUnavailable
	if loaded > 0 {
		b.Engine = "loaded"
		if loading == 0 {
			b.Status, status = "ready", http.StatusOK
		}
	}
	if b.Coverage != "" {
		b.Status, status = district.RecomputeNeeded, http.StatusServiceUnavailable
	}
	return writeJSON(c, status, b)
}

// readyRegions fills in each region's part of /readyz and the totals; it returns how many
// regions are loading and loaded.
func (s *Server) readyRegions(ctx context.Context, b *readyBody, dbOK bool) (loading, loaded int) {
	ens := s.regions.entries()
	var problems []string
	for _, en := range ens {
		r := regionReadyJSON{Region: string(en.region), State: string(en.state), Error: en.err}
		switch en.state {
		case stateLoading:
			loading++
		case stateLoaded:
			loaded++
			e := en.engine
			r.Cells, r.Stations, r.Outlets = len(e.Cells), len(e.Stations), len(e.Outlets)
			b.Cells, b.Stations, b.Outlets = b.Cells+r.Cells, b.Stations+r.Stations, b.Outlets+r.Outlets
			if dbOK {
				r.Coverage = s.coverageProblem(ctx, en.region)
			}
		}
		if r.Coverage != "" {
			problems = append(problems, r.Coverage)
			if len(ens) > 1 {
				problems[len(problems)-1] = "region " + r.Region + ": " + r.Coverage
			}
		}
		b.Regions = append(b.Regions, r)
	}
	b.Coverage = strings.Join(problems, "; ")
	return loading, loaded
}

// coverageProblem checks region r's stored coverage against its run when the store can
// say ("" when it matches or cannot be checked; a failed check is logged).
func (s *Server) coverageProblem(ctx context.Context, r geo.Region) string {
	st, err := s.storeFor(r)
	if err != nil {
		return ""
	}
	cs, ok := st.(district.CoverageStateStore)
	if !ok {
		return ""
	}
	p, err := district.CheckCoverage(ctx, cs)
	if err != nil {
		s.log.Warn("readyz: coverage check failed", "region", string(r), "error", geo.ErrorMessage(err))
		return ""
	}
	return p
}

// forgetGone drops the engines loaded from the store, and the regions listed as not
// computed, of every region the store no longer knows (deleted by another process, as
// lifecircle region delete): they would answer from rows that are gone. infos is the
// store's list when the caller has it (nil: forgetGone asks). A store that cannot list
// its regions, or fails to, changes nothing (the failure is logged).
func (s *Server) forgetGone(ctx context.Context, infos []geo.RegionInfo) {
	rl, ok := s.opts.Store.(RegionLister)
	if !ok || s.opts.StoreFor == nil {
		return
	}
	if infos == nil {
		var err error
		if infos, err = rl.KnownRegions(ctx); err != nil {
			s.log.Warn("cannot list the database's regions", "error", geo.ErrorMessage(err))
			return
		}
	}
	known := map[geo.Region]bool{}
	for _, in := range infos {
		known[in.Region] = true
	}
	for _, en := range s.regions.entries() {
		if known[en.region] || !(en.stored || en.state == stateNotComputed) {
			continue
		}
		s.log.Warn("region no longer in the database (deleted by another process); its engine is dropped", "region", string(en.region))
		s.forget(en.region)
	}
}
