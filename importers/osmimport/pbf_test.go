package osmimport_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/osmtest"
	"github.com/lifecircle/lifecircle/importers/osmimport"
)

// smallExtract is a footway of three nodes and a supermarket in Chengdu.
var smallExtract = osmtest.File{
	Nodes: []osmtest.Node{
		{ID: 1, Lat: 30.6570, Lon: 104.0660}, {ID: 2, Lat: 30.6575, Lon: 104.0665}, {ID: 3, Lat: 30.6580, Lon: 104.0670},
		{ID: 4, Lat: 30.6572, Lon: 104.0668, Tags: []string{"shop", "supermarket", "name", "红旗超市"}},
	},
	Ways: []osmtest.Way{{ID: 10, Refs: []int64{1, 2, 3}, Tags: []string{"highway", "footway"}}},
}

// xmlOf writes an extract as OSM XML.
func xmlOf(f osmtest.File) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><osm version="0.6">`)
	for _, n := range f.Nodes {
		fmt.Fprintf(&b, `<node id="%d" lat="%.7f" lon="%.7f">`, n.ID, n.Lat, n.Lon)
		for i := 0; i+1 < len(n.Tags); i += 2 {
			fmt.Fprintf(&b, `<tag k="%s" v="%s"/>`, n.Tags[i], n.Tags[i+1])
		}
		b.WriteString(`</node>`)
	}
	for _, w := range f.Ways {
		fmt.Fprintf(&b, `<way id="%d">`, w.ID)
		for _, r := range w.Refs {
			fmt.Fprintf(&b, `<nd ref="%d"/>`, r)
		}
		for i := 0; i+1 < len(w.Tags); i += 2 {
			fmt.Fprintf(&b, `<tag k="%s" v="%s"/>`, w.Tags[i], w.Tags[i+1])
		}
		b.WriteString(`</way>`)
	}
	b.WriteString(`</osm>`)
	return []byte(b.String())
}

func readBytes(tb testing.TB, name string, data []byte, opts osmimport.Options) (*osmimport.Result, error) {
	tb.Helper()
	if opts.Categories == nil {
		opts.Categories = testCategories(tb)
	}
	return osmimport.Read(tb.Context(), name, bytes.NewReader(data), int64(len(data)), opts)
}

func TestSoundPBFReadsAsItsXML(t *testing.T) {
	pbf, err := readBytes(t, "small.osm.pbf", smallExtract.PBF(), osmimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	xml, err := readBytes(t, "small.osm", xmlOf(smallExtract), osmimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pbf.Edges) != 1 || len(pbf.Outlets) != 1 || len(xml.Edges) != 1 || len(xml.Outlets) != 1 {
		t.Fatalf("PBF %d edges %d outlets, XML %d edges %d outlets; want 1 and 1", len(pbf.Edges), len(pbf.Outlets), len(xml.Edges), len(xml.Outlets))
	}
	po, xo := pbf.Outlets[0], xml.Outlets[0]
	if d := pbf.Edges[0].LengthM - xml.Edges[0].LengthM; d > 1e-6 || d < -1e-6 || po.ID != xo.ID || po.Name != xo.Name ||
		po.Category != xo.Category || geo.HaversineM(po.Point, xo.Point) > 1e-6 {
		t.Errorf("PBF %+v %+v\nXML %+v %+v", pbf.Edges[0], pbf.Outlets[0], xml.Edges[0], xml.Outlets[0])
	}
}

// TestHostilePBF reads PBF files that make github.com/paulmach/osm v0.8.0 panic or
// allocate without bound; each must be a clear EINVALID error.
func TestHostilePBF(t *testing.T) {
	header := osmtest.Header()
	sound := smallExtract.PBF()
	data := smallExtract.PrimitiveBlock()
	ids, coords := osmtest.TwoDenseNodes()
	way := func(fields ...[]byte) []byte {
		id := protowire.AppendVarint(protowire.AppendTag(nil, 1, protowire.VarintType), 10)
		return osmtest.Message(3, append(id, bytes.Join(fields, nil)...))
	}
	tests := []struct {
		name string
		file []byte
		opts osmimport.Options
		want string
	}{
		{"raw_size near 2^31 (the 35-byte probe)", osmtest.Frame("OSMHeader", osmtest.ZlibBlob(osmtest.Zlib(osmtest.HeaderBlock()), 2147483000)), osmimport.Options{},
			"raw_size 2147483000"},
		{"negative datasize", osmtest.FrameSized("OSMHeader", nil, -1), osmimport.Options{}, "a Blob of -1 bytes"},
		{"BlobHeader of 1 MiB", append([]byte{0, 0x10, 0, 0}, "OSMHeader"...), osmimport.Options{}, "BlobHeader is 1048576 bytes long"},
		{"truncated", sound[:len(sound)-40], osmimport.Options{}, "truncated OSM PBF file: it ends inside file block 2"},
		{"zlib data inflating past raw_size", osmtest.Concat(header, osmtest.Frame("OSMData", osmtest.ZlibBlob(osmtest.Zlib(data), int64(len(data)/2)))), osmimport.Options{},
			"inflates to more than the raw_size"},
		{"zlib data short of raw_size", osmtest.Concat(header, osmtest.Frame("OSMData", osmtest.ZlibBlob(osmtest.Zlib(data), int64(len(data)+10)))), osmimport.Options{},
			fmt.Sprintf("inflates to %d bytes, not the raw_size %d", len(data), len(data)+10)},
		{"lzma data", osmtest.Concat(header, osmtest.Frame("OSMData", osmtest.Message(4, []byte("xz")))), osmimport.Options{}, "lzma-compressed"},
		{"data block first", osmtest.Block("OSMData", data, true), osmimport.Options{}, `file block 1: it is of type "OSMData" where the PBF format has OSMHeader`},
		{"tag string past the table", osmtest.DataFile(osmtest.PrimitiveBlock([]string{"", "highway"}, osmtest.DenseNodes(ids, coords, osmtest.Packed(10, []uint64{1, 99, 0, 0})))), osmimport.Options{},
			"a dense node's tag points to string 1 of a string table of 2"},
		{"user string negative", osmtest.DataFile(osmtest.PrimitiveBlock([]string{""}, osmtest.DenseNodes(ids, coords, osmtest.Message(5, osmtest.Packed(5, osmtest.Zigzag([]int64{-3, 0})))))), osmimport.Options{},
			"a dense node's user points to string -3"},
		{"way with more lats than refs", osmtest.DataFile(osmtest.PrimitiveBlock([]string{""}, way(osmtest.Packed(8, osmtest.Zigzag([]int64{1, 1})), osmtest.Packed(9, osmtest.Zigzag([]int64{1, 1, 1}))))), osmimport.Options{},
			"refs, lats and lons lists differ in length"},
		{"way tag past the table", osmtest.DataFile(osmtest.PrimitiveBlock([]string{""}, way(osmtest.Packed(2, []uint64{5}), osmtest.Packed(3, []uint64{0}), osmtest.Packed(8, osmtest.Zigzag([]int64{1}))))), osmimport.Options{},
			"a way's tag points to string 5"},
		{"plain nodes", osmtest.DataFile(osmtest.PrimitiveBlock([]string{""}, osmtest.Message(1, nil))), osmimport.Options{}, "plain (non-dense) nodes"},
		{"relation with more roles than types", osmtest.DataFile(osmtest.PrimitiveBlock([]string{""}, osmtest.Message(4, bytes.Join([][]byte{
			osmtest.Packed(8, []uint64{0, 0}), osmtest.Packed(9, osmtest.Zigzag([]int64{1, 1})), osmtest.Packed(10, []uint64{1})}, nil)))), osmimport.Options{},
			"more member roles than member types"},
		{"over MaxBytes", sound, osmimport.Options{Limits: osmimport.Limits{MaxBytes: 40}}, "the unpacked data is longer than 40 B"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readBytes(t, "hostile.osm.pbf", tc.file, tc.opts)
			if geo.ErrorCodeOf(err) != geo.EINVALID || !strings.Contains(err.Error(), "hostile.osm.pbf") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v (%s), want EINVALID naming hostile.osm.pbf and saying %q", err, geo.ErrorCodeOf(err), tc.want)
			}
		})
	}
}
