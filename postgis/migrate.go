package postgis

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/migrations"
	"github.com/pressly/goose/v3"
)

// Migration is one applied schema step.
type Migration struct {
	Version int64
	Source  string
}

// Migrate applies every pending migration from the migrations package, in order, and
// returns those it applied. goose records versions in goose_db_version.
func (db *DB) Migrate(ctx context.Context) ([]Migration, error) {
	sqlDB := stdlib.OpenDBFromPool(db.pool)
	defer sqlDB.Close()
	p, err := newProvider(sqlDB)
	if err != nil {
		return nil, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return nil, mapError(err, "migrate")
	}
	out := make([]Migration, 0, len(results))
	for _, r := range results {
		out = append(out, Migration{Version: r.Source.Version, Source: r.Source.Path})
	}
	return out, nil
}

// SchemaVersion returns the newest applied migration (0 before the first).
func (db *DB) SchemaVersion(ctx context.Context) (int64, error) {
	sqlDB := stdlib.OpenDBFromPool(db.pool)
	defer sqlDB.Close()
	p, err := newProvider(sqlDB)
	if err != nil {
		return 0, err
	}
	v, err := p.GetDBVersion(ctx)
	if err != nil {
		return 0, mapError(err, "schema version")
	}
	return v, nil
}

func newProvider(sqlDB *sql.DB) (*goose.Provider, error) {
	p, err := goose.NewProvider(goose.DialectPostgres, sqlDB, migrations.FS)
	if err != nil {
		return nil, geo.WrapError(geo.EINTERNAL, err, "load migrations")
	}
	return p, nil
}
