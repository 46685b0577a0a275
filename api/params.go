package api

import (
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
)

// Bounds of request parameters.
const (
	minMinutes   = 1
	maxMinutes   = 60
	maxBands     = 12   // isochrone thresholds per request
	maxPageLimit = 1000 // features per page of /stations, /outlets, /communities
)

// parseCRS reads crs= (default WGS84).
func parseCRS(q url.Values) (crs.System, error) {
	sys, err := crs.Parse(q.Get("crs"))
	if err != nil {
		return "", asParamError("crs", err)
	}
	return sys, nil
}

// parseTarget reads exactly one of category= and level=. A level is any word
// geo.ParseLevel accepts or "any"; a category is resolved with cats (key, Chinese or
// English name) when given.
func parseTarget(q url.Values, cats *geo.Categories) (engine.Target, error) {
	cat, lvl := strings.TrimSpace(q.Get("category")), strings.TrimSpace(q.Get("level"))
	return targetOf(cat, lvl, cats)
}

// targetOf is parseTarget for values already read (query or JSON body).
func targetOf(cat, lvl string, cats *geo.Categories) (engine.Target, error) {
	switch {
	case cat != "" && lvl != "":
		return engine.Target{}, paramError("category", "give either category or level, not both")
	case cat == "" && lvl == "":
		return engine.Target{}, paramError("category", "give category=… (an outlet category) or level=… (a station level, or any)")
	case lvl != "":
		if strings.EqualFold(lvl, engine.AnyLevel) {
			return engine.Target{Kind: engine.KindLevel, Key: engine.AnyLevel}, nil
		}
		l, err := geo.ParseLevel(lvl)
		if err != nil {
			return engine.Target{}, asParamError("level", err)
		}
		return engine.Target{Kind: engine.KindLevel, Key: string(l)}, nil
	}
	if cats == nil {
		return engine.Target{Kind: engine.KindCategory, Key: strings.ToLower(cat)}, nil
	}
	key, err := cats.Resolve(cat)
	if err != nil {
		return engine.Target{}, asParamError("category", err)
	}
	return engine.Target{Kind: engine.KindCategory, Key: key}, nil
}

// checkTarget asks the engine whether it knows the target, naming the parameter.
func checkTarget(e *engine.Engine, t engine.Target) error {
	if err := e.CheckTarget(t); err != nil {
		return asParamError(t.Kind, err)
	}
	return nil
}

// engineFor returns the engine answering for the request (current), once it knows target t.
func (s *Server) engineFor(c echo.Context, t engine.Target, at ...orb.Point) (*engine.Engine, error) {
	e, err := s.current(c, at...)
	if err != nil {
		return nil, err
	}
	return e, checkTarget(e, t)
}

// parseFloat reads a required finite number.
func parseFloat(q url.Values, name string) (float64, error) {
	s := strings.TrimSpace(q.Get(name))
	if s == "" {
		return 0, paramError(name, "missing")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, paramError(name, "%q is not a number", s)
	}
	return v, nil
}

// parsePoint reads lon= and lat= (degrees of sys) and returns the WGS84 point.
func parsePoint(q url.Values, sys crs.System) (orb.Point, error) {
	lon, err := parseFloat(q, "lon")
	if err != nil {
		return orb.Point{}, err
	}
	lat, err := parseFloat(q, "lat")
	if err != nil {
		return orb.Point{}, err
	}
	return checkLonLat(orb.Point{lon, lat}, "lon", "lat", sys)
}

// parsePair reads a "lon,lat" parameter (degrees of sys) and returns the WGS84 point.
func parsePair(q url.Values, name string, sys crs.System) (orb.Point, error) {
	s := strings.TrimSpace(q.Get(name))
	if s == "" {
		return orb.Point{}, paramError(name, "missing; write it as lon,lat")
	}
	parts := strings.Split(s, ",")
	if len(parts) != 2 {
		return orb.Point{}, paramError(name, "%q: write it as lon,lat", s)
	}
	var p orb.Point
	for i, part := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return orb.Point{}, paramError(name, "%q: %q is not a number", s, part)
		}
		p[i] = v
	}
	return checkLonLat(p, name, name, sys)
}

// checkLonLat checks ranges and converts p from sys to WGS84.
func checkLonLat(p orb.Point, lonName, latName string, sys crs.System) (orb.Point, error) {
	if !(p[0] >= -180 && p[0] <= 180) {
		return orb.Point{}, paramError(lonName, "longitude %g is outside [-180, 180]", p[0])
	}
	if !(p[1] >= -90 && p[1] <= 90) {
		return orb.Point{}, paramError(latName, "latitude %g is outside [-90, 90]", p[1])
	}
	return crs.ToWGS84(sys, p), nil
}

// parseMinutes reads one number of minutes in 1–60, def when absent.
func parseMinutes(q url.Values, name string, def float64) (float64, error) {
	if strings.TrimSpace(q.Get(name)) == "" {
		return def, nil
	}
	v, err := parseFloat(q, name)
	if err != nil {
		return 0, err
	}
	return v, checkMinutes(name, v)
}

func checkMinutes(name string, v float64) error {
	if !(v >= minMinutes && v <= maxMinutes) {
		return paramError(name, "%g minutes is outside %d–%d", v, minMinutes, maxMinutes)
	}
	return nil
}

// parseMinutesList reads a comma-separated list of minutes, each in 1–60, def when absent.
func parseMinutesList(q url.Values, name string, def []float64) ([]float64, error) {
	s := strings.TrimSpace(q.Get(name))
	if s == "" {
		return def, nil
	}
	parts := strings.Split(s, ",")
	if len(parts) > maxBands {
		return nil, paramError(name, "at most %d thresholds", maxBands)
	}
	out := make([]float64, 0, len(parts))
	for _, part := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil || math.IsNaN(v) {
			return nil, paramError(name, "%q is not a number of minutes", part)
		}
		if err := checkMinutes(name, v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// parseInt reads an integer in [lo, hi], def when absent.
func parseInt(q url.Values, name string, def, lo, hi int) (int, error) {
	s := strings.TrimSpace(q.Get(name))
	if s == "" {
		return def, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		return 0, paramError(name, "%q is not a whole number", s)
	}
	if v < lo || v > hi {
		return 0, paramError(name, "%d is outside %d–%d", v, lo, hi)
	}
	return v, nil
}

// parseBool reads true/false/1/0 (default false).
func parseBool(q url.Values, name string) (bool, error) {
	s := strings.TrimSpace(q.Get(name))
	if s == "" {
		return false, nil
	}
	v, err := parseBoolText(s)
	if err != nil {
		return false, paramError(name, "%q: use true or false", s)
	}
	return v, nil
}

// parseFormat reads format= among allowed (the first is the default).
func parseFormat(q url.Values, allowed ...string) (string, error) {
	s := strings.ToLower(strings.TrimSpace(q.Get("format")))
	if s == "" {
		return allowed[0], nil
	}
	for _, a := range allowed {
		if s == a {
			return s, nil
		}
	}
	return "", paramError("format", "%q: use %s", s, strings.Join(allowed, ", "))
}

// parseOutput reads how an answer is written: format= among allowed (parseFormat; the
// first is the default) and lang= (parseLang; the CSV headers' language).
func parseOutput(q url.Values, allowed ...string) (string, lang, error) {
	format, err := parseFormat(q, allowed...)
	if err != nil {
		return "", "", err
	}
	l, err := parseLang(q)
	return format, l, err
}

// parseBBox reads bbox=minLon,minLat,maxLon,maxLat (degrees of sys); nil when absent. The
// corners are converted to WGS84.
func parseBBox(q url.Values, sys crs.System) (*orb.Bound, error) {
	s := strings.TrimSpace(q.Get("bbox"))
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return nil, paramError("bbox", "%q: write it as minLon,minLat,maxLon,maxLat", s)
	}
	var v [4]float64
	for i, part := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, paramError("bbox", "%q is not a number", part)
		}
		v[i] = f
	}
	lo, err := checkLonLat(orb.Point{v[0], v[1]}, "bbox", "bbox", sys)
	if err != nil {
		return nil, err
	}
	hi, err := checkLonLat(orb.Point{v[2], v[3]}, "bbox", "bbox", sys)
	if err != nil {
		return nil, err
	}
	if v[0] > v[2] || v[1] > v[3] {
		return nil, paramError("bbox", "minimum greater than maximum; write it as minLon,minLat,maxLon,maxLat")
	}
	b := orb.Bound{Min: lo, Max: hi}
	return &b, nil
}

// parseBoolText reads true/false/1/0/yes/no/on/off.
func parseBoolText(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "on":
		return true, nil
	case "no", "off":
		return false, nil
	}
	return strconv.ParseBool(s)
}
