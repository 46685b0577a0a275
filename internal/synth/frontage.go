package synth

import (
	"fmt"
	"math/rand/v2"
	"sort"

	"github.com/paulmach/orb"
)

// commercialWeight is how much more a side on a shopping arterial draws shops than
// another side of the same length.
const commercialWeight = 5

// frontage is one side of a non-river superblock: the ground floors facing an arterial.
type frontage struct {
	i, j, side int
}

// frontages samples superblock sides in proportion to length, shopping streets weighing
// commercialWeight times more, so shops cluster along them like real ones.
type frontages struct {
	list []frontage
	cum  []float64
}

// newFrontages lists the sides of every home and park block of g.
func newFrontages(g *grid) frontages {
	var fs frontages
	total := 0.0
	for j := 0; j < g.rows(); j++ {
		for i := 0; i < g.cols(); i++ {
			if g.kind[i+j*g.cols()] == blockRiver {
				continue
			}
			for s := south; s <= west; s++ {
				ln, length := g.sideLine(i, j, s)
				w := length
				if ln.commercial {
					w *= commercialWeight
				}
				total += w
				fs.list = append(fs.list, frontage{i, j, s})
				fs.cum = append(fs.cum, total)
			}
		}
	}
	return fs
}

// sample draws a frontage.
func (fs frontages) sample(rng *rand.Rand) frontage {
	x := rng.Float64() * fs.cum[len(fs.cum)-1]
	k := sort.SearchFloat64s(fs.cum, x)
	return fs.list[min(k, len(fs.list)-1)]
}

// sideLine returns the arterial along side s of superblock (i, j) and the side's length
// in metres.
func (g *grid) sideLine(i, j, s int) (line, float64) {
	b := g.block(i, j)
	switch s {
	case south:
		return g.ys[j], b.w()
	case north:
		return g.ys[j+1], b.w()
	case west:
		return g.xs[i], b.h()
	}
	return g.xs[i+1], b.h()
}

// point returns the local point at fraction t along frontage f (west→east or
// south→north), set back offset metres from the arterial's centre line into the block.
func (g *grid) point(f frontage, t, offset float64) orb.Point {
	b := g.block(f.i, f.j)
	switch f.side {
	case south:
		return orb.Point{b.x0 + t*b.w(), b.y0 + offset}
	case north:
		return orb.Point{b.x0 + t*b.w(), b.y1 - offset}
	case west:
		return orb.Point{b.x0 + offset, b.y0 + t*b.h()}
	}
	return orb.Point{b.x1 - offset, b.y0 + t*b.h()}
}

// address returns a street address for the point at fraction t along frontage f, such
// as 春林大道128号: odd numbers on one side of the road, even on the other.
func (g *grid) address(f frontage, t float64) string {
	ln, length := g.sideLine(f.i, f.j, f.side)
	var start float64
	if f.side == south || f.side == north {
		start = g.block(f.i, f.j).x0
	} else {
		start = g.block(f.i, f.j).y0
	}
	n := int((start+t*length)/10)*2 + 1
	if f.side == south || f.side == west {
		n++ // even numbers on the north and east sides of a road
	}
	return fmt.Sprintf("%s%d号", ln.name, n)
}
