package postgis

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/lifecircle/lifecircle/geo"
)

// DB is a pool of connections to one lifecircle database.
type DB struct {
	pool        *pgxpool.Pool
	url         string
	lockTimeout time.Duration
	region      geo.Region // "": geo.DefaultRegion (see InRegion)
	commitHook  CommitHook // run inside WriteCoverage's transaction (see WithCommitHook)
}

// PoolOptions bound what one connection of the pool may hold. Zero values take the
// defaults (DefaultPoolOptions); a negative duration turns the bound off.
type PoolOptions struct {
	// StatementTimeout cancels any one statement that runs longer (server-side
	// statement_timeout).
	StatementTimeout time.Duration
	// IdleInTxTimeout ends a session that sits idle inside a transaction this long
	// (idle_in_transaction_session_timeout), so that a stuck client releases its locks.
	IdleInTxTimeout time.Duration
	// LockTimeout is how long an import or a compute waits for another of its kind.
	LockTimeout time.Duration
}

// DefaultPoolOptions: a statement may run 15 minutes (a whole-city compute writes its
// cells in well under that), a transaction may sit idle 5 minutes, an import waits 30 s
// for another of its kind.
func DefaultPoolOptions() PoolOptions {
	return PoolOptions{StatementTimeout: 15 * time.Minute, IdleInTxTimeout: 5 * time.Minute, LockTimeout: DefaultLockTimeout}
}

// Open connects to the database at url (a PostgreSQL URL or key=value string) with the
// default pool options and checks that it answers. A database that cannot be reached is
// an EUNAVAILABLE error.
func Open(ctx context.Context, url string) (*DB, error) {
	return OpenWith(ctx, url, PoolOptions{})
}

// OpenWith is Open with the pool's bounds set by o (zero fields: the defaults).
func OpenWith(ctx context.Context, url string, o PoolOptions) (*DB, error) {
	cfg, err := PoolConfig(url, o)
	if err != nil {
		return nil, err
	}
	o = o.withDefaults()
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, geo.WrapError(geo.EUNAVAILABLE, err, "database %s", redact(url))
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, mapError(err, "connect to database "+redact(url))
	}
	return &DB{pool: pool, url: url, lockTimeout: o.LockTimeout}, nil
}

// PoolConfig parses url (a PostgreSQL URL or key=value string) into a pool configuration
// whose sessions carry o's statement and idle-in-transaction timeouts (zero fields: the
// defaults), for another pool on the same database (the job queue's) to share the bounds.
// A malformed url is EINVALID.
func PoolConfig(url string, o PoolOptions) (*pgxpool.Config, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, geo.WrapError(geo.EINVALID, err, "database URL %q", redact(url))
	}
	o = o.withDefaults()
	setTimeout(cfg.ConnConfig.RuntimeParams, "statement_timeout", o.StatementTimeout)
	setTimeout(cfg.ConnConfig.RuntimeParams, "idle_in_transaction_session_timeout", o.IdleInTxTimeout)
	return cfg, nil
}

func (o PoolOptions) withDefaults() PoolOptions {
	d := DefaultPoolOptions()
	if o.StatementTimeout == 0 {
		o.StatementTimeout = d.StatementTimeout
	}
	if o.IdleInTxTimeout == 0 {
		o.IdleInTxTimeout = d.IdleInTxTimeout
	}
	if o.LockTimeout == 0 {
		o.LockTimeout = d.LockTimeout
	}
	return o
}

// setTimeout sets a server timeout parameter in milliseconds; negative is off (0 on the
// server). A value the URL itself sets is kept.
func setTimeout(params map[string]string, name string, d time.Duration) {
	if _, set := params[name]; set {
		return
	}
	params[name] = fmt.Sprintf("%d", max(d.Milliseconds(), 0))
}

// Close closes every connection.
func (db *DB) Close() { db.pool.Close() }

// Ping checks that the database answers; EUNAVAILABLE when it does not.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.pool.Ping(ctx); err != nil {
		return mapError(err, "database")
	}
	return nil
}

// inTx runs fn in one transaction: committed when fn returns nil, rolled back otherwise.
func (db *DB) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return mapError(err, "begin transaction")
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // no-op after commit
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return mapError(err, "commit")
	}
	return nil
}

// mapError turns a driver error into a *geo.Error: connection failures are EUNAVAILABLE,
// constraint violations ECONFLICT or EINVALID, anything else EINTERNAL.
func mapError(err error, what string) error {
	if err == nil {
		return nil
	}
	var ge *geo.Error
	if errors.As(err, &ge) {
		return err
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code[:2] {
		case "23":
			if pgErr.Code == "23505" {
				return geo.WrapError(geo.ECONFLICT, err, "%s", what)
			}
			return geo.WrapError(geo.EINVALID, err, "%s", what)
		case "08", "57":
			return geo.WrapError(geo.EUNAVAILABLE, err, "%s", what)
		case "3D":
			return geo.WrapError(geo.EUNAVAILABLE, err, "%s: database does not exist (create it with createdb)", what)
		}
		return geo.WrapError(geo.EINTERNAL, err, "%s", what)
	}
	var netErr net.Error
	var connErr *pgconn.ConnectError
	// A connection cut mid-query (the server killed, the network gone) reads as an
	// unexpected EOF: the database is unavailable, not the request at fault.
	if errors.As(err, &netErr) || errors.As(err, &connErr) || pgconn.SafeToRetry(err) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return geo.WrapError(geo.EUNAVAILABLE, err, "%s", what)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return geo.WrapError(geo.EUNAVAILABLE, err, "%s: cancelled", what)
	}
	return geo.WrapError(geo.EINTERNAL, err, "%s", what)
}

// redact hides a password in a database URL for messages.
func redact(url string) string {
	cfg, err := pgconn.ParseConfig(url)
	if err != nil || cfg.Password == "" {
		return url
	}
	return fmt.Sprintf("host=%s port=%d dbname=%s user=%s", cfg.Host, cfg.Port, cfg.Database, cfg.User)
}
