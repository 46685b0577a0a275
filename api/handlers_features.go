package api

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/paulmach/orb"
)

// page is the paging and filtering every feature listing shares.
type page struct {
	sys           crs.System
	bbox          *orb.Bound
	limit, offset int
}

func parsePage(q url.Values) (page, error) {
	var p page
	var err error
	if p.sys, err = parseCRS(q); err != nil {
		return p, err
	}
	if p.bbox, err = parseBBox(q, p.sys); err != nil {
		return p, err
	}
	if p.limit, err = parseInt(q, "limit", 100, 1, maxPageLimit); err != nil {
		return p, err
	}
	if p.offset, err = parseInt(q, "offset", 0, 0, 1<<30); err != nil {
		return p, err
	}
	return p, nil
}

// collect pages through n matching items (match reports whether item i is wanted) and
// encodes the page as a FeatureCollection with total, limit, offset and a next link.
func (p page) collect(c echo.Context, n int, match func(i int) bool, encode func(i int) feature) error {
	var fs []feature
	total := 0
	for i := 0; i < n; i++ {
		if !match(i) {
			continue
		}
		if total >= p.offset && total < p.offset+p.limit {
			fs = append(fs, encode(i))
		}
		total++
	}
	fc := newCollection(p.sys, fs)
	fc.Total, fc.Limit, fc.Offset = &total, &p.limit, &p.offset
	if p.offset+p.limit < total {
		u := *c.Request().URL
		q := u.Query()
		q.Set("offset", strconv.Itoa(p.offset+p.limit))
		q.Set("limit", strconv.Itoa(p.limit))
		u.RawQuery = q.Encode()
		next := u.RequestURI()
		fc.Next = &next
	}
	return writeGeoJSON(c, fc)
}

func (p page) inBox(pt orb.Point) bool { return p.bbox == nil || p.bbox.Contains(pt) }

// stations answers GET /api/v1/stations: the party-mass service stations, candidates
// included (each feature says its status), filtered by bbox and level, a page at a time.
func (s *Server) stations(c echo.Context) error {
	q := c.QueryParams()
	p, err := parsePage(q)
	if err != nil {
		return err
	}
	var level geo.Level
	if w := strings.TrimSpace(q.Get("level")); w != "" && !strings.EqualFold(w, "any") {
		if level, err = geo.ParseLevel(w); err != nil {
			return asParamError("level", err)
		}
	}
	e, err := s.current(c)
	if err != nil {
		return err
	}
	st := e.AllStations()
	return p.collect(c, len(st), func(i int) bool {
		return (level == "" || st[i].Level == level) && p.inBox(st[i].Point)
	}, func(i int) feature { return stationOut(p.sys, st[i]) })
}

// outlets answers GET /api/v1/outlets: the convenience outlets, filtered by bbox and
// category, a page at a time.
func (s *Server) outlets(c echo.Context) error {
	q := c.QueryParams()
	p, err := parsePage(q)
	if err != nil {
		return err
	}
	cat := strings.TrimSpace(q.Get("category"))
	if cat != "" && s.opts.Categories != nil {
		if cat, err = s.opts.Categories.Resolve(cat); err != nil {
			return asParamError("category", err)
		}
	}
	e, err := s.current(c)
	if err != nil {
		return err
	}
	os := e.Outlets
	return p.collect(c, len(os), func(i int) bool {
		return (cat == "" || os[i].Category == cat) && p.inBox(os[i].Point)
	}, func(i int) feature { return outletOut(p.sys, os[i]) })
}

// communities answers GET /api/v1/communities: community boundaries, filtered by bbox
// (boundaries whose extent meets it) and street (code or name), a page at a time.
func (s *Server) communities(c echo.Context) error {
	q := c.QueryParams()
	p, err := parsePage(q)
	if err != nil {
		return err
	}
	street := strings.TrimSpace(q.Get("street"))
	e, err := s.current(c)
	if err != nil {
		return err
	}
	cs := e.Communities
	return p.collect(c, len(cs), func(i int) bool {
		x := cs[i]
		if street != "" && x.StreetCode != street && x.StreetName != street {
			return false
		}
		return p.bbox == nil || (len(x.Boundary) > 0 && x.Boundary.Bound().Intersects(*p.bbox))
	}, func(i int) feature { return communityOut(p.sys, cs[i]) })
}
