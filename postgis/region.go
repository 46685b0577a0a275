package postgis

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
)

// InRegion returns the database scoped to region r: every read, write and delete of the
// returned value touches r's rows only (the compute's halo reads of neighbouring regions'
// stations and outlets are the one exception, and read only). The returned value shares
// the pool: Close on either closes both.
func (db *DB) InRegion(r geo.Region) *DB {
	c := *db
	c.region = r
	return &c
}

// Region is the region this value reads and writes (geo.DefaultRegion unless InRegion
// chose another).
func (db *DB) Region() geo.Region {
	if db.region == "" {
		return geo.DefaultRegion
	}
	return db.region
}

// CommitHook runs inside a compute's write transaction, after its rows are written and
// before the commit: whatever it does commits or rolls back with them (a job system
// marks its job done there, so that a worker killed mid-job leaves neither).
type CommitHook func(ctx context.Context, tx pgx.Tx) error

// WithCommitHook returns the database whose coverage writes (WriteCoverage) run fn in
// their transaction before committing; an error from fn rolls the write back.
func (db *DB) WithCommitHook(fn CommitHook) *DB {
	c := *db
	c.commitHook = fn
	return &c
}

// Regions lists every region that holds rows, by region.
// (Contract for the region work; implemented by the regstore branch.)
func (db *DB) Regions(ctx context.Context) ([]geo.RegionInfo, error) {
	return nil, geo.Errorf(geo.EINTERNAL, "regions: not implemented yet")
}

// DeleteRegion removes every row of db.Region() in one transaction and says how many went
// from each table; other regions' rows are untouched.
// (Contract for the region work; implemented by the regstore branch.)
func (db *DB) DeleteRegion(ctx context.Context) (map[string]int64, error) {
	return nil, geo.Errorf(geo.EINTERNAL, "delete region: not implemented yet")
}

// rg is db.Region() as SQL parameters take it.
func (db *DB) rg() string { return string(db.Region()) }

// ensureRegion records region r in regions (inside tx) unless it is there.
func ensureRegion(ctx context.Context, tx pgx.Tx, r string) error {
	_, err := tx.Exec(ctx, "INSERT INTO regions (region) VALUES ($1) ON CONFLICT (region) DO NOTHING", r)
	return mapError(err, "record region "+r)
}

// regionLiteral is db.Region() as an SQL string literal, for the statements that take no
// parameters (COPY … TO STDOUT): quoted as PostgreSQL quotes literals (quote_literal),
// standard_conforming_strings on.
func (db *DB) regionLiteral() string {
	return "'" + strings.ReplaceAll(db.rg(), "'", "''") + "'"
}
