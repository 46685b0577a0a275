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

// insertBatch records the import batch b of region r (and r in regions) and returns its id.
func insertBatch(ctx context.Context, tx pgx.Tx, r string, b Batch) (int64, error) {
	if err := ensureRegion(ctx, tx, r); err != nil {
		return 0, err
	}
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO import_batches (region, kind, file_name, sha256, crs, mode, rows_read, rows_rejected)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		r, b.Kind, b.FileName, b.SHA256, b.CRS, string(b.Mode), b.Read, b.Rejected).Scan(&id)
	return id, mapError(err, "record import batch")
}

func finishBatch(ctx context.Context, tx pgx.Tx, r string, s Summary) error {
	_, err := tx.Exec(ctx, `UPDATE import_batches SET rows_inserted = $3, rows_updated = $4,
		rows_deleted = $5, finished_at = now() WHERE region = $1 AND id = $2`, r, s.BatchID, s.Inserted, s.Updated, s.Deleted)
	return mapError(err, "finish import batch")
}

// TableCounts returns the number of rows of db.Region() in each of lifecircle's input
// tables, for checks that an import changed nothing.
func (db *DB) TableCounts(ctx context.Context) (map[string]int64, error) {
	tables := []string{"import_batches", "districts", "streets", "communities", "stations", "outlets", "compounds",
		"residential_areas", "walk_nodes", "walk_edges", "population_grid", "unit_attributes", "buildings", "grids"}
	out := make(map[string]int64, len(tables))
	for _, t := range tables {
		var n int64
		q := "SELECT count(*) FROM " + pgx.Identifier{t}.Sanitize() + " WHERE region = $1"
		if err := db.pool.QueryRow(ctx, q, db.rg()).Scan(&n); err != nil {
			return nil, mapError(err, "count "+t)
		}
		out[t] = n
	}
	return out, nil
}
