package api

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/health"
)

// noFacts is the facts of a server without a database: none.
type noFacts struct{}

func (noFacts) StaleDerivedRows(context.Context) (map[string]int, error) { return nil, nil }

// noFactsNote says what a check without a database could not count.
const noFactsNote = "this server runs without a database: stale derived rows were not counted"

// diagnostics answers GET /api/v1/diagnostics: the data health check (数据体检) of the
// engine the server answers from, with the database's facts.
func (s *Server) diagnostics(c echo.Context) error {
	if _, err := parseCRS(c.QueryParams()); err != nil { // checked like everywhere; the answer holds no coordinates
		return err
	}
	e, err := s.current(c)
	if err != nil {
		return err
	}
	var facts district.FactStore = noFacts{}
	note := noFactsNote
	if st, err := s.storeFor(geo.Region(answeredRegion(c))); err == nil {
		facts, note = st, ""
	}
	ch, err := district.CheckEngine(c.Request().Context(), facts, e, health.Options{Standards: s.opts.Standards})
	if err != nil {
		return err
	}
	out := diagnosticsOut(ch.Findings, ch.Summary, note)
	out.Region = answeredRegion(c)
	return writeJSON(c, http.StatusOK, out)
}
