package importers_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"
	"testing"

	"github.com/uber/h3-go/v4"

	"github.com/lifecircle/lifecircle/importers/internal/osmtest"
	"golang.org/x/text/encoding/unicode"
	"google.golang.org/protobuf/encoding/protowire"
)

// The hostile corpus (testdata/hostile) is written by hostileFiles, except
// whitespace-bomb.osm.bz2, which Go cannot write: it is "<osm>" and 1.5 GB of spaces,
// made once as 15 concatenated bzip2 streams of 100 MB each
// ((printf '<osm>'; head -c 100000000 /dev/zero | tr '\0' ' ') | bzip2 -9, then the same
// without "<osm>" 14 times). The large files are made at run time (hostileBig).

const stationHead = "id,name,level,lon,lat\n"

var goodStations = "S1,亳州路街道党群服务中心,街道,117.2853,31.8805\n" +
	"S2,双岗街道党群服务中心,街道,117.2745,31.8820\n" +
	"S3,水西门社区党群服务站,社区,117.2661,31.8669\n" +
	"S4,庐阳区党群服务中心,区级,117.2650,31.8640\n"

func stations(rows ...string) []byte {
	return []byte(stationHead + goodStations + strings.Join(rows, ""))
}

// hostileFiles returns the committed hostile files by name.
func hostileFiles(tb testing.TB) map[string][]byte {
	tb.Helper()
	files := map[string][]byte{}
	for name, b := range hostileText(tb) {
		files[name] = b
	}
	for name, b := range hostileGeoJSON() {
		files[name] = b
	}
	for name, b := range hostileWorkbooks(tb) {
		files[name] = b
	}
	for name, b := range hostilePopulation() {
		files[name] = b
	}
	for name, b := range hostileOSM(tb) {
		files[name] = b
	}
	for name, b := range hostileMore(tb) {
		files[name] = b
	}
	return files
}

func hostileText(tb testing.TB) map[string][]byte {
	gbkRow := gbk(tb, "S9,春熙路站,街道,117.28,31.86\n")
	var filler strings.Builder
	for i := range 400 {
		fmt.Fprintf(&filler, "F%d,填充站,社区,117.27,31.87\n", i)
	}
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(stationHead + "S1,站,街道,117.28,31.88\n")
	var garbageHeader strings.Builder // decodable GBK, no delimiters: a binary file's "header"
	for i := range 2000 {
		garbageHeader.WriteString(gbk(tb, string(rune(0x4e00+(i*7919)%20000))))
	}
	return map[string][]byte{
		"stations-empty.csv":              nil,
		"stations-whitespace.csv":         []byte(" \r\n\t\n"),
		"stations-header-only.csv":        []byte(stationHead),
		"stations-binary-garbage.csv":     garbage(),
		"stations-pdf.csv":                []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
		"stations-workbook.csv":           rawXLSX(tb, rawSheet{body: sheetRow(1, "id")}),
		"stations-nul-after-8k.csv":       []byte(stationHead + filler.String() + "S2,bad\x00name,街道,117.28,31.88\n"),
		"stations-bom-gbk.csv":            append([]byte("\xef\xbb\xbf"+stationHead+goodStations), gbkRow...),
		"stations-mixed-utf8-gbk.csv":     stations(gbkRow),
		"stations-invalid-gbk.csv":        []byte(stationHead + gbkRow + "S8,\x81\x20站,街道,117.28,31.86\n"),
		"stations-utf16-unpaired.txt":     append([]byte(utf16), 0x00, 0xd8, 'x', 0),
		"stations-id-300.csv":             stations(strings.Repeat("i", 300) + ",站,街道,117.28,31.86\n"),
		"stations-name-1001.csv":          stations("S5," + strings.Repeat("站", 1001) + ",街道,117.28,31.86\n"),
		"stations-unterminated-quote.csv": stations(`S5,"站,街道,117.28,31.86` + "\n"),
		"stations-bare-quote.csv":         stations(`S5,站"站,街道,117.28,31.86` + "\n"),
		"stations-swapped.csv":            stations("S5,站,街道,31.86,117.28\n"),
		"stations-lat-range.csv":          stations("S5,站,街道,117.28,91.2\n"),
		"stations-lon-range.csv":          stations("S5,站,街道,200,31.86\n"),
		"stations-all-at-zero.csv":        []byte(stationHead + "S1,站,街道,0,0\nS2,站,街道,0.0,0.0\n"),
		"stations-nan.csv":                stations("S5,站,街道,NaN,31.86\n"),
		"stations-inf.csv":                stations("S5,站,街道,117.28,+Inf\n"),
		"stations-huge-number.csv":        stations("S5,站,街道,1e309,31.86\n"),
		"stations-huge-staff.csv":         []byte("id,name,level,lon,lat,staff,area\nS1,站,街道,117.28,31.86,1e300,10\n"),
		"stations-huge-area.csv":          []byte("id,name,level,lon,lat,staff,area\nS1,站,街道,117.28,31.86,3,1e300\n"),
		"stations-negative-staff.csv":     []byte("id,name,level,lon,lat,staff\nS1,站,街道,117.28,31.86,-4\n"),
		"stations-duplicate-id.csv":       stations("S1,站,街道,117.28,31.86\n"),
		"stations-unknown-level.csv":      stations("S5,站,省级,117.28,31.86\n"),
		"stations-missing-column.csv":     []byte("id,name,level,lon\nS1,站,街道,117.28\n"),
		"stations-garbage-header.csv":     []byte(garbageHeader.String() + "\n1\n"),
		"outlets-unknown-category.csv":    []byte("名称,业态,经度,纬度\n百大超市,超市,117.2801,31.8702\n宠物店,宠物店,117.2811,31.8712\n"),
		"communities-bad-code.csv":        []byte("code,name\n340103001001,水西门社区\n3401030010,短代码社区\n"),
		"compounds-bad-wkt.csv":           []byte("id,name,wkt\nC1,小区,\"POLYGON((117.28 31.86, 117.29\"\n"),
		"compounds-self-intersecting.csv": []byte("id,name,wkt\nC1,小区,\"POLYGON((117.28 31.86,117.29 31.87,117.29 31.86,117.28 31.87,117.28 31.86))\"\n"),
		"stations-old.xls":                []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old workbook"),
	}
}

func feature(props, geometry string) string {
	return `{"type":"Feature","properties":{` + props + `},"geometry":` + geometry + `}`
}

func collection(features ...string) []byte {
	return []byte(`{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`)
}

const squareWKT = `{"type":"Polygon","coordinates":[[[117.28,31.86],[117.29,31.86],[117.29,31.87],[117.28,31.87],[117.28,31.86]]]}`

func hostileGeoJSON() map[string][]byte {
	good := feature(`"code":"340103001001","name":"水西门社区"`, squareWKT)
	return map[string][]byte{
		"communities-truncated.geojson":     collection(good)[:120],
		"communities-array.geojson":         []byte(`[1, 2, 3]`),
		"communities-bare-geometry.geojson": []byte(squareWKT),
		"communities-deep-nesting.geojson":  []byte(`{"type":"FeatureCollection","features":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`),
		"communities-nul-property.geojson":  collection(good, feature(`"code":"340103001002","name":"a\u0000b"`, squareWKT)),
		"communities-self-intersecting.geojson": collection(good, feature(`"code":"340103001002"`,
			`{"type":"Polygon","coordinates":[[[117.28,31.86],[117.29,31.87],[117.29,31.86],[117.28,31.87],[117.28,31.86]]]}`)),
		"communities-huge-coordinates.geojson": collection(good, feature(`"code":"340103001002"`,
			`{"type":"Polygon","coordinates":[[[1e308,31.86],[117.29,31.86],[117.29,31.87],[1e308,31.86]]]}`)),
		"communities-short-ring.geojson": collection(good, feature(`"code":"340103001002"`,
			`{"type":"Polygon","coordinates":[[[117.28,31.86],[117.29,31.86],[117.28,31.86]]]}`)),
		"communities-unknown-geometry.geojson": collection(good, feature(`"code":"340103001002"`, `{"type":"`+strings.Repeat("Hexagon", 600)+`","coordinates":[]}`)),
		"communities-nan.geojson":              collection(good, feature(`"code":"340103001002"`, `{"type":"Polygon","coordinates":[[[NaN,31.86]]]}`)),
		"communities-binary.geojson":           garbage(),
		"stations-long-type.geojson":           []byte(`{"type":"` + strings.Repeat("\u200bx", 2000) + `"}`),
	}
}

func hostileWorkbooks(tb testing.TB) map[string][]byte {
	header := sheetRow(1, "id", "name", "level", "lon", "lat")
	good := sheetRow(2, "S1", "站", "街道", "117.28", "31.86")
	sound := rawXLSX(tb, rawSheet{body: header + good})
	var noWorkbook bytes.Buffer
	zw := zip.NewWriter(&noWorkbook)
	w, _ := zw.Create("hello.txt")
	w.Write([]byte("not a workbook"))
	zw.Close()
	return map[string][]byte{
		"stations-text.xlsx":      []byte(stationHead + goodStations),
		"stations-truncated.xlsx": sound[:len(sound)/2],
		"stations-billion-laughs.xlsx": rawXLSX(tb, rawSheet{doctype: `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
			`<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>`, body: header + sheetRow(2, "S1", "&lol2;", "街道", "117.28", "31.86")}),
		"stations-shared-string-range.xlsx": rawXLSX(tb, rawSheet{shared: []string{"S1"}, body: header + `<row r="2"><c r="A2" t="s"><v>99</v></c></row>`}),
		"stations-malformed-sheet.xlsx":     rawXLSX(tb, rawSheet{body: header + `<row r="2"><c r="A2"><v>1</c></row>`}),
		"stations-rows-out-of-order.xlsx":   rawXLSX(tb, rawSheet{body: header + sheetRow(3, "S1") + sheetRow(2, "S2")}),
		"stations-no-workbook.xlsx":         noWorkbook.Bytes(),
		"stations-zip-garbage.xlsx":         append([]byte("PK\x03\x04"), garbage()...),
	}
}

func hostilePopulation() map[string][]byte {
	const a, b = "8a40e3ce88f7fff", "8a40e3ce88affff" // res-10 cells in Chengdu
	at := func(res int) string { return h3.LatLngToCell(h3.NewLatLng(30.657, 104.066), res).String() }
	res0, res15, res9 := at(0), at(15), at(9)
	grid := func(rows ...string) []byte { return []byte("h3,population\n" + strings.Join(rows, "")) }
	return map[string][]byte{
		"population-empty.csv":              nil,
		"population-no-columns.csv":         []byte("cell_id,people\n" + a + ",5\n"),
		"population-unterminated-quote.csv": grid(a+",5\n", b+",\"6\n"),
		"population-res0.csv":               grid(res0 + ",5\n"),
		"population-res15.csv":              grid(res15 + ",5\n"),
		"population-mixed-resolutions.csv":  grid(a+",5\n", res9+",6\n"),
		"population-1e300.csv":              grid(a + ",1e300\n"),
		"population-negative.csv":           grid(a + ",-5\n"),
		"population-nan.csv":                grid(a + ",NaN\n"),
		"population-duplicate.csv":          grid(a+",5\n", a+",6\n"),
		"population-binary.csv":             garbage()[4:],
		"population-not-a-cell.csv":         grid("ffffffffffffffff,5\n"),
	}
}

func hostileOSM(tb testing.TB) map[string][]byte {
	header := osmtest.Header()
	small := osmtest.File{
		Nodes: []osmtest.Node{{ID: 1, Lat: 30.657, Lon: 104.066}, {ID: 2, Lat: 30.6575, Lon: 104.0665}, {ID: 3, Lat: 30.658, Lon: 104.067}},
		Ways:  []osmtest.Way{{ID: 10, Refs: []int64{1, 2, 3}, Tags: []string{"highway", "footway"}}},
	}
	sound := small.PBF()
	data := small.PrimitiveBlock()
	ids, coords := osmtest.TwoDenseNodes()
	wayID := protowire.AppendVarint(protowire.AppendTag(nil, 1, protowire.VarintType), 10)
	alternating := make([]int64, 1_000_000)
	for i := range alternating {
		alternating[i] = int64(1 + i%2)
	}
	zeros := make([]byte, 30<<20)
	xmlNodes := `<node id="1" lat="30.657" lon="104.066"/><node id="2" lat="30.6575" lon="104.0665"/><node id="3" lat="30.658" lon="104.067"/>`
	xmlWay := `<way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="footway"/></way>`
	return map[string][]byte{
		"empty.osm":                 nil,
		"not-osm.osm":               []byte("hello, world\n"),
		"truncated.osm":             []byte(`<?xml version="1.0"?><osm version="0.6">` + xmlNodes + `<way id="10"><nd ref="1"/><nd re`),
		"nul-byte.osm":              []byte("<osm>" + xmlNodes + "\x00</osm>"),
		"billion-laughs.osm":        []byte(`<?xml version="1.0"?><!DOCTYPE osm [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><osm><node id="1" lat="30" lon="104"><tag k="name" v="&b;"/></node></osm>`),
		"duplicate-node.osm":        []byte("<osm>" + xmlNodes + `<node id="2" lat="30.6576" lon="104.0666"/>` + xmlWay + "</osm>"),
		"nodes-out-of-range.osm":    []byte(`<osm><node id="1" lat="95" lon="200"/><node id="2" lat="30.6575" lon="104.0665"/><node id="3" lat="0" lon="0"/>` + xmlWay + "</osm>"),
		"long-attribute.osm.gz":     gzipped(tb, "<osm><node id=\"1\" lat=\"30\" lon=\"104\"><tag k=\"name\" v=\""+strings.Repeat("x", 2<<20)+"\"/></node></osm>"),
		"binary.osm.pbf":            garbage(),
		"truncated.osm.pbf":         sound[:len(sound)-20],
		"raw-size.osm.pbf":          osmtest.Frame("OSMHeader", osmtest.ZlibBlob(osmtest.Zlib(osmtest.HeaderBlock()), 2147483000)),
		"negative-datasize.osm.pbf": osmtest.FrameSized("OSMHeader", nil, -1),
		"header-1mib.osm.pbf":       append([]byte{0, 0x10, 0, 0}, "OSMHeader"...),
		"string-index.osm.pbf":      osmtest.DataFile(osmtest.PrimitiveBlock([]string{"", "highway"}, osmtest.DenseNodes(ids, coords, osmtest.Packed(10, []uint64{1, 99, 0, 0})))),
		"user-index.osm.pbf":        osmtest.DataFile(osmtest.PrimitiveBlock([]string{""}, osmtest.DenseNodes(ids, coords, osmtest.Message(5, osmtest.Packed(5, osmtest.Zigzag([]int64{-3, 0})))))),
		"way-lats.osm.pbf": osmtest.DataFile(osmtest.PrimitiveBlock([]string{""}, osmtest.Message(3, append(wayID,
			append(osmtest.Packed(8, osmtest.Zigzag([]int64{1, 1})), osmtest.Packed(9, osmtest.Zigzag([]int64{1, 1, 1}))...)...)))),
		"plain-nodes.osm.pbf": osmtest.DataFile(osmtest.PrimitiveBlock([]string{""}, osmtest.Message(1, nil))),
		"relation-roles.osm.pbf": osmtest.DataFile(osmtest.PrimitiveBlock([]string{""}, osmtest.Message(4, bytes.Join([][]byte{
			osmtest.Packed(8, []uint64{0, 0}), osmtest.Packed(9, osmtest.Zigzag([]int64{1, 1})), osmtest.Packed(10, []uint64{1})}, nil)))),
		"zlib-bomb.osm.pbf":       osmtest.Concat(header, osmtest.Frame("OSMData", osmtest.ZlibBlob(osmtest.Zlib(zeros), int64(len(data))))),
		"lzma.osm.pbf":            osmtest.Concat(header, osmtest.Frame("OSMData", osmtest.Message(4, []byte("xz")))),
		"data-first.osm.pbf":      osmtest.Block("OSMData", data, true),
		"duplicate-way.osm.pbf":   osmtest.File{Nodes: small.Nodes, Ways: append(small.Ways, small.Ways[0])}.PBF(),
		"alternating-way.osm.pbf": osmtest.File{Nodes: small.Nodes[:2], Ways: []osmtest.Way{{ID: 10, Refs: alternating, Tags: []string{"highway", "footway"}}}}.PBF(),
	}
}

// gzipped gzips text.
func gzipped(tb testing.TB, text string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(text)); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
