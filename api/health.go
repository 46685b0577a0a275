package api

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo"
)

// healthz answers 200 while the process runs.
func (s *Server) healthz(c echo.Context) error {
	return writeJSON(c, http.StatusOK, map[string]string{"status": "ok"})
}

type readyBody struct {
	Status   string `json:"status"`   // "ready" or "loading"
	Engine   string `json:"engine"`   // "loaded" or "loading"
	Database string `json:"database"` // "ok", "unavailable" or "none"
	DBError  string `json:"database_error,omitempty"`
	Cells    int    `json:"cells,omitempty"`
	Stations int    `json:"stations,omitempty"`
	Outlets  int    `json:"outlets,omitempty"`
}

// readyz answers 200 when the engine is loaded (the server can answer queries), 503
// before; the body says whether the database answers too.
func (s *Server) readyz(c echo.Context) error {
	b := readyBody{Status: "loading", Engine: "loading", Database: "none"}
	if st := s.opts.Store; st != nil {
		ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
		defer cancel()
		b.Database = "ok"
		if err := st.Ping(ctx); err != nil {
			b.Database, b.DBError = "unavailable", geo.ErrorMessage(err)
		}
	}
	status := http.StatusServiceUnavailable
	if e := s.engine.Load(); e != nil {
		b.Status, b.Engine, status = "ready", "loaded", http.StatusOK
		b.Cells, b.Stations, b.Outlets = len(e.Cells), len(e.Stations), len(e.Outlets)
	}
	return writeJSON(c, status, b)
}
