package walk_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// benchSizes are the grid sides of the benchmark networks: 100k and 1M nodes.
var benchSizes = []struct {
	name string
	side int
}{{"100k", 316}, {"1M", 1000}}

// benchNet is a generated network and its graph, built once per size.
type benchNet struct {
	nodes []geo.WalkNode
	edges []geo.WalkEdge
	g     *walk.Graph
}

var (
	benchMu   sync.Mutex
	benchNets = map[int]*benchNet{}
)

func getBenchNet(b *testing.B, side int) *benchNet {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if n, ok := benchNets[side]; ok {
		return n
	}
	nodes, edges := gridNetwork(side, 42)
	g, err := walk.Build(nodes, edges, geo.DefaultWalkModel())
	if err != nil {
		b.Fatal(err)
	}
	n := &benchNet{nodes: nodes, edges: edges, g: g}
	benchNets[side] = n
	return n
}

// randomPoints returns count seeded points inside g's bounds.
func randomPoints(g *walk.Graph, count int, seed uint64) []orb.Point {
	rng := rand.New(rand.NewPCG(seed, 5))
	bd := g.Bounds()
	ps := make([]orb.Point, count)
	for i := range ps {
		ps[i] = orb.Point{bd.Min[0] + rng.Float64()*(bd.Max[0]-bd.Min[0]), bd.Min[1] + rng.Float64()*(bd.Max[1]-bd.Min[1])}
	}
	return ps
}

func BenchmarkBuild(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.name, func(b *testing.B) {
			n := getBenchNet(b, sz.side)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			var keep *walk.Graph
			b.ResetTimer()
			clock := startCPU()
			for b.Loop() {
				g, err := walk.Build(n.nodes, n.edges, geo.DefaultWalkModel())
				if err != nil {
					b.Fatal(err)
				}
				keep = g
			}
			clock.report(b)
			b.StopTimer()
			runtime.GC()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/1e6, "graph-MB")
			b.ReportMetric(float64(keep.NumEdges()), "edges")
			runtime.KeepAlive(keep)
		})
	}
}

func BenchmarkSnap(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.name, func(b *testing.B) {
			g := getBenchNet(b, sz.side).g
			ps := randomPoints(g, 1<<16, 1)
			i := 0
			clock := startCPU()
			for b.Loop() {
				g.Snap(ps[i&(len(ps)-1)])
				i++
			}
			clock.report(b)
		})
		b.Run(sz.name+"-SnapAll-60k", func(b *testing.B) {
			g := getBenchNet(b, sz.side).g
			ps := randomPoints(g, 60000, 2)
			clock := startCPU()
			for b.Loop() {
				g.SnapAll(ps)
			}
			clock.report(b)
		})
	}
}

func BenchmarkMultiSource(b *testing.B) {
	for _, sz := range benchSizes {
		for _, c := range []struct {
			sources int
			limit   float64
		}{{2000, 1200}, {2000, 1800}, {200, 1800}} {
			b.Run(fmt.Sprintf("%s/sources=%d/max=%.0fs", sz.name, c.sources, c.limit), func(b *testing.B) {
				g := getBenchNet(b, sz.side).g
				src := g.SnapAll(randomPoints(g, c.sources, 3))
				reached := 0
				clock := startCPU()
				for b.Loop() {
					f := g.MultiSource(src, c.limit)
					reached = countReached(g, f)
					f.Release()
				}
				clock.report(b)
				b.ReportMetric(float64(reached)/float64(g.NumNodes()), "reached-share")
			})
		}
	}
}

func countReached(g *walk.Graph, f *walk.Field) int {
	n := 0
	for i := 0; i < g.NumNodes(); i++ {
		if _, ok := f.NodeSeconds(int32(i)); ok {
			n++
		}
	}
	return n
}

func BenchmarkRoute(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.name, func(b *testing.B) {
			g := getBenchNet(b, sz.side).g
			// Pairs about 1–2 km apart, the life-circle scale.
			rng := rand.New(rand.NewPCG(4, 4))
			ps := randomPoints(g, 256, 4)
			var pairs [][2]walk.Snap
			for _, p := range ps {
				q := east(north(p, rng.Float64()*2000-1000), rng.Float64()*2000-1000)
				pairs = append(pairs, [2]walk.Snap{g.Snap(p), g.Snap(q)})
			}
			i := 0
			clock := startCPU()
			for b.Loop() {
				pr := pairs[i%len(pairs)]
				g.Route(pr[0], pr[1])
				i++
			}
			clock.report(b)
		})
	}
}

func BenchmarkNearest(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.name, func(b *testing.B) {
			g := getBenchNet(b, sz.side).g
			targets := g.SnapAll(randomPoints(g, 2000, 5))
			from := g.SnapAll(randomPoints(g, 256, 6))
			i := 0
			clock := startCPU()
			for b.Loop() {
				g.Nearest(from[i%len(from)], targets, 5, 1800)
				i++
			}
			clock.report(b)
		})
	}
}

// BenchmarkCoverageWorkload is the product's compute step on one graph: snap 60 000 cell
// centres, then 27 multi-source searches (22 categories + 5 levels, 30 minutes) over
// GOMAXPROCS goroutines, each reading every cell's time.
func BenchmarkCoverageWorkload(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.name, func(b *testing.B) {
			g := getBenchNet(b, sz.side).g
			cellPts := randomPoints(g, 60000, 7)
			var sets [][]orb.Point
			for k := 0; k < 27; k++ {
				sets = append(sets, randomPoints(g, 500+k*150, uint64(100+k)))
			}
			clock := startCPU()
			for b.Loop() {
				cells := g.SnapAll(cellPts)
				runSearches(g, sets, cells)
			}
			clock.report(b)
		})
	}
}

func runSearches(g *walk.Graph, sets [][]orb.Point, cells []walk.Snap) {
	var wg sync.WaitGroup
	jobs := make(chan []orb.Point)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for set := range jobs {
				f := g.MultiSource(g.SnapAll(set), 1800)
				for _, c := range cells {
					f.At(c)
				}
				f.Release()
			}
		}()
	}
	for _, s := range sets {
		jobs <- s
	}
	close(jobs)
	wg.Wait()
}

// BenchmarkNearestField builds a k=3 field from 2 000 sources (the one-off cost) and
// answers queries from it; compare with BenchmarkNearest's search per query.
func BenchmarkNearestField(b *testing.B) {
	for _, sz := range benchSizes {
		g := getBenchNet(b, sz.side).g
		targets := g.SnapAll(randomPoints(g, 2000, 5))
		from := g.SnapAll(randomPoints(g, 256, 6))
		b.Run(sz.name+"/build", func(b *testing.B) {
			for b.Loop() {
				g.NearestField(targets, 3, 1800)
			}
		})
		kf := g.NearestField(targets, 3, 1800)
		b.Run(sz.name+"/query", func(b *testing.B) {
			i := 0
			for b.Loop() {
				kf.Nearest(from[i%len(from)], 3)
				i++
			}
		})
	}
}

// BenchmarkReadSnapshot reads back a graph written by WriteSnapshot (from memory): what a
// compute does instead of Build when the network is unchanged; compare BenchmarkBuild.
func BenchmarkReadSnapshot(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(sz.name, func(b *testing.B) {
			n := getBenchNet(b, sz.side)
			var buf bytes.Buffer
			if err := n.g.WriteSnapshot(&buf); err != nil {
				b.Fatal(err)
			}
			data := buf.Bytes()
			b.ResetTimer()
			clock := startCPU()
			for b.Loop() {
				if _, err := walk.ReadSnapshot(bytes.NewReader(data), geo.DefaultWalkModel()); err != nil {
					b.Fatal(err)
				}
			}
			clock.report(b)
			b.ReportMetric(float64(len(data))/1e6, "snapshot-MB")
		})
	}
}
