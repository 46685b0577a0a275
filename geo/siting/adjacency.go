package siting

import (
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/lifecircle/lifecircle/geo/gridindex"
	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/paulmach/orb"
)

// The rule of "sharing a boundary".
const (
	// AdjacentTolM is how far apart (metres) two boundaries may run and still be one
	// shared line: files digitised apart, or converted from GCJ-02, seldom meet exactly.
	AdjacentTolM = 5.0
	// AdjacentMinM is how long (metres) the stretch of outline within AdjacentTolM of the
	// other unit's must be: a shared side of about 20 m or more (the stretch also counts
	// up to AdjacentTolM round each end). Units that only meet at a corner (about
	// 2 × AdjacentTolM) are not neighbours.
	AdjacentMinM = 30.0
	// adjacentStepM is the spacing of the points sampled along each boundary.
	adjacentStepM = AdjacentTolM / 2
)

// Adjacency returns, for each of the boundaries (MultiPolygons, WGS84 lon, lat), the
// sorted indexes of the others it shares a boundary with: a stretch at least
// AdjacentMinM metres long of one's outline that runs within AdjacentTolM metres of the
// other's. It is measured by sampling every ring of every boundary each 2.5 m (and at
// each vertex) and finding the other boundaries' segments within AdjacentTolM of each
// sample (distances in the local equirectangular plane at the sample, metres); the
// relation is symmetric (either side's stretch is enough). An empty boundary has no
// neighbours. Holes count as outline, so an enclave is its host's neighbour.
func Adjacency(boundaries []orb.MultiPolygon) ([][]int, error) {
	pts, off, owner := flatRings(boundaries)
	out := make([][]int, len(boundaries))
	if len(pts) == 0 {
		return out, nil
	}
	ix, err := gridindex.NewPolylines(pts, off, 4*AdjacentTolM, 0)
	if err != nil {
		return nil, err
	}
	for k, m := range sharedLengths(ix, pts, off, owner) {
		if m >= AdjacentMinM {
			out[k[0]] = append(out[k[0]], k[1])
			out[k[1]] = append(out[k[1]], k[0])
		}
	}
	for i := range out {
		slices.Sort(out[i])
		out[i] = slices.Compact(out[i])
	}
	return out, nil
}

// sharedLengths returns, per ordered pair of boundaries (a, b), the metres of a's
// outline within AdjacentTolM of b's, the rings shared out over GOMAXPROCS goroutines.
func sharedLengths(ix *gridindex.Index, pts []orb.Point, off []int32, owner []int) map[[2]int]float64 {
	workers := runtime.GOMAXPROCS(0)
	parts := make([]map[[2]int]float64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			shared := map[[2]int]float64{}
			for r := w; r+1 < len(off); r += workers {
				a := owner[r]
				ring := pts[off[r]:off[r+1]]
				for i := 0; i+1 < len(ring); i++ {
					sampleSegment(ring[i], ring[i+1], func(p orb.Point, step float64) {
						for _, b := range closeOwners(ix, pts, owner, off, p, a) {
							shared[[2]int{a, b}] += step
						}
					})
				}
			}
			parts[w] = shared
		}()
	}
	wg.Wait()
	all := parts[0]
	for _, part := range parts[1:] {
		for k, m := range part {
			all[k] += m
		}
	}
	return all
}

// flatRings lays every ring of every boundary out flat for gridindex.NewPolylines: ring r
// is pts[off[r]:off[r+1]] and belongs to boundary owner[r].
func flatRings(boundaries []orb.MultiPolygon) (pts []orb.Point, off []int32, owner []int) {
	off = []int32{0}
	for b, mp := range boundaries {
		for _, poly := range mp {
			for _, ring := range poly {
				if len(ring) < 2 {
					continue
				}
				pts = append(pts, ring...)
				off = append(off, int32(len(pts)))
				owner = append(owner, b)
			}
		}
	}
	return pts, off, owner
}

// sampleSegment calls fn with points along a → b (lon, lat) no more than adjacentStepM
// apart, a included and b not, each with the metres of the segment it stands for.
func sampleSegment(a, b orb.Point, fn func(p orb.Point, step float64)) {
	pl := local.NewPlane(a)
	x, y := pl.XY(b)
	l := math.Hypot(x, y)
	n := max(1, int(math.Ceil(l/adjacentStepM)))
	for k := range n {
		t := float64(k) / float64(n)
		fn(orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}, l/float64(n))
	}
}

// closeOwners returns the boundaries other than self with a segment within AdjacentTolM
// metres of p, each once.
func closeOwners(ix *gridindex.Index, pts []orb.Point, owner []int, off []int32, p orb.Point, self int) []int {
	var found []int
	pl := local.NewPlane(p)
	ix.Near(p, AdjacentTolM, func(items []int32) {
		for _, s := range items {
			b := owner[ringOf(off, s)]
			if b == self || slices.Contains(found, b) {
				continue
			}
			if segmentDistM(pl, pts[s], pts[s+1]) <= AdjacentTolM {
				found = append(found, b)
			}
		}
	})
	return found
}

// ringOf returns the ring holding segment s (the index of its first point).
func ringOf(off []int32, s int32) int {
	r, _ := slices.BinarySearch(off, s+1)
	return r - 1
}

// segmentDistM is the distance in metres from the plane's origin to the segment a → b
// (lon, lat), in the plane.
func segmentDistM(pl local.Plane, a, b orb.Point) float64 {
	ax, ay := pl.XY(a)
	bx, by := pl.XY(b)
	dx, dy := bx-ax, by-ay
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = math.Max(0, math.Min(1, -(ax*dx+ay*dy)/l2))
	}
	return math.Hypot(ax+t*dx, ay+t*dy)
}
