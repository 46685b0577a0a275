package api_test

import (
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestZZDatabaseDownAndBack stops the real PostgreSQL server, checks that in-memory answers
// go on while the ones that need the database (imports, compute, the database part of
// /readyz) give 503, then starts it again and waits for those to recover by themselves.
//
// It stops a shared server, so it runs only with LIFECIRCLE_TEST_PGCTL=1, and its file
// (zz_…) sorts it after the other tests of the package. Other packages' tests must not run
// at the same time: run it on its own, e.g.
//
//	LIFECIRCLE_TEST_PGCTL=1 go test ./api -run TestZZDatabaseDownAndBack
//
// The cluster is LIFECIRCLE_TEST_PGCTL_CLUSTER ("VERSION NAME", default "15 main"); it
// must be the server LIFECIRCLE_TEST_DB points at.
func TestZZDatabaseDownAndBack(t *testing.T) {
	if os.Getenv("LIFECIRCLE_TEST_PGCTL") != "1" {
		if os.Getenv("CI") == "true" { // make test runs it alone, with the variable set, and -skip's it in the main pass
			t.Fatal("TestZZDatabaseDownAndBack runs only with LIFECIRCLE_TEST_PGCTL=1 (make test's last step)")
		}
		t.Skip("set LIFECIRCLE_TEST_PGCTL=1 to let this test stop and start PostgreSQL")
	}
	cluster := strings.Fields(os.Getenv("LIFECIRCLE_TEST_PGCTL_CLUSTER"))
	if len(cluster) != 2 {
		cluster = []string{"15", "main"}
	}
	s, _ := dbServer(t)
	pgctl := func(action string) {
		t.Helper()
		args := append([]string{"--skip-systemctl-redirect"}, cluster...)
		args = append(args, action)
		if action == "stop" {
			args = append(args, "-m", "fast")
		}
		if out, err := exec.Command("pg_ctlcluster", args...).CombinedOutput(); err != nil {
			t.Fatalf("pg_ctlcluster %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	started := false
	// Registered after dbServer's cleanup, so it runs first: the server is back before the
	// test database is dropped.
	t.Cleanup(func() {
		if !started {
			pgctl("start")
		}
	})
	pgctl("stop")

	h := s.Handler()
	inMemory := []string{
		"/api/v1/nearest?" + pointQuery(node(2, 7)) + "&level=community",
		"/api/v1/route?from=" + pairQuery(node(0, 0)) + "&to=" + pairQuery(node(0, 10)),
		"/api/v1/coverage?level=any&minutes=15",
		"/api/v1/stations",
		"/api/v1/network",
	}
	for _, target := range inMemory {
		if status, body := get(t, h, target); status != http.StatusOK {
			t.Errorf("database down: %s → %d %s", target, status, body)
		}
	}
	status, body := get(t, h, "/readyz")
	if r := decode[map[string]any](t, body); status != http.StatusOK || r["database"] != "unavailable" {
		t.Errorf("readyz with the database down: %d %s", status, body)
	}
	if status, body := postUpload(t, s, "stations", testToken, "s.csv", stationCSV("x,站,社区,104.06,30.66"), nil); status != http.StatusServiceUnavailable {
		t.Errorf("import with the database down: %d %s", status, body)
	}
	auth := map[string]string{"Authorization": "Bearer " + testToken}
	if status, body := do(t, h, http.MethodPost, "/api/v1/compute", nil, auth); status != http.StatusServiceUnavailable {
		t.Errorf("compute with the database down: %d %s", status, body)
	} else if code, _ := errorOf(t, body); code != "unavailable" {
		t.Errorf("compute code %q", code)
	}

	pgctl("start")
	started = true
	deadline := time.Now().Add(60 * time.Second)
	for {
		_, body := get(t, h, "/readyz")
		if decode[map[string]any](t, body)["database"] == "ok" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the database did not come back: %s", body)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if status, body := postUpload(t, s, "stations", testToken, "s.csv", stationCSV("x,站,社区,104.06,30.66"), map[string]string{"mode": "upsert"}); status != http.StatusOK {
		t.Errorf("import after the restart: %d %s", status, body)
	}
	if status, body := do(t, h, http.MethodPost, "/api/v1/compute", nil, auth); status != http.StatusOK {
		t.Errorf("compute after the restart: %d %s", status, body)
	}
}
