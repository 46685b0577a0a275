package riverjobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
)

// Engine is River on the lifecircle database: its own connection pool (River's driver
// takes a pgxpool) and an insert-only client for enqueueing and status. Workers start
// their own working client (Work).
type Engine struct {
	pool   *pgxpool.Pool
	client *river.Client[pgx.Tx]
	log    *slog.Logger // the caller's: the workers' lines, metrics warnings
	river  *slog.Logger // River's own: warnings and errors only (riverLog)
}

// Open connects River to the database at url (the same URL the postgis store opens, its
// sessions bounded by the same pool options o) and checks that it answers; log (nil: discard) takes the workers' lines and River's
// warnings and errors (River's routine too when log is at debug level).
func Open(ctx context.Context, url string, o postgis.PoolOptions, log *slog.Logger) (*Engine, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg, err := postgis.PoolConfig(url, o)
	if err != nil {
		return nil, err
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, geo.WrapError(geo.EUNAVAILABLE, err, "job queue database")
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, geo.WrapError(geo.EUNAVAILABLE, err, "job queue database")
	}
	rlog := riverLog(log)
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{Logger: rlog})
	if err != nil {
		pool.Close()
		return nil, geo.WrapError(geo.EINTERNAL, err, "job queue client")
	}
	return &Engine{pool: pool, client: client, log: log, river: rlog}, nil
}

// Close closes the engine's pool.
func (e *Engine) Close() { e.pool.Close() }

// Migrate brings River's own tables (river_job, river_leader, river_queue, …) to the
// version this River release needs and returns the versions it applied (none when they
// were there). run and worker call it when they start. River's migrator takes no lock:
// when two processes migrate a fresh database at once and this one loses, it waits for
// the other and succeeds if the schema is then complete.
func (e *Engine) Migrate(ctx context.Context) ([]int, error) {
	m, err := rivermigrate.New(riverpgxv5.New(e.pool), &rivermigrate.Config{Logger: e.river})
	if err != nil {
		return nil, geo.WrapError(geo.EINTERNAL, err, "job queue migrations")
	}
	res, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return nil, e.migratedMeanwhile(ctx, m, err)
	}
	var applied []int
	for _, v := range res.Versions {
		applied = append(applied, v.Version)
	}
	return applied, nil
}

// migratedMeanwhile waits for a concurrent migration to finish: nil when River's schema is
// complete within a few seconds, else the migration's error.
func (e *Engine) migratedMeanwhile(ctx context.Context, m *rivermigrate.Migrator[pgx.Tx], cause error) error {
	for range 10 {
		select {
		case <-ctx.Done():
			return geo.WrapError(geo.EUNAVAILABLE, ctx.Err(), "job queue migrations")
		case <-time.After(500 * time.Millisecond):
		}
		if v, err := m.Validate(ctx, nil); err == nil && v.OK {
			return nil
		}
	}
	return geo.WrapError(geo.EUNAVAILABLE, cause, "job queue migrations")
}
