package synth

import (
	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

// District is a generated district. All coordinates are WGS84 (lon, lat) degrees, all
// lengths metres.
type District struct {
	Nodes       []geo.WalkNode // IDs 1..len(Nodes), in order
	Edges       []geo.WalkEdge // IDs 1..len(Edges); LengthM = geo.LineLengthM(Geometry)
	Ways        []Way          // the OSM ways the edges make up, in edge order
	Streets     []geo.Street   // exactly 11, codes DistrictCode+"001" … "011"
	Communities []geo.Community
	Compounds   []geo.Compound
	Residential []geo.ResidentialArea // one landuse polygon per compound
	Stations    []geo.Station
	Outlets     []geo.Outlet
}

// Way is one OSM way of the network: a chain of consecutive edges, each starting at the
// node where the previous one ends.
type Way struct {
	ID      int64  // the OSMWayID of its edges
	Highway string // OSM highway value
	Name    string // Chinese name of arterials and branch roads; "" for lanes and paths
	Bridge  bool   // crosses the river (OSM bridge=yes, layer=1)
	First   int    // index in District.Edges of its first edge
	Count   int    // number of edges: District.Edges[First : First+Count]
}

// gen holds the district while it is being generated.
type gen struct {
	cfg          Config
	names        *namer
	districtName string
	g            grid
	adm          *admin
	b            *builder
	inter        []int32   // intersection node by i + j*len(xs)
	vside        [][]int32 // nodes along vertical line i, row j: i + j*len(xs)
	hside        [][]int32 // nodes along horizontal line j, column i: i + j*cols
	comps        []compoundPlan
}

// Generate builds the district cfg describes. The result depends only on cfg: the same
// Config gives the same District. Coordinates are WGS84 (lon, lat) degrees, lengths
// metres. It returns an EINVALID *geo.Error for a nonsense Config (Nodes outside
// [MinNodes, MaxNodes], too few stations or outlets, empty or duplicate category keys, an
// origin too near a pole or the antimeridian).
func Generate(cfg Config) (*District, error) {
	if len(cfg.Categories) == 0 {
		cats, err := bundledCategories()
		if err != nil {
			return nil, err
		}
		cfg.Categories = cats.Keys()
	}
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	e := &gen{cfg: cfg, names: newNamer(stream(cfg.Seed, 1))}
	e.districtName = e.names.unique() + "区"
	e.g = newGrid(stream(cfg.Seed, 2), cfg.Nodes, e.names)
	if e.adm, err = newAdmin(stream(cfg.Seed, 3), &e.g, e.names); err != nil {
		return nil, err
	}
	e.b = newBuilder(newFrame(cfg.Origin, e.g.height()), cfg.Nodes+cfg.Nodes/8)
	e.choosePark(stream(cfg.Seed, 4))
	e.buildArterials(stream(cfg.Seed, 5))
	e.buildRiverPaths(stream(cfg.Seed, 6))
	e.buildBlocks()
	e.fillCommunities(stream(cfg.Seed, 7))
	fronts := newFrontages(&e.g)
	d := &District{Nodes: e.b.nodes, Edges: e.b.edges, Ways: e.b.ways}
	d.Stations = e.placeStations(stream(cfg.Seed, 8), fronts)
	d.Outlets = e.placeOutlets(stream(cfg.Seed, 9), fronts)
	e.units(d)
	return d, nil
}

// units copies streets, communities, compounds and residential land into d.
func (e *gen) units(d *District) {
	f := e.b.f
	for _, s := range e.adm.streets {
		d.Streets = append(d.Streets, geo.Street{Code: s.code, Name: s.name, DistrictCode: DistrictCode, Boundary: f.polygon(s.r)})
	}
	for _, c := range e.adm.comm {
		d.Communities = append(d.Communities, c.unit)
	}
	d.Compounds = make([]geo.Compound, 0, len(e.comps))
	d.Residential = make([]geo.ResidentialArea, 0, len(e.comps))
	for _, c := range e.comps {
		cc := e.adm.comm[c.community]
		d.Compounds = append(d.Compounds, geo.Compound{
			ID: c.id, Name: c.name, CommunityCode: cc.code, Households: c.households,
			Population: c.population, Polygon: f.polygon(c.r), Source: "synth",
		})
		d.Residential = append(d.Residential, geo.ResidentialArea{ID: "R" + c.id, Kind: "landuse", Polygon: f.polygon(c.r.inset(3))})
	}
}

// Bound returns the smallest WGS84 (lon, lat) bound holding every node, community
// boundary, station and outlet of d.
func (d *District) Bound() orb.Bound {
	var b orb.Bound
	first := true
	extend := func(p orb.Point) {
		if first {
			b, first = orb.Bound{Min: p, Max: p}, false
			return
		}
		b = b.Extend(p)
	}
	for _, n := range d.Nodes {
		extend(n.Point)
	}
	for _, c := range d.Communities {
		if len(c.Boundary) > 0 {
			cb := c.Boundary.Bound()
			extend(cb.Min)
			extend(cb.Max)
		}
	}
	for _, s := range d.Stations {
		extend(s.Point)
	}
	for _, o := range d.Outlets {
		extend(o.Point)
	}
	return b
}
