package walk

import (
	"math/bits"

	"github.com/paulmach/orb"
)

// hilbertOrder returns the indexes of pts sorted along a Hilbert curve over their
// bounding box, ties by index: neighbours on the ground end up near each other in memory.
// The curve has about one cell per point (at most 65 536 × 65 536), and a counting sort
// keeps the whole step linear.
func hilbertOrder(pts []orb.Point) []int32 {
	if len(pts) == 0 {
		return nil
	}
	b := orb.Bound{Min: pts[0], Max: pts[0]}
	for _, p := range pts {
		b = b.Extend(p)
	}
	k := min((bits.Len(uint(len(pts)))+1)/2, 16) // 4^k ≈ len(pts)
	side := uint32(1) << k
	sx, sy := 0.0, 0.0
	if w := b.Max[0] - b.Min[0]; w > 0 {
		sx = float64(side-1) / w
	}
	if h := b.Max[1] - b.Min[1]; h > 0 {
		sy = float64(side-1) / h
	}
	keys := make([]uint32, len(pts))
	count := make([]int32, int(side)*int(side)+1)
	for i, p := range pts {
		x, y := uint32((p[0]-b.Min[0])*sx), uint32((p[1]-b.Min[1])*sy)
		keys[i] = hilbertD(side, x, y)
		count[keys[i]+1]++
	}
	for c := 1; c < len(count); c++ {
		count[c] += count[c-1]
	}
	order := make([]int32, len(pts))
	for i, key := range keys {
		order[count[key]] = int32(i)
		count[key]++
	}
	return order
}

// hilbertD returns the distance along the Hilbert curve of an n × n grid (n a power of
// two) of cell (x, y).
func hilbertD(n, x, y uint32) uint32 {
	var d uint32
	for s := n / 2; s > 0; s /= 2 {
		var rx, ry uint32
		if x&s != 0 {
			rx = 1
		}
		if y&s != 0 {
			ry = 1
		}
		d += s * s * ((3 * rx) ^ ry)
		if ry == 0 {
			if rx == 1 {
				x, y = n-1-x, n-1-y
			}
			x, y = y, x
		}
	}
	return d
}
