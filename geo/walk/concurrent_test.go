package walk_test

import (
	"reflect"
	"sync"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// TestConcurrentSearches runs searches of one graph from many goroutines (pooled buffers
// included) and checks that each gives what it gives alone. Run with -race.
func TestConcurrentSearches(t *testing.T) {
	nw := randomNetwork(51, 120)
	g := nw.build(t, geo.DefaultWalkModel())
	ps := g.SnapAll(samplePoints(51, nw, 80))
	type result struct {
		at    []float64
		route float64
		near  []walk.Hit
	}
	run := func(k int) result {
		f := g.MultiSource(ps[k:k+5], 900+float64(k)*10)
		defer f.Release()
		var r result
		for _, s := range ps {
			sec, _, _ := f.At(s)
			r.at = append(r.at, sec)
		}
		rt, _ := g.Route(ps[k], ps[len(ps)-1-k])
		r.route = rt.Seconds
		r.near = g.Nearest(ps[k], ps, 4, 1200)
		return r
	}
	const jobs = 24
	want := make([]result, jobs)
	for k := range want {
		want[k] = run(k)
	}
	got := make([]result, jobs)
	var wg sync.WaitGroup
	for k := 0; k < jobs; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[k] = run(k)
		}()
	}
	wg.Wait()
	for k := range want {
		if got[k].route != want[k].route || len(got[k].near) != len(want[k].near) {
			t.Fatalf("job %d: concurrent run differs", k)
		}
		for i := range want[k].at {
			if got[k].at[i] != want[k].at[i] {
				t.Fatalf("job %d point %d: %v concurrently, %v alone", k, i, got[k].at[i], want[k].at[i])
			}
		}
		for i := range want[k].near {
			if !reflect.DeepEqual(got[k].near[i], want[k].near[i]) {
				t.Fatalf("job %d hit %d: %+v concurrently, %+v alone", k, i, got[k].near[i], want[k].near[i])
			}
		}
	}
}
