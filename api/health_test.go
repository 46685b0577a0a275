package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// A database crash empties the unlogged coverage tables but not compute_runs: simulated
// by truncating them, /readyz then answers 503 "recompute needed" until a recompute.
func TestReadyzSaysRecomputeNeededAfterCoverageLoss(t *testing.T) {
	s, _, url := seededServer(t)
	ctx := context.Background()
	if _, err := s.Recompute(ctx); err != nil {
		t.Fatal(err)
	}
	if status, body := get(t, s.Handler(), "/readyz"); status != http.StatusOK {
		t.Fatalf("readyz after compute: %d %s", status, body)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, tables := range []string{"coverage_cell_sets, coverage_summary", "coverage_summary"} {
		if _, err := conn.Exec(ctx, "TRUNCATE "+tables); err != nil {
			t.Fatal(err)
		}
		status, body := get(t, s.Handler(), "/readyz")
		r := decode[map[string]any](t, body)
		msg, _ := r["coverage"].(string)
		if status != http.StatusServiceUnavailable || r["status"] != "recompute needed" || !strings.Contains(msg, "recompute needed") {
			t.Errorf("readyz after truncating %s: %d %s", tables, status, body)
		}
		if _, err := s.Recompute(ctx); err != nil {
			t.Fatal(err)
		}
		if status, body := get(t, s.Handler(), "/readyz"); status != http.StatusOK {
			t.Errorf("readyz after the recompute: %d %s", status, body)
		}
	}
}
