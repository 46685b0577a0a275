// Package postgis is lifecircle's adapter to PostgreSQL + PostGIS, and the only package that
// speaks SQL: the connection pool, migrations, transactional imports with COPY, the walk
// network's load and store, coverage results, and the queries behind reports and the API.
//
// Values go to SQL only through $n parameters or COPY; identifiers only through
// pgx.Identifier. Every import runs in one transaction: it commits whole or leaves the
// database exactly as it was.
//
// Every row belongs to a region (geo.Region, migration 00014): a *DB is scoped to one
// (InRegion; geo.DefaultRegion unless chosen) and every statement reads, writes, replaces
// and deletes that region's rows only; imports and computes of different regions run at
// once (advisory locks per region and kind). The reads that look across regions say so:
// vector tiles (the base map of every region), Regions, RegionAt, and the compute's halo
// reads of neighbouring regions' stations and outlets.
//
// It stores values, not models: imports take geo values and geo's import batch, and a
// compute's results arrive as one coverage.Run (cells, per-cell walk times, summaries).
//
// postgis may import geo and the subpackages whose values it stores (geo/coverage,
// geo/walk, geo/derive) or derives (geo/dissolve: street boundaries), migrations, pgx,
// goose, orb, h3-go, go-geom, and for the tile cache hashicorp/golang-lru and
// x/sync/singleflight; never geo/engine, geo/assess, geo/siting, district, echo or api.
package postgis
