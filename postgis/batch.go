package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
)

// The import values are geo's: an import's batch, its mode, its options and its summary.
// postgis names them too, for the callers that speak postgis.
type (
	Batch         = geo.Batch
	Mode          = geo.ImportMode
	ImportOptions = geo.ImportOptions
	Summary       = geo.ImportSummary
)

// Import modes (geo.ModeReplace, geo.ModeUpsert).
const (
	ModeReplace = geo.ModeReplace
	ModeUpsert  = geo.ModeUpsert
)

func insertBatch(ctx context.Context, tx pgx.Tx, b Batch) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO import_batches (kind, file_name, sha256, crs, mode, rows_read, rows_rejected)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		b.Kind, b.FileName, b.SHA256, b.CRS, string(b.Mode), b.Read, b.Rejected).Scan(&id)
	return id, mapError(err, "record import batch")
}

func finishBatch(ctx context.Context, tx pgx.Tx, s Summary) error {
	_, err := tx.Exec(ctx, `UPDATE import_batches SET rows_inserted = $2, rows_updated = $3,
		rows_deleted = $4, finished_at = now() WHERE id = $1`, s.BatchID, s.Inserted, s.Updated, s.Deleted)
	return mapError(err, "finish import batch")
}

// TableCounts returns the number of rows in each of lifecircle's tables, for checks that an
// import changed nothing.
func (db *DB) TableCounts(ctx context.Context) (map[string]int64, error) {
	tables := []string{"import_batches", "districts", "streets", "communities", "stations", "outlets", "compounds",
		"residential_areas", "walk_nodes", "walk_edges", "population_grid", "unit_attributes", "buildings", "grids"}
	out := make(map[string]int64, len(tables))
	for _, t := range tables {
		var n int64
		q := "SELECT count(*) FROM " + pgx.Identifier{t}.Sanitize()
		if err := db.pool.QueryRow(ctx, q).Scan(&n); err != nil {
			return nil, mapError(err, "count "+t)
		}
		out[t] = n
	}
	return out, nil
}
