package siting_test

import (
	"context"
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/lifecircle/lifecircle/geo/siting"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/lifecircle/lifecircle/internal/synth"
	"github.com/paulmach/orb"
)

// synthShared is a synthetic district of 40 000 walk nodes (56 communities) computed.
func synthShared(tb testing.TB) (*engine.Engine, []geo.WalkNode, []geo.WalkEdge) {
	tb.Helper()
	d, err := synth.Generate(synth.Config{Seed: 1, Nodes: 40_000})
	if err != nil {
		tb.Fatal(err)
	}
	data := engine.Data{Stations: d.Stations, Communities: d.Communities, Streets: d.Streets, Compounds: d.Compounds, Residential: d.Residential}
	return fixture.Compute(tb, data, d.Nodes, d.Edges, engine.Options{}), d.Nodes, d.Edges
}

// TestSharedCentresBruteForce recomputes, for every returned site, each member's share of
// residents within the minutes with an independent search (bruteWalk), and checks that
// groups are disjoint, connected through shared rectangle sides (the synthetic
// communities are rectangles: sides compared directly, not through Adjacency) and hold a
// community without a centre.
func TestSharedCentresBruteForce(t *testing.T) {
	e, nodes, edges := synthShared(t)
	ref := newBruteWalk(nodes, edges, e.Options.Walk)
	for _, minutes := range []float64{15, 20} {
		req := siting.SharedRequest{Level: geo.LevelCommunity, Minutes: minutes, MinShare: 0.8, MaxGroup: 4}
		res, err := siting.SharedCentres(context.Background(), e, req)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Groups) == 0 {
			t.Fatalf("%v min: no group; the synthetic district has some", minutes)
		}
		seen := map[string]bool{}
		for g, grp := range res.Groups {
			site := ref.snap(grp.Point)
			centreless := 0
			for _, m := range grp.Members {
				if seen[m.Code] {
					t.Errorf("%v min: %s is in two groups", minutes, m.Code)
				}
				seen[m.Code] = true
				if !m.HasCentre {
					centreless++
				}
				pop, within := bruteShare(t, e, ref, site, m.Code, minutes*60)
				if math.Abs(pop-m.Population) > 1e-6*pop || within < req.MinShare*pop*(1-1e-9) || math.Abs(within/pop-m.Share) > 0.01 {
					t.Errorf("%v min, group %d (%s), %s: brute force %.1f of %.1f (%.4f), answer %.1f of %.1f (%.4f)", minutes, g, grp.H3, m.Code, within, pop, within/pop, m.Within, m.Population, m.Share)
				}
			}
			if centreless == 0 || len(grp.Members) < 2 || len(grp.Members) > req.MaxGroup {
				t.Errorf("%v min, group %d: %d members, %d without a centre", minutes, g, len(grp.Members), centreless)
			}
			if !rectsConnected(t, e, grp.Members) {
				t.Errorf("%v min, group %d: members %v do not share sides", minutes, g, grp.Members)
			}
		}
		t.Logf("%v min: %d groups, %d communities grouped, %.0f residents newly covered, %d candidates", minutes, len(res.Groups), res.Grouped, res.NewlyCovered, res.Candidates)
	}
}

// bruteShare returns the residents of community code's cells and those whose centres
// bruteWalk reaches from site within limit seconds (0.01 s of slack for float32 costs).
func bruteShare(tb testing.TB, e *engine.Engine, ref *bruteWalk, site bruteSnap, code string, limit float64) (pop, within float64) {
	tb.Helper()
	ci, ok := e.Units.Community(code)
	if !ok {
		tb.Fatalf("no community %s", code)
	}
	var cells []int
	var snaps []bruteSnap
	for i, c := range e.Cells {
		if e.CellComm[i] == ci && c.Population > 0 {
			cells = append(cells, i)
			snaps = append(snaps, ref.snap(c.Center))
		}
	}
	secs := ref.seconds(site, snaps)
	for k, i := range cells {
		pop += e.Cells[i].Population
		if secs[k] <= limit+0.01 {
			within += e.Cells[i].Population
		}
	}
	return pop, within
}

// rectsConnected reports whether the members' boundary rectangles form one piece when
// two rectangles are joined by sharing at least 20 m of a side.
func rectsConnected(tb testing.TB, e *engine.Engine, ms []siting.SharedMember) bool {
	tb.Helper()
	var bs []orb.Bound
	for _, m := range ms {
		ci, _ := e.Units.Community(m.Code)
		bs = append(bs, e.Communities[ci].Boundary.Bound())
	}
	reached := map[int]bool{0: true}
	for grew := true; grew; {
		grew = false
		for a := range bs {
			for b := range bs {
				if reached[a] && !reached[b] && rectsShareSide(bs[a], bs[b]) {
					reached[b], grew = true, true
				}
			}
		}
	}
	return len(reached) == len(bs)
}

func rectsShareSide(a, b orb.Bound) bool {
	const eps = 1e-7 // degrees, ~1 cm
	mLat, mLon := local.MetresPerDegreeLat, local.MetresPerDegreeLon(a.Min[1])
	overlap := func(a0, a1, b0, b1 float64) float64 { return math.Min(a1, b1) - math.Max(a0, b0) }
	vertical := (math.Abs(a.Max[0]-b.Min[0]) < eps || math.Abs(b.Max[0]-a.Min[0]) < eps) && overlap(a.Min[1], a.Max[1], b.Min[1], b.Max[1])*mLat >= 20
	horizontal := (math.Abs(a.Max[1]-b.Min[1]) < eps || math.Abs(b.Max[1]-a.Min[1]) < eps) && overlap(a.Min[0], a.Max[0], b.Min[0], b.Max[0])*mLon >= 20
	return vertical || horizontal
}
