package api

import (
	"context"
	"log/slog"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

// regionLocator is a Store that can say which regions' districts hold a point, loaded or
// not (*postgis.DB).
type regionLocator interface {
	// RegionAt lists the regions whose districts cover (lon, lat) WGS84 degrees, by region.
	RegionAt(ctx context.Context, lon, lat float64) ([]geo.Region, error)
}

// checkPoint looks a point query's point pt (WGS84) up in the database when the loaded
// regions do not hold it and the server knows other regions (not computed, loading or
// failed): a region of the database holding it that does not answer is EUNAVAILABLE
// naming it, rather than an answer from the wrong region; a point no region holds is
// ENOTFOUND. p and err are what regionTable.pick chose; nil keeps that choice. With one
// region known (the database holds one), nothing changes: the engine judges the point.
func (s *Server) checkPoint(ctx context.Context, p regionPick, err error, pt orb.Point) error {
	loc, ok := s.opts.Store.(regionLocator)
	ens := s.regions.entries()
	if !ok || len(ens) < 2 || (err != nil && geo.ErrorCodeOf(err) != geo.ENOTFOUND) {
		return nil
	}
	if err == nil {
		if en := s.regions.get(p.region); en == nil || en.area.contains(pt) {
			return nil
		}
	}
	rs, lerr := loc.RegionAt(ctx, pt[0], pt[1])
	if lerr != nil {
		s.log.Warn("cannot look up the region of a point", slog.String("error", geo.ErrorMessage(lerr)))
		return nil
	}
	for _, r := range rs {
		if en := s.regions.get(r); en != nil && en.state == stateLoaded {
			return nil // the database's districts and the engine's disagree: the engine judges
		}
	}
	if len(rs) > 0 {
		return notAnswering(rs[0], s.regions.get(rs[0]))
	}
	if err != nil {
		return err
	}
	return apiErrorf(geo.ENOTFOUND, "the point (%.6f, %.6f) lies in none of this server's regions (%s): give region=… or a point inside one",
		pt[0], pt[1], knownList(ens))
}

// notAnswering is why region r, which holds a point, cannot answer for it (en: its entry,
// nil when the server does not know it).
func notAnswering(r geo.Region, en *regionEntry) error {
	st := regionState("")
	if en != nil {
		st = en.state
	}
	switch st {
	case stateNotComputed:
		return apiErrorf(geo.EUNAVAILABLE, "region %s holds this point but is not computed: POST /api/v1/compute?region=%s", string(r), string(r))
	case stateLoading:
		return apiErrorf(geo.EUNAVAILABLE, "region %s holds this point but is still loading; try again in a moment (see /readyz)", string(r))
	case stateFailed:
		return apiErrorf(geo.EUNAVAILABLE, "region %s holds this point but failed to load: %s", string(r), en.err)
	}
	return apiErrorf(geo.EUNAVAILABLE, "region %s holds this point but is not loaded by this server (imported after it started): restart the server or POST /api/v1/compute?region=%s", string(r), string(r))
}
