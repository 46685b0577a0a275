package postgis_test

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
	"github.com/lifecircle/lifecircle/importers/osmimport"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/paulmach/orb"
)

// TestWalkTimesAgreeWithPgRouting loads the Chengdu extract, runs one multi-source search
// in lifecircle's engine and pgRouting's pgr_drivingDistance (minimum over starts) on the same
// walk_edges table, and requires every node's time to agree within 0.5 s.
func TestWalkTimesAgreeWithPgRouting(t *testing.T) {
	path := testenv.SharedData(t, "osm/chengdu-central.osm.pbf")
	db, _ := postgistest.New(t)
	ctx := context.Background()
	cats, err := geo.ParseCategories(data.Categories())
	if err != nil {
		t.Fatal(err)
	}
	res, err := osmimport.ReadFile(ctx, path, osmimport.Options{Categories: cats})
	if err != nil {
		t.Fatal(err)
	}
	m := geo.DefaultWalkModel()
	if _, err := db.ImportOSM(ctx, postgis.Batch{Kind: "osm", FileName: "chengdu"}, postgis.OSMData{Nodes: res.Nodes, Edges: res.Edges}, m); err != nil {
		t.Fatal(err)
	}
	nodes, edges, err := db.LoadNetwork(ctx)
	if err != nil {
		t.Fatal(err)
	}
	g, err := walk.Build(nodes, edges, m)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	var starts []int64
	var at []orb.Point
	var snaps []walk.Snap
	for len(starts) < 12 {
		n := nodes[rng.IntN(len(nodes))]
		starts, at = append(starts, n.ID), append(at, n.Point)
		snaps = append(snaps, g.Snap(n.Point))
	}
	if near, err := db.NearestNodes(ctx, at); err != nil || !slices.Equal(near, starts) {
		t.Fatalf("nearest nodes of the starts' points %v (%v), want the starts %v", near, err, starts)
	}
	const maxSec = 1800.0
	pgr, _, err := db.DrivingDistance(ctx, starts, maxSec, false)
	if err != nil {
		t.Fatal(err)
	}
	f := g.MultiSource(snaps, maxSec)
	defer f.Release()
	compared, worst := 0, 0.0
	for i := 0; i < g.NumNodes(); i++ {
		ours, ok := f.NodeSeconds(int32(i))
		want, inPgr := pgr[g.NodeID(int32(i))]
		if ok && ours < maxSec-1 && !inPgr {
			t.Errorf("node %d reached in %.2f s by lifecircle, not by pgRouting", g.NodeID(int32(i)), ours)
			continue
		}
		if !inPgr || want > maxSec-1 {
			continue
		}
		if !ok {
			t.Errorf("node %d reached in %.2f s by pgRouting, not by lifecircle", g.NodeID(int32(i)), want)
			continue
		}
		compared++
		worst = math.Max(worst, math.Abs(ours-want))
		if math.Abs(ours-want) > 0.5 {
			t.Errorf("node %d: lifecircle %.3f s, pgRouting %.3f s", g.NodeID(int32(i)), ours, want)
		}
	}
	if compared < len(nodes)/4 {
		t.Errorf("compared only %d of %d nodes", compared, len(nodes))
	}
	t.Logf("compared %d nodes from %d sources; worst difference %.4f s", compared, len(starts), worst)
}
