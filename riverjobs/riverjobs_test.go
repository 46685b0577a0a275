package riverjobs_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/lifecircle/lifecircle/riverjobs"
)

func TestReadRegions(t *testing.T) {
	tests := []struct {
		name, text string
		want       []geo.Region
		err        string // part of the error; "" for none
	}{
		{"codes, names and comments", "# province\n510104\n\n  510105  # 锦江\nstudy_area-1\n", []geo.Region{"510104", "510105", "study_area-1"}, ""},
		{"bad region names its line", "510104\nno spaces allowed\n", nil, "regions.txt:2"},
		{"a region twice", "510104\n510104\n", nil, "regions.txt:2: region 510104 is listed already on line 1"},
		{"only comments", "# nothing\n\n", nil, "lists no region"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := riverjobs.ReadRegions(strings.NewReader(tc.text), "regions.txt")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || geo.ErrorCodeOf(err) != geo.EINVALID {
					t.Fatalf("err = %v, want EINVALID containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(regionStrings(got), ",") != strings.Join(regionStrings(tc.want), ",") {
				t.Errorf("regions = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestEnqueueOncePerRunAndRegion enqueues a run twice and another run beside it: each
// run holds one queued job per region, and status counts them before any worker runs.
func TestEnqueueOncePerRunAndRegion(t *testing.T) {
	_, url := postgistest.New(t)
	ctx := context.Background()
	eng, err := riverjobs.Open(ctx, url, postgis.PoolOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if _, err := eng.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if applied, err := eng.Migrate(ctx); err != nil || len(applied) != 0 {
		t.Fatalf("second migrate: applied %v, %v; want nothing", applied, err)
	}
	first, err := eng.Enqueue(ctx, "r1", []geo.Region{"510104", "510105"}, 3)
	if err != nil || first.Inserted != 2 || len(first.Skipped) != 0 {
		t.Fatalf("first enqueue: %+v, %v", first, err)
	}
	again, err := eng.Enqueue(ctx, "r1", []geo.Region{"510105", "510106"}, 3)
	if err != nil || again.Inserted != 1 || len(again.Skipped) != 1 || again.Skipped[0] != "510105" {
		t.Fatalf("second enqueue: %+v, %v; want 510106 inserted, 510105 skipped", again, err)
	}
	if other, err := eng.Enqueue(ctx, "r2", []geo.Region{"510104"}, 3); err != nil || other.Inserted != 1 {
		t.Fatalf("another run: %+v, %v; want its own job for 510104", other, err)
	}
	s, err := eng.Status(ctx, "r1")
	if err != nil {
		t.Fatal(err)
	}
	if s.Total != 3 || s.Queued != 3 || s.Done+s.Running+s.Failed+s.Retrying != 0 || s.Rate != 0 || s.ETA != -1 || !s.Started.IsZero() {
		t.Errorf("status of r1 = %+v; want 3 queued, no rate, ETA unknown", s)
	}
	if latest, err := eng.LatestRun(ctx); err != nil || latest != "r2" {
		t.Errorf("latest run = %q, %v; want r2", latest, err)
	}
	if _, err := eng.Status(ctx, "nosuch"); geo.ErrorCodeOf(err) != geo.ENOTFOUND {
		t.Errorf("status of an unknown run: %v, want ENOTFOUND", err)
	}
}

func regionStrings(rs []geo.Region) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}
