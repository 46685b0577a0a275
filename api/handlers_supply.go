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
)

// supplyAnswer answers GET /api/v1/supply: the service resource within reach per
// resident, per community, street and the district, against the standard's figure.
func (s *Server) supply(c echo.Context) error {
	q, sys, e, sq, err := s.supplyRequest(c)
	if err != nil {
		return err
	}
	format, err := parseFormat(q, "json", "csv", "geojson")
	if err != nil {
		return err
	}
	l, err := parseLang(q)
	if err != nil {
		return err
	}
	rep, err := assess.Supply(c.Request().Context(), e, sq, s.opts.Standards)
	if err != nil {
		return err
	}
	switch format {
	case "csv":
		return writeCSV(c, "supply-"+sq.Resource+".csv", supplyCSV(rep, l))
	case "geojson":
		return writeGeoJSON(c, supplyGeoJSONOut(sys, e, rep))
	}
	return writeJSON(c, http.StatusOK, supplyOut(rep))
}

// supplyCells answers GET /api/v1/supply/cells: every H3 cell (in bbox) with its
// residents and the resource within reach per resident.
func (s *Server) supplyCells(c echo.Context) error {
	q, sys, e, sq, err := s.supplyRequest(c)
	if err != nil {
		return err
	}
	bbox, err := parseBBox(q, sys)
	if err != nil {
		return err
	}
	format, err := parseFormat(q, "geojson", "json", "csv")
	if err != nil {
		return err
	}
	l, err := parseLang(q)
	if err != nil {
		return err
	}
	rep, err := assess.Supply(c.Request().Context(), e, sq, s.opts.Standards)
	if err != nil {
		return err
	}
	rows := supplyCellRows(e, rep, bbox)
	switch format {
	case "csv":
		return writeCSV(c, "supply-cells-"+sq.Resource+".csv", supplyCellsCSV(sys, e, rep, rows, l))
	case "json":
		return writeJSON(c, http.StatusOK, supplyCellsOut(sys, e, rep, rows))
	}
	return writeGeoJSON(c, supplyCellsGeoJSON(sys, e, rep, rows))
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
	e, err := s.current()
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
