package main_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

var countedStations = regexp.MustCompile(`; (\d+) stations, `)

// stationsCounted runs compute with args and returns how many stations it counted.
func stationsCounted(tb testing.TB, url string, args ...string) (int, string) {
	tb.Helper()
	out := mustRun(tb, url, append([]string{"--lang", "en", "compute", "--resolution", "9", "--max-minutes", "15"}, args...)...)
	m := countedStations.FindStringSubmatch(out)
	if m == nil {
		tb.Fatalf("compute printed no station count:\n%s", out)
	}
	n := 0
	for _, c := range m[1] {
		n = 10*n + int(c-'0')
	}
	return n, out
}

// On the real Chengdu extract with no planner files: no government office is a station,
// candidates count only when included or confirmed, and a planner's station file in
// replace mode replaces the candidates it overlaps.
func TestChengduCandidateStations(t *testing.T) {
	ctx := context.Background()
	path := chengduOSM(t)
	db, url := newDB(t)
	out := mustRun(t, url, "--lang", "en", "import", "osm", path)
	if !strings.Contains(out, " 0 station candidates") {
		t.Errorf("import osm: %s; want 0 station candidates (the extract names government offices only)", out)
	}
	if st := stations(t, db); len(st) != 0 {
		t.Fatalf("stations after the OSM import: %+v, want none", st)
	}
	// three candidates as the OSM reader makes them, in central Chengdu
	cands := []geo.Station{
		{ID: "osm:n1", Name: "府河桥社区党群服务站", Level: geo.LevelCommunity, Point: orb.Point{104.0657, 30.6598}, Source: geo.SourceOSM},
		{ID: "osm:n2", Name: "玉林社区党群服务站", Level: geo.LevelCommunity, Point: orb.Point{104.0560, 30.6450}, Source: geo.SourceOSM},
		{ID: "osm:n3", Name: "青龙街道党群服务中心", Level: geo.LevelStreet, Point: orb.Point{104.0800, 30.6700}, Source: geo.SourceOSM},
	}
	b := geo.Batch{Kind: "stations", FileName: "osm-candidates", Mode: geo.ModeUpsert, Source: geo.SourceOSM, Read: len(cands)}
	if _, err := db.ImportStations(ctx, b, cands, geo.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, s := range stations(t, db) {
		if s.Status != geo.StatusCandidate {
			t.Errorf("%s stored with status %q, want candidate (its source is osm)", s.ID, s.Status)
		}
	}
	if n, out := stationsCounted(t, url); n != 0 || !strings.Contains(out, "3 candidate station(s)") {
		t.Errorf("compute counted %d stations, want 0 and the 3 candidates named as left out:\n%s", n, out)
	}
	if n, _ := stationsCounted(t, url, "--include-candidates"); n != 3 {
		t.Errorf("compute --include-candidates counted %d stations, want 3", n)
	}

	// a planner's file: one community station 40 m from osm:n1, one far from everything
	file := writeFile(t, t.TempDir(), "stations.csv", "id,name,level,lon,lat\nF1,府河桥社区党群服务站,社区,104.0661,30.6598\nF2,另一社区党群服务站,社区,104.1000,30.7000\n")
	out = mustRun(t, url, "--lang", "en", "import", "stations", file)
	if !strings.Contains(out, "replaced 1 candidate station(s)") {
		t.Errorf("import stations: %s; want 1 candidate replaced", out)
	}
	ids := map[string]geo.Status{}
	for _, s := range stations(t, db) {
		ids[s.ID] = s.Status
	}
	want := map[string]geo.Status{"F1": geo.StatusConfirmed, "F2": geo.StatusConfirmed, "osm:n2": geo.StatusCandidate, "osm:n3": geo.StatusCandidate}
	if len(ids) != len(want) {
		t.Errorf("stations after the file import %v, want %v", ids, want)
	}
	for id, st := range want {
		if ids[id] != st {
			t.Errorf("station %s: status %q, want %q", id, ids[id], st)
		}
	}

	if out := mustRun(t, url, "--lang", "en", "stations", "confirm", "osm:n2"); !strings.Contains(out, "1 station(s) confirmed") {
		t.Errorf("confirm osm:n2: %s", out)
	}
	if n, _ := stationsCounted(t, url); n != 3 {
		t.Errorf("after confirming osm:n2, compute counted %d stations, want 3 (F1, F2, osm:n2)", n)
	}
	if code, _, errOut := run(t, url, "--lang", "en", "stations", "confirm", "osm:nope"); code == 0 || !strings.Contains(errOut, "osm:nope") {
		t.Errorf("confirm of an unknown id: exit %d, %s", code, errOut)
	}
	if out := mustRun(t, url, "--lang", "en", "stations", "confirm", "--all"); !strings.Contains(out, "1 station(s) confirmed") {
		t.Errorf("confirm --all: %s", out)
	}
}
