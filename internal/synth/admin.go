package synth

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/lifecircle/lifecircle/geo"
)

// DistrictCode is the 6-digit division code of the synthetic district; its streets are
// DistrictCode + "001" … "011" and their communities add three more digits.
const DistrictCode = "510104"

// StreetCount is the number of streets (街道) of every synthetic district: the "11" of
// "1+11+N+X".
const StreetCount = 11

// communityPlan is a community while the district is being built: a rectangle of
// superblocks, local metres.
type communityPlan struct {
	r          rect
	cg, rg     int // column and row group
	street     int
	code, name string
	compounds  []int // indices into gen.compounds
	hasStation bool  // gets a community-level station
	unit       geo.Community
}

// streetPlan is a street: a rectangle of communities.
type streetPlan struct {
	r           rect
	code, name  string
	communities []int
}

// admin is the division of the district into streets and communities. Communities tile
// the grid: column group c spans superblock columns colStart[c] .. colStart[c+1]-1.
type admin struct {
	colStart, rowStart []int
	colGroup, rowGroup []int // group of each superblock column and row
	commAt             []int // community index by cg + rg*groups-across
	comm               []communityPlan
	streets            []streetPlan
}

// newAdmin groups superblocks into communities of one to three columns and rows (the
// river row never alone) and communities into 11 rectangular streets. It fails with
// EINVALID when the grid is too small for 11 streets.
func newAdmin(rng *rand.Rand, g *grid, names *namer) (*admin, error) {
	a := &admin{colStart: groupRuns(rng, g.cols(), -1), rowStart: groupRuns(rng, g.rows(), g.river)}
	a.colGroup, a.rowGroup = runIndex(a.colStart), runIndex(a.rowStart)
	nc, nr := len(a.colStart)-1, len(a.rowStart)-1
	bands, ok := bestBands(nc, nr, g.width(), g.height())
	if !ok {
		return nil, geo.Errorf(geo.EINVALID, "synth: a %d × %d grid of communities cannot hold %d streets; raise Nodes", nc, nr, StreetCount)
	}
	a.commAt = make([]int, nc*nr)
	for b := 0; b < bands; b++ {
		r0, r1 := split(nr, bands, b)
		per := streetsInBand(bands, b)
		for s := 0; s < per; s++ {
			c0, c1 := split(nc, per, s)
			a.addStreet(g, names, c0, c1, r0, r1)
		}
	}
	return a, nil
}

// addStreet adds the street made of community groups [c0, c1) × [r0, r1) and numbers
// its communities from the south-west, row by row.
func (a *admin) addStreet(g *grid, names *namer, c0, c1, r0, r1 int) {
	st := streetPlan{
		code: fmt.Sprintf("%s%03d", DistrictCode, len(a.streets)+1),
		name: names.unique() + "街道",
		r:    rect{g.xs[a.colStart[c0]].at, g.ys[a.rowStart[r0]].at, g.xs[a.colStart[c1]].at, g.ys[a.rowStart[r1]].at},
	}
	nc := len(a.colStart) - 1
	for rg := r0; rg < r1; rg++ {
		for cg := c0; cg < c1; cg++ {
			a.commAt[cg+rg*nc] = len(a.comm)
			st.communities = append(st.communities, len(a.comm))
			a.comm = append(a.comm, communityPlan{
				cg: cg, rg: rg, street: len(a.streets),
				code: fmt.Sprintf("%s%03d", st.code, len(st.communities)),
				name: names.unique() + "社区",
				r:    rect{g.xs[a.colStart[cg]].at, g.ys[a.rowStart[rg]].at, g.xs[a.colStart[cg+1]].at, g.ys[a.rowStart[rg+1]].at},
			})
		}
	}
	a.streets = append(a.streets, st)
}

// communityOf returns the community holding superblock (i, j).
func (a *admin) communityOf(i, j int) int {
	return a.commAt[a.colGroup[i]+a.rowGroup[j]*(len(a.colStart)-1)]
}

// groupRuns cuts n items into runs of 1–3 (2 on average) and returns the run starts
// followed by n. The item keep (if ≥ 0) never forms a run alone.
func groupRuns(rng *rand.Rand, n, keep int) []int {
	sizes := [...]int{1, 2, 2, 3}
	starts := []int{0}
	for at := 0; at < n; {
		at = min(n, at+sizes[rng.IntN(len(sizes))])
		starts = append(starts, at)
	}
	for k := 0; keep >= 0 && k+1 < len(starts); k++ {
		if starts[k] == keep && starts[k+1] == keep+1 && len(starts) > 2 {
			drop := k + 1 // merge with the next run
			if k+2 == len(starts) {
				drop = k // the last run: merge with the previous one
			}
			starts = append(starts[:drop], starts[drop+1:]...)
			break
		}
	}
	return starts
}

// runIndex maps every item to its run, given the run starts.
func runIndex(starts []int) []int {
	idx := make([]int, starts[len(starts)-1])
	for k := 0; k+1 < len(starts); k++ {
		for i := starts[k]; i < starts[k+1]; i++ {
			idx[i] = k
		}
	}
	return idx
}

// bestBands picks how many horizontal bands of streets to cut an nc × nr grid of
// communities (w × h metres) into so that streets come out closest to square.
func bestBands(nc, nr int, w, h float64) (int, bool) {
	best, bestScore := 0, math.Inf(1)
	for b := 1; b <= min(StreetCount, nr); b++ {
		if streetsInBand(b, 0) > nc {
			continue
		}
		score := math.Abs(math.Log((h / float64(b)) / (w / float64(streetsInBand(b, 0)))))
		if score < bestScore {
			best, bestScore = b, score
		}
	}
	return best, best > 0
}

// streetsInBand returns how many of the 11 streets band b of bands gets (the first bands
// take the remainder).
func streetsInBand(bands, b int) int {
	n := StreetCount / bands
	if b < StreetCount%bands {
		n++
	}
	return n
}

// split returns the k-th of parts near-equal ranges of [0, n).
func split(n, parts, k int) (int, int) {
	return k * n / parts, (k + 1) * n / parts
}
