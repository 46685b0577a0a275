package synth

import (
	"math"
	"math/rand/v2"

	"github.com/lifecircle/lifecircle/geo"
)

// blockKind says what fills a superblock.
type blockKind uint8

const (
	blockHomes blockKind = iota // residential compounds
	blockPark                   // a park with curved paths
	blockRiver                  // the river and its banks
)

// Layout constants, metres.
const (
	arterialMinM = 400 // spacing of the arterial grid
	arterialMaxM = 600
	riverRowMinM = 220 // the superblock row the river takes
	riverRowMaxM = 300
	bridgeEveryM = 3000 // about one bridge per this much river
	// riverNodesPerM estimates the walk nodes per metre of river row (both bank paths
	// and their connectors), for sizing.
	riverNodesPerM = 0.045
)

// line is one arterial road of the grid: vertical lines sit at x = at, horizontal ones at
// y = at.
type line struct {
	at         float64
	highway    geo.Highway
	name       string
	commercial bool // shops cluster along it
}

// grid is the arterial grid: superblock (i, j) lies between vertical lines i, i+1 and
// horizontal lines j, j+1.
type grid struct {
	xs, ys []line
	river  int         // superblock row the river runs through
	bridge []bool      // per vertical line: it crosses the river on a bridge
	kind   []blockKind // per superblock, index i + j*(len(xs)-1)
}

// cols and rows return the number of superblock columns and rows.
func (g *grid) cols() int { return len(g.xs) - 1 }
func (g *grid) rows() int { return len(g.ys) - 1 }

// block returns superblock (i, j) in local metres.
func (g *grid) block(i, j int) rect {
	return rect{g.xs[i].at, g.ys[j].at, g.xs[i+1].at, g.ys[j+1].at}
}

// width and height return the district's extent in metres.
func (g *grid) width() float64  { return g.xs[len(g.xs)-1].at }
func (g *grid) height() float64 { return g.ys[len(g.ys)-1].at }

// newGrid lays out the arterial lines so that the district holds about nodes walk nodes
// at nodesPerKm2: square-ish, with one narrower row for the river.
func newGrid(rng *rand.Rand, nodes int, names *namer) grid {
	perM2 := float64(nodesPerKm2) / 1e6
	side := math.Sqrt(float64(nodes) / perM2)
	var g grid
	cols := max(4, int(math.Round(side/500)))
	at := 0.0
	for i := 0; i <= cols; i++ {
		g.xs = append(g.xs, line{at: at})
		at += uniform(rng, arterialMinM, arterialMaxM)
	}
	w := g.width()
	g.river = max(1, int(math.Round(float64(nodes)/perM2/w/500*uniform(rng, 0.35, 0.65))))
	g.ys = rowLines(rng, float64(nodes), perM2*w, riverNodesPerM*w, g.river)
	g.nameLines(rng, names)
	g.placeBridges(rng)
	g.kind = make([]blockKind, g.cols()*g.rows())
	for i := 0; i < g.cols(); i++ {
		g.kind[i+g.river*g.cols()] = blockRiver
	}
	return g
}

// rowLines returns the horizontal lines: rows are added until they hold about nodes walk
// nodes at perM nodes per metre of row height (the river row, number river, holds
// riverNodes); the last rows are sized to hit the target rather than drawn at random.
func rowLines(rng *rand.Rand, nodes, perM, riverNodes float64, river int) []line {
	const lastMin, lastMax = 300.0, 700.0
	var ys []line
	est, at := 0.0, 0.0
	for j := 0; ; j++ {
		ys = append(ys, line{at: at})
		rem := (nodes - est) / perM // metres of rows still wanted
		var h float64
		switch {
		case j == river:
			h = uniform(rng, riverRowMinM, riverRowMaxM)
			est += riverNodes
			at += h
			continue
		case j > river && rem <= lastMax:
			h = math.Max(rem, lastMin)
		case j > river && rem < lastMax+arterialMaxM:
			h = rem / 2
		default:
			h = uniform(rng, arterialMinM, arterialMaxM)
		}
		est += h * perM
		at += h
		if j > river && rem <= lastMax {
			return append(ys, line{at: at})
		}
	}
}

// nameLines gives every arterial a highway class, a Chinese name and a shopping flag.
// Every fourth line and the district's edges are primary, the others secondary.
func (g *grid) nameLines(rng *rand.Rand, names *namer) {
	for _, set := range []struct {
		ls       []line
		vertical bool
	}{{g.xs, true}, {g.ys, false}} {
		for k := range set.ls {
			l := &set.ls[k]
			l.highway = geo.HighwaySecondary
			if k%4 == 0 || k == len(set.ls)-1 {
				l.highway = geo.HighwayPrimary
			}
			l.name = names.road(rng, l.highway == geo.HighwayPrimary, set.vertical)
			l.commercial = chance(rng, 0.3)
		}
	}
}

// placeBridges picks the vertical lines that cross the river: about one per bridgeEveryM
// of river, at least two, spread along it.
func (g *grid) placeBridges(rng *rand.Rand) {
	g.bridge = make([]bool, len(g.xs))
	inner := len(g.xs) - 2 // lines 1 .. len-2
	nb := min(inner, max(2, int(math.Round(g.width()/bridgeEveryM))))
	for k := 0; k < nb; k++ {
		lo, hi := 1+k*inner/nb, 1+(k+1)*inner/nb
		g.bridge[lo+rng.IntN(hi-lo)] = true
	}
}
