package district

import (
	"context"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/engine"
)

// ImportStore stores what a file import read: each call is one transaction that commits
// whole or leaves the store as it was, and records the batch. *postgis.DB is one.
type ImportStore interface {
	ImportCommunities(ctx context.Context, b geo.Batch, cs []geo.Community, o geo.ImportOptions) (geo.ImportSummary, error)
	ImportStations(ctx context.Context, b geo.Batch, ss []geo.Station, o geo.ImportOptions) (geo.ImportSummary, error)
	ImportOutlets(ctx context.Context, b geo.Batch, os []geo.Outlet, o geo.ImportOptions) (geo.ImportSummary, error)
	ImportCompounds(ctx context.Context, b geo.Batch, cs []geo.Compound, o geo.ImportOptions) (geo.ImportSummary, error)
}

// ComputeStore is where a recompute reads the district from and writes its coverage to,
// replacing the previous run in one transaction. *postgis.DB is one.
type ComputeStore interface {
	engine.Source
	WriteCoverage(ctx context.Context, run coverage.Run) error
}
