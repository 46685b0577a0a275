package postgis

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
)

// ConfirmStations marks db.Region()'s stations confirmed, so that they count in the next computation:
// those with the given ids, or every candidate when all is set. It returns how many
// changed status (an id already confirmed changes nothing). An id no station has is
// ENOTFOUND naming the first few, and nothing is changed.
func (db *DB) ConfirmStations(ctx context.Context, ids []string, all bool) (int, error) {
	if !all && len(ids) == 0 {
		return 0, geo.Errorf(geo.EINVALID, "name the stations to confirm, or confirm all candidates")
	}
	n := 0
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if !all {
			if err := checkStationIDs(ctx, tx, db.rg(), ids); err != nil {
				return err
			}
		}
		tag, err := tx.Exec(ctx, `UPDATE stations SET status = 'confirmed'
			WHERE region = $3 AND status = 'candidate' AND ($1 OR id = ANY($2))`, all, ids, db.rg())
		if err != nil {
			return mapError(err, "confirm stations")
		}
		n = int(tag.RowsAffected())
		return nil
	})
	return n, err
}

// checkStationIDs returns ENOTFOUND naming up to five ids no station has.
func checkStationIDs(ctx context.Context, tx pgx.Tx, r string, ids []string) error {
	rows, err := tx.Query(ctx, `SELECT i FROM unnest($1::text[]) AS i
		WHERE NOT EXISTS (SELECT 1 FROM stations s WHERE s.region = $2 AND s.id = i) ORDER BY i LIMIT 5`, ids, r)
	if err != nil {
		return mapError(err, "confirm stations")
	}
	missing, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return mapError(err, "confirm stations")
	}
	if len(missing) > 0 {
		return geo.Errorf(geo.ENOTFOUND, "no station with id %s; nothing was confirmed", strings.Join(missing, ", "))
	}
	return nil
}
