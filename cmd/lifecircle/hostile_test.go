package main_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeOSM writes an OSM XML file into dir.
func writeOSM(tb testing.TB, dir, name, body string) string {
	tb.Helper()
	return writeFile(tb, dir, name, `<?xml version="1.0" encoding="UTF-8"?>`+"\n<osm version=\"0.6\">\n"+body+"\n</osm>\n")
}

const footway = `<tag k="highway" v="footway"/>`

// A re-import of an OSM file with no usable way, or bad nodes, is refused with status 2
// and changes no table; --allow-shrink replaces the network with the small one.
func TestOSMReimportShrinkGuard(t *testing.T) {
	chengdu := chengduOSM(t)
	_, url := newDB(t)
	mustRun(t, url, "import", "osm", chengdu)
	before := snapshot(t, url)
	if !strings.HasPrefix(before["walk_edges"], "4936 rows") {
		t.Logf("walk_edges after the Chengdu import: %s", before["walk_edges"])
	}
	dir := t.TempDir()
	good := `<node id="1" lat="30.6600" lon="104.0600"/><node id="2" lat="30.6610" lon="104.0610"/>`
	tests := []struct {
		name, file string
		want       []string
	}{
		{"latitude 95", writeOSM(t, dir, "lat95.osm", `<node id="1" lat="95" lon="104.06"/><node id="2" lat="30.661" lon="104.061"/><way id="9"><nd ref="1"/><nd ref="2"/>`+footway+`</way>`),
			[]string{"lat95.osm", "node 1", "--skip-invalid"}},
		{"longitude 200", writeOSM(t, dir, "lon200.osm", `<node id="1" lat="30.66" lon="104.06"/><node id="2" lat="30.661" lon="200"/><way id="9"><nd ref="1"/><nd ref="2"/>`+footway+`</way>`),
			[]string{"lon200.osm", "node 2"}},
		{"NaN", writeOSM(t, dir, "nan.osm", `<node id="1" lat="NaN" lon="NaN"/><node id="2" lat="30.661" lon="104.061"/><way id="9"><nd ref="1"/><nd ref="2"/>`+footway+`</way>`),
			[]string{"nan.osm"}},
		{"refs to missing nodes", writeOSM(t, dir, "missing.osm", `<node id="1" lat="30.66" lon="104.06"/><way id="9"><nd ref="7"/><nd ref="8"/>`+footway+`</way>`),
			[]string{"missing.osm", "empty", "keeps 0 walk edges of the 4936 stored", "--allow-shrink"}},
		{"one short way", writeOSM(t, dir, "small.osm", good+`<way id="9"><nd ref="1"/><nd ref="2"/>`+footway+`</way>`),
			[]string{"small.osm", "lose more than 50 %", "keeps 1 walk edges of the 4936 stored"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := run(t, url, "import", "osm", tc.file)
			if code != 2 {
				t.Errorf("exit %d, want 2\n%s", code, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("message %q does not say %q", errOut, w)
				}
			}
			sameSnapshot(t, before, snapshot(t, url))
		})
	}
	out := mustRun(t, url, "--lang", "en", "import", "osm", "--allow-shrink", filepath.Join(dir, "small.osm"))
	if !strings.Contains(out, "1 walk edges (4936 stored before)") {
		t.Errorf("--allow-shrink import said %q", out)
	}
	if after := snapshot(t, url); !strings.HasPrefix(after["walk_edges"], "1 rows") {
		t.Errorf("after --allow-shrink walk_edges = %s, want 1 row", after["walk_edges"])
	}
}

// Usage mistakes are errors with status 2, never help text with status 0.
func TestUsageMistakesExit2(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown import kind", []string{"import", "nosuchkind", "x"}, `unknown command "nosuchkind" for "lifecircle import"`},
		{"unknown command", []string{"nosuch"}, `unknown command "nosuch"`},
		{"unknown flag", []string{"compute", "--nosuch"}, "unknown flag: --nosuch"},
		{"unknown flag of serve", []string{"serve", "--nosuch"}, "unknown flag: --nosuch"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := run(t, "host=/nonexistent dbname=nothing", tc.args...)
			if code != 2 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q, stdout %q; want 2 and %q", code, errOut, out, tc.want)
			}
		})
	}
}

// serve waits for a database that is down at start, saying so each time it retries, and
// stops when told to.
func TestServeRetriesTheDatabase(t *testing.T) {
	r := stopped(t, "host=127.0.0.1 port=1 dbname=nothing connect_timeout=1", 3500*time.Millisecond, "serve", "--addr", "127.0.0.1:0")
	if n := strings.Count(r.errOut, "database unavailable; retrying"); n < 2 {
		t.Errorf("%d retry lines, want at least 2:\n%s", n, r.errOut)
	}
	if r.code != 3 {
		t.Errorf("exit %d after SIGTERM while waiting for the database, want 3", r.code)
	}
}

// hostileKind is the import a hostile file goes through, by its name.
func hostileKind(name string) string {
	for _, k := range []string{"communities", "stations", "outlets", "compounds", "population", "district", "streets"} {
		if strings.HasPrefix(name, k+"-") {
			return k
		}
	}
	return "osm"
}

// hostileRecords reads the importers' testdata/hostile-records.tsv: the record each
// file's message must name, by file.
func hostileRecords(tb testing.TB, path string) map[string]string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if file, rec, ok := strings.Cut(line, "\t"); ok && !strings.HasPrefix(line, "#") {
			out[file] = rec
		}
	}
	return out
}

// Every file of the importers' hostile corpus, through the real CLI against a database
// holding a district (the Chengdu extract and the fixtures): each is refused with status 2
// (or 1 for an internal fault) and a message naming the file and the record at fault
// (importers/testdata/hostile-records.tsv), leaves every table's rows as they were (count
// and md5), and is dealt with within 60 s and 1.5 GB of peak RSS (the child's, from
// rusage). The last line logged is the worst time and RSS.
func TestHostileFilesThroughTheCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the CLI on every hostile file")
	}
	chengdu := chengduOSM(t)
	dir := filepath.Join("..", "..", "importers", "testdata", "hostile")
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 130 {
		t.Errorf("%d hostile files, want at least 130", len(files))
	}
	records := hostileRecords(t, filepath.Join(dir, "..", "hostile-records.tsv"))
	_, url := newDB(t)
	mustRun(t, url, "import", "osm", chengdu)
	mustRun(t, url, "import", "stations", fixture("stations-wgs84.csv"))
	mustRun(t, url, "import", "outlets", fixture("outlets.csv"))
	mustRun(t, url, "import", "communities", fixture("communities.geojson"))
	before := snapshot(t, url)
	var slowest, biggest struct {
		name string
		run  result
	}
	for _, f := range files {
		name := f.Name()
		t.Run(name, func(t *testing.T) {
			kind := hostileKind(name)
			r := execute(t, url, "--lang", "en", "import", kind, filepath.Join(dir, name))
			t.Logf("lifecircle import %s %s: exit %d in %s, peak RSS %d MiB", kind, name, r.code, r.took.Round(time.Millisecond), r.rss>>20)
			if r.took > slowest.run.took {
				slowest.name, slowest.run = name, r
			}
			if r.rss > biggest.run.rss {
				biggest.name, biggest.run = name, r
			}
			if r.code != 2 && r.code != 1 {
				t.Errorf("exit %d, want 2 (or 1):\n%s", r.code, r.errOut)
			}
			if !strings.Contains(r.errOut, name) {
				t.Errorf("message does not name the file: %s", lastLine(r.errOut))
			}
			if rec := records[name]; rec != "" && !strings.Contains(r.errOut, rec) {
				t.Errorf("message does not name %q: %s", rec, lastLine(r.errOut))
			}
			if r.took > 60*time.Second || r.rss > 1500<<20 {
				t.Errorf("took %s and %d MiB, want ≤ 60 s and ≤ 1.5 GB", r.took, r.rss>>20)
			}
			sameSnapshot(t, before, snapshot(t, url))
		})
	}
	t.Logf("%d files; slowest %s (%s, %d MiB); largest peak RSS %s (%d MiB, %s)", len(files),
		slowest.name, slowest.run.took.Round(time.Millisecond), slowest.run.rss>>20, biggest.name, biggest.run.rss>>20, biggest.run.took.Round(time.Millisecond))
}
