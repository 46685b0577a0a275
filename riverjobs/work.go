package riverjobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"
)

// Retention is how long River keeps a finished region job (and so run --status can
// show its run): 30 days.
const Retention = 30 * 24 * time.Hour

// WorkOptions configure a worker.
type WorkOptions struct {
	Concurrency int           // regions computed at once by this worker (≥ 1)
	JobTimeout  time.Duration // a job's context is cancelled after this long (its transaction rolls back; retried)
	// RescueAfter is how long a job may stay running before River's rescuer (on the
	// elected leader among all workers) takes it for dead and retries it: the time a
	// region whose worker was killed waits. Must exceed JobTimeout.
	RescueAfter time.Duration
	// ExitWhenDone returns once no region job of any run is queued, running or waiting
	// for a retry (polled every PollEvery), instead of working until ctx ends.
	ExitWhenDone bool
	PollEvery    time.Duration // default 1 s
	// HoldBeforeCommit sleeps inside each job's coverage transaction, after its rows are
	// written and before it commits: crash tests kill the worker then.
	HoldBeforeCommit time.Duration
	ID               string // River client ID (default: River's, host name and start time)
	Log              *slog.Logger
}

func (o WorkOptions) validate() error {
	if o.Concurrency < 1 || o.Concurrency > 1000 {
		return geo.Errorf(geo.EINVALID, "concurrency %d: want 1–1000", o.Concurrency)
	}
	if o.JobTimeout <= 0 || o.RescueAfter <= o.JobTimeout {
		return geo.Errorf(geo.EINVALID, "rescue after %s must be longer than the job timeout %s (a job still running is not yet dead)", o.RescueAfter, o.JobTimeout)
	}
	return nil
}

// Work starts a River client that works region jobs with compute on db (scoped per job
// with InRegion) until ctx ends, or, with ExitWhenDone, until no region job is left; it
// then stops the client (finishing the jobs in hand, up to their timeout).
func (e *Engine) Work(ctx context.Context, db *postgis.DB, compute Compute, o WorkOptions) error {
	if err := o.validate(); err != nil {
		return err
	}
	if o.Log == nil {
		o.Log = e.log
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &regionWorker{db: db, compute: compute, log: o.Log, hold: o.HoldBeforeCommit})
	client, err := river.NewClient(riverpgxv5.New(e.pool), &river.Config{
		ID: o.ID, Logger: e.river, Workers: workers, JobTimeout: o.JobTimeout, RescueStuckJobsAfter: o.RescueAfter,
		// River deletes finished jobs after a day by default; a national run's status
		// and its failures should outlive a weekend.
		CompletedJobRetentionPeriod: Retention, CancelledJobRetentionPeriod: Retention, DiscardedJobRetentionPeriod: Retention,
		Queues: map[string]river.QueueConfig{Queue: {MaxWorkers: o.Concurrency}},
	})
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "job queue worker")
	}
	// Not ctx itself: its end (a signal) stops the client gracefully below instead of
	// cancelling the jobs in hand.
	if err := client.Start(context.WithoutCancel(ctx)); err != nil {
		return geo.WrapError(geo.EUNAVAILABLE, err, "start job queue worker")
	}
	o.Log.Info("worker started", slog.String("id", client.ID()), slog.Int("concurrency", o.Concurrency),
		slog.Duration("job_timeout", o.JobTimeout), slog.Duration("rescue_after", o.RescueAfter))
	waitErr := e.wait(ctx, client, o)
	stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), o.JobTimeout)
	defer cancel()
	if err := client.Stop(stopCtx); err != nil {
		o.Log.Warn("jobs in hand did not finish within the job timeout: cancelled (they are retried)", slog.String("error", err.Error()))
		if err := client.StopAndCancel(context.WithoutCancel(ctx)); err != nil && waitErr == nil {
			waitErr = geo.WrapError(geo.EUNAVAILABLE, err, "stop job queue worker")
		}
	}
	return waitErr
}

// wait returns when ctx ends (nil: a signal is the normal way to stop a worker) or, with
// ExitWhenDone, when no region job is left to work.
func (e *Engine) wait(ctx context.Context, client *river.Client[pgx.Tx], o WorkOptions) error {
	if !o.ExitWhenDone {
		<-ctx.Done()
		return nil
	}
	every := o.PollEvery
	if every <= 0 {
		every = time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		left, err := e.anyActive(ctx)
		if err != nil {
			return err
		}
		if !left {
			o.Log.Info("no region job left: worker exits", slog.String("id", client.ID()))
			return nil
		}
	}
}

// anyActive says whether a region job of any run is queued, running or to be retried.
func (e *Engine) anyActive(ctx context.Context) (bool, error) {
	res, err := e.client.JobList(ctx, river.NewJobListParams().Kinds(Kind).First(1).States(
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateScheduled,
		rivertype.JobStateRetryable, rivertype.JobStateRunning))
	if err != nil {
		if ctx.Err() != nil {
			return false, nil
		}
		return false, geo.WrapError(geo.EUNAVAILABLE, err, "list region jobs")
	}
	return len(res.Jobs) > 0, nil
}
