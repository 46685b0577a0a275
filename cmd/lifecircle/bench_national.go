package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/internal/synth"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/riverjobs"
	"github.com/paulmach/orb"
	"github.com/riverqueue/river/rivertype"
	"github.com/spf13/cobra"
)

// nationalFlags control `lifecircle bench national`.
type nationalFlags struct {
	regions       int
	seed          uint64
	minNodes      int
	maxNodes      int
	medianNodes   int
	sigma         float64
	workerCounts  string
	killWorkers   int // workers beside the one killed; 0: no kill run
	searchWorkers int
	jobTimeout    time.Duration
	rescueAfter   time.Duration
}

// benchCmd returns root's bench command, for bench national to join it.
func benchCmd(root *cobra.Command) *cobra.Command {
	for _, c := range root.Commands() {
		if c.Name() == "bench" {
			return c
		}
	}
	panic("lifecircle has no bench command")
}

func newBenchNationalCmd(cfg *Config) *cobra.Command {
	f := &nationalFlags{}
	cmd := &cobra.Command{
		Use:   "national",
		Short: "Simulate a national run: N synthetic regions computed by 1, 2 and 4 workers, and with a worker killed",
		Long: `bench national generates --regions synthetic regions (deterministic from --seed) whose sizes
follow a log-normal spread (median --median-nodes, log-sd --sigma, clipped to --min-nodes ..
--max-nodes walk nodes; region i of N takes the quantile (i+½)/N, in an order shuffled by --seed), stores each as its own region (bench-001 …, spaced one degree apart
so that no region's halo reaches another's), and then, for each worker count, enqueues a run
of every region and starts that many lifecircle worker processes (--concurrency 1, each
with --search-workers search threads), timing regions/min and nodes/s from the run's first
job start to its last job end, with ratios against the first count's run (after a warm-up run
that builds every region's graph snapshot, shown but not compared). Finally a run with
--kill-workers workers beside one that is killed (SIGKILL) in the middle of a job: the
killed job is rescued after --rescue-after and retried, and every region must be computed
exactly once (one compute run per region recorded in the store, every job completed). It
adds regions to the database given by --db: point it at a scratch database.`,
		Example: "  lifecircle bench national --db 'dbname=lifecircle_bench'\n  lifecircle bench national --db 'dbname=lifecircle_bench' --regions 40 --max-nodes 1000000 --job-timeout 5m --rescue-after 6m",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBenchNational(cmd.Context(), cfg, f, cmd.OutOrStdout())
		},
	}
	fs := cmd.Flags()
	fs.IntVar(&f.regions, "regions", 8, "synthetic regions to build (1–400)")
	fs.Uint64Var(&f.seed, "seed", 1, "seed of the sizes and the districts")
	fs.IntVar(&f.minNodes, "min-nodes", synth.MinNodes, "smallest region in walk nodes (the generator's least is 20000)")
	fs.IntVar(&f.maxNodes, "max-nodes", 200_000, "largest region in walk nodes (up to 1000000 for the national spread)")
	fs.IntVar(&f.medianNodes, "median-nodes", 40_000, "median region size in walk nodes")
	fs.Float64Var(&f.sigma, "sigma", 0.9, "log-normal spread of the sizes (standard deviation of ln nodes)")
	fs.StringVar(&f.workerCounts, "workers", "1,2,4", "worker counts to time, comma-separated (the first is the ratios' base)")
	fs.IntVar(&f.killWorkers, "kill-workers", 2, "workers beside the killed one in the crash run (0: no crash run)")
	fs.IntVar(&f.searchWorkers, "search-workers", 1, "parallel searches inside each worker (lifecircle worker --workers)")
	fs.DurationVar(&f.jobTimeout, "job-timeout", 60*time.Second, "worker --job-timeout: longer than the largest region's compute")
	fs.DurationVar(&f.rescueAfter, "rescue-after", 70*time.Second, "worker --rescue-after: how long the killed job waits before it is retried")
	return cmd
}

// benchRegion is one synthetic region of the bench.
type benchRegion struct {
	region geo.Region
	nodes  int
}

func runBenchNational(ctx context.Context, cfg *Config, f *nationalFlags, out io.Writer) error {
	counts, err := parseWorkerCounts(f.workerCounts)
	if err != nil {
		return err
	}
	sizes, err := nationalSizes(f)
	if err != nil {
		return err
	}
	eng, err := riverjobs.Open(ctx, cfg.DatabaseURL, cfg.Pool, nil)
	if err != nil {
		return err
	}
	defer eng.Close()
	if _, err := eng.Migrate(ctx); err != nil {
		return err
	}
	return cfg.withDB(ctx, func(db *postgis.DB) error {
		if _, err := db.Migrate(ctx); err != nil { // a scratch database may be new
			return err
		}
		regions, err := storeNational(ctx, db, cfg, f, sizes, out)
		if err != nil {
			return err
		}
		b := &nationalBench{cfg: cfg, f: f, eng: eng, db: db, regions: regions, out: out, tag: time.Now().UTC().Format("150405")}
		return b.runAll(ctx, counts)
	})
}

// nationalSizes draws the regions' sizes: log-normal around the median, clipped.
func nationalSizes(f *nationalFlags) ([]int, error) {
	switch {
	case f.regions < 1 || f.regions > 400:
		return nil, geo.Errorf(geo.EINVALID, "--regions %d: want 1–400", f.regions)
	case f.minNodes < synth.MinNodes || f.maxNodes > synth.MaxNodes || f.minNodes > f.maxNodes:
		return nil, geo.Errorf(geo.EINVALID, "--min-nodes %d --max-nodes %d: want %d ≤ min ≤ max ≤ %d", f.minNodes, f.maxNodes, synth.MinNodes, synth.MaxNodes)
	case f.medianNodes < f.minNodes || f.medianNodes > f.maxNodes || !(f.sigma >= 0):
		return nil, geo.Errorf(geo.EINVALID, "--median-nodes %d --sigma %g: want min ≤ median ≤ max and sigma ≥ 0", f.medianNodes, f.sigma)
	}
	// Stratified: region i takes the log-normal's quantile (i+½)/N, so that even a few
	// regions show the whole spread; the seed shuffles their order (big and small mixed).
	out := make([]int, f.regions)
	for i := range out {
		z := math.Sqrt2 * math.Erfinv(2*(float64(i)+0.5)/float64(f.regions)-1)
		n := float64(f.medianNodes) * math.Exp(f.sigma*z)
		out[i] = int(math.Round(min(max(n, float64(f.minNodes)), float64(f.maxNodes))))
	}
	rng := rand.New(rand.NewPCG(f.seed, 0x6e6174696f6e616c)) // "national"
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out, nil
}

// storeNational generates and stores every region, each at its own origin one degree
// from the next (20 to a row), so that halos never reach a neighbour.
func storeNational(ctx context.Context, db *postgis.DB, cfg *Config, f *nationalFlags, sizes []int, out io.Writer) ([]benchRegion, error) {
	cats, err := cfg.Categories()
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "== %d synthetic regions, sizes log-normal (median %d, sigma %g) clipped to %d..%d nodes, seed %d\n",
		len(sizes), f.medianNodes, f.sigma, f.minNodes, f.maxNodes, f.seed)
	start := time.Now()
	regions := make([]benchRegion, len(sizes))
	for i, n := range sizes {
		origin := orb.Point{95 + float64(i%20), 20 + 0.8*float64(i/20)}
		d, err := synth.Generate(synth.Config{Seed: f.seed + uint64(i), Nodes: n, Origin: origin, Categories: cats.Keys()})
		if err != nil {
			return nil, err
		}
		r := geo.Region(fmt.Sprintf("bench-%03d", i+1))
		if err := storeSynth(ctx, db.InRegion(r), cfg, d, false, io.Discard); err != nil {
			return nil, err
		}
		regions[i] = benchRegion{r, len(d.Nodes)}
	}
	total := 0
	for _, r := range regions {
		total += r.nodes
	}
	sorted := append([]int(nil), sizes...)
	sort.Ints(sorted)
	fmt.Fprintf(out, "stored in %.1fs: %d nodes in all; smallest %d, median %d, largest %d (requested)\n",
		time.Since(start).Seconds(), total, sorted[0], sorted[len(sorted)/2], sorted[len(sorted)-1])
	return regions, nil
}

func parseWorkerCounts(s string) ([]int, error) {
	var counts []int
	for _, p := range strings.Split(s, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || c < 1 || c > 32 {
			return nil, geo.Errorf(geo.EINVALID, "--workers %q: want worker counts 1–32, comma-separated", s)
		}
		counts = append(counts, c)
	}
	return counts, nil
}

// nationalBench runs the timed runs of bench national.
type nationalBench struct {
	cfg     *Config
	f       *nationalFlags
	eng     *riverjobs.Engine
	db      *postgis.DB
	regions []benchRegion
	out     io.Writer
	tag     string // makes this bench's run names new
	logs    string // folder of the workers' logs
}

// nationalRun is one timed run.
type nationalRun struct {
	name     string
	workers  int
	status   riverjobs.RunStatus
	wall     time.Duration // from starting the workers to the last one's exit
	once     int           // regions with exactly one new compute run
	retried  int           // jobs that took more than one attempt
	killedIn string        // the region whose job the killed worker held ("": none)
}

func (b *nationalBench) runAll(ctx context.Context, counts []int) error {
	dir, err := os.MkdirTemp("", "lifecircle-national")
	if err != nil {
		return geo.WrapError(geo.EINTERNAL, err, "temp dir")
	}
	b.logs = dir
	// The first compute of a region's network builds and saves its graph snapshot; later
	// ones read it. A warm-up run (shown, not the ratios' base) makes every timed run alike.
	warm, err := b.timed(ctx, "warm-up", slices.Max(counts), false)
	if err != nil {
		return err
	}
	runs := []nationalRun{warm}
	for _, k := range counts {
		r, err := b.timed(ctx, fmt.Sprintf("%d worker(s)", k), k, false)
		if err != nil {
			return err
		}
		runs = append(runs, r)
	}
	if b.f.killWorkers > 0 {
		r, err := b.timed(ctx, fmt.Sprintf("%d + 1 killed", b.f.killWorkers), b.f.killWorkers, true)
		if err != nil {
			return err
		}
		runs = append(runs, r)
	}
	b.print(runs)
	fmt.Fprintf(b.out, "worker logs: %s\n", dir)
	return nil
}

// timed enqueues every region as a new run, works it off with k worker processes (and
// one more killed mid-job when kill) and checks that each region was computed once.
func (b *nationalBench) timed(ctx context.Context, name string, k int, kill bool) (nationalRun, error) {
	rs := make([]geo.Region, len(b.regions))
	for i, r := range b.regions {
		rs[i] = r.region
	}
	res := nationalRun{name: name, workers: k}
	run := fmt.Sprintf("bench-%s-%d", b.tag, time.Now().UnixNano()%1e6)
	before, err := riverjobs.ComputeRuns(ctx, b.db, rs)
	if err != nil {
		return res, err
	}
	if _, err := b.eng.Enqueue(ctx, run, rs, 3); err != nil {
		return res, err
	}
	start := time.Now()
	var procs []*workerProc
	for i := range k {
		p, err := b.startWorker(fmt.Sprintf("%s-w%d", run, i+1))
		if err != nil {
			return res, err
		}
		procs = append(procs, p)
	}
	if kill {
		if res.killedIn, err = b.killOne(ctx, run); err != nil {
			return res, err
		}
	}
	for _, p := range procs {
		if err := p.wait(); err != nil {
			return res, err
		}
	}
	res.wall = time.Since(start)
	return b.check(ctx, res, run, rs, before)
}

// check reads the run's jobs and the regions' compute runs after it.
func (b *nationalBench) check(ctx context.Context, res nationalRun, run string, rs []geo.Region, before map[geo.Region]int64) (nationalRun, error) {
	var err error
	if res.status, err = b.eng.Status(ctx, run); err != nil {
		return res, err
	}
	after, err := riverjobs.ComputeRuns(ctx, b.db, rs)
	if err != nil {
		return res, err
	}
	for _, r := range rs {
		if after[r]-before[r] == 1 {
			res.once++
		}
	}
	for _, j := range res.status.Jobs {
		if j.Attempt > 1 {
			res.retried++
		}
	}
	return res, nil
}

// workerProc is a started worker process.
type workerProc struct {
	cmd  *exec.Cmd
	log  string
	done chan struct{}
	err  error // its exit, once done is closed
}

// wait waits for the worker's exit.
func (w *workerProc) wait() error {
	<-w.done
	if w.err != nil {
		return geo.WrapError(geo.EINTERNAL, w.err, "worker (log %s)", w.log)
	}
	return nil
}

// startWorker starts a lifecircle worker process that exits when no job is left, its log
// in the bench's log folder.
func (b *nationalBench) startWorker(name string) (*workerProc, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, geo.WrapError(geo.EINTERNAL, err, "find the lifecircle executable")
	}
	args := []string{"--db", b.cfg.DatabaseURL, "--log-json"}
	if b.cfg.CategoriesFile != "" {
		args = append(args, "--categories", b.cfg.CategoriesFile)
	}
	if b.cfg.StandardsFile != "" {
		args = append(args, "--standards", b.cfg.StandardsFile)
	}
	args = append(args, "worker", "--exit-when-done", "--concurrency", "1", "--workers", strconv.Itoa(b.f.searchWorkers),
		"--job-timeout", b.f.jobTimeout.String(), "--rescue-after", b.f.rescueAfter.String())
	w := &workerProc{log: filepath.Join(b.logs, name+".log"), done: make(chan struct{})}
	fh, err := os.Create(w.log)
	if err != nil {
		return nil, geo.WrapError(geo.EINTERNAL, err, "worker log")
	}
	w.cmd = exec.Command(exe, args...)
	w.cmd.Stdout, w.cmd.Stderr = fh, fh
	if err := w.cmd.Start(); err != nil {
		fh.Close()
		return nil, geo.WrapError(geo.EINTERNAL, err, "start worker")
	}
	go func() { w.err = w.cmd.Wait(); fh.Close(); close(w.done) }()
	return w, nil
}

// killOne starts one more worker, waits until it has a job of run in hand, lets the job
// run a moment and kills the worker (SIGKILL); it returns the job's region.
func (b *nationalBench) killOne(ctx context.Context, run string) (string, error) {
	w, err := b.startWorker(run + "-killed")
	if err != nil {
		return "", err
	}
	defer func() { _ = w.cmd.Process.Kill(); <-w.done }()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if id := workerID(w.log); id != "" {
			region, err := b.heldBy(ctx, run, id)
			if err != nil {
				return "", err
			}
			if region != "" {
				time.Sleep(150 * time.Millisecond) // into the compute, before its commit
				if err := w.cmd.Process.Signal(syscall.SIGKILL); err != nil {
					return "", geo.WrapError(geo.EINTERNAL, err, "kill worker")
				}
				<-w.done
				return region, nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return "", geo.Errorf(geo.EINTERNAL, "the worker to kill took no job of run %s within 2 minutes (log %s)", run, w.log)
}

// heldBy returns the region of run's job that River client id is working ("": none).
func (b *nationalBench) heldBy(ctx context.Context, run, id string) (string, error) {
	s, err := b.eng.Status(ctx, run)
	if err != nil {
		return "", err
	}
	for _, j := range s.Jobs {
		if j.State == rivertype.JobStateRunning && len(j.AttemptedBy) > 0 && j.AttemptedBy[len(j.AttemptedBy)-1] == id {
			return j.Region, nil
		}
	}
	return "", nil
}

// workerID reads the River client ID from a worker's JSON log ("": not started yet).
func workerID(log string) string {
	b, err := os.ReadFile(log)
	if err != nil {
		return ""
	}
	for line := range strings.Lines(string(b)) {
		var rec struct{ Msg, ID string }
		if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "worker started" {
			return rec.ID
		}
	}
	return ""
}

// print writes the table of the runs, ratios against the first.
func (b *nationalBench) print(runs []nationalRun) {
	nodes := 0
	for _, r := range b.regions {
		nodes += r.nodes
	}
	fmt.Fprintf(b.out, "\n%-16s %8s %8s %9s %12s %10s %8s %8s %12s %8s\n", "run", "regions", "done", "jobs s", "regions/min", "nodes/s", "×base", "wall s", "once/region", "retried")
	base := runs[min(1, len(runs)-1)].status.Rate // the first timed run after the warm-up
	for _, r := range runs {
		s := r.status
		span := s.Finished.Sub(s.Started).Seconds()
		rate, nps := s.Rate, 0.0
		if span > 0 {
			nps = float64(nodes) / span
		}
		fmt.Fprintf(b.out, "%-16s %8d %8d %9.1f %12.2f %10.0f %7.2fx %8.1f %7d/%-4d %8d\n", r.name, s.Total, s.Done, span, rate, nps,
			rate/base, r.wall.Seconds(), r.once, s.Total, r.retried)
	}
	for _, r := range runs {
		if r.killedIn != "" {
			fmt.Fprintf(b.out, "%s: the worker killed held region %s; every region computed exactly once: %v\n",
				r.name, r.killedIn, r.once == r.status.Total && r.status.Done == r.status.Total)
		}
	}
	fmt.Fprintf(b.out, "jobs s: the run's first job start to its last job end; nodes/s: %d nodes over that span; wall: worker start to last exit; load now: %s\n", nodes, loadAverage())
}
