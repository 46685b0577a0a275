package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo/coverage"
)

// replaceFindings stores fs as the findings of region r's compute run runID, in their
// order, and removes the region's earlier runs' (inside WriteCoverage's transaction).
func replaceFindings(ctx context.Context, tx pgx.Tx, r string, runID int64, fs []coverage.Finding) error {
	if _, err := tx.Exec(ctx, "DELETE FROM findings WHERE region = $1", r); err != nil {
		return mapError(err, "clear findings")
	}
	rows := make([][]any, len(fs))
	for i, f := range fs {
		rows[i] = []any{r, runID, int32(i), f.Code, f.Severity, f.SubjectKind, f.SubjectID, f.SubjectName,
			finite(f.Figure), f.Unit, int32(f.Count), f.MessageZH, f.MessageEN}
	}
	cols := []string{"region", "run_id", "seq", "code", "severity", "subject_kind", "subject_id", "subject_name",
		"figure", "unit", "count", "message_zh", "message_en"}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"findings"}, cols, pgx.CopyFromRows(rows))
	return mapError(err, "store findings")
}

// RunFindings returns the id of db.Region()'s newest compute run and the health findings
// stored with it, in the check's order; (0, nil) when nothing was computed yet.
func (db *DB) RunFindings(ctx context.Context) (int64, []coverage.Finding, error) {
	var id int64
	err := db.pool.QueryRow(ctx, "SELECT coalesce(max(id), 0) FROM compute_runs WHERE region = $1", db.rg()).Scan(&id)
	if err != nil || id == 0 {
		return 0, nil, mapError(err, "read compute run")
	}
	rows, err := db.pool.Query(ctx, `SELECT code, severity, subject_kind, subject_id, subject_name,
		coalesce(figure, 'NaN'), unit, count, message_zh, message_en FROM findings WHERE region = $2 AND run_id = $1 ORDER BY seq`, id, db.rg())
	if err != nil {
		return 0, nil, mapError(err, "read findings")
	}
	fs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (coverage.Finding, error) {
		var f coverage.Finding
		err := r.Scan(&f.Code, &f.Severity, &f.SubjectKind, &f.SubjectID, &f.SubjectName,
			&f.Figure, &f.Unit, &f.Count, &f.MessageZH, &f.MessageEN)
		return f, err
	})
	return id, fs, mapError(err, "read findings")
}

// staleQueries count, per kind, the derived rows left from inputs since replaced:
// derived streets no community refers to any more (the derived communities gave way to
// a file's), derived communities beside communities from a file, illustrative stations
// beside stations from a file.
// ($1: the region.)
var staleQueries = []struct{ kind, query string }{
	{"street", `SELECT count(*) FROM streets s WHERE s.region = $1 AND s.source = 'derived'
		AND NOT EXISTS (SELECT 1 FROM communities c WHERE c.region = $1 AND c.street_code = s.code AND c.source = 'derived')`},
	{"community", `SELECT count(*) FROM communities WHERE region = $1 AND source = 'derived'
		AND EXISTS (SELECT 1 FROM communities WHERE region = $1 AND source = 'file')`},
	{"station", `SELECT count(*) FROM stations WHERE region = $1 AND source = 'illustrative'
		AND EXISTS (SELECT 1 FROM stations WHERE region = $1 AND source = 'file')`},
}

// StaleDerivedRows counts db.Region()'s derived rows left from inputs since replaced, by kind
// ("street", "community", "station"); kinds with none are left out.
func (db *DB) StaleDerivedRows(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	for _, q := range staleQueries {
		var n int
		if err := db.pool.QueryRow(ctx, q.query, db.rg()).Scan(&n); err != nil {
			return nil, mapError(err, "count stale "+q.kind+" rows")
		}
		if n > 0 {
			out[q.kind] = n
		}
	}
	return out, nil
}
