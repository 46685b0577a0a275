package postgis_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/lifecircle/lifecircle/internal/synth"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/paulmach/orb"
	"google.golang.org/protobuf/encoding/protowire"
)

// The tile fixture: a few hand-made ways of every road class, one residential area and one
// community, all within 100 m of the centre of one zoom-16 tile.
const fixtureZoom = 16

var fixtureAnchor = orb.Point{104.0652, 30.6581} // WGS84 (lon, lat), in Chengdu

// tileOf returns the XYZ tile at zoom z holding p (the web-map formulas, independent of PostGIS).
func tileOf(p orb.Point, z int) (x, y int) {
	n := math.Exp2(float64(z))
	fx, fy := mercatorFraction(p)
	return int(fx * n), int(fy * n)
}

// mercatorFraction returns p's position in the Web Mercator world square, 0–1 from the
// north-west corner.
func mercatorFraction(p orb.Point) (fx, fy float64) {
	lat := p[1] * math.Pi / 180
	return (p[0] + 180) / 360, (1 - math.Log(math.Tan(lat)+1/math.Cos(lat))/math.Pi) / 2
}

// tileUnits returns p in tile z/x/y's coordinates (0–4096 across the tile).
func tileUnits(p orb.Point, z, x, y int) (float64, float64) {
	n := math.Exp2(float64(z))
	fx, fy := mercatorFraction(p)
	return (fx*n - float64(x)) * 4096, (fy*n - float64(y)) * 4096
}

// tileCentre returns the (lon, lat) of the centre of tile z/x/y.
func tileCentre(z, x, y int) orb.Point {
	n := math.Exp2(float64(z))
	lon := (float64(x)+0.5)/n*360 - 180
	lat := math.Atan(math.Sinh(math.Pi*(1-2*(float64(y)+0.5)/n))) * 180 / math.Pi
	return orb.Point{lon, lat}
}

// offset returns the point east and north metres from c.
func offset(c orb.Point, east, north float64) orb.Point {
	return local.NewPlane(c).LonLat(east, north)
}

func squareAround(c orb.Point, halfM float64) orb.MultiPolygon {
	sw, ne := offset(c, -halfM, -halfM), offset(c, halfM, halfM)
	return orb.MultiPolygon{{{sw, {ne[0], sw[1]}, ne, {sw[0], ne[1]}, sw}}}
}

type fixtureEdge struct {
	highway, class string
}

// fixtureEdges are the ways, one per edge, from west to east; class is the tile's road
// class for the highway as the tile's documentation defines it.
var fixtureEdges = []fixtureEdge{
	{"primary", "major"}, {"tertiary_link", "major"}, {"residential", "minor"}, {"service", "minor"},
	{"pedestrian", "minor"}, {"footway", "path"}, {"track", "path"}, {"steps", "steps"},
}

// seedTiles imports the fixture into a fresh database and returns the zoom-16 tile's x, y.
func seedTiles(tb testing.TB) (*postgis.DB, int, int) {
	tb.Helper()
	db, _, x, y := seedTilesURL(tb)
	return db, x, y
}

// seedTilesURL is seedTiles that also returns the database's URL.
func seedTilesURL(tb testing.TB) (*postgis.DB, string, int, int) {
	tb.Helper()
	db, url := postgistest.New(tb)
	x, y := tileOf(fixtureAnchor, fixtureZoom)
	c := tileCentre(fixtureZoom, x, y)
	var d postgis.OSMData
	for i := 0; i <= len(fixtureEdges); i++ {
		d.Nodes = append(d.Nodes, geo.WalkNode{ID: int64(i + 1), Point: offset(c, -80+20*float64(i), 10*float64(i%2))})
	}
	for i, fe := range fixtureEdges {
		a, b := d.Nodes[i].Point, d.Nodes[i+1].Point
		d.Edges = append(d.Edges, geo.WalkEdge{ID: int64(i + 1), Source: int64(i + 1), Target: int64(i + 2),
			LengthM: geo.HaversineM(a, b), Highway: fe.highway, OSMWayID: int64(100 + i), Geometry: orb.LineString{a, b}})
	}
	d.Residential = []geo.ResidentialArea{{ID: "osm:w1", Kind: "landuse", Polygon: squareAround(offset(c, 0, -50), 30)}}
	d.Communities = []geo.Community{{Code: "510104001001", Name: "测试社区", Boundary: squareAround(c, 100)}}
	if _, err := db.ImportOSM(context.Background(), postgis.Batch{Kind: "osm", FileName: "tiles.osm"}, d, geo.DefaultWalkModel()); err != nil {
		tb.Fatal(err)
	}
	return db, url, x, y
}

func TestTileLayersByZoom(t *testing.T) {
	db, x16, y16 := seedTiles(t)
	classes := func(cs ...string) []string { return cs }
	tests := []struct {
		name        string
		z           int
		roads       []string // the road classes expected, sorted
		residential int
		communities int
	}{
		{"zoom 16 has every class", 16, classes("major", "major", "minor", "minor", "minor", "path", "path", "steps"), 1, 1},
		{"zoom 14 still has paths", 14, classes("major", "major", "minor", "minor", "minor", "path", "path", "steps"), 1, 1},
		{"zoom 13 drops paths, steps and service roads", 13, classes("major", "major", "minor", "minor"), 1, 1},
		{"zoom 12 keeps major roads only", 12, classes("major", "major"), 1, 1},
		{"zoom 11 keeps major roads only", 11, classes("major", "major"), 1, 1},
		{"zoom 10 drops residential land", 10, classes("major", "major"), 0, 1},
		{"zoom 8 shows communities only", 8, nil, 0, 1},
		// The 200 m community is less than a tile unit (9.8 km) across at zoom 0: dropped.
		{"zoom 0 drops features under a unit", 0, nil, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			shift := fixtureZoom - tc.z
			b, err := db.Tile(context.Background(), tc.z, x16>>shift, y16>>shift)
			if err != nil {
				t.Fatal(err)
			}
			tile := decodeTile(t, b)
			var got []string
			for _, f := range tile["roads"].features {
				got = append(got, f.attrs["class"])
			}
			sort.Strings(got)
			if strings.Join(got, ",") != strings.Join(tc.roads, ",") {
				t.Errorf("road classes %v, want %v", got, tc.roads)
			}
			if n := len(tile["residential"].features); n != tc.residential {
				t.Errorf("residential features = %d, want %d", n, tc.residential)
			}
			if n := len(tile["communities"].features); n != tc.communities {
				t.Errorf("community features = %d, want %d", n, tc.communities)
			}
			for name := range tile {
				if name != "roads" && name != "residential" && name != "communities" {
					t.Errorf("unexpected layer %q", name)
				}
			}
		})
	}
}

func TestTileAttributesAndGeometry(t *testing.T) {
	db, x, y := seedTiles(t)
	tile := decodeTile(t, mustTile(t, db, fixtureZoom, x, y))
	roads := tile["roads"]
	if roads.extent != 4096 || len(roads.features) != len(fixtureEdges) {
		t.Fatalf("roads: extent %d, %d features; want 4096 and one per highway value, %d", roads.extent, len(roads.features), len(fixtureEdges))
	}
	c := tileCentre(fixtureZoom, x, y)
	byHighway := map[string]mvtFeature{}
	for _, f := range roads.features {
		byHighway[f.attrs["highway"]] = f
	}
	for i, fe := range fixtureEdges {
		f, ok := byHighway[fe.highway]
		if !ok {
			t.Errorf("no feature for highway %s", fe.highway)
			continue
		}
		if f.attrs["class"] != fe.class {
			t.Errorf("highway %s: class %q, want %q", fe.highway, f.attrs["class"], fe.class)
		}
		if f.geomType != 2 || f.parts != 1 || len(f.points) != 2 {
			t.Errorf("highway %s: type %d, %d parts, %d points; want one 2-point line", fe.highway, f.geomType, f.parts, len(f.points))
			continue
		}
		// Edge i runs from node i to node i+1; node i lies (−80 + 20 i, 10 (i mod 2)) metres from the tile's centre.
		for j, p := range f.points {
			n := i + j
			wx, wy := tileUnits(offset(c, -80+20*float64(n), 10*float64(n%2)), fixtureZoom, x, y)
			if math.Abs(p[0]-wx) > 1 || math.Abs(p[1]-wy) > 1 {
				t.Errorf("highway %s point %d at %v, want (%.1f, %.1f)", fe.highway, j, p, wx, wy)
			}
		}
	}
	comm := tile["communities"].features
	if len(comm) != 1 || comm[0].attrs["code"] != "510104001001" || comm[0].attrs["name"] != "测试社区" || comm[0].geomType != 3 {
		t.Errorf("communities = %+v", comm)
	}
	res := tile["residential"].features
	if len(res) != 1 || res[0].attrs["kind"] != "landuse" || res[0].geomType != 3 {
		t.Errorf("residential = %+v", res)
	}
}

func TestTileEmptyAndInvalid(t *testing.T) {
	db, x, y := seedTiles(t)
	if b := mustTile(t, db, fixtureZoom, x+3, y); len(b) != 0 {
		t.Errorf("tile away from the data has %d bytes, want 0", len(b))
	}
	tests := []struct {
		name    string
		z, x, y int
	}{
		{"negative zoom", -1, 0, 0},
		{"zoom too deep", 21, 0, 0},
		{"x beyond the zoom", 3, 8, 0},
		{"y beyond the zoom", 3, 0, 8},
		{"negative x", 5, -1, 0},
		{"negative y", 5, 0, -1},
		{"zoom 0 has one tile", 0, 1, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := db.Tile(context.Background(), tc.z, tc.x, tc.y)
			if geo.ErrorCodeOf(err) != geo.EINVALID {
				t.Fatalf("error %v, want EINVALID", err)
			}
		})
	}
}

func mustTile(tb testing.TB, db *postgis.DB, z, x, y int) []byte {
	tb.Helper()
	b, err := db.Tile(context.Background(), z, x, y)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// A minimal Mapbox Vector Tile 2.1 decoder (https://github.com/mapbox/vector-tile-spec),
// enough to check layers, attributes and the first ring or line of each feature.

type mvtLayer struct {
	extent   int
	features []mvtFeature
}

type mvtFeature struct {
	id       uint64
	geomType int // 1 point, 2 line, 3 polygon
	attrs    map[string]string
	parts    int          // MoveTo commands: lines or rings
	points   [][2]float64 // the geometry's vertices, tile units
}

// decodeTile returns the tile's layers by name; it fails the test on malformed bytes or a
// layer named twice.
func decodeTile(tb testing.TB, b []byte) map[string]mvtLayer {
	tb.Helper()
	layers := map[string]mvtLayer{}
	err := eachField(b, func(num protowire.Number, v []byte, _ uint64) error {
		if num != 3 {
			return nil
		}
		name, l, err := decodeLayer(v)
		if err != nil {
			return err
		}
		if _, dup := layers[name]; dup {
			return fmt.Errorf("layer %q twice", name)
		}
		layers[name] = l
		return nil
	})
	if err != nil {
		tb.Fatalf("decode tile: %v", err)
	}
	return layers
}

func decodeLayer(b []byte) (string, mvtLayer, error) {
	var name string
	var keys, values []string
	var raw [][]byte
	l := mvtLayer{extent: 4096}
	err := eachField(b, func(num protowire.Number, v []byte, n uint64) error {
		switch num {
		case 1:
			name = string(v)
		case 2:
			raw = append(raw, v)
		case 3:
			keys = append(keys, string(v))
		case 4:
			values = append(values, decodeValue(v))
		case 5:
			l.extent = int(n)
		}
		return nil
	})
	for _, f := range raw {
		feat, ferr := decodeFeature(f, keys, values)
		if ferr != nil {
			return name, l, ferr
		}
		l.features = append(l.features, feat)
	}
	return name, l, err
}

// decodeValue returns a Value message's string, or any number printed.
func decodeValue(b []byte) string {
	var s string
	_ = eachField(b, func(num protowire.Number, v []byte, n uint64) error {
		switch num {
		case 1:
			s = string(v)
		case 2:
			s = fmt.Sprint(math.Float32frombits(uint32(n)))
		case 3:
			s = fmt.Sprint(math.Float64frombits(n))
		case 6:
			s = fmt.Sprint(protowire.DecodeZigZag(n))
		default:
			s = fmt.Sprint(n)
		}
		return nil
	})
	return s
}

func decodeFeature(b []byte, keys, values []string) (mvtFeature, error) {
	f := mvtFeature{attrs: map[string]string{}}
	var tags, geom []uint64
	err := eachField(b, func(num protowire.Number, v []byte, n uint64) error {
		switch num {
		case 1:
			f.id = n
		case 2:
			tags = packed(v)
		case 3:
			f.geomType = int(n)
		case 4:
			geom = packed(v)
		}
		return nil
	})
	for i := 0; i+1 < len(tags); i += 2 {
		if int(tags[i]) >= len(keys) || int(tags[i+1]) >= len(values) {
			return f, fmt.Errorf("tag %d/%d out of range", tags[i], tags[i+1])
		}
		f.attrs[keys[tags[i]]] = values[tags[i+1]]
	}
	f.parts, f.points = decodeGeometry(geom)
	return f, err
}

// decodeGeometry follows the MoveTo/LineTo/ClosePath commands, returning the number of
// MoveTo commands and every vertex.
func decodeGeometry(cmds []uint64) (int, [][2]float64) {
	var pts [][2]float64
	var x, y int64
	parts := 0
	for i := 0; i < len(cmds); {
		id, count := cmds[i]&7, int(cmds[i]>>3)
		i++
		switch id {
		case 7:
			continue
		case 1:
			parts++
		}
		for ; count > 0 && i+1 < len(cmds); count-- {
			x += protowire.DecodeZigZag(cmds[i])
			y += protowire.DecodeZigZag(cmds[i+1])
			pts = append(pts, [2]float64{float64(x), float64(y)})
			i += 2
		}
	}
	return parts, pts
}

func packed(b []byte) []uint64 {
	var out []uint64
	for len(b) > 0 {
		v, n := protowire.ConsumeVarint(b)
		if n < 0 {
			return out
		}
		out = append(out, v)
		b = b[n:]
	}
	return out
}

// eachField calls fn with every field of a protobuf message: bytes fields with their
// bytes, varint and fixed fields with their number.
func eachField(b []byte, fn func(num protowire.Number, v []byte, n uint64) error) error {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		var v []byte
		var u uint64
		switch typ {
		case protowire.BytesType:
			v, n = protowire.ConsumeBytes(b)
		case protowire.VarintType:
			u, n = protowire.ConsumeVarint(b)
		case protowire.Fixed32Type:
			var u32 uint32
			u32, n = protowire.ConsumeFixed32(b)
			u = uint64(u32)
		case protowire.Fixed64Type:
			u, n = protowire.ConsumeFixed64(b)
		default:
			return fmt.Errorf("unexpected wire type %d", typ)
		}
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		if err := fn(num, v, u); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkTile measures tiles of a synthetic district of 100 000 walk nodes (≈ 90 km²):
// every tile over the district at each zoom in turn, reporting the 95th percentile; then
// the same tiles through a TileCache that already holds them. Target: p95 ≤ 50 ms.
func BenchmarkTile(b *testing.B) {
	db, bound := seedSynth(b, 100_000)
	for _, z := range []int{10, 12, 13, 14, 16} {
		tiles := tilesOver(bound, z)
		b.Run(fmt.Sprintf("z%d", z), func(b *testing.B) {
			benchTiles(b, tiles, db.Tile)
		})
	}
	tiles := tilesOver(bound, 14)
	cache := postgis.NewTileCache(db, len(tiles))
	for _, t := range tiles {
		if _, err := cache.Get(context.Background(), t[0], t[1], t[2]); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("cached-z14", func(b *testing.B) { benchTiles(b, tiles, cache.Get) })
}

func benchTiles(b *testing.B, tiles [][3]int, get func(ctx context.Context, z, x, y int) ([]byte, error)) {
	ctx := context.Background()
	took := make([]time.Duration, 0, b.N)
	size := 0
	i := 0
	for b.Loop() {
		t := tiles[i%len(tiles)]
		i++
		start := time.Now()
		data, err := get(ctx, t[0], t[1], t[2])
		took = append(took, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		size += len(data)
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(size)/float64(len(took))/1024, "KiB/tile")
}

// seedSynth imports a synthetic district's walk network, residential land and
// communities, returning its extent.
func seedSynth(b *testing.B, nodes int) (*postgis.DB, orb.Bound) {
	b.Helper()
	d, err := synth.Generate(synth.Config{Seed: 1, Nodes: nodes})
	if err != nil {
		b.Fatal(err)
	}
	db, _ := postgistest.New(b)
	data := postgis.OSMData{Nodes: d.Nodes, Edges: d.Edges, Residential: d.Residential, Communities: d.Communities}
	if _, err := db.ImportOSM(context.Background(), postgis.Batch{Kind: "osm", FileName: "synth.osm"}, data, geo.DefaultWalkModel()); err != nil {
		b.Fatal(err)
	}
	return db, d.Bound()
}

// tilesOver lists the tiles at zoom z that cover bound.
func tilesOver(bound orb.Bound, z int) [][3]int {
	x0, y0 := tileOf(orb.Point{bound.Min[0], bound.Max[1]}, z)
	x1, y1 := tileOf(orb.Point{bound.Max[0], bound.Min[1]}, z)
	var out [][3]int
	for x := x0; x <= x1; x++ {
		for y := y0; y <= y1; y++ {
			out = append(out, [3]int{z, x, y})
		}
	}
	return out
}
