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

// regionTables are the tables that hold rows of a region, in the order DeleteRegion
// empties them (rows that refer to others first). A test checks the list against the
// catalog: every table with a region column is here.
var regionTables = []string{
	"findings", "compute_runs", "coverage_summary", "coverage_cell_sets", "coverage_sets", "coverage_cell_rows", "cells",
	"walk_graph_snapshots", "walk_edges", "walk_nodes", "walk_network_version",
	"grids", "unit_attributes", "compounds", "stations", "outlets", "communities", "streets", "districts",
	"residential_areas", "buildings", "population_grid", "import_batches", "regions",
}

// regionLockKinds are the kinds of write DeleteRegion waits for (lockKind), in a fixed
// order: every import and compute of the region.
var regionLockKinds = []string{"communities", "compounds", "compute", "districts", "grids", "osm", "outlets",
	"population_grid", "stations", "streets", "unit_attributes"}

// Regions lists every region the database knows (a row in regions, or imports or runs),
// by region: its districts' codes and names (the region itself names a study area without
// districts), its rows over every table, whether it was computed and the cells of its
// last run. Counting reads every table once (a GROUP BY region each): seconds to minutes
// on a national database; KnownRegions lists them without counting.
func (db *DB) Regions(ctx context.Context) ([]geo.RegionInfo, error) {
	out, err := db.KnownRegions(ctx)
	if err != nil {
		return nil, err
	}
	counts, err := db.rowsByRegion(ctx)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Rows = counts[string(out[i].Region)]
	}
	return out, nil
}

// KnownRegions is Regions without counting the rows (Rows is 0): a few index reads, for
// listings on a request's path.
func (db *DB) KnownRegions(ctx context.Context) ([]geo.RegionInfo, error) {
	return readAll(ctx, db, "list regions", `WITH r AS (SELECT region FROM regions UNION SELECT region FROM import_batches
			UNION SELECT region FROM compute_runs)
		SELECT r.region, coalesce(string_agg(d.name, '、' ORDER BY d.code), ''),
			coalesce(array_agg(d.code ORDER BY d.code) FILTER (WHERE d.code IS NOT NULL), '{}'),
			EXISTS (SELECT 1 FROM compute_runs c WHERE c.region = r.region),
			coalesce((SELECT cells FROM compute_runs c WHERE c.region = r.region ORDER BY id DESC LIMIT 1), 0)
		FROM r LEFT JOIN districts d ON d.region = r.region GROUP BY r.region ORDER BY r.region`, func(row pgx.CollectableRow, ri *geo.RegionInfo) error {
		err := row.Scan(&ri.Region, &ri.Name, &ri.Districts, &ri.Computed, &ri.Cells)
		if ri.Name == "" {
			ri.Name = string(ri.Region)
		}
		return err
	})
}

// rowsByRegion counts every region's rows over regionTables (the regions table aside).
func (db *DB) rowsByRegion(ctx context.Context) (map[string]int64, error) {
	out := map[string]int64{}
	for _, t := range regionTables {
		if t == "regions" {
			continue
		}
		m, err := readMap[string, int64](ctx, db, "count "+t, "SELECT region, count(*) FROM "+pgx.Identifier{t}.Sanitize()+" GROUP BY region")
		if err != nil {
			return nil, err
		}
		for r, n := range m {
			out[r] += n
		}
	}
	return out, nil
}

// DeleteRegion removes every row of db.Region() in one transaction and says how many went
// from each table (regionTables, every one named, 0 included); other regions' rows are
// untouched. It waits for the region's imports and computes running (the locks of every
// kind, see lockKind). A region that holds no row is ENOTFOUND, and nothing changes.
func (db *DB) DeleteRegion(ctx context.Context) (map[string]int64, error) {
	out := make(map[string]int64, len(regionTables))
	var total int64
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		for _, k := range regionLockKinds {
			if err := db.lock(ctx, tx, k); err != nil {
				return err
			}
		}
		for _, t := range regionTables {
			tag, err := tx.Exec(ctx, "DELETE FROM "+pgx.Identifier{t}.Sanitize()+" WHERE region = $1", db.rg())
			if err != nil {
				return mapError(err, "delete region "+db.rg()+": "+t)
			}
			out[t] = tag.RowsAffected()
			total += out[t]
		}
		if total == 0 {
			return geo.Errorf(geo.ENOTFOUND, "region %s holds no rows; nothing was deleted", db.rg())
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RegionAt returns the regions whose districts contain the point (lon, lat), WGS84
// degrees (a point on a boundary is in it), by region; none when no district holds it. It
// reads every region's districts: the one read that looks across regions to find one.
func (db *DB) RegionAt(ctx context.Context, lon, lat float64) ([]geo.Region, error) {
	return readAll(ctx, db, "find the region at a point", `SELECT DISTINCT region FROM districts
		WHERE ST_Covers(boundary, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY region`,
		func(r pgx.CollectableRow, g *geo.Region) error {
			var s string
			err := r.Scan(&s)
			*g = geo.Region(s)
			return err
		}, lon, lat)
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
