package api

import (
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
)

// Headers of every answer given for a region: which one, and, when the choice needs
// saying (a point in several regions), why.
const (
	HeaderRegion     = "Lifecircle-Region"
	HeaderRegionNote = "Lifecircle-Region-Note"
	ctxRegionKey     = "lifecircle.region"
)

// parseRegion reads region= ("": none named).
func parseRegion(q url.Values) (geo.Region, error) {
	v := strings.TrimSpace(q.Get("region"))
	if v == "" {
		return "", nil
	}
	r, err := geo.ParseRegion(v)
	if err != nil {
		return "", asParamError("region", err)
	}
	return r, nil
}

// current returns the engine a request is answered from: region= when given, else the
// region holding the first of at (WGS84 points the request is about), else the only
// region loaded (regionTable.pick). It records the region for the answer (answeredRegion)
// and in the Lifecircle-Region header.
func (s *Server) current(c echo.Context, at ...orb.Point) (*engine.Engine, error) {
	named, err := parseRegion(c.QueryParams())
	if err != nil {
		return nil, err
	}
	p, err := s.regions.pick(regionAsk{named: named, at: at})
	if err != nil {
		return nil, err
	}
	c.Set(ctxRegionKey, p.region)
	h := c.Response().Header()
	h.Set(HeaderRegion, string(p.region))
	if p.note != "" {
		h.Set(HeaderRegionNote, p.note)
	}
	return p.engine, nil
}

// answeredRegion is the region current chose for the request ("" before it).
func answeredRegion(c echo.Context) string {
	r, _ := c.Get(ctxRegionKey).(geo.Region)
	return string(r)
}

// writeRegion is the region a write (import, compute, station confirmation) goes to:
// region= of the query or the form, else the home region. It is recorded like current's.
func (s *Server) writeRegion(c echo.Context) (geo.Region, error) {
	v := c.QueryParam("region")
	if strings.TrimSpace(v) == "" {
		v = c.FormValue("region")
	}
	r := s.home
	if strings.TrimSpace(v) != "" {
		var err error
		if r, err = geo.ParseRegion(v); err != nil {
			return "", asParamError("region", err)
		}
	}
	c.Set(ctxRegionKey, r)
	c.Response().Header().Set(HeaderRegion, string(r))
	return r, nil
}

// writeStore is the database of the request's write region (writeRegion).
func (s *Server) writeStore(c echo.Context) (geo.Region, Store, error) {
	r, err := s.writeRegion(c)
	if err != nil {
		return "", nil, err
	}
	st, err := s.storeFor(r)
	return r, st, err
}
