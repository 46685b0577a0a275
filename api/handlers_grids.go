package api

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
)

// grids answers GET /api/v1/grids: the grids (网格) below the communities. GeoJSON (the
// default) pages through their polygons like /communities, filtered by bbox and
// community (code); once computed each carries its residents and grid-worker verdicts.
// format=json gives every grid assessed with the communities grids leave uncovered and
// the rules used; format=csv one row per grid (both need a computed engine).
func (s *Server) grids(c echo.Context) error {
	q := c.QueryParams()
	p, err := parsePage(q)
	if err != nil {
		return err
	}
	comm := strings.TrimSpace(q.Get("community"))
	format, l, err := parseOutput(q, "geojson", "json", "csv")
	if err != nil {
		return err
	}
	e, err := s.current(c)
	if err != nil {
		return err
	}
	if comm != "" {
		if _, ok := e.Units.Community(comm); !ok {
			return paramError("community", "community %q is not in the district (give its 12-digit code)", comm)
		}
	}
	rep, computed, err := s.gridReport(e)
	if err != nil {
		return err
	}
	if format != "geojson" && !computed {
		return apiErrorf(geo.EUNAVAILABLE, "walk-time coverage has not been computed yet (lifecircle compute)")
	}
	rep = rep.Community(comm)
	switch format {
	case "json":
		out := gridsOut(e, rep)
		out.Region = answeredRegion(c)
		return writeJSON(c, http.StatusOK, out)
	case "csv":
		return writeCSV(c, "grids.csv", gridsCSV(e, rep, l))
	}
	rows := make(map[string]*assess.GridRow, len(rep.Grids))
	for i := range rep.Grids {
		rows[rep.Grids[i].Code] = &rep.Grids[i]
	}
	gs := e.Grids
	return p.collect(c, len(gs), func(i int) bool {
		x := gs[i]
		if comm != "" && x.CommunityCode != comm {
			return false
		}
		return p.bbox == nil || (len(x.Polygon) > 0 && x.Polygon.Bound().Intersects(*p.bbox))
	}, func(i int) feature {
		return newFeature(gs[i].Code, outMulti(p.sys, gs[i].Polygon), gridPropsOf(gs[i], rows[gs[i].Code]))
	})
}

// gridReport assesses the grids when e is computed (computed false, empty report, before).
func (s *Server) gridReport(e *engine.Engine) (assess.GridReport, bool, error) {
	if len(e.Results) == 0 {
		return assess.GridReport{}, false, nil
	}
	rules := s.opts.Standards
	if rules == nil {
		rules = &standards.Rules{}
	}
	rep, err := assess.Grids(e, rules)
	return rep, err == nil, err
}

// parseUnit reads unit= of GET /api/v1/coverage: community (the default) or grid. (level=
// there is the station level, so the unit has its own parameter.)
func parseUnit(q url.Values) (string, error) {
	switch u := strings.ToLower(strings.TrimSpace(q.Get("unit"))); u {
	case "", assess.UnitCommunity:
		return assess.UnitCommunity, nil
	case assess.UnitGrid:
		return u, nil
	default:
		return "", paramError("unit", "%q: use community or grid", u)
	}
}
