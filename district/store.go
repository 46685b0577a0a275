package district

import (
	"context"

	"github.com/lifecircle/lifecircle/geo"
)

// ImportStore stores what a file import read: each call is one transaction that commits
// whole or leaves the store as it was, and records the batch. *postgis.DB is one.
type ImportStore interface {
	ImportCommunities(ctx context.Context, b geo.Batch, cs []geo.Community, o geo.ImportOptions) (geo.ImportSummary, error)
	ImportStations(ctx context.Context, b geo.Batch, ss []geo.Station, o geo.ImportOptions) (geo.ImportSummary, error)
	ImportOutlets(ctx context.Context, b geo.Batch, os []geo.Outlet, o geo.ImportOptions) (geo.ImportSummary, error)
	ImportCompounds(ctx context.Context, b geo.Batch, cs []geo.Compound, o geo.ImportOptions) (geo.ImportSummary, error)
}
