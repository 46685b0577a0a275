package api

import (
	"github.com/lifecircle/lifecircle/geo/crs"
	"net/url"
	"strings"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
)

// circleFile returns the server's circle file: Options.Circles, else the bundled one
// checked against Options.Categories (nil when there are no categories to check it with).
func circleFile(o Options) (*data.CircleFile, error) {
	if o.Circles != nil || o.Categories == nil {
		return o.Circles, nil
	}
	return data.ParseCircles(data.CirclesName, data.Circles(), o.Categories)
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
	known := make([]string, 0, len(s.circles.Circles))
	for _, c := range s.circles.Circles {
		if c.Key == key {
			out := circleOf(c)
			return &out, nil
		}
		known = append(known, c.Key)
	}
	return nil, paramError("circle", "unknown circle %q (known: %s)", key, strings.Join(known, ", "))
}

// circleOf turns a circle of the file into assess's: each facility's categories and
// levels become its targets.
func circleOf(c data.Circle) assess.Circle {
	out := assess.Circle{Key: c.Key, NameZH: c.NameZH, NameEN: c.NameEN, Minutes: c.Minutes}
	for _, f := range c.Facilities {
		cf := assess.CircleFacility{Key: f.Key}
		for _, k := range f.Categories {
			cf.Targets = append(cf.Targets, engine.Target{Kind: engine.KindCategory, Key: k})
		}
		for _, l := range f.Levels {
			cf.Targets = append(cf.Targets, engine.Target{Kind: engine.KindLevel, Key: string(l)})
		}
		out.Facilities = append(out.Facilities, cf)
	}
	return out
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
// target, the minutes, and the engine answering now (which knows the target).
func (s *Server) circleQuery(q url.Values) (crs.System, *assess.Circle, engine.Target, float64, *engine.Engine, error) {
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
	e, err := s.current()
	if err == nil && circle == nil {
		err = checkTarget(e, t)
	}
	return sys, circle, t, mins, e, err
}
