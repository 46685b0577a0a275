package siting_test

import (
	"context"
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/siting"
)

// TestPlanSitesBaseline checks Request.Baseline (walk seconds to what exists now, e.g. a
// named circle's): the community stations' own computed seconds give the plan of the
// community target; every cell already within the threshold leaves nothing to plan; a
// baseline of the wrong length is EINVALID naming both counts.
func TestPlanSitesBaseline(t *testing.T) {
	e, _ := eastHomes(t)
	k, ok := e.SetIndex(tCommunity)
	if !ok {
		t.Fatal("no community set")
	}
	circle := engine.Target{Kind: "circle", Key: "test"}
	run := func(base []float32) (siting.Plan, error) {
		return siting.PlanSites(context.Background(), e, siting.Request{Target: circle, Minutes: 5, K: 3, Baseline: base})
	}
	own, err := siting.PlanSites(context.Background(), e, siting.Request{Target: tCommunity, Minutes: 5, K: 3})
	if err != nil {
		t.Fatal(err)
	}
	got, err := run(e.Results[k].Seconds)
	if err != nil {
		t.Fatal(err)
	}
	if got.Target != circle || len(got.Sites) != len(own.Sites) || got.CoveredAfter != own.CoveredAfter || got.Sites[0].Point != own.Sites[0].Point {
		t.Errorf("plan with the community seconds as baseline %+v, want the community plan %+v under the circle's name", got, own)
	}
	near := make([]float32, len(e.Cells)) // everyone within 0 s
	none, err := run(near)
	if err != nil || len(none.Sites) != 0 || math.Abs(none.CoveredBefore-none.Population) > 1e-6 {
		t.Errorf("baseline all within: %+v, %v; want no site and everyone covered before", none, err)
	}
	if _, err := run(near[:1]); geo.ErrorCodeOf(err) != geo.EINVALID {
		t.Errorf("a baseline of 1 walk time for %d cells: %v, want EINVALID", len(e.Cells), err)
	}
}
