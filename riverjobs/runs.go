package riverjobs

import (
	"context"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
)

// ComputeRuns returns how many compute runs each region has recorded (the store's
// compute_runs of that region, postgis CoverageState): the bench and the crash test count
// them before and after a run to check that every region was written exactly once.
func ComputeRuns(ctx context.Context, db *postgis.DB, regions []geo.Region) (map[geo.Region]int64, error) {
	out := make(map[geo.Region]int64, len(regions))
	for _, r := range regions {
		s, err := db.InRegion(r).CoverageState(ctx)
		if err != nil {
			return nil, err
		}
		out[r] = s.Runs
	}
	return out, nil
}
