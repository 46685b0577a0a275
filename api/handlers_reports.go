package api

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
)

// network answers GET /api/v1/network: the district's "1+11+N+X" station network report,
// as JSON or (format=csv) the per-street table.
func (s *Server) network(c echo.Context) error {
	q := c.QueryParams()
	if _, err := parseCRS(q); err != nil { // checked like everywhere; the answer holds no coordinates
		return err
	}
	format, l, err := parseOutput(q, "json", "csv")
	if err != nil {
		return err
	}
	e, err := s.current(c)
	if err != nil {
		return err
	}
	rep := assess.Network(e)
	if format == "csv" {
		return writeCSV(c, "network.csv", networkCSV(rep, l))
	}
	out := networkOut(rep)
	out.Region = answeredRegion(c)
	out.Data = dataNoteOf(e)
	return writeJSON(c, http.StatusOK, out)
}

// standards answers GET /api/v1/standards: each community's compliance with the planning
// rules (GB 50180-2018 unless the server was given another file).
func (s *Server) standards(c echo.Context) error {
	q := c.QueryParams()
	if _, err := parseCRS(q); err != nil { // checked like everywhere; the answer holds no coordinates
		return err
	}
	comm := strings.TrimSpace(q.Get("community"))
	format, l, err := parseOutput(q, "json", "csv")
	if err != nil {
		return err
	}
	withSupply, supplyMinutes, err := parseStandardsSupply(q, format)
	if err != nil {
		return err
	}
	if s.opts.Standards == nil {
		return apiErrorf(geo.EUNAVAILABLE, "this server was started without planning standards")
	}
	e, err := s.current(c)
	if err != nil {
		return err
	}
	rep, err := assess.Standards(e, s.opts.Standards, comm)
	if err != nil {
		return asParamError("community", err)
	}
	if format == "csv" {
		return writeCSV(c, "standards.csv", standardsCSV(rep, l))
	}
	out := standardsOut(rep)
	out.Region = answeredRegion(c)
	if withSupply {
		sup, err := assess.StandardsSupply(c.Request().Context(), e, s.opts.Standards, supplyMinutes)
		if err != nil {
			return err
		}
		addSupplyBeside(&out, sup)
	}
	return writeJSON(c, http.StatusOK, out)
}
