package postgis

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/lifecircle/lifecircle/geo"
)

// lockSpace is the first key of lifecircle's advisory locks; the second is the kind's hash.
const lockSpace = 0x1C1C

// DefaultLockTimeout is how long an import or a compute waits for another one of the same
// kind to finish before it gives up.
const DefaultLockTimeout = 30 * time.Second

// lockKind takes the transaction-scoped advisory lock of one kind of write ("outlets",
// "osm", "compute" …), so that two of them never run at once: the second waits for the
// first to commit or roll back, at most timeout (0: DefaultLockTimeout), and then fails
// with ECONFLICT "another import of <kind> is running". The lock goes with the transaction;
// lock_timeout stays set for the rest of it, so that no table lock waits longer either.
//
// The lock is per region r: imports and computes of different regions run at once. The
// default region's key is main's (the kind alone), so that older binaries and tests that
// hold main's lock still serialise with it.
func lockKind(ctx context.Context, tx pgx.Tx, r, kind string, timeout time.Duration) error {
	if timeout <= 0 {
		timeout = DefaultLockTimeout
	}
	ms := fmt.Sprintf("%d", timeout.Milliseconds())
	if _, err := tx.Exec(ctx, `SELECT set_config('lock_timeout', $1, true)`, ms); err != nil {
		return mapError(err, "set lock_timeout")
	}
	key := kind
	if r != string(geo.DefaultRegion) {
		key = r + "/" + kind
	}
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, lockSpace, key)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "55P03" { // lock_not_available
		what := "import of " + kind
		if kind == "compute" {
			what = "compute"
		}
		if r != string(geo.DefaultRegion) {
			what += " in region " + r
		}
		return geo.Errorf(geo.ECONFLICT, "another %s is running: waited %s for it to finish (try again when it has)", what, timeout)
	}
	return mapError(err, "lock "+kind)
}

// lock takes the advisory lock of kind in db.Region() (lockKind) with db's lock timeout.
func (db *DB) lock(ctx context.Context, tx pgx.Tx, kind string) error {
	return lockKind(ctx, tx, db.rg(), kind, db.lockTimeout)
}
