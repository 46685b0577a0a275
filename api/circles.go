package api

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/engine"
)

// circleFile returns the server's circle file: Options.Circles, else the bundled one
// checked against Options.Categories (nil when there are no categories to check it with).
func circleFile(o Options) (*data.CircleFile, error) {
	if o.Circles != nil || o.Categories == nil {
		return o.Circles, nil
	}
	return district.LoadCircles("", o.Categories)
}

// parseCircle reads circle= (a key of the circle file); nil when absent. It excludes
// category= and level=; an unknown key is refused with the list of known ones.
func (s *Server) parseCircle(q url.Values) (*assess.Circle, error) {
	key := strings.TrimSpace(q.Get("circle"))
	if key == "" {
		return nil, nil
	}
	if strings.TrimSpace(q.Get("category")) != "" || strings.TrimSpace(q.Get("level")) != "" {
		return nil, paramError("circle", "give one of circle, category and level")
	}
	if s.circles == nil {
		return nil, paramError("circle", "this server has no circle file")
	}
	c, ok, known := district.FindCircle(s.circles, key)
	if !ok {
		return nil, paramError("circle", "unknown circle %q (known: %s)", key, strings.Join(known, ", "))
	}
	return &c, nil
}

// circleTarget reads circle= or else category=/level= (targetQuery) and the minutes:
// a circle's own minutes unless minutes= is given.
func (s *Server) circleTarget(c *assess.Circle, q url.Values) (engine.Target, float64, error) {
	if c == nil {
		t, err := parseTarget(q, s.opts.Categories)
		if err != nil {
			return engine.Target{}, 0, err
		}
		m, err := parseMinutes(q, "minutes", 15)
		return t, m, err
	}
	m, err := parseMinutes(q, "minutes", c.Minutes)
	return c.Target(), m, err
}

// circleQuery reads what coverage and gaps take: the query, its crs, circle= or the
// target, the minutes, and the engine answering for the region (which knows the target).
func (s *Server) circleQuery(c echo.Context) (crs.System, *assess.Circle, engine.Target, float64, *engine.Engine, error) {
	q := c.QueryParams()
	sys, err := parseCRS(q)
	if err != nil {
		return "", nil, engine.Target{}, 0, nil, err
	}
	circle, err := s.parseCircle(q)
	if err != nil {
		return "", nil, engine.Target{}, 0, nil, err
	}
	t, mins, err := s.circleTarget(circle, q)
	if err != nil {
		return "", nil, engine.Target{}, 0, nil, err
	}
	e, err := s.current(c)
	if err == nil && circle == nil {
		err = checkTarget(e, t)
	}
	return sys, circle, t, mins, e, err
}

// circlesList answers GET /api/v1/circles: the named service circles circle= accepts.
func (s *Server) circlesList(c echo.Context) error {
	if s.circles == nil {
		return apiErrorf(geo.EUNAVAILABLE, "this server has no circle file")
	}
	return writeJSON(c, http.StatusOK, circlesOut(s.circles))
}
