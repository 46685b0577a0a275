package api

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo"
)

// regionsList answers GET /api/v1/regions: every region of the database and of the
// server, by region, with what the server does with each; rows=true counts each region's
// rows too (a read of every table: slow on a national database, so only when asked).
func (s *Server) regionsList(c echo.Context) error {
	withRows, err := parseBool(c.QueryParams(), "rows")
	if err != nil {
		return err
	}
	database, infos := "none", []geo.RegionInfo(nil)
	if rl, ok := s.opts.Store.(RegionLister); ok {
		ctx, cancel := context.WithTimeout(c.Request().Context(), 5*time.Second)
		defer cancel()
		list := rl.KnownRegions
		if withRows {
			list = rl.Regions
		}
		switch infos, err = list(ctx); {
		case err == nil:
			database = "ok"
			s.forgetGone(ctx, append([]geo.RegionInfo{}, infos...))
		case geo.ErrorCodeOf(err) == geo.EUNAVAILABLE:
			database = "unavailable"
			s.log.Warn("regions: database unavailable", "error", geo.ErrorMessage(err))
		default:
			s.log.Warn("regions: the database cannot list its regions", "error", geo.ErrorMessage(err))
		}
	}
	slices.SortFunc(infos, func(a, b geo.RegionInfo) int { return strings.Compare(string(a.Region), string(b.Region)) })
	return writeJSON(c, http.StatusOK, regionsOut(database, infos, s.regions.entries(), withRows))
}

// deleteRegion answers DELETE /api/v1/regions/{region}: every row of the region goes, in
// one transaction, and the server stops answering for it; other regions are untouched.
func (s *Server) deleteRegion(c echo.Context) error {
	if strings.TrimSpace(c.Param("region")) == "" {
		return paramError("region", "none in the path (/api/v1/regions/{region}): %s", regionRule())
	}
	r, err := geo.ParseRegion(c.Param("region"))
	if err != nil {
		return asParamError("region", err)
	}
	named, err := parseRegion(c.QueryParams())
	if err != nil {
		return err
	}
	if named != "" && named != r {
		return paramError("region", "the path says %s and region= says %s: give one", string(r), string(named))
	}
	deleted, err := s.DeleteRegion(c.Request().Context(), r)
	if err != nil {
		return err
	}
	c.Response().Header().Set(HeaderRegion, string(r))
	return writeJSON(c, http.StatusOK, deleteRegionAnswer{Region: string(r), Deleted: deleted,
		Note: "deleted; the server no longer answers for this region"})
}

// DeleteRegion removes every row of region r from the store (one transaction) and forgets
// its engine; it says how many rows went from each table. A region with no rows left
// (deleted by another process) is ENOTFOUND, and its engine is forgotten too. It waits for no recompute: one
// under way is ECONFLICT.
func (s *Server) DeleteRegion(ctx context.Context, r geo.Region) (map[string]int64, error) {
	if !s.compute.TryLock() {
		return nil, apiErrorf(geo.ECONFLICT, "a recompute is already running; wait for it to finish")
	}
	defer s.compute.Unlock()
	st, err := s.storeFor(r)
	if err != nil {
		return nil, err
	}
	d, ok := st.(RegionDeleter)
	if !ok {
		return nil, apiErrorf(geo.EUNAVAILABLE, "this server's database cannot delete a region")
	}
	deleted, err := d.DeleteRegion(ctx)
	if geo.ErrorCodeOf(err) == geo.ENOTFOUND && s.regions.get(r) != nil {
		s.forget(r) // its rows went by another process (lifecircle region delete)
	}
	if err != nil {
		return nil, err
	}
	s.forget(r)
	return deleted, nil
}

// forget drops region r's engine and state (its rows are gone).
func (s *Server) forget(r geo.Region) {
	s.regions.drop(r)
	s.metrics.regionDrop(r)
	s.metrics.countStates(s.regions.entries())
	s.resetTiles()
}

// regionRule is what a region may be, as geo.ParseRegion says it ("want a 6-digit …").
func regionRule() string {
	_, err := geo.ParseRegion("%")
	msg := geo.ErrorMessage(err)
	if i := strings.Index(msg, "want "); i >= 0 {
		return msg[i:]
	}
	return msg
}
