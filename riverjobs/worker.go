package riverjobs

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
)

// Compute recomputes one region on db, which is scoped to the region (db.Region()) and
// carries the commit hook that completes the job inside the coverage write's
// transaction; it returns the region's walk nodes (for the log and the bench's nodes/s).
// The command passes a call of district.Recompute.
type Compute func(ctx context.Context, db *postgis.DB) (nodes int, err error)

// attempt is one finished attempt as the worker saw it (its log line).
type attempt struct {
	Run, Region string
	Attempt     int
	Nodes       int
	Took        time.Duration
	Err         error
	Hooked      bool // the job was completed inside the coverage transaction
}

// regionWorker is the River worker of RegionArgs.
type regionWorker struct {
	river.WorkerDefaults[RegionArgs]
	db      *postgis.DB
	compute Compute
	log     *slog.Logger
	hold    time.Duration
}

// Work computes the job's region and completes the job in the coverage transaction
// (river.JobCompleteTx in the commit hook). An error that no retry mends (bad region,
// refused health check, missing data) cancels the job; others are retried by River.
func (w *regionWorker) Work(ctx context.Context, job *river.Job[RegionArgs]) error {
	start := time.Now()
	d := attempt{Run: job.Args.Run, Region: job.Args.Region, Attempt: job.Attempt}
	r, err := geo.ParseRegion(job.Args.Region)
	if err != nil {
		return w.finish(d, start, river.JobCancel(err))
	}
	hook := func(ctx context.Context, tx pgx.Tx) error {
		if w.hold > 0 {
			w.log.Warn("holding the job's transaction before commit (--hold-before-commit, for crash tests)",
				slog.String("region", d.Region), slog.Duration("hold", w.hold))
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(w.hold):
			}
		}
		if _, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job); err != nil {
			return geo.WrapError(geo.ECONFLICT, err, "complete job %d (region %s) in the coverage transaction", job.ID, r)
		}
		d.Hooked = true
		return nil
	}
	d.Nodes, err = w.compute(ctx, w.db.InRegion(r).WithCommitHook(hook))
	if err != nil {
		d.Hooked = false
		if permanent(err) {
			err = river.JobCancel(err)
		}
	}
	return w.finish(d, start, err)
}

// finish logs the attempt.
func (w *regionWorker) finish(d attempt, start time.Time, err error) error {
	d.Took, d.Err = time.Since(start), err
	attrs := []any{slog.String("run", d.Run), slog.String("region", d.Region), slog.Int("attempt", d.Attempt),
		slog.Int("nodes", d.Nodes), slog.Duration("took", d.Took)}
	switch {
	case err != nil:
		w.log.Warn("region failed", append(attrs, slog.String("error", err.Error()))...)
	case !d.Hooked:
		w.log.Warn("region done, but its job was not completed inside the coverage transaction (the store ran no commit hook): River completes it after the commit", attrs...)
	default:
		w.log.Info("region done", attrs...)
	}
	return err
}

// permanent says whether a retry cannot mend err: bad input, a refused check, missing data.
func permanent(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	switch geo.ErrorCodeOf(err) {
	case geo.EINVALID, geo.EUNPROCESSABLE, geo.ENOTFOUND:
		return true
	}
	return false
}
