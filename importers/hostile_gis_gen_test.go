package importers_test

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"math"
	"strings"
	"testing"
)

// The GIS part of the hostile corpus: Shapefiles (zipped, or a lone .shp), zips, KML/KMZ,
// GeoPackages, GeoJSON with a "crs" member, population GeoTIFFs, and a few more text,
// workbook and OSM files. Everything here is written by Go byte by byte (Shapefiles and
// TIFFs by the small writers below), so TestHostileCorpusFiles checks it exactly, except
// the two GDAL writes (hostileGDALFiles: a GeoPackage and a FileGDB with two layers each),
// which `-update` makes with ogr2ogr when GDAL is there and which are only checked to exist.

func hostileMore(tb testing.TB) map[string][]byte {
	files := map[string][]byte{}
	for _, m := range []map[string][]byte{hostileShapefiles(tb), hostileKMLAndFriends(tb), hostileCRSMembers(), hostileTIFFs(), hostileMoreText(tb), hostileMoreOSM(tb)} {
		for name, b := range m {
			files[name] = b
		}
	}
	return files
}

// squareRing is a ring of about 1 km a side near Hefei, (lon, lat) degrees.
var squareRing = [][2]float64{{117.28, 31.86}, {117.28, 31.87}, {117.29, 31.87}, {117.29, 31.86}, {117.28, 31.86}}

// shapefile is a polygon Shapefile of one ring per record, with a dbf of one character
// field "code"; its parts are written by shp, shx and dbf.
type shapefile struct {
	rings [][][2]float64
	codes []string
}

func (s shapefile) bbox() [4]float64 {
	b := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, r := range s.rings {
		for _, p := range r {
			b[0], b[1], b[2], b[3] = min(b[0], p[0]), min(b[1], p[1]), max(b[2], p[0]), max(b[3], p[1])
		}
	}
	return b
}

func (s shapefile) header(words int) []byte {
	h := make([]byte, 100)
	binary.BigEndian.PutUint32(h[0:], 9994)
	binary.BigEndian.PutUint32(h[24:], uint32(words))
	binary.LittleEndian.PutUint32(h[28:], 1000)
	binary.LittleEndian.PutUint32(h[32:], 5) // polygon
	for i, v := range s.bbox() {
		binary.LittleEndian.PutUint64(h[36+8*i:], math.Float64bits(v))
	}
	return h
}

func (s shapefile) record(i int) []byte {
	r := s.rings[i]
	c := make([]byte, 44+4+16*len(r))
	binary.LittleEndian.PutUint32(c[0:], 5)
	for j, v := range (shapefile{rings: [][][2]float64{r}}).bbox() {
		binary.LittleEndian.PutUint64(c[4+8*j:], math.Float64bits(v))
	}
	binary.LittleEndian.PutUint32(c[36:], 1)
	binary.LittleEndian.PutUint32(c[40:], uint32(len(r)))
	for j, p := range r {
		binary.LittleEndian.PutUint64(c[48+16*j:], math.Float64bits(p[0]))
		binary.LittleEndian.PutUint64(c[56+16*j:], math.Float64bits(p[1]))
	}
	head := make([]byte, 8)
	binary.BigEndian.PutUint32(head[0:], uint32(i+1))
	binary.BigEndian.PutUint32(head[4:], uint32(len(c)/2))
	return append(head, c...)
}

func (s shapefile) shp() []byte {
	var body []byte
	for i := range s.rings {
		body = append(body, s.record(i)...)
	}
	return append(s.header((100+len(body))/2), body...)
}

func (s shapefile) shx() []byte {
	var idx []byte
	off := 100
	for i := range s.rings {
		n := len(s.record(i))
		idx = binary.BigEndian.AppendUint32(idx, uint32(off/2))
		idx = binary.BigEndian.AppendUint32(idx, uint32((n-8)/2))
		off += n
	}
	return append(s.header((100+len(idx))/2), idx...)
}

// dbf writes the table with n as its record count (the real count when n < 0).
func (s shapefile) dbf(n int) []byte {
	if n < 0 {
		n = len(s.codes)
	}
	const width = 20
	h := make([]byte, 32+32+1)
	h[0], h[1], h[2], h[3] = 3, 126, 1, 1
	binary.LittleEndian.PutUint32(h[4:], uint32(n))
	binary.LittleEndian.PutUint16(h[8:], uint16(len(h)))
	binary.LittleEndian.PutUint16(h[10:], 1+width)
	copy(h[32:], "code")
	h[32+11], h[32+16] = 'C', width
	h[64] = 0x0d
	for _, c := range s.codes {
		h = append(h, ' ')
		h = append(h, []byte(c+strings.Repeat(" ", width-len(c)))...)
	}
	return append(h, 0x1a)
}

const wgs84PRJ = `GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`

// zipOf zips the named parts in the order given (name, bytes, name, bytes, …).
func zipOf(tb testing.TB, parts ...any) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i < len(parts); i += 2 {
		w, err := zw.Create(parts[i].(string))
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(parts[i+1].([]byte))
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// lyingZip is a zip of one entry whose directory declares size bytes for data of another
// size.
func lyingZip(tb testing.TB, name string, data []byte, size uint64) []byte {
	return rawZip(tb, rawEntry{&zip.FileHeader{Name: name, Method: zip.Store, UncompressedSize64: size}, data})
}

// rawEntry is a zip entry: its header and its bytes, already compressed as h.Method says.
type rawEntry struct {
	h    *zip.FileHeader
	body []byte
}

// rawZip is a zip of the entries, their bodies written as they are (the headers'
// compressed sizes set to the bodies' lengths).
func rawZip(tb testing.TB, entries ...rawEntry) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		e.h.CompressedSize64 = uint64(len(e.body))
		w, err := zw.CreateRaw(e.h)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(e.body)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func hostileShapefiles(tb testing.TB) map[string][]byte {
	good := shapefile{rings: [][][2]float64{squareRing, squareRing}, codes: []string{"340103001001", "340103001002"}}
	bowtie := shapefile{rings: [][][2]float64{squareRing, {{117.28, 31.86}, {117.29, 31.87}, {117.29, 31.86}, {117.28, 31.87}, {117.28, 31.86}}},
		codes: []string{"340103001001", "340103001002"}}
	metres := shapefile{rings: [][][2]float64{{{39500000, 3530000}, {39500000, 3531000}, {39501000, 3531000}, {39501000, 3530000}, {39500000, 3530000}}}, codes: []string{"340103001001"}}
	prj := []byte(wgs84PRJ)
	shp := good.shp()
	return map[string][]byte{
		"communities-lone.shp":            shp,
		"communities-shp-no-dbf.zip":      zipOf(tb, "社区.shp", shp, "社区.shx", good.shx(), "社区.prj", prj),
		"communities-shp-no-shx.zip":      zipOf(tb, "社区.shp", shp, "社区.dbf", good.dbf(-1), "社区.prj", prj),
		"communities-dbf-count.zip":       zipOf(tb, "社区.shp", shp, "社区.shx", good.shx(), "社区.dbf", good.dbf(7), "社区.prj", prj),
		"communities-dbf-garbage.zip":     zipOf(tb, "社区.shp", shp, "社区.shx", good.shx(), "社区.dbf", garbage(), "社区.prj", prj),
		"communities-shp-garbage.zip":     zipOf(tb, "社区.shp", garbage(), "社区.shx", good.shx(), "社区.dbf", good.dbf(-1), "社区.prj", prj),
		"communities-shp-truncated.zip":   zipOf(tb, "社区.shp", shp[:len(shp)-30], "社区.shx", good.shx(), "社区.dbf", good.dbf(-1), "社区.prj", prj),
		"communities-prj-garbage.zip":     zipOf(tb, "社区.shp", metres.shp(), "社区.shx", metres.shx(), "社区.dbf", metres.dbf(-1), "社区.prj", []byte("PROJCS[nonsense")),
		"communities-metres-no-prj.zip":   zipOf(tb, "社区.shp", metres.shp(), "社区.shx", metres.shx(), "社区.dbf", metres.dbf(-1)),
		"communities-prj-text.zip":        zipOf(tb, "社区.shp", metres.shp(), "社区.shx", metres.shx(), "社区.dbf", metres.dbf(-1), "社区.prj", []byte("坐标系：2000国家大地坐标系 3度带 39带\r\n")),
		"communities-shp-bowtie.zip":      zipOf(tb, "社区.shp", bowtie.shp(), "社区.shx", bowtie.shx(), "社区.dbf", bowtie.dbf(-1), "社区.prj", prj),
		"communities-zip-slip.zip":        zipOf(tb, "../../evil.shp", shp, "../../evil.shx", good.shx(), "../../evil.dbf", good.dbf(-1)),
		"communities-zip-absolute.zip":    zipOf(tb, "/tmp/evil.shp", shp),
		"communities-zip-no-dataset.zip":  zipOf(tb, "readme.txt", []byte("社区边界见附件")),
		"communities-zip-two-sets.zip":    zipOf(tb, "a/社区.shp", shp, "a/社区.shx", good.shx(), "a/社区.dbf", good.dbf(-1), "b/x.kml", []byte("<kml/>")),
		"communities-zip-lying-size.zip":  lyingZip(tb, "社区.shp", shp, 100),
		"communities-zip-bomb-header.zip": lyingZip(tb, "社区.shp", shp, 1<<40),
		"communities-zip-garbage.zip":     append([]byte("PK\x03\x04"), garbage()...),
	}
}

func hostileKMLAndFriends(tb testing.TB) map[string][]byte {
	placemark := `<Placemark><name>水西门社区</name><ExtendedData><Data name="code"><value>340103001001</value></Data></ExtendedData>` +
		`<Polygon><outerBoundaryIs><LinearRing><coordinates>117.28,31.86 117.29,31.86 117.29,31.87 117.28,31.87 117.28,31.86</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>`
	kml := func(body string) []byte {
		return []byte(`<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>` + body + `</Document></kml>`)
	}
	sqliteHead := append([]byte("SQLite format 3\x00"), garbage()...)
	return map[string][]byte{
		"communities-garbage.kml":    append([]byte("<kml>"), garbage()...),
		"communities-truncated.kml":  kml(placemark)[:200],
		"communities-empty.kml":      kml(""),
		"communities-abc.kml":        []byte("abc"),
		"communities-bad-coords.kml": kml(strings.Replace(placemark, "117.28,31.86 117.29", "abc,def 117.29", 1)),
		"communities-billion-laughs.kml": []byte(`<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">` +
			`<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">` +
			`<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>` +
			`<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>&f;</name></Placemark></Document></kml>`),
		"communities-garbage.kmz":  zipOf(tb, "doc.kml", garbage()),
		"communities-empty.kmz":    zipOf(tb),
		"communities-corrupt.gpkg": sqliteHead,
		"communities-text.gpkg":    []byte("code,name\n340103001001,水西门社区\n"),
	}
}

func hostileCRSMembers() map[string][]byte {
	good := feature(`"code":"340103001001","name":"水西门社区"`, squareWKT)
	withCRS := func(crs string) []byte {
		return []byte(`{"type":"FeatureCollection","crs":` + crs + `,"features":[` + good + `]}`)
	}
	return map[string][]byte{
		"communities-crs-unknown-epsg.geojson": withCRS(`{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::999999"}}`),
		"communities-crs-number.geojson":       withCRS(`5`),
		"communities-crs-option.geojson":       withCRS(`{"type":"name","properties":{"name":"--config GDAL_DATA /etc"}}`),
		"communities-crs-proj-string.geojson":  withCRS(`{"type":"name","properties":{"name":"+proj=longlat +a=1 +no_defs; rm -rf /"}}`),
		"communities-crs-metres.geojson":       withCRS(`{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}}`),
		"communities-crs-long.geojson":         withCRS(`{"type":"name","properties":{"name":"` + strings.Repeat("EPSG:", 20000) + `"}}`),
	}
}

// tiff is a one-band baseline TIFF (strips, uncompressed unless data says otherwise), with
// GeoTIFF tags when geo is set: the pixel size and tie point, in EPSG:4326.
type tiff struct {
	width, height uint32
	bits          uint16 // 32 (Float32) or 8
	data          []byte // the strip (one strip of all rows)
	compression   uint16
	geo           bool       // the pixel size and tie point
	crs           bool       // the GeoKeyDirectory (EPSG:4326)
	sparseTiles   bool       // 1024² tiles, none stored (GDAL reads them as 0)
	origin        [2]float64 // top-left corner, (lon, lat)
	pixel         float64    // degrees
	metadata      string     // GDAL_METADATA XML
	nodata        string     // GDAL_NODATA
}

func (t tiff) bytes() []byte {
	type entry struct {
		tag, typ uint16
		count    uint32
		value    []byte // the value bytes; ≤ 4 inline, else at an offset
	}
	le := binary.LittleEndian
	short := func(v ...uint16) []byte {
		b := make([]byte, 0, 2*len(v))
		for _, x := range v {
			b = le.AppendUint16(b, x)
		}
		return b
	}
	long := func(v uint32) []byte { return le.AppendUint32(nil, v) }
	doubles := func(v ...float64) []byte {
		var b []byte
		for _, x := range v {
			b = le.AppendUint64(b, math.Float64bits(x))
		}
		return b
	}
	comp := max(t.compression, 1)
	sampleFormat := uint16(1)
	if t.bits == 32 {
		sampleFormat = 3
	}
	es := []entry{{256, 4, 1, long(t.width)}, {257, 4, 1, long(t.height)}, {258, 3, 1, short(t.bits)}, {259, 3, 1, short(comp)}, {262, 3, 1, short(1)}}
	if t.sparseTiles {
		n := (t.width + 1023) / 1024 * ((t.height + 1023) / 1024)
		zeros := make([]byte, 4*n)
		es = append(es, entry{277, 3, 1, short(1)}, entry{322, 4, 1, long(1024)}, entry{323, 4, 1, long(1024)}, entry{324, 4, n, zeros}, entry{325, 4, n, zeros})
	} else {
		es = append(es, entry{273, 4, 1, nil}, entry{277, 3, 1, short(1)}, entry{278, 4, 1, long(t.height)}, entry{279, 4, 1, long(uint32(len(t.data)))})
	}
	es = append(es, entry{339, 3, 1, short(sampleFormat)})
	if t.geo {
		es = append(es, entry{33550, 12, 3, doubles(t.pixel, t.pixel, 0)}, entry{33922, 12, 6, doubles(0, 0, 0, t.origin[0], t.origin[1], 0)})
	}
	if t.crs {
		es = append(es, entry{34735, 3, 16, short(1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326)})
	}
	if t.metadata != "" {
		es = append(es, entry{42112, 2, uint32(len(t.metadata) + 1), append([]byte(t.metadata), 0)})
	}
	if t.nodata != "" {
		es = append(es, entry{42113, 2, uint32(len(t.nodata) + 1), append([]byte(t.nodata), 0)})
	}
	ifdLen := 2 + 12*len(es) + 4
	extra := 8 + ifdLen // where out-of-line values go
	var values []byte
	ifd := short(uint16(len(es)))
	stripAt := -1
	for _, e := range es {
		ifd = append(ifd, short(e.tag, e.typ)...)
		ifd = append(ifd, long(e.count)...)
		switch {
		case e.tag == 273:
			stripAt = len(ifd)
			ifd = append(ifd, 0, 0, 0, 0)
		case len(e.value) <= 4:
			ifd = append(ifd, append(e.value, make([]byte, 4-len(e.value))...)...)
		default:
			ifd = append(ifd, long(uint32(extra+len(values)))...)
			values = append(values, e.value...)
			if len(values)%2 == 1 {
				values = append(values, 0)
			}
		}
	}
	ifd = append(ifd, 0, 0, 0, 0)
	if stripAt >= 0 {
		le.PutUint32(ifd[stripAt:], uint32(extra+len(values)))
	}
	out := append([]byte("II*\x00"), long(8)...)
	out = append(out, ifd...)
	out = append(out, values...)
	return append(out, t.data...)
}

func floats(n int, v float32) []byte {
	b := make([]byte, 0, 4*n)
	for range n {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
	}
	return b
}

func hostileTIFFs() map[string][]byte {
	good := tiff{width: 4, height: 4, bits: 32, data: floats(16, 12), geo: true, crs: true, origin: [2]float64{104.06, 30.66}, pixel: 0.001, nodata: "-99999"}
	noCRS, noGeo, scaled, offGlobe, huge, strip, sparse := good, good, good, good, good, good, good
	noCRS.crs = false
	noCRS.metadata = `<GDALMetadata><Item name="AREA_OR_POINT">Area</Item></GDALMetadata>`
	noGeo.geo, noGeo.crs = false, false
	scaled.metadata = `<GDALMetadata><Item name="SCALE" sample="0" role="scale">2.5</Item><Item name="OFFSET" sample="0" role="offset">1</Item></GDALMetadata>`
	offGlobe.origin = [2]float64{500, 300}
	huge.width, huge.height = 1_000_000, 1_000_000                                           // 10¹² pixels declared in one strip of 64 bytes
	strip.data = strip.data[:20]                                                             // the strip ends early
	sparse.width, sparse.height, sparse.data, sparse.sparseTiles = 50_000, 50_000, nil, true // 2.5·10⁹ pixels of 0 in 19 KB
	b := good.bytes()
	return map[string][]byte{
		"population-no-crs.tif":           noCRS.bytes(),
		"population-no-geotransform.tiff": noGeo.bytes(),
		"population-scaled.tif":           scaled.bytes(),
		"population-off-globe.tif":        offGlobe.bytes(),
		"population-bogus-strips.tif":     huge.bytes(),
		"population-pixel-bomb.tif":       sparse.bytes(),
		"population-short-strip.tif":      strip.bytes(),
		"population-truncated.tif":        b[:60],
		"population-garbage.tif":          append([]byte("II*\x00"), garbage()...),
		"population-text.tif":             []byte("h3,population\n8a40e3ce88f7fff,5\n"),
	}
}

func hostileMoreText(tb testing.TB) map[string][]byte {
	header := sheetRow(1, "id", "name", "level", "lon", "lat")
	return map[string][]byte{
		"stations-id-2700.csv":               stations(strings.Repeat("号", 2700) + ",站,街道,117.28,31.86\n"),
		"stations-bom-only.csv":              []byte("\xef\xbb\xbf"),
		"stations-bom-invalid.csv":           append([]byte("\xef\xbb\xbf"+stationHead+goodStations), "S5,\xff\xfe站,街道,117.28,31.86\n"...),
		"stations-nul-in-id.csv":             stations("S\x005,站,街道,117.28,31.86\n"),
		"stations-huge-id-number.csv":        stations(strings.Repeat("9", 400) + ",站,街道,117.28,31.86\n"),
		"stations-sci-lon.csv":               stations("S5,站,街道,1.1728e2x,31.86\n"),
		"stations-xlsx-nul.xlsx":             rawXLSX(tb, rawSheet{body: header + sheetRow(2, "S1", "站_x0000_名", "街道", "117.28", "31.86")}),
		"stations-xlsx-huge-id.xlsx":         rawXLSX(tb, rawSheet{body: header + sheetRow(2, strings.Repeat("i", 3000), "站", "街道", "117.28", "31.86")}),
		"stations-xlsx-bad-row.xlsx":         rawXLSX(tb, rawSheet{body: header + `<row r="99999999999"><c r="A99999999999"><v>1</v></c></row>`}),
		"stations-xlsx-shared-neg.xlsx":      rawXLSX(tb, rawSheet{shared: []string{"S1"}, body: header + `<row r="2"><c r="A2" t="s"><v>-1</v></c></row>`}),
		"outlets-nan.csv":                    []byte("名称,业态,经度,纬度\n百大超市,超市,NaN,31.8702\n"),
		"outlets-mixed-utf8-gbk.csv":         append([]byte("名称,业态,经度,纬度\n百大超市,超市,117.2801,31.8702\n"), gbk(tb, "联华超市,超市,117.2802,31.8703\n")...),
		"district-bad-code.csv":              []byte("code,name\n34010,庐阳区\n"),
		"district-empty.geojson":             collection(),
		"streets-village-code.csv":           []byte("code,name\n340103001001,水西门社区\n"),
		"communities-mixed-utf8-gbk.geojson": append(append([]byte(`{"type":"FeatureCollection","features":[`+feature(`"code":"340103001001","name":"水西门社区"`, squareWKT)+`,{"type":"Feature","properties":{"code":"340103001002","name":"`), gbk(tb, "双岗社区")...), `"},"geometry":`+squareWKT+`}]}`...),
		"communities-huge-id.geojson":        collection(feature(`"code":"`+strings.Repeat("3", 3000)+`"`, squareWKT)),
		"compounds-nan-wkt.csv":              []byte("id,name,wkt\nC1,小区,\"POLYGON((NaN 31.86,117.29 31.86,117.29 31.87,NaN 31.86))\"\n"),
	}
}

func hostileMoreOSM(tb testing.TB) map[string][]byte {
	way := `<way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way>`
	return map[string][]byte{
		"nodes-nan.osm":        []byte(`<osm><node id="1" lat="NaN" lon="NaN"/><node id="2" lat="30.6575" lon="104.0665"/>` + way + `</osm>`),
		"way-missing-refs.osm": []byte(`<osm><node id="1" lat="30.657" lon="104.066"/><way id="10"><nd ref="7"/><nd ref="8"/><tag k="highway" v="footway"/></way></osm>`),
		"huge-id.osm":          []byte(`<osm><node id="99999999999999999999999" lat="30.657" lon="104.066"/>` + way + `</osm>`),
		"garbage.osm.gz":       append([]byte("\x1f\x8b\x08\x00"), garbage()...),
		"garbage.osm.bz2":      append([]byte("BZh9"), garbage()...),
		"xml-named.osm.pbf":    []byte(`<?xml version="1.0"?><osm version="0.6"><node id="1" lat="30" lon="104"/></osm>`),
	}
}
