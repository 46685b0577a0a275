package api

import (
	"context"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/district"
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

// parseRegion reads region= ("": none named); given more than once it is refused, even
// with the same value twice (one request is answered for one region).
func parseRegion(q url.Values) (geo.Region, error) {
	if vs := q["region"]; len(vs) > 1 {
		return "", paramError("region", "given %d times (%s): give it once", len(vs), strings.Join(vs, ", "))
	}
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
// region loaded (regionTable.pick). A point the loaded regions do not hold is checked
// against the database's districts when it knows other regions (checkPoint). It records
// the region for the answer (answeredRegion) and in the Lifecircle-Region header, with
// the note (in the request's language) when the choice needs saying.
func (s *Server) current(c echo.Context, at ...orb.Point) (*engine.Engine, error) {
	named, err := parseRegion(c.QueryParams())
	if err != nil {
		return nil, err
	}
	p, err := s.regions.pick(regionAsk{named: named, at: at})
	if named == "" && len(at) > 0 {
		if err2 := s.checkPoint(c.Request().Context(), p, err, at[0]); err2 != nil {
			return nil, err2
		}
	}
	if err != nil {
		return nil, err
	}
	c.Set(ctxRegionKey, p.region)
	h := c.Response().Header()
	h.Set(HeaderRegion, string(p.region))
	if p.note.format != "" {
		h.Set(HeaderRegionNote, p.note.in(requestLang(c.Request())))
	}
	return p.engine, nil
}

// answeredRegion is the region current chose for the request ("" before it).
func answeredRegion(c echo.Context) string {
	r, _ := c.Get(ctxRegionKey).(geo.Region)
	return string(r)
}

// writeRegion is the region a write (import, compute, station confirmation) goes to:
// region= of the query or the form (given once, or twice the same), else the home region
// when the database holds it or no region at all; else (the database holds other regions
// only) EINVALID naming them, as the CLI's feeding commands (district.ChooseRegion). It
// is recorded like current's.
func (s *Server) writeRegion(c echo.Context) (geo.Region, error) {
	named, err := parseRegion(c.QueryParams())
	if err != nil {
		return "", err
	}
	if form := strings.TrimSpace(c.Request().PostFormValue("region")); form != "" {
		fr, err := geo.ParseRegion(form)
		if err != nil {
			return "", asParamError("region", err)
		}
		if named != "" && fr != named {
			return "", paramError("region", "the query says %s and the form says %s: give one", string(named), string(fr))
		}
		named = fr
	}
	r := named
	if r == "" {
		if r, err = s.unnamedWriteRegion(c.Request().Context()); err != nil {
			return "", err
		}
	}
	c.Set(ctxRegionKey, r)
	c.Response().Header().Set(HeaderRegion, string(r))
	return r, nil
}

// unnamedWriteRegion is the region of a write that names none: the home region unless the
// database lists regions and the home region is not one of them (district.ChooseRegion).
func (s *Server) unnamedWriteRegion(ctx context.Context) (geo.Region, error) {
	rl, ok := s.opts.Store.(RegionLister)
	if !ok || s.opts.StoreFor == nil {
		return s.home, nil
	}
	ch, err := district.ChooseRegion(ctx, rl, s.home, false, district.FeedRegion)
	if err != nil {
		return "", asParamError("region", err)
	}
	return ch.Region, nil
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
