package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/riverjobs"
	"github.com/spf13/cobra"
)

// runFlags are run's: what to enqueue, or which run to show.
type runFlags struct {
	regions     string // FILE or "all"
	run         string // run name ("": a new one to enqueue, the newest to show)
	status      bool
	maxAttempts int
}

func newRunCmd(cfg *Config) *cobra.Command {
	f := &runFlags{}
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Enqueue a national run (one job per region) on the job queue, or show its progress",
		Long: `run --regions FILE|all enqueues one job per region on River, the job queue kept in this
PostgreSQL database; lifecircle worker processes (any number, on any machine pointed at the
same database) compute them. FILE lists one region a line (a 6-digit division code or a
study-area name; # starts a comment); all takes every region the database holds. A run
holds one job per region: enqueueing the same --run again adds only the regions it lacks.

run --status prints the run's regions done, failed, running, queued and waiting for a
retry, the rate (regions per minute since its first job started) and the time left at
that rate. It exits non-zero only when the status cannot be read, not when regions failed.`,
		Example: "  lifecircle run --regions regions.txt --run province-2026\n  lifecircle run --regions all\n  lifecircle run --status\n  lifecircle run --status --run province-2026",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if f.status == (f.regions != "") {
				return geo.Errorf(geo.EINVALID, "run: give either --regions FILE|all or --status")
			}
			eng, err := riverjobs.Open(cmd.Context(), cfg.DatabaseURL, cfg.Pool, cfg.Log)
			if err != nil {
				return err
			}
			defer eng.Close()
			if _, err := eng.Migrate(cmd.Context()); err != nil {
				return err
			}
			if f.status {
				return showRunStatus(cmd.Context(), cmd.OutOrStdout(), cfg, eng, f.run)
			}
			return enqueueRun(cmd.Context(), cmd.OutOrStdout(), cfg, eng, f)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&f.regions, "regions", "", "regions to compute: a file of one region a line, or all (every region in the database)")
	fs.StringVar(&f.run, "run", "", "name of the run (default: a new name from the time to enqueue; the newest run for --status)")
	fs.BoolVar(&f.status, "status", false, "show the run's progress instead of enqueueing")
	fs.IntVar(&f.maxAttempts, "max-attempts", 5, "attempts of a failing region before it counts as failed")
	return cmd
}

// enqueueRun reads the regions and enqueues the run's jobs.
func enqueueRun(ctx context.Context, w io.Writer, cfg *Config, eng *riverjobs.Engine, f *runFlags) error {
	regions, err := runRegions(ctx, cfg, f.regions)
	if err != nil {
		return err
	}
	run := f.run
	if run == "" {
		run = "run-" + time.Now().UTC().Format("20060102T150405Z")
	}
	res, err := eng.Enqueue(ctx, run, regions, f.maxAttempts)
	if err != nil {
		return err
	}
	fmt.Fprint(w, cfg.say("run %s: %d region jobs enqueued, %d already in the run (not enqueued again)\n", run, res.Inserted, len(res.Skipped)))
	if len(res.Skipped) > 0 {
		fmt.Fprint(w, cfg.say("already in the run: %s\n", joinRegions(res.Skipped, 20)))
	}
	fmt.Fprint(w, cfg.say("start workers with: lifecircle worker; progress: lifecircle run --status --run %s\n", run))
	return nil
}

// runRegions reads --regions: the file's regions, or every region of the database.
func runRegions(ctx context.Context, cfg *Config, arg string) ([]geo.Region, error) {
	if arg == "all" {
		var regions []geo.Region
		err := cfg.withDB(ctx, func(db *postgis.DB) (err error) {
			regions, err = riverjobs.AllRegions(ctx, db)
			return err
		})
		return regions, err
	}
	fh, err := os.Open(arg)
	if err != nil {
		return nil, geo.WrapError(geo.EINVALID, err, "--regions %s", arg)
	}
	defer fh.Close()
	return riverjobs.ReadRegions(fh, arg)
}

func joinRegions(rs []geo.Region, most int) string {
	var parts []string
	for i, r := range rs {
		if i == most {
			parts = append(parts, fmt.Sprintf("… (%d more)", len(rs)-most))
			break
		}
		parts = append(parts, string(r))
	}
	return strings.Join(parts, ", ")
}

// showRunStatus prints the run's progress (run "": the newest).
func showRunStatus(ctx context.Context, w io.Writer, cfg *Config, eng *riverjobs.Engine, run string) error {
	if run == "" {
		var err error
		if run, err = eng.LatestRun(ctx); err != nil {
			return err
		}
		if run == "" {
			fmt.Fprint(w, cfg.say("no run has been enqueued (lifecircle run --regions FILE|all)\n"))
			return nil
		}
	}
	s, err := eng.Status(ctx, run)
	if err != nil {
		return err
	}
	printRunStatus(w, cfg, s)
	return nil
}

func printRunStatus(w io.Writer, cfg *Config, s riverjobs.RunStatus) {
	fmt.Fprint(w, cfg.say("run %s: %d regions: %d done, %d failed, %d running, %d queued, %d waiting to retry\n",
		s.Run, s.Total, s.Done, s.Failed, s.Running, s.Queued, s.Retrying))
	switch {
	case s.Started.IsZero():
		fmt.Fprint(w, cfg.say("not started: no worker has taken a job yet\n"))
	case s.Active() == 0:
		fmt.Fprint(w, cfg.say("finished: %.2f regions/min from %s to %s\n", s.Rate,
			s.Started.UTC().Format(time.RFC3339), s.Finished.UTC().Format(time.RFC3339)))
	case s.ETA < 0:
		fmt.Fprint(w, cfg.say("rate: no region done yet; ETA unknown\n"))
	default:
		fmt.Fprint(w, cfg.say("rate: %.2f regions/min; ETA %s\n", s.Rate, s.ETA.Round(time.Second)))
	}
	for _, j := range s.Jobs {
		if len(j.Errors) > 0 && j.State != "completed" {
			fmt.Fprint(w, cfg.say("region %s (%s, attempt %d): %s\n", j.Region, j.State, j.Attempt, j.Errors[len(j.Errors)-1]))
		}
	}
}
