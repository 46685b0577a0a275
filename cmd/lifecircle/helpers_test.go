package main_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
	fx "github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
)

// The harness of the command's tests: the lifecircle binary built once, run against a
// fresh migrated database of its own per test, and the files and rows the tests set up
// and compare.

// binary is the lifecircle command built once for these tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "lifecircle-cli")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "lifecircle")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// newDB is a fresh migrated test database (postgistest.New) and its URL, the --db the
// command is run with.
func newDB(tb testing.TB) (*postgis.DB, string) { return postgistest.New(tb) }

// result is one run of the command: its exit status, standard output and error, wall
// time and the child's peak RSS.
type result struct {
	code        int
	out, errOut string
	took        time.Duration
	rss         int64 // bytes
}

// execute runs the binary against the database url.
func execute(tb testing.TB, url string, args ...string) result {
	tb.Helper()
	cmd := exec.Command(binary, append([]string{"--db", url}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		tb.Fatalf("run %v: %v", args, err)
	}
	return ended(cmd, stdout.String(), stderr.String(), took)
}

// stopped starts the binary against the database url, sends it SIGTERM after wait and
// returns how it ended; the test fails when it has not ended 10 s after the signal.
func stopped(tb testing.TB, url string, wait time.Duration, args ...string) result {
	tb.Helper()
	cmd := exec.Command(binary, append([]string{"--db", url}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	time.Sleep(wait)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		tb.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		tb.Fatalf("lifecircle %s did not stop on SIGTERM", strings.Join(args, " "))
	}
	return ended(cmd, stdout.String(), stderr.String(), time.Since(start))
}

// ended is the result of the finished cmd.
func ended(cmd *exec.Cmd, out, errOut string, took time.Duration) result {
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // KiB on Linux
	return result{cmd.ProcessState.ExitCode(), out, errOut, took, rss}
}

// run runs the binary against the database url and returns its exit code and output.
func run(tb testing.TB, url string, args ...string) (int, string, string) {
	tb.Helper()
	r := execute(tb, url, args...)
	return r.code, r.out, r.errOut
}

// mustRun runs the binary and returns its standard output, failing the test unless it
// exits 0.
func mustRun(tb testing.TB, url string, args ...string) string {
	tb.Helper()
	code, out, errOut := run(tb, url, args...)
	if code != 0 {
		tb.Fatalf("lifecircle %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// fixture is the path of a file of importers/testdata.
func fixture(name string) string { return filepath.Join("..", "..", "importers", "testdata", name) }

// sharedData is the path of rel in the real-data folder beside the repository
// (testenv.SharedData: skipped when missing, failed under CI=true).
func sharedData(tb testing.TB, rel ...string) string {
	tb.Helper()
	return testenv.SharedData(tb, rel...)
}

// chengduOSM is the real central-Chengdu OpenStreetMap extract beside the repository.
func chengduOSM(tb testing.TB) string {
	tb.Helper()
	return sharedData(tb, "osm", "chengdu-central.osm.pbf")
}

// writeFile writes text into dir/name and returns the path.
func writeFile(tb testing.TB, dir, name, text string) string {
	tb.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// readFile returns the text of the file at path.
func readFile(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// writeOutlets writes n outlets with ids prefix0 … prefix(n-1) into dir/prefix.csv.
func writeOutlets(tb testing.TB, dir, prefix string, n int) string {
	tb.Helper()
	var sb strings.Builder
	sb.WriteString("id,name,category,lon,lat\n")
	cats := []string{"supermarket", "pharmacy", "bank", "clinic", "kindergarten"}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "%s%d,网点%d,%s,%.6f,%.6f\n", prefix, i, i, cats[i%len(cats)], 104+float64(i%1000)*0.0001, 30.6+float64(i/1000)*0.0001)
	}
	return writeFile(tb, dir, prefix+".csv", sb.String())
}

// connect opens a connection to the test database, closed when the test ends: for the
// tests' own SQL.
func connect(tb testing.TB, url string) *pgx.Conn {
	tb.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { conn.Close(ctx) })
	return conn
}

// counts is postgistest.Counts: the rows of each table.
func counts(tb testing.TB, db *postgis.DB) map[string]int64 { return postgistest.Counts(tb, db) }

// stations are the stored stations.
func stations(tb testing.TB, db *postgis.DB) []geo.Station {
	tb.Helper()
	st, err := db.Stations(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

// storeGrid stores a clean district: a walk grid of n×n blocks of 100 m at (104, 30)
// (fx.GridNetwork), comm over it (its boundary the grid's outline) and st at its centre.
func storeGrid(tb testing.TB, db *postgis.DB, n int, comm geo.Community, st geo.Station) {
	tb.Helper()
	ctx := context.Background()
	var data postgis.OSMData
	data.Nodes, data.Edges, comm.Boundary = fx.GridNetwork(n)
	if _, err := db.ImportOSM(ctx, postgis.Batch{Kind: "osm", FileName: "grid.osm", Read: len(data.Edges)}, data, geo.DefaultWalkModel()); err != nil {
		tb.Fatal(err)
	}
	if _, err := db.ImportCommunities(ctx, geo.Batch{Kind: "communities", FileName: "grid.geojson", Mode: geo.ModeReplace}, []geo.Community{comm}, geo.ImportOptions{}); err != nil {
		tb.Fatal(err)
	}
	st.Point = data.Nodes[fx.GridID(n, n/2, n/2)-1].Point
	if _, err := db.ImportStations(ctx, geo.Batch{Kind: "stations", FileName: "stations.csv", Mode: geo.ModeUpsert}, []geo.Station{st}, geo.ImportOptions{}); err != nil {
		tb.Fatal(err)
	}
}

// storeCleanGrid is storeGrid's 1 km grid with a community of 5 000 residents and a
// community station S1.
func storeCleanGrid(tb testing.TB, db *postgis.DB) {
	tb.Helper()
	storeGrid(tb, db, 10, geo.Community{Code: "510100003001", Name: "网格社区", StreetCode: "510100003", StreetName: "网格街道", Population: 5000},
		geo.Station{ID: "S1", Name: "中心站", Level: geo.LevelCommunity})
}

// snapshot returns, for every table of the database (but goose's), its row count and the
// md5 of its rows in order, so that a test can tell that nothing changed.
func snapshot(tb testing.TB, url string) map[string]string {
	tb.Helper()
	ctx := context.Background()
	conn := connect(tb, url)
	rows, err := conn.Query(ctx, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'goose_db_version' ORDER BY 1`)
	if err != nil {
		tb.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		tb.Fatal(err)
	}
	out := make(map[string]string, len(tables))
	for _, t := range tables {
		var n int64
		var sum *string
		q := fmt.Sprintf(`SELECT count(*), md5(string_agg(r::text, E'\n' ORDER BY r::text)) FROM %s r`, pgx.Identifier{t}.Sanitize())
		if err := conn.QueryRow(ctx, q).Scan(&n, &sum); err != nil {
			tb.Fatal(err)
		}
		s := ""
		if sum != nil {
			s = *sum
		}
		out[t] = fmt.Sprintf("%d rows %s", n, s)
	}
	return out
}

// sameSnapshot fails the test for every table whose rows differ between the snapshots.
func sameSnapshot(tb testing.TB, before, after map[string]string) {
	tb.Helper()
	if maps.Equal(before, after) {
		return
	}
	for t, b := range before {
		if after[t] != b {
			tb.Errorf("table %s changed: %s → %s", t, b, after[t])
		}
	}
}

// lastLine is the last line of s, trimmed.
func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
