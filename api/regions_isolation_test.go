package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
)

// regionBRequests are the fixed GET requests whose answers for region B must not change
// while region A is imported into, recomputed and deleted.
func regionBRequests() []string {
	b := "&region=" + string(regionB)
	p, q := inRegion(regionB, node(2, 7)), inRegion(regionB, node(8, 1))
	return []string{
		"/api/v1/coverage?level=community" + b,
		"/api/v1/coverage?level=any&format=csv" + b,
		"/api/v1/coverage?category=supermarket&format=geojson" + b,
		"/api/v1/coverage/cells?level=any" + b,
		"/api/v1/gaps?level=community&format=json" + b,
		"/api/v1/nearest?" + pointQuery(p) + "&level=any&geometry=true" + b,
		"/api/v1/route?from=" + pairQuery(p) + "&to=" + pairQuery(q) + b,
		"/api/v1/isochrone?" + pointQuery(p) + b,
		"/api/v1/network?format=json" + b,
		"/api/v1/standards?format=json" + b,
		"/api/v1/supply?format=json" + b,
		"/api/v1/diagnostics?crs=wgs84" + b,
		"/api/v1/stations?crs=wgs84" + b,
		"/api/v1/outlets?crs=wgs84" + b,
		"/api/v1/communities?crs=wgs84" + b,
	}
}

// answersOf asks h every request and returns the status and body of each.
func answersOf(tb testing.TB, h http.Handler, targets []string) []string {
	tb.Helper()
	out := make([]string, len(targets))
	for i, target := range targets {
		status, body := get(tb, h, target)
		if status != http.StatusOK {
			tb.Fatalf("GET %s: %d %s", target, status, body)
		}
		out[i] = string(body)
	}
	return out
}

// sameAnswers fails tb for each answer that differs from before.
func sameAnswers(tb testing.TB, step string, targets, before, after []string) {
	tb.Helper()
	for i := range targets {
		if before[i] != after[i] {
			tb.Errorf("%s: GET %s changed:\nbefore %.300s\nafter  %.300s", step, targets[i], before[i], after[i])
		}
	}
}

// freshAnswers loads every computed region of db into a new server (as serve does at
// start) and asks it targets.
func freshAnswers(tb testing.TB, db *postgis.DB, targets []string) []string {
	tb.Helper()
	s := storeServer(tb, db)
	if err := s.LoadAll(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return answersOf(tb, s.Handler(), targets)
}

// TestRegionIsolation: two regions in one database. Importing a station into A through
// the API, recomputing A and deleting A leave B's answers byte-identical, from the
// running server and from a server loaded afresh from the database; meanwhile A's
// answers do change, and a point query without region= answers for the region whose
// district holds the point.
func TestRegionIsolation(t *testing.T) {
	s, db := regionsServer(t)
	h := s.Handler()
	targets := regionBRequests()
	before := answersOf(t, h, targets)
	rows := postgistest.DumpRegion(t, db, regionB)
	if allEmpty(rows) {
		t.Fatal("B holds no rows")
	}
	sameRows := func(step string) {
		t.Helper()
		if got := postgistest.DumpRegion(t, db, regionB); got != rows {
			t.Errorf("%s: B's rows changed", step)
		}
	}
	sameAnswers(t, "loaded afresh", targets, before, freshAnswers(t, db, targets))
	pointQueriesFindRegions(t, h)

	nearA := "/api/v1/nearest?" + pointQuery(node(9, 1)) + "&level=community&region=" + string(regionA)
	aBefore := decode[map[string]any](t, getOK(t, h, nearA))
	p := node(9, 1)
	csv := stationCSV(fmt.Sprintf("st-new,新社区党群服务站,社区,%.8f,%.8f", p[0], p[1]))
	status, body := uploadTo(t, h, "/api/v1/imports/stations?region="+string(regionA), "stations.csv", csv, map[string]string{"mode": "upsert"})
	if status != http.StatusOK || decode[map[string]any](t, body)["region"] != string(regionA) {
		t.Fatalf("import into A: %d %s", status, body)
	}
	sameAnswers(t, "after importing into A", targets, before, answersOf(t, h, targets))
	sameRows("after importing into A")

	status, body = do(t, h, http.MethodPost, "/api/v1/compute?region="+string(regionA), nil, map[string]string{"Authorization": "Bearer " + testToken})
	if status != http.StatusOK || decode[map[string]any](t, body)["region"] != string(regionA) {
		t.Fatalf("compute A: %d %s", status, body)
	}
	aAfter := decode[map[string]any](t, getOK(t, h, nearA))
	if fmt.Sprint(aAfter["results"]) == fmt.Sprint(aBefore["results"]) {
		t.Errorf("A's nearest did not change with its new station: %v", aAfter["results"])
	}
	sameAnswers(t, "after recomputing A", targets, before, answersOf(t, h, targets))
	sameAnswers(t, "after recomputing A, loaded afresh", targets, before, freshAnswers(t, db, targets))
	sameRows("after recomputing A")

	status, body = do(t, h, http.MethodDelete, "/api/v1/regions/"+string(regionA), nil, map[string]string{"Authorization": "Bearer " + testToken})
	if status != http.StatusOK {
		t.Fatalf("delete A: %d %s", status, body)
	}
	sameAnswers(t, "after deleting A", targets, before, answersOf(t, h, targets))
	sameAnswers(t, "after deleting A, loaded afresh", targets, before, freshAnswers(t, db, targets))
	sameRows("after deleting A")
	if a := postgistest.DumpRegion(t, db, regionA); strings.Contains(a, "rows)\n") && !allEmpty(a) {
		t.Errorf("A's rows are left after its deletion:\n%.500s", a)
	}
	if status, body := get(t, h, nearA); status != http.StatusBadRequest || !strings.Contains(string(body), "known: "+string(regionB)) {
		t.Errorf("A after its deletion: %d %s", status, body)
	}
	// Only B is left: queries without region= answer for it.
	if got := ask(t, h, "GET", "/api/v1/coverage?level=community", ""); got.status != http.StatusOK || got.region != string(regionB) {
		t.Errorf("coverage without region= after deleting A: %d %q", got.status, got.region)
	}
}

// pointQueriesFindRegions: without region=, a point in B's district answers from B and
// one in A's from A, as region= would.
func pointQueriesFindRegions(tb testing.TB, h http.Handler) {
	tb.Helper()
	for _, r := range []geo.Region{regionA, regionB} {
		target := "/api/v1/nearest?" + pointQuery(inRegion(r, node(3, 3))) + "&level=any"
		got, want := ask(tb, h, "GET", target, ""), ask(tb, h, "GET", target+"&region="+string(r), "")
		if got.status != http.StatusOK || got.region != string(r) || got.body != want.body {
			tb.Errorf("point in %s: %d region %q\n%.200s\nwant %.200s", r, got.status, got.region, got.body, want.body)
		}
	}
}

// uploadTo sends a multipart upload to target with the token.
func uploadTo(tb testing.TB, h http.Handler, target, file string, content []byte, fields map[string]string) (int, []byte) {
	tb.Helper()
	body, ctype := upload(tb, file, content, fields)
	return do(tb, h, http.MethodPost, target, body, map[string]string{"Content-Type": ctype, "Authorization": "Bearer " + testToken})
}

// TestWritesToANewRegion: an import naming a region the server does not hold goes to that
// region only; the server then lists it as not computed and says so to its queries, and
// A and B answer as before.
func TestWritesToANewRegion(t *testing.T) {
	s, db := regionsServer(t)
	h := s.Handler()
	targets := regionBRequests()
	before := answersOf(t, h, targets)
	p := inRegion(regionB, node(5, 5))
	csv := stationCSV(fmt.Sprintf("st-x,研究区站,社区,%.8f,%.8f", p[0], p[1]))
	status, body := uploadTo(t, h, "/api/v1/imports/stations?region=study-east", "stations.csv", csv, nil)
	if status != http.StatusOK || decode[map[string]any](t, body)["region"] != "study-east" {
		t.Fatalf("import into study-east: %d %s", status, body)
	}
	list := string(getOK(t, h, "/api/v1/regions"))
	if !strings.Contains(list, `"region":"study-east"`) || !strings.Contains(list, `"state":"not computed"`) {
		t.Errorf("regions after the import: %s", list)
	}
	status, body = get(t, h, "/api/v1/coverage?level=community&region=study-east")
	if code, msg := errorOf(t, body); status != http.StatusServiceUnavailable || code != "unavailable" || !strings.Contains(msg, "compute?region=study-east") {
		t.Errorf("coverage of study-east: %d %s", status, body)
	}
	// study-east has a station and no network: its compute is refused, never a 500.
	status, body = do(t, h, http.MethodPost, "/api/v1/compute?region=study-east", nil, map[string]string{"Authorization": "Bearer " + testToken})
	if status < 400 || status >= 500 {
		t.Errorf("compute of study-east without a network: %d %s", status, body)
	}
	sameAnswers(t, "after writing to study-east", targets, before, answersOf(t, h, targets))
	// Started afresh (as serve): A and B are loaded, study-east listed as not computed.
	fresh := storeServer(t, db)
	if err := fresh.LoadAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	status, body = get(t, fresh.Handler(), "/readyz")
	ready := decode[struct {
		Status  string
		Regions []struct{ Region, State string }
	}](t, body)
	if status != http.StatusOK || ready.Status != "ready" || fmt.Sprint(ready.Regions) != "[{510104 loaded} {510105 loaded} {study-east not computed}]" {
		t.Errorf("readyz of a fresh server: %d %s", status, body)
	}
	status, body = get(t, h, "/api/v1/nearest?"+pointQuery(p)+"&level=community")
	if r := decode[map[string]any](t, body)["region"]; status != http.StatusOK || r != string(regionB) {
		t.Errorf("a point in B's district without region= (study-east not loaded): %d region %v", status, r)
	}
}

// allEmpty says whether a region dump holds no rows (every table "(0 rows)").
func allEmpty(dump string) bool {
	for _, line := range strings.Split(dump, "\n") {
		if strings.HasPrefix(line, "== ") && !strings.HasSuffix(line, "(0 rows)") {
			return false
		}
	}
	return true
}
