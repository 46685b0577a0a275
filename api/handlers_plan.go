package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/siting"
	"github.com/paulmach/orb"
)

// planBody is the JSON of POST /api/v1/plan/sites.
type planBody struct {
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
	sys, req, e, err := bodyQuery(s, c, s.planRequest)
	if err != nil {
		return err
	}
	if err := checkTarget(e, req.Target); err != nil {
		return err
	}
	res, err := siting.PlanSites(c.Request().Context(), e, req)
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, planOut(sys, res))
}

func (s *Server) planRequest(b planBody, sys crs.System) (siting.Request, error) {
	var req siting.Request
	var err error
	if req.Target, err = targetOf(strings.TrimSpace(b.Category), strings.TrimSpace(b.Level), s.opts.Categories); err != nil {
		return req, err
	}
	req.Minutes = 15
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
	_, change, e, err := bodyQuery(s, c, s.scenarioChange)
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
	return writeJSON(c, http.StatusOK, scenarioOut(res))
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
