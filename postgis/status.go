package postgis

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// SourceCount is how many rows of one kind came from one source ("file", "osm",
// "derived" …; "" for the tables without a source column).
type SourceCount struct {
	Kind   string // the table: communities, streets, stations …
	Source string
	Rows   int64
}

// LastImport is the newest committed import of one kind.
type LastImport struct {
	Kind     string
	FileName string
	At       time.Time // when it finished (or started, when not recorded)
	Read     int
	Inserted int
	Updated  int
	Deleted  int
}

// LastRun is the newest compute run's record.
type LastRun struct {
	ID            int64
	Started       time.Time
	Finished      time.Time
	Resolution    int
	SpeedKmh      float64
	MaxMinutes    float64
	ThresholdsMin []int32
	Cells         int
}

// Status is what the database holds: rows per kind and source, the last import of each
// kind and the last compute run (nil: never computed).
type Status struct {
	Counts  []SourceCount
	Imports []LastImport
	Run     *LastRun
}

// CoverageStale reports whether the last compute is older than the newest import (or
// there is none while something was imported): its coverage does not show the data.
func (s Status) CoverageStale() bool {
	if len(s.Imports) == 0 {
		return false
	}
	if s.Run == nil {
		return true
	}
	for _, im := range s.Imports {
		if im.At.After(s.Run.Started) {
			return true
		}
	}
	return false
}

// statusTables are the tables Status counts, with whether they have a source column.
var statusTables = []struct {
	table     string
	hasSource bool
}{
	{"communities", true}, {"streets", true}, {"grids", true}, {"stations", true}, {"outlets", true}, {"compounds", true},
	{"residential_areas", true}, {"population_grid", true}, {"walk_nodes", false}, {"walk_edges", false},
	{"buildings", true},
}

// Status reads what the database holds.
func (db *DB) Status(ctx context.Context) (Status, error) {
	var s Status
	var err error
	if s.Counts, err = db.sourceCounts(ctx); err != nil {
		return s, err
	}
	if s.Imports, err = db.lastImports(ctx); err != nil {
		return s, err
	}
	s.Run, err = db.lastRun(ctx)
	return s, err
}

func (db *DB) sourceCounts(ctx context.Context) ([]SourceCount, error) {
	var out []SourceCount
	for _, t := range statusTables {
		q := "SELECT '' AS source, count(*) FROM " + pgx.Identifier{t.table}.Sanitize()
		if t.hasSource {
			q = "SELECT source, count(*) FROM " + pgx.Identifier{t.table}.Sanitize() + " GROUP BY source ORDER BY source"
		}
		rows, err := db.pool.Query(ctx, q)
		if err != nil {
			return nil, mapError(err, "count "+t.table)
		}
		cs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (SourceCount, error) {
			c := SourceCount{Kind: t.table}
			return c, r.Scan(&c.Source, &c.Rows)
		})
		if err != nil {
			return nil, mapError(err, "count "+t.table)
		}
		out = append(out, cs...)
	}
	return out, nil
}

func (db *DB) lastImports(ctx context.Context) ([]LastImport, error) {
	rows, err := db.pool.Query(ctx, `SELECT DISTINCT ON (kind) kind, file_name, coalesce(finished_at, started_at),
			rows_read, rows_inserted, rows_updated, rows_deleted
		FROM import_batches ORDER BY kind, coalesce(finished_at, started_at) DESC, id DESC`)
	if err != nil {
		return nil, mapError(err, "read imports")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (LastImport, error) {
		var l LastImport
		return l, r.Scan(&l.Kind, &l.FileName, &l.At, &l.Read, &l.Inserted, &l.Updated, &l.Deleted)
	})
	return out, mapError(err, "read imports")
}

func (db *DB) lastRun(ctx context.Context) (*LastRun, error) {
	var r LastRun
	err := db.pool.QueryRow(ctx, `SELECT id, started_at, finished_at, resolution, speed_kmh, max_minutes, thresholds, cells
		FROM compute_runs ORDER BY id DESC LIMIT 1`).Scan(&r.ID, &r.Started, &r.Finished, &r.Resolution, &r.SpeedKmh,
		&r.MaxMinutes, &r.ThresholdsMin, &r.Cells)
	if err == pgx.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, mapError(err, "read compute run")
	}
	return &r, nil
}
