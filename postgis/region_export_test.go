package postgis

import (
	"context"

	"github.com/jackc/pgx/v5/stdlib"
)

// Exported for the black-box tests of regions and of migration 00014.
var RegionTables = regionTables

// MigrateDownTo undoes the migrations above version (goose down).
func (db *DB) MigrateDownTo(ctx context.Context, version int64) error {
	sqlDB := stdlib.OpenDBFromPool(db.pool)
	defer sqlDB.Close()
	p, err := newProvider(sqlDB)
	if err != nil {
		return err
	}
	_, err = p.DownTo(ctx, version)
	return err
}
