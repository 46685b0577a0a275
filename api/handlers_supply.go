package api

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/supply"
	"github.com/paulmach/orb"
)

// supply answers GET /api/v1/supply: the service resource within reach per resident,
// per community, street and the district, against the standard's figure.
func (s *Server) supply(c echo.Context) error {
	r, err := s.supplyAnswerFor(c, false, "json", "csv", "geojson")
	if err != nil {
		return err
	}
	switch r.format {
	case "csv":
		return writeCSV(c, "supply-"+r.rep.Query.Resource+".csv", supplyCSV(r.rep, r.lang))
	case "geojson":
		out := supplyGeoJSONOut(r.sys, r.e, r.rep)
		out.Region = answeredRegion(c)
		return writeGeoJSON(c, out)
	}
	out := supplyOut(r.rep)
	out.Region = answeredRegion(c)
	return writeJSON(c, http.StatusOK, out)
}

// supplyCells answers GET /api/v1/supply/cells: every H3 cell (in bbox) with its
// residents and the resource within reach per resident.
func (s *Server) supplyCells(c echo.Context) error {
	r, err := s.supplyAnswerFor(c, true, "geojson", "json", "csv")
	if err != nil {
		return err
	}
	rows := supplyCellRows(r.e, r.rep, r.bbox)
	switch r.format {
	case "csv":
		return writeCSV(c, "supply-cells-"+r.rep.Query.Resource+".csv", supplyCellsCSV(r.sys, r.e, r.rep, rows, r.lang))
	case "json":
		out := supplyCellsOut(r.sys, r.e, r.rep, rows)
		out.Region = answeredRegion(c)
		return writeJSON(c, http.StatusOK, out)
	}
	out := supplyCellsGeoJSON(r.sys, r.e, r.rep, rows)
	out.Region = answeredRegion(c)
	return writeGeoJSON(c, out)
}

// supplyRun is a supply request read and answered, before encoding.
type supplyRun struct {
	sys    crs.System
	bbox   *orb.Bound // nil: every cell
	e      *engine.Engine
	format string
	lang   lang
	rep    assess.SupplyReport
}

// supplyAnswerFor reads a supply request (bbox= when withBBox; formats: the allowed
// format=, the first the default) and computes its answer.
func (s *Server) supplyAnswerFor(c echo.Context, withBBox bool, formats ...string) (supplyRun, error) {
	q, sys, e, sq, err := s.supplyRequest(c)
	if err != nil {
		return supplyRun{}, err
	}
	r := supplyRun{sys: sys, e: e}
	if withBBox {
		if r.bbox, err = parseBBox(q, sys); err != nil {
			return supplyRun{}, err
		}
	}
	if r.format, r.lang, err = parseOutput(q, formats...); err != nil {
		return supplyRun{}, err
	}
	r.rep, err = assess.Supply(c.Request().Context(), e, sq, s.opts.Standards)
	return r, err
}

// supplyRequest reads what both supply endpoints take: crs, minutes, method, decay,
// zones, resource and level.
func (s *Server) supplyRequest(c echo.Context) (url.Values, crs.System, *engine.Engine, assess.SupplyQuery, error) {
	q := c.QueryParams()
	var sq assess.SupplyQuery
	sys, err := parseCRS(q)
	if err != nil {
		return nil, "", nil, sq, err
	}
	if sq.Minutes, err = parseMinutes(q, "minutes", 15); err != nil {
		return nil, "", nil, sq, err
	}
	if sq.Method, sq.Decay, err = parseSupplyMethod(q, sq.Minutes); err != nil {
		return nil, "", nil, sq, err
	}
	switch sq.Resource = strings.ToLower(strings.TrimSpace(q.Get("resource"))); sq.Resource {
	case "":
		sq.Resource = assess.ResourceFloorArea
	case assess.ResourceFloorArea, assess.ResourceStaff:
	default:
		return nil, "", nil, sq, paramError("resource", "%q: use %s or %s", sq.Resource, assess.ResourceFloorArea, assess.ResourceStaff)
	}
	if lvl := strings.TrimSpace(q.Get("level")); lvl != "" && !strings.EqualFold(lvl, engine.AnyLevel) {
		l, err := geo.ParseLevel(lvl)
		if err != nil {
			return nil, "", nil, sq, asParamError("level", err)
		}
		sq.Level = l
	}
	e, err := s.current(c)
	return q, sys, e, sq, err
}

// parseSupplyMethod reads method= (2sfca, the default, or e2sfca), decay= (e2sfca only:
// gaussian, the default, or zones) and zones= (decay=zones: "minutes:weight,…" ascending,
// the last at the catchment).
func parseSupplyMethod(q url.Values, minutes float64) (supply.Method, supply.Decay, error) {
	m := supply.Method(strings.ToLower(strings.TrimSpace(q.Get("method"))))
	decay := strings.ToLower(strings.TrimSpace(q.Get("decay")))
	zones := strings.TrimSpace(q.Get("zones"))
	switch m {
	case "", supply.Method2SFCA:
		if decay != "" || zones != "" {
			return "", supply.Decay{}, paramError("decay", "method 2sfca weighs every pair within the minutes 1 and takes no decay; use method=e2sfca")
		}
		return supply.Method2SFCA, supply.Decay{}, nil
	case supply.MethodE2SFCA:
	default:
		return "", supply.Decay{}, paramError("method", "%q: use 2sfca or e2sfca", m)
	}
	switch supply.DecayKind(decay) {
	case "", supply.DecayGaussian:
		if zones != "" {
			return "", supply.Decay{}, paramError("zones", "zones are for decay=zones; the Gaussian decay takes its threshold from minutes")
		}
		return m, supply.Decay{Kind: supply.DecayGaussian}, nil
	case supply.DecayZones:
		zs, err := parseZones(zones, minutes)
		return m, supply.Decay{Kind: supply.DecayZones, Zones: zs}, err
	}
	return "", supply.Decay{}, paramError("decay", "%q: use gaussian or zones", decay)
}

// parseZones reads "minutes:weight,…" (e.g. 5:1,10:0.68,15:0.22) and checks it as
// geo/supply does.
func parseZones(s string, minutes float64) ([]supply.Zone, error) {
	if s == "" {
		return nil, paramError("zones", "missing: give minutes:weight,… ending at the minutes, e.g. 5:1,10:0.68,15:0.22")
	}
	var zs []supply.Zone
	for _, part := range strings.Split(s, ",") {
		a, b, ok := strings.Cut(part, ":")
		up, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
		w, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
		if !ok || err1 != nil || err2 != nil {
			return nil, paramError("zones", "%q: write each zone as minutes:weight", part)
		}
		zs = append(zs, supply.Zone{UpToSeconds: up * 60, Weight: w})
	}
	p := supply.Params{Method: supply.MethodE2SFCA, MaxSeconds: minutes * 60, Decay: supply.Decay{Kind: supply.DecayZones, Zones: zs}}
	if err := p.Validate(); err != nil {
		return nil, asParamError("zones", err)
	}
	return zs, nil
}

// parseStandardsSupply reads the standards endpoint's supply= (true: add each community's
// supply within reach, JSON only) and supply_minutes= (default 15).
func parseStandardsSupply(q url.Values, format string) (bool, float64, error) {
	on, err := parseBool(q, "supply")
	if err != nil || !on {
		return false, 0, err
	}
	if format != "json" {
		return false, 0, paramError("supply", "the supply within reach is in the JSON answer only; use /api/v1/supply?format=csv for a table")
	}
	m, err := parseMinutes(q, "supply_minutes", 15)
	return true, m, err
}
