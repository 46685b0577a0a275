package api

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
)

// healthz answers 200 while the process runs.
func (s *Server) healthz(c echo.Context) error {
	return writeJSON(c, http.StatusOK, map[string]string{"status": "ok"})
}

type readyBody struct {
	Status   string `json:"status"`                   // "ready", "loading" or "recompute needed"
	Engine   string `json:"engine"`                   // "loaded" or "loading"
	Database string `json:"database"`                 // "ok", "unavailable" or "none"
	DBError  string `json:"database_error,omitempty"` // what is wrong, without the connection's details (they are logged)
	Coverage string `json:"coverage,omitempty"`       // why the stored coverage needs a recompute`
	Cells    int    `json:"cells,omitempty"`
	Stations int    `json:"stations,omitempty"`
	Outlets  int    `json:"outlets,omitempty"`
}

// readyz answers 200 when the engine is loaded (the server can answer queries), 503
// before; the body says whether the database answers too. It answers 503 "recompute
// needed" when the stored coverage does not match its last compute run (a database crash
// empties the unlogged coverage tables, see district.CheckCoverage). The database's error
// goes to the log, not to the caller: it names the connection (user, database, port).
func (s *Server) readyz(c echo.Context) error {
	b := readyBody{Status: "loading", Engine: "loading", Database: "none"}
	if st := s.opts.Store; st != nil {
		ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
		defer cancel()
		b.Database = "ok"
		if err := st.Ping(ctx); err != nil {
			s.log.Warn("readyz: database unavailable", "error", geo.ErrorMessage(err))
			b.Database, b.DBError = "unavailable", "the database does not answer (the server log says why)"
		} else {
			b.Coverage = s.coverageProblem(ctx)
		}
	}
	status := http.StatusServiceUnavailable
	if e := s.engine.Load(); e != nil {
		b.Status, b.Engine, status = "ready", "loaded", http.StatusOK
		b.Cells, b.Stations, b.Outlets = len(e.Cells), len(e.Stations), len(e.Outlets)
	}
	if b.Coverage != "" {
		b.Status, status = district.RecomputeNeeded, http.StatusServiceUnavailable
	}
	return writeJSON(c, status, b)
}

// coverageProblem checks the stored coverage against its run when the store can say
// ("" when it matches or cannot be checked; a failed check is logged).
func (s *Server) coverageProblem(ctx context.Context) string {
	cs, ok := s.opts.Store.(district.CoverageStateStore)
	if !ok {
		return ""
	}
	p, err := district.CheckCoverage(ctx, cs)
	if err != nil {
		s.log.Warn("readyz: coverage check failed", "error", geo.ErrorMessage(err))
		return ""
	}
	return p
}
