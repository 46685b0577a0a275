// Package postgis is lifecircle's adapter to PostgreSQL + PostGIS, and the only package that
// speaks SQL: the connection pool, migrations, transactional imports with COPY, the walk
// network's load and store, coverage results, and the queries behind reports and the API.
//
// Values go to SQL only through $n parameters or COPY; identifiers only through
// pgx.Identifier. Every import runs in one transaction: it commits whole or leaves the
// database exactly as it was.
//
// postgis may import geo and its subpackages, pgx, goose and go-geom, and for the tile
// cache hashicorp/golang-lru and x/sync/singleflight; never echo or api.
package postgis
