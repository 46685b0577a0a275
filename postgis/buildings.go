package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
)

// buildingRows are the extract's building footprints as buildingSpec rows (levels NULL
// when untagged); a footprint without a polygon is left out, as residential land is.
func buildingRows(bs []geo.Building) [][]any {
	rows := make([][]any, 0, len(bs))
	for i, b := range bs {
		w, err := polygonWKB(b.Polygon)
		if err != nil || w == nil {
			continue
		}
		rows = append(rows, []any{i + 1, b.ID, b.Kind, nullFloat(b.Levels), w, "osm"})
	}
	return rows
}

// Buildings returns db.Region()'s building footprints (WGS84) that can house residents, ordered by
// id; Levels is 0 where building:levels was not tagged.
func (db *DB) Buildings(ctx context.Context) ([]geo.Building, error) {
	return readAll(ctx, db, "read buildings", `SELECT id, kind, coalesce(levels, 0), ST_AsBinary(geom) FROM buildings WHERE region = $1 ORDER BY id`,
		func(r pgx.CollectableRow, b *geo.Building) error {
			return r.Scan(&b.ID, &b.Kind, &b.Levels, polygonInto{&b.Polygon})
		}, db.rg())
}
