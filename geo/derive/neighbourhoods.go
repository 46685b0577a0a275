package derive

import (
	"fmt"
	"math"
	"sort"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

// DerivedDistrictCode is the made-up 6-digit district code of derived neighbourhoods: it
// is no real division, so derived units never collide with imported ones.
const DerivedDistrictCode = "990000"

// Block is a unit of land to turn into a derived community: land enclosed by major roads.
type Block struct {
	Polygon       orb.MultiPolygon // WGS84 (lon, lat)
	Centre        orb.Point        // a point inside it, WGS84 (lon, lat)
	AreaM2        float64          // its area, m²
	ResidentialM2 float64          // residential land in it, m²
}

// NeighbourhoodOptions tune Neighbourhoods.
type NeighbourhoodOptions struct {
	Streets         int     // how many streets to group the blocks into (default 11, the "11" of 1+11+N+X)
	PersonsPerHa    float64 // residents per hectare of residential land (default 250, a mid-rise Chinese compound)
	PersonsPerHouse float64 // persons per household (default 2.62)
	MinPopulation   int     // every block gets at least this many residents (default 0)
}

func (o NeighbourhoodOptions) withDefaults() NeighbourhoodOptions {
	if o.Streets <= 0 {
		o.Streets = 11
	}
	if o.PersonsPerHa <= 0 {
		o.PersonsPerHa = 250
	}
	if o.PersonsPerHouse <= 0 {
		o.PersonsPerHouse = 2.62
	}
	return o
}

// Neighbourhoods turns blocks into illustrative communities grouped into streets: codes
// under DerivedDistrictCode, names 邻里单元 n, population from residential land at
// PersonsPerHa. Streets are contiguous bands: blocks are ordered in a serpentine over
// north–south strips (by their centres' longitude and latitude, WGS84 degrees) and cut
// into equal runs. Boundaries are the blocks' polygons, WGS84 (lon, lat); streets have no
// boundary. Everything it makes has Source "derived".
func Neighbourhoods(blocks []Block, o NeighbourhoodOptions) ([]geo.Community, []geo.Street) {
	o = o.withDefaults()
	if len(blocks) == 0 {
		return nil, nil
	}
	order := serpentine(blocks, o.Streets)
	nStreets := min(o.Streets, len(blocks))
	streets := make([]geo.Street, nStreets)
	for s := range streets {
		streets[s] = geo.Street{Code: fmt.Sprintf("%s%03d", DerivedDistrictCode, s+1),
			Name: fmt.Sprintf("示例街道%d", s+1), DistrictCode: DerivedDistrictCode}
	}
	comms := make([]geo.Community, len(order))
	for rank, bi := range order {
		b := blocks[bi]
		s := rank * nStreets / len(order)
		pop := int(math.Round(b.ResidentialM2 / 1e4 * o.PersonsPerHa))
		pop = max(pop, o.MinPopulation)
		comms[rank] = geo.Community{
			Code: fmt.Sprintf("%s%03d", streets[s].Code, rank+1), Name: fmt.Sprintf("邻里单元%d", rank+1),
			StreetCode: streets[s].Code, StreetName: streets[s].Name, Population: pop,
			Households: int(math.Round(float64(pop) / o.PersonsPerHouse)), Boundary: b.Polygon, Source: "derived",
		}
	}
	return comms, streets
}

// serpentine orders blocks strip by strip (west to east), alternating north–south
// direction, so consecutive blocks are neighbours.
func serpentine(blocks []Block, strips int) []int {
	var b orb.Bound
	for i, bl := range blocks {
		if i == 0 {
			b = bl.Centre.Bound()
		}
		b = b.Extend(bl.Centre)
	}
	width := (b.Max[0] - b.Min[0]) / float64(strips)
	strip := func(i int) int {
		if width == 0 {
			return 0
		}
		return min(int((blocks[i].Centre[0]-b.Min[0])/width), strips-1)
	}
	idx := make([]int, len(blocks))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(x, y int) bool {
		sx, sy := strip(idx[x]), strip(idx[y])
		if sx != sy {
			return sx < sy
		}
		if sx%2 == 0 {
			return blocks[idx[x]].Centre[1] > blocks[idx[y]].Centre[1]
		}
		return blocks[idx[x]].Centre[1] < blocks[idx[y]].Centre[1]
	})
	return idx
}
