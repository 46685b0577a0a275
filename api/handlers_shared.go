package api

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/siting"
)

// sharedBody is the JSON of POST /api/v1/plan/shared-centres.
type sharedBody struct {
	Level    string   `json:"level"`
	Minutes  *float64 `json:"minutes"`
	MinShare *float64 `json:"min_share"`
	MaxGroup *int     `json:"max_group"`
}

// sharedCentres answers POST /api/v1/plan/shared-centres: groups of adjacent communities
// one new centre each could serve (多社区一中心).
func (s *Server) sharedCentres(c echo.Context) error {
	sys, req, e, err := bodyQuery(s, c, sharedRequest, nil)
	if err != nil {
		return err
	}
	res, err := siting.SharedCentres(c.Request().Context(), e, req)
	if err != nil {
		return err
	}
	out := sharedOut(sys, res)
	out.Region = answeredRegion(c)
	return writeJSON(c, http.StatusOK, out)
}

// sharedRequest reads the body (no coordinates in it), with the defaults: level community, 15 minutes, min_share
// 0.8, max_group 4 (each echoed in the answer).
func sharedRequest(b sharedBody, _ crs.System) (siting.SharedRequest, error) {
	req := siting.SharedRequest{Level: geo.LevelCommunity, Minutes: 15, MinShare: siting.DefaultMinShare, MaxGroup: siting.DefaultMaxGroup}
	if lv := strings.TrimSpace(b.Level); lv != "" {
		l, err := geo.ParseLevel(lv)
		if err != nil {
			return req, asParamError("level", err)
		}
		req.Level = l
	}
	if b.Minutes != nil {
		req.Minutes = *b.Minutes
	}
	if err := checkMinutes("minutes", req.Minutes); err != nil {
		return req, err
	}
	if b.MinShare != nil {
		req.MinShare = *b.MinShare
	}
	if !(req.MinShare > 0 && req.MinShare <= 1) {
		return req, paramError("min_share", "%g is outside (0, 1]", req.MinShare)
	}
	if b.MaxGroup != nil {
		req.MaxGroup = *b.MaxGroup
	}
	if req.MaxGroup < 2 || req.MaxGroup > siting.MaxGroupLimit {
		return req, paramError("max_group", "%d is outside 2–%d", req.MaxGroup, siting.MaxGroupLimit)
	}
	return req, nil
}
