package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/siting"
	"github.com/paulmach/orb"
)

// planBody is the JSON of POST /api/v1/plan/sites.
type planBody struct {
	Circle     string          `json:"circle"` // a named circle instead of category/level: a site holds all its facilities
	Category   string          `json:"category"`
	Level      string          `json:"level"`
	Minutes    *float64        `json:"minutes"`
	K          *int            `json:"k"`
	Candidates json.RawMessage `json:"candidates"` // [[lon, lat], …] or "cells"
	Exclude    [][]float64     `json:"exclude"`
}

// planSites answers POST /api/v1/plan/sites: where k new facilities of a kind would bring
// the most residents within the minutes.
func (s *Server) planSites(c echo.Context) error {
	sys, pq, e, err := bodyQuery(s, c, s.planRequest, func(q planQuery) []orb.Point { return q.req.Candidates })
	if err != nil {
		return err
	}
	var res siting.Plan
	if pq.circle != nil {
		res, err = siting.PlanCircleSites(c.Request().Context(), e, *pq.circle, pq.req)
	} else if err = checkTarget(e, pq.req.Target); err == nil {
		res, err = siting.PlanSites(c.Request().Context(), e, pq.req)
	}
	if err != nil {
		return err
	}
	out := planOut(sys, res)
	out.Region = answeredRegion(c)
	return writeJSON(c, http.StatusOK, out)
}

// planQuery is a plan body read: the request and the named circle it plans for (nil:
// a category or a level).
type planQuery struct {
	req    siting.Request
	circle *assess.Circle
}

// planRequest reads a plan body; with circle= the plan is for sites holding every facility
// of the circle, by default within its own minutes.
func (s *Server) planRequest(b planBody, sys crs.System) (planQuery, error) {
	circle, err := s.parseCircle(url.Values{"circle": {b.Circle}, "category": {b.Category}, "level": {b.Level}})
	if err != nil {
		return planQuery{}, err
	}
	req, err := s.planSiting(b, circle, sys)
	return planQuery{req: req, circle: circle}, err
}

// planSiting reads the rest of a plan body for circle (nil: category or level).
func (s *Server) planSiting(b planBody, circle *assess.Circle, sys crs.System) (siting.Request, error) {
	var req siting.Request
	var err error
	req.Minutes = 15
	if circle != nil {
		req.Target, req.Minutes = circle.Target(), circle.Minutes
	} else if req.Target, err = targetOf(strings.TrimSpace(b.Category), strings.TrimSpace(b.Level), s.opts.Categories); err != nil {
		return req, err
	}
	if b.Minutes != nil {
		req.Minutes = *b.Minutes
	}
	if err := checkMinutes("minutes", req.Minutes); err != nil {
		return req, err
	}
	req.K = 5
	if b.K != nil {
		req.K = *b.K
	}
	if req.K < 1 || req.K > siting.MaxSites {
		return req, paramError("k", "%d is outside 1–%d", req.K, siting.MaxSites)
	}
	if req.Candidates, err = candidates(b.Candidates, sys); err != nil {
		return req, err
	}
	req.Exclude, err = bodyPoints("exclude", b.Exclude, sys, siting.MaxExclude)
	return req, err
}

// candidates reads "cells" (or nothing: every cell centre of the study area) or a list of
// [lon, lat] points in sys.
func candidates(raw json.RawMessage, sys crs.System) ([]orb.Point, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var word string
	if err := json.Unmarshal(raw, &word); err == nil {
		if word == "cells" {
			return nil, nil
		}
		return nil, paramError("candidates", "%q: give \"cells\" or a list of [lon, lat] points", word)
	}
	var pairs [][]float64
	if err := json.Unmarshal(raw, &pairs); err != nil {
		return nil, paramError("candidates", "give \"cells\" or a list of [lon, lat] points")
	}
	if len(pairs) == 0 {
		return nil, paramError("candidates", "the list is empty; give \"cells\" or at least one [lon, lat] point")
	}
	return bodyPoints("candidates", pairs, sys, siting.MaxCandidates)
}

// scenarioBody is the JSON of POST /api/v1/scenarios.
type scenarioBody struct {
	Add    []scenarioAdd `json:"add"`
	Remove []string      `json:"remove"`
}

type scenarioAdd struct {
	Lon      *float64 `json:"lon"`
	Lat      *float64 `json:"lat"`
	Level    string   `json:"level"`
	Category string   `json:"category"`
	Name     string   `json:"name"`
}

// scenarios answers POST /api/v1/scenarios: coverage before and after adding and removing
// facilities, per kind touched, for the district and each community.
func (s *Server) scenarios(c echo.Context) error {
	_, change, e, err := bodyQuery(s, c, s.scenarioChange, changePoints)
	if err != nil {
		return err
	}
	for i, a := range change.Add {
		if err := e.CheckTarget(engine.Target{Kind: a.Kind, Key: a.Key}); err != nil {
			return asParamError(fmt.Sprintf("add[%d].%s", i, a.Kind), err)
		}
	}
	res, err := siting.Scenario(c.Request().Context(), e, change)
	if err != nil {
		return err
	}
	out := scenarioOut(res)
	out.Region = answeredRegion(c)
	return writeJSON(c, http.StatusOK, out)
}

func (s *Server) scenarioChange(b scenarioBody, sys crs.System) (siting.Change, error) {
	var ch siting.Change
	if len(b.Add) == 0 && len(b.Remove) == 0 {
		return ch, paramError("add", "give facilities to add or ids to remove")
	}
	if len(b.Add) > siting.MaxAdd {
		return ch, paramError("add", "at most %d additions", siting.MaxAdd)
	}
	if len(b.Remove) > siting.MaxRemove {
		return ch, paramError("remove", "at most %d removals", siting.MaxRemove)
	}
	for i, a := range b.Add {
		at := fmt.Sprintf("add[%d]", i)
		if a.Lon == nil || a.Lat == nil {
			return ch, paramError(at, "give lon and lat")
		}
		p, err := checkLonLat(orb.Point{*a.Lon, *a.Lat}, at+".lon", at+".lat", sys)
		if err != nil {
			return ch, err
		}
		t, err := targetOf(strings.TrimSpace(a.Category), strings.TrimSpace(a.Level), s.opts.Categories)
		if err != nil {
			return ch, asParamError(at, err)
		}
		if t.Kind == engine.KindLevel && t.Key == engine.AnyLevel {
			return ch, paramError(at+".level", "a new station needs a level (district, street, community, compound or building), not any")
		}
		ch.Add = append(ch.Add, siting.Addition{Point: p, Kind: t.Kind, Key: t.Key, Name: a.Name})
	}
	for i, id := range b.Remove {
		if strings.TrimSpace(id) == "" {
			return ch, paramError(fmt.Sprintf("remove[%d]", i), "empty id")
		}
	}
	ch.Remove = b.Remove
	return ch, nil
}

// changePoints are the points a scenario adds facilities at (WGS84).
func changePoints(ch siting.Change) []orb.Point {
	out := make([]orb.Point, len(ch.Add))
	for i, a := range ch.Add {
		out[i] = a.Point
	}
	return out
}
