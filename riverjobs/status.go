package riverjobs

import (
	"context"
	"encoding/json"
	"time"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Job is one region's job as status reads it.
type Job struct {
	ID          int64
	Region      string
	State       rivertype.JobState
	Attempt     int        // attempts so far (a rescued or failed attempt counts)
	AttemptedBy []string   // the River client IDs that worked it, in order
	Errors      []string   // one per failed attempt (a rescued attempt says so)
	Attempted   *time.Time // the first attempt's start (River keeps the latest; an earlier failed attempt's error time stands in)
	Finalized   *time.Time
}

// RunStatus is a run's progress. Queued counts available, scheduled and pending jobs;
// Retrying jobs failed an attempt (or were rescued from a dead worker) and wait for the
// next; Failed ones were discarded after their last attempt or cancelled (an error that
// no retry mends, such as a refused health check).
type RunStatus struct {
	Run                                            string
	Total, Done, Failed, Running, Queued, Retrying int
	Started                                        time.Time     // the run's first attempt (zero: none yet)
	Finished                                       time.Time     // the last job's end when every job is final (else zero)
	Rate                                           float64       // regions done per minute since Started
	ETA                                            time.Duration // until the rest are done at Rate; -1 when unknown
	Jobs                                           []Job         // by job ID
}

// Active says whether any of the run's jobs is still to be worked or being worked.
func (s RunStatus) Active() int { return s.Queued + s.Running + s.Retrying }

// LatestRun returns the run of the newest region job ("" when there is none).
func (e *Engine) LatestRun(ctx context.Context) (string, error) {
	res, err := e.client.JobList(ctx, river.NewJobListParams().Kinds(Kind).OrderBy(river.JobListOrderByID, river.SortOrderDesc).First(1))
	if err != nil {
		return "", geo.WrapError(geo.EUNAVAILABLE, err, "list region jobs")
	}
	if len(res.Jobs) == 0 {
		return "", nil
	}
	var a RegionArgs
	if err := json.Unmarshal(res.Jobs[0].EncodedArgs, &a); err != nil {
		return "", geo.WrapError(geo.EINTERNAL, err, "job %d arguments", res.Jobs[0].ID)
	}
	return a.Run, nil
}

// Status reads every job of run (River's JobList, by the run's metadata) and sums it up
// as of now. A run without jobs is ENOTFOUND.
func (e *Engine) Status(ctx context.Context, run string) (RunStatus, error) {
	jobs, err := e.runJobs(ctx, run)
	if err != nil {
		return RunStatus{}, err
	}
	if len(jobs) == 0 {
		return RunStatus{}, geo.Errorf(geo.ENOTFOUND, "run %q has no jobs", run)
	}
	return summarize(run, jobs, time.Now()), nil
}

func (e *Engine) runJobs(ctx context.Context, run string) ([]Job, error) {
	params := river.NewJobListParams().Kinds(Kind).Metadata(string(runMetadata(run))).
		OrderBy(river.JobListOrderByID, river.SortOrderAsc).First(1000)
	var out []Job
	for {
		res, err := e.client.JobList(ctx, params)
		if err != nil {
			return nil, geo.WrapError(geo.EUNAVAILABLE, err, "list the jobs of run %q", run)
		}
		for _, row := range res.Jobs {
			j, err := jobOf(row)
			if err != nil {
				return nil, err
			}
			out = append(out, j)
		}
		if len(res.Jobs) < 1000 {
			return out, nil
		}
		params = params.After(res.LastCursor)
	}
}

func jobOf(row *rivertype.JobRow) (Job, error) {
	var a RegionArgs
	if err := json.Unmarshal(row.EncodedArgs, &a); err != nil {
		return Job{}, geo.WrapError(geo.EINTERNAL, err, "job %d arguments", row.ID)
	}
	j := Job{ID: row.ID, Region: a.Region, State: row.State, Attempt: row.Attempt, AttemptedBy: row.AttemptedBy,
		Attempted: row.AttemptedAt, Finalized: row.FinalizedAt}
	for _, e := range row.Errors {
		j.Errors = append(j.Errors, e.Error)
		if j.Attempted == nil || e.At.Before(*j.Attempted) {
			at := e.At
			j.Attempted = &at
		}
	}
	return j, nil
}

// summarize counts the jobs by state and derives the rate and ETA as of now.
func summarize(run string, jobs []Job, now time.Time) RunStatus {
	s := RunStatus{Run: run, Total: len(jobs), Jobs: jobs, ETA: -1}
	var last time.Time
	for _, j := range jobs {
		switch j.State {
		case rivertype.JobStateCompleted:
			s.Done++
		case rivertype.JobStateDiscarded, rivertype.JobStateCancelled:
			s.Failed++
		case rivertype.JobStateRunning:
			s.Running++
		case rivertype.JobStateRetryable:
			s.Retrying++
		default: // available, scheduled, pending
			s.Queued++
		}
		if j.Attempted != nil && (s.Started.IsZero() || j.Attempted.Before(s.Started)) {
			s.Started = *j.Attempted
		}
		if j.Finalized != nil && j.Finalized.After(last) {
			last = *j.Finalized
		}
	}
	end := now
	if s.Active() == 0 {
		s.Finished, end = last, last
	}
	if !s.Started.IsZero() && end.After(s.Started) {
		s.Rate = float64(s.Done) / end.Sub(s.Started).Minutes()
	}
	switch {
	case s.Active() == 0:
		s.ETA = 0
	case s.Rate > 0:
		s.ETA = time.Duration(float64(s.Active()) / s.Rate * float64(time.Minute))
	}
	return s
}
