package district

import (
	"context"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/lifecircle/lifecircle/geo/derive"
	"github.com/lifecircle/lifecircle/geo/engine"
)

// ImportStore stores what a file import read: each call is one transaction that commits
// whole or leaves the store as it was, and records the batch. *postgis.DB is one.
type ImportStore interface {
	ImportCommunities(ctx context.Context, b geo.Batch, cs []geo.Community, o geo.ImportOptions) (geo.ImportSummary, error)
	ImportStations(ctx context.Context, b geo.Batch, ss []geo.Station, o geo.ImportOptions) (geo.ImportSummary, error)
	ImportOutlets(ctx context.Context, b geo.Batch, os []geo.Outlet, o geo.ImportOptions) (geo.ImportSummary, error)
	ImportCompounds(ctx context.Context, b geo.Batch, cs []geo.Compound, o geo.ImportOptions) (geo.ImportSummary, error)
	// ImportGrids stores grids (网格), checking that each lies in its community.
	ImportGrids(ctx context.Context, b geo.Batch, gs []geo.Grid, o geo.ImportOptions) (geo.ImportSummary, error)
	// ImportDistricts stores the study area's districts.
	ImportDistricts(ctx context.Context, b geo.Batch, ds []geo.District, o geo.ImportOptions) (geo.ImportSummary, error)
	// ImportStreetFile stores a file's streets, checking their districts and boundaries.
	ImportStreetFile(ctx context.Context, b geo.Batch, ss []geo.Street, o geo.ImportOptions) (geo.ImportSummary, error)
	// ImportCommunityAttributes stores an attribute table of communities (no boundaries)
	// and joins it to the community boundaries; the summary's Join says what matched.
	ImportCommunityAttributes(ctx context.Context, b geo.Batch, cs []geo.Community, o geo.ImportOptions) (geo.ImportSummary, error)
}

// ComputeStore is where a recompute reads the district and the health check's facts from
// and writes its coverage and findings to, replacing the previous run in one transaction.
// *postgis.DB is one.
type ComputeStore interface {
	engine.Source
	FactStore
	WriteCoverage(ctx context.Context, run coverage.Run) error
}

// DemoStore is what the demo's derivations read and write. *postgis.DB is one.
type DemoStore interface {
	Communities(ctx context.Context) ([]geo.Community, error)
	Stations(ctx context.Context) ([]geo.Station, error)
	Outlets(ctx context.Context) ([]geo.Outlet, error)
	ResidentialAreas(ctx context.Context) ([]geo.ResidentialArea, error)
	Districts(ctx context.Context) ([]geo.District, error)
	Streets(ctx context.Context) ([]geo.Street, error)
	// DeleteCommunities removes the communities of one source and says how many went.
	DeleteCommunities(ctx context.Context, source string) (int, error)
	// DeriveBlocks cuts the settled area by the major roads into blocks of at least
	// minAreaM2 (settled: residential land grown by settledBufferM metres).
	DeriveBlocks(ctx context.Context, minAreaM2, settledBufferM float64) ([]derive.Block, error)
	ImportStreets(ctx context.Context, b geo.Batch, streets []geo.Street) (geo.ImportSummary, error)
	ImportCommunities(ctx context.Context, b geo.Batch, cs []geo.Community, o geo.ImportOptions) (geo.ImportSummary, error)
	ImportStations(ctx context.Context, b geo.Batch, ss []geo.Station, o geo.ImportOptions) (geo.ImportSummary, error)
}
