package derive

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// DerivedDistrictCode is the made-up 6-digit district code of derived neighbourhoods when
// no district is known: it is no real division, so derived units never collide with
// imported ones. With districts, each gets its own made-up code (DerivedCode).
const DerivedDistrictCode = "990000"

// IllustrativeMark is the word every made-up name carries (示例, "illustrative").
const IllustrativeMark = "示例"

// Block is a unit of land to turn into a derived community: land enclosed by major roads.
type Block struct {
	Polygon       orb.MultiPolygon // WGS84 (lon, lat)
	Centre        orb.Point        // a point inside it, WGS84 (lon, lat)
	AreaM2        float64          // its area, m²
	ResidentialM2 float64          // residential land in it, m²
}

// Area is a district the derived units are grouped in.
type Area struct {
	Code     string           // its 6-digit division code, e.g. 510104
	Name     string           // e.g. 锦江区
	Boundary orb.MultiPolygon // WGS84 (lon, lat)
	Streets  int              // its streets as loaded from a file; 0: derived from the unit count
}

// NeighbourhoodOptions tune Neighbourhoods.
type NeighbourhoodOptions struct {
	// Areas are the districts: a block belongs to the one that holds its centre, blocks in
	// none are left out (Derivation.Outside). Without areas, all blocks form one district
	// coded DerivedDistrictCode.
	Areas []Area
	// Streets, when > 0, is every area's street count (tests); else an area's Streets,
	// else one street per UnitsPerStreet units.
	Streets         int
	UnitsPerStreet  int     // units per derived street (default 8, an assumption: a street office serves several communities)
	PersonsPerHa    float64 // residents per hectare of residential land (default 250, a mid-rise Chinese compound)
	PersonsPerHouse float64 // persons per household (default 2.62)
	MinPopulation   int     // every block gets at least this many residents (default 0)
}

func (o NeighbourhoodOptions) withDefaults() NeighbourhoodOptions {
	if o.UnitsPerStreet <= 0 {
		o.UnitsPerStreet = 8
	}
	if o.PersonsPerHa <= 0 {
		o.PersonsPerHa = 250
	}
	if o.PersonsPerHouse <= 0 {
		o.PersonsPerHouse = 2.62
	}
	return o
}

// Derivation is what Neighbourhoods made: the units, their streets, and how many blocks
// lay outside every area (left out).
type Derivation struct {
	Communities []geo.Community
	Streets     []geo.Street
	Outside     int
}

// DerivedCode is the made-up district code of the units derived in the district code:
// 99 and its last four digits (510104 → 990104), no real division; DerivedDistrictCode
// when code is not 6 digits.
func DerivedCode(code string) string {
	if len(code) != 6 {
		return DerivedDistrictCode
	}
	return "99" + code[2:]
}

// Neighbourhoods turns blocks into illustrative communities grouped into streets, area by
// area: codes under the area's DerivedCode (street 990104001, unit 990104001001), names
// that say they are made up (锦江区示例街道02, 锦江区示例社区03), population from
// residential land at PersonsPerHa. Streets are contiguous bands: an area's blocks are
// ordered in a serpentine over north–south strips (by their centres' longitude and
// latitude, WGS84 degrees) and cut into equal runs. Boundaries are the blocks' polygons,
// WGS84 (lon, lat); streets have no boundary. Everything it makes has Source "derived".
func Neighbourhoods(blocks []Block, o NeighbourhoodOptions) Derivation {
	o = o.withDefaults()
	areas, groups, outside := assign(blocks, o.Areas)
	d := Derivation{Outside: outside}
	used := map[string]bool{}
	for i, a := range areas {
		if len(groups[i]) == 0 {
			continue
		}
		code := DerivedCode(a.Code)
		for n := 1; used[code]; n++ { // two districts sharing their last four digits
			code = fmt.Sprintf("99%04d", 10000-n)
		}
		used[code] = true
		cs, ss := areaUnits(groups[i], a, code, o)
		d.Communities, d.Streets = append(d.Communities, cs...), append(d.Streets, ss...)
	}
	return d
}

// assign puts each block in the first area holding its centre; without areas all blocks
// are in one unnamed area.
func assign(blocks []Block, areas []Area) ([]Area, [][]Block, int) {
	if len(areas) == 0 {
		return []Area{{}}, [][]Block{blocks}, 0
	}
	groups := make([][]Block, len(areas))
	outside := 0
	for _, b := range blocks {
		in := -1
		for i, a := range areas {
			if b.Centre.Bound().Intersects(a.Boundary.Bound()) && planar.MultiPolygonContains(a.Boundary, b.Centre) {
				in = i
				break
			}
		}
		if in < 0 {
			outside++
			continue
		}
		groups[in] = append(groups[in], b)
	}
	return areas, groups, outside
}

// areaUnits derives one area's units and streets under the made-up district code.
func areaUnits(blocks []Block, a Area, code string, o NeighbourhoodOptions) ([]geo.Community, []geo.Street) {
	n := o.Streets
	if n <= 0 {
		n = a.Streets
	}
	if n <= 0 {
		n = int(math.Ceil(float64(len(blocks)) / float64(o.UnitsPerStreet)))
	}
	n = max(1, min(n, len(blocks)))
	order := serpentine(blocks, n)
	streets := make([]geo.Street, n)
	for s := range streets {
		streets[s] = geo.Street{Code: fmt.Sprintf("%s%03d", code, s+1),
			Name: fmt.Sprintf("%s%s街道%02d", a.Name, IllustrativeMark, s+1), DistrictCode: code}
	}
	comms := make([]geo.Community, len(order))
	inStreet := make([]int, n)
	for rank, bi := range order {
		b := blocks[bi]
		s := rank * n / len(order)
		inStreet[s]++
		pop := max(int(math.Round(b.ResidentialM2/1e4*o.PersonsPerHa)), o.MinPopulation)
		comms[rank] = geo.Community{
			Code:       fmt.Sprintf("%s%03d", streets[s].Code, inStreet[s]),
			Name:       fmt.Sprintf("%s%s社区%02d", a.Name, IllustrativeMark, rank+1),
			StreetCode: streets[s].Code, StreetName: streets[s].Name, Population: pop,
			Households: int(math.Round(float64(pop) / o.PersonsPerHouse)), Boundary: b.Polygon, Source: "derived",
		}
	}
	return comms, streets
}

// illustrativeName is base named once as illustrative: 示例 before it, and a 示例 it
// already carries (a derived unit's name) taken out, so the word is never doubled.
func illustrativeName(base, suffix string) string {
	return IllustrativeMark + strings.Replace(base, IllustrativeMark, "", 1) + suffix
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
