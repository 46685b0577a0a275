package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
)

// statusTables are the tables Status counts, with whether they have a source column.
var statusTables = []struct {
	table     string
	hasSource bool
}{
	{"communities", true}, {"streets", true}, {"grids", true}, {"stations", true}, {"outlets", true}, {"compounds", true},
	{"residential_areas", true}, {"population_grid", true}, {"walk_nodes", false}, {"walk_edges", false},
	{"buildings", true},
}

// Status reads what the database holds of db.Region().
func (db *DB) Status(ctx context.Context) (geo.StoreStatus, error) {
	var s geo.StoreStatus
	var err error
	if s.Counts, err = db.sourceCounts(ctx); err != nil {
		return s, err
	}
	if s.Imports, err = db.lastImports(ctx); err != nil {
		return s, err
	}
	if s.Run, err = db.lastRun(ctx); err != nil {
		return s, err
	}
	s.Server, err = db.serverNotes(ctx)
	return s, err
}

// serverNotes says which settings of the server work against lifecircle: autovacuum off
// (every recompute deletes the region's previous coverage rows and every import the rows
// it replaces; without vacuum they stay dead, and the tables, their indexes and the
// writes' deletes grow with every run).
func (db *DB) serverNotes(ctx context.Context) ([]string, error) {
	on, setting, err := db.Autovacuum(ctx)
	if err != nil || on {
		return nil, err
	}
	return []string{"autovacuum is off on this server (" + setting + "): the rows every recompute and import replaces stay dead, " +
		"so tables and indexes grow and writes slow down run by run; turn it on, or run VACUUM (ANALYZE) after large runs"}, nil
}

// Autovacuum reports whether the server vacuums on its own (autovacuum and track_counts
// on) and the two settings as "autovacuum = …, track_counts = …".
func (db *DB) Autovacuum(ctx context.Context) (bool, string, error) {
	var autovacuum, trackCounts string
	err := db.pool.QueryRow(ctx, "SELECT current_setting('autovacuum'), current_setting('track_counts')").Scan(&autovacuum, &trackCounts)
	if err != nil {
		return false, "", mapError(err, "read the server's settings")
	}
	return autovacuum == "on" && trackCounts == "on", "autovacuum = " + autovacuum + ", track_counts = " + trackCounts, nil
}

func (db *DB) sourceCounts(ctx context.Context) ([]geo.SourceCount, error) {
	var out []geo.SourceCount
	for _, t := range statusTables {
		q := "SELECT '' AS source, count(*) FROM " + pgx.Identifier{t.table}.Sanitize() + " WHERE region = $1"
		if t.hasSource {
			q = "SELECT source, count(*) FROM " + pgx.Identifier{t.table}.Sanitize() + " WHERE region = $1 GROUP BY source ORDER BY source"
		}
		rows, err := db.pool.Query(ctx, q, db.rg())
		if err != nil {
			return nil, mapError(err, "count "+t.table)
		}
		cs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (geo.SourceCount, error) {
			c := geo.SourceCount{Kind: t.table}
			return c, r.Scan(&c.Source, &c.Rows)
		})
		if err != nil {
			return nil, mapError(err, "count "+t.table)
		}
		out = append(out, cs...)
	}
	return out, nil
}

func (db *DB) lastImports(ctx context.Context) ([]geo.LastImport, error) {
	rows, err := db.pool.Query(ctx, `SELECT DISTINCT ON (kind) kind, file_name, coalesce(finished_at, started_at),
			rows_read, rows_inserted, rows_updated, rows_deleted
		FROM import_batches WHERE region = $1 ORDER BY kind, coalesce(finished_at, started_at) DESC, id DESC`, db.rg())
	if err != nil {
		return nil, mapError(err, "read imports")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (geo.LastImport, error) {
		var l geo.LastImport
		return l, r.Scan(&l.Kind, &l.FileName, &l.At, &l.Read, &l.Inserted, &l.Updated, &l.Deleted)
	})
	return out, mapError(err, "read imports")
}

func (db *DB) lastRun(ctx context.Context) (*geo.LastRun, error) {
	var r geo.LastRun
	err := db.pool.QueryRow(ctx, `SELECT id, started_at, finished_at, resolution, speed_kmh, max_minutes, thresholds, cells
		FROM compute_runs WHERE region = $1 ORDER BY id DESC LIMIT 1`, db.rg()).Scan(&r.ID, &r.Started, &r.Finished, &r.Resolution, &r.SpeedKmh,
		&r.MaxMinutes, &r.ThresholdsMin, &r.Cells)
	if err == pgx.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, mapError(err, "read compute run")
	}
	return &r, nil
}
