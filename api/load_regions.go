package api

import (
	"context"
	"log/slog"

	"github.com/lifecircle/lifecircle/geo"
)

// LoadAll loads, one after another, every region the store holds that has a compute run,
// and the home region when it holds rows (a database imported but not computed yet, as
// before regions) or the store holds none; regions already loaded are kept. Regions with
// rows but no compute run are listed as "not computed" (POST /api/v1/compute?region=…
// loads them). A Store that cannot list its regions, or a server without StoreFor, loads
// the home region only. A region whose load fails is recorded as failed (/readyz,
// /api/v1/regions) and the others still load. LoadAll returns an error when the database
// is unavailable (EUNAVAILABLE) or when every load failed (the first error).
func (s *Server) LoadAll(ctx context.Context) error {
	load, rest, err := s.regionsToLoad(ctx)
	if err != nil {
		return err
	}
	for _, r := range rest {
		s.setRegionState(r, stateNotComputed, "")
	}
	var first error
	ok := 0
	for _, r := range load {
		if en := s.regions.get(r); en != nil && en.state == stateLoaded {
			ok++
			continue
		}
		err := s.LoadRegion(ctx, r)
		switch {
		case err == nil:
			ok++
		case geo.ErrorCodeOf(err) == geo.EUNAVAILABLE || ctx.Err() != nil:
			return err
		default:
			s.log.Error("region load failed", slog.String("region", string(r)), slog.String("error", geo.ErrorMessage(err)))
			if first == nil {
				first = err
			}
		}
	}
	if ok == 0 && first != nil {
		return first
	}
	return nil
}

// regionsToLoad lists the regions LoadAll loads and those it only lists (no compute run).
func (s *Server) regionsToLoad(ctx context.Context) (load, notComputed []geo.Region, err error) {
	rl, ok := s.opts.Store.(RegionLister)
	if !ok || s.opts.StoreFor == nil {
		return []geo.Region{s.home}, nil, nil
	}
	infos, err := rl.KnownRegions(ctx)
	if err != nil {
		if geo.ErrorCodeOf(err) == geo.EUNAVAILABLE {
			return nil, nil, err
		}
		s.log.Warn("the database cannot list its regions; loading the home region only",
			slog.String("region", string(s.home)), slog.String("error", geo.ErrorMessage(err)))
		return []geo.Region{s.home}, nil, nil
	}
	for _, in := range infos {
		if in.Computed || in.Region == s.home {
			load = append(load, in.Region)
		} else {
			notComputed = append(notComputed, in.Region)
		}
	}
	if len(infos) == 0 {
		load = []geo.Region{s.home}
	}
	return load, notComputed, nil
}
