package main_test

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/riverjobs"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/riverqueue/river/rivertype"
)

// The job engine's crash test: six regions, one worker killed (SIGKILL) while its job's
// coverage is written but not committed, three workers finishing the run. Every region
// must be computed exactly once — one compute run recorded per region, counted in the
// store, and every job completed — and run --status and the /metrics collector say so.

// jobTiming keeps the test short: a job is cancelled after 20 s, a job running 25 s is
// taken for dead (River's rescuer looks every 30 s).
var jobTiming = []string{"--job-timeout", "20s", "--rescue-after", "25s", "--concurrency", "1", "--workers", "1", "--lang", "en"}

func TestJobsKilledWorkerEveryRegionOnce(t *testing.T) {
	db, url := newDB(t)
	ctx := context.Background()
	regions := []geo.Region{"jobs-a", "jobs-b", "jobs-c", "jobs-d", "jobs-e", "510104"}
	var list strings.Builder
	list.WriteString("# regions of the crash test\n")
	for _, r := range regions {
		storeCleanGrid(t, db.InRegion(r))
		list.WriteString(string(r) + "  # a 1 km grid\n")
	}
	before := computeRuns(t, db, regions)
	file := writeFile(t, t.TempDir(), "regions.txt", list.String())
	out := mustRun(t, url, "--lang", "en", "run", "--regions", file, "--run", "crash")
	if !strings.Contains(out, "run crash: 6 region jobs enqueued, 0 already in the run") {
		t.Fatalf("run --regions: %s", out)
	}
	if out := mustRun(t, url, "--lang", "en", "run", "--regions", file, "--run", "crash"); !strings.Contains(out, "0 region jobs enqueued, 6 already in the run") {
		t.Fatalf("enqueueing the run again should add nothing: %s", out)
	}

	killWorkerInCommit(t, url)
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := execute(t, url, append([]string{"worker", "--exit-when-done"}, jobTiming...)...)
			if r.code != 0 {
				t.Errorf("worker %d: exit %d\n%s", i, r.code, r.errOut)
			}
		}()
	}
	wg.Wait()

	after := computeRuns(t, db, regions)
	for _, r := range regions {
		if n := after[r] - before[r]; n != 1 {
			t.Errorf("region %s: %d compute runs recorded, want exactly 1", r, n)
		}
	}
	checkJobs(t, url, len(regions))
	status := mustRun(t, url, "--lang", "en", "run", "--status", "--run", "crash")
	if !strings.Contains(status, "run crash: 6 regions: 6 done, 0 failed, 0 running, 0 queued, 0 waiting to retry") ||
		!strings.Contains(status, "finished: ") {
		t.Errorf("run --status:\n%s", status)
	}
	checkMetrics(t, ctx, url)
}

// killWorkerInCommit starts a worker that holds its first job's transaction open after
// writing the coverage, and SIGKILLs it there.
func killWorkerInCommit(t *testing.T, url string) {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"--db", url, "worker", "--hold-before-commit", "10m"}, jobTiming...)...)
	var errOut lockedBuffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(errOut.String(), "holding the job's transaction before commit") {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("the worker to kill never reached its commit:\n%s", errOut.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if ws := cmd.ProcessState.Sys().(syscall.WaitStatus); !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the worker was not killed: %v", cmd.ProcessState)
	}
}

// checkJobs checks River's jobs of the run: every one completed, the killed one on its
// second attempt after River's rescuer, the others on their first.
func checkJobs(t *testing.T, url string, want int) {
	t.Helper()
	eng, err := riverjobs.Open(context.Background(), url, postgis.PoolOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	s, err := eng.Status(context.Background(), "crash")
	if err != nil {
		t.Fatal(err)
	}
	retried := 0
	for _, j := range s.Jobs {
		if j.State != rivertype.JobStateCompleted {
			t.Errorf("region %s: job %s, want completed", j.Region, j.State)
		}
		if j.Attempt > 1 {
			retried++
			if len(j.Errors) != 1 || !strings.Contains(strings.ToLower(j.Errors[0]), "rescue") {
				t.Errorf("region %s: attempt %d with errors %q, want one rescue of the killed attempt", j.Region, j.Attempt, j.Errors)
			}
		}
	}
	if len(s.Jobs) != want || retried != 1 {
		t.Errorf("%d jobs, %d retried; want %d jobs, exactly the killed worker's one retried", len(s.Jobs), retried, want)
	}
}

// checkMetrics reads the collector that worker and serve put on /metrics.
func checkMetrics(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	eng, err := riverjobs.Open(ctx, url, postgis.PoolOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	want := `
# HELP lifecircle_run_regions Regions of the national run by job state.
# TYPE lifecircle_run_regions gauge
lifecircle_run_regions{run="crash",state="done"} 6
lifecircle_run_regions{run="crash",state="failed"} 0
lifecircle_run_regions{run="crash",state="queued"} 0
lifecircle_run_regions{run="crash",state="retrying"} 0
lifecircle_run_regions{run="crash",state="running"} 0
# HELP lifecircle_run_eta_seconds Seconds until the rest of the run is done at the current rate (-1: unknown).
# TYPE lifecircle_run_eta_seconds gauge
lifecircle_run_eta_seconds{run="crash"} 0
`
	if err := testutil.CollectAndCompare(riverjobs.NewCollector(eng, ""), strings.NewReader(want),
		"lifecircle_run_regions", "lifecircle_run_eta_seconds"); err != nil {
		t.Error(err)
	}
}

func computeRuns(t *testing.T, db *postgis.DB, regions []geo.Region) map[geo.Region]int64 {
	t.Helper()
	n, err := riverjobs.ComputeRuns(context.Background(), db, regions)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// lockedBuffer is a bytes.Buffer a child process writes while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
