package importers_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/importers/osmimport"
	"github.com/lifecircle/lifecircle/internal/testenv"
)

// The cases of hostile_gis_gen_test.go's files.

const (
	asDistrict hostileReader = "district"
	asStreets  hostileReader = "streets"
	asRaster   hostileReader = "raster" // a population GeoTIFF (importers/raster)
)

func gis(c hostileCase) hostileCase { c.gdal = true; return c }

func hostileMoreCases() []hostileCase {
	return []hostileCase{
		invalid("communities-lone.shp", asCommunities, "has no .dbf beside it"),
		invalid("communities-shp-no-dbf.zip", asCommunities, "社区.shp has no .dbf beside it"),
		invalid("communities-shp-no-shx.zip", asCommunities, "社区.shp has no .shx beside it"),
		invalid("communities-dbf-count.zip", asCommunities, "社区.dbf", "says 7 records"),
		invalid("communities-dbf-garbage.zip", asCommunities, "社区.dbf", "truncated"),
		invalid("communities-shp-garbage.zip", asCommunities, "社区.shp: not a shapefile"),
		invalid("communities-shp-truncated.zip", asCommunities, "社区.shp: truncated"),
		gis(invalid("communities-prj-garbage.zip", asCommunities, "社区.prj holds WKT that GDAL cannot read", "read as WGS 84", "cannot be in EPSG:4326")),
		gis(invalid("communities-prj-text.zip", asCommunities, "社区.prj is not a coordinate system", `holds the text "坐标系：2000国家大地坐标系 3度带 39带"`, "cannot be in EPSG:4326")),
		gis(invalid("communities-metres-no-prj.zip", asCommunities, "cannot be in EPSG:4326", "39500500")),
		gis(rejected("communities-shp-bowtie.zip", asCommunities, 2, 0, "geometry", "self-intersecting polygon")),
		invalid("communities-zip-slip.zip", asCommunities, `"../../evil.shp"`, "leaves the zip's folder"),
		invalid("communities-zip-absolute.zip", asCommunities, `"/tmp/evil.shp"`, "absolute path"),
		invalid("communities-zip-no-dataset.zip", asCommunities, "holds no Shapefile"),
		invalid("communities-zip-two-sets.zip", asCommunities, "several datasets", "a/社区.shp", "b/x.kml"),
		invalid("communities-zip-lying-size.zip", asCommunities, `"社区.shp"`, "inflates past the 100 bytes"),
		invalid("communities-zip-bomb-header.zip", asCommunities, "would unpack to more than 2.0 GiB", "zip bomb"),
		invalid("communities-zip-garbage.zip", asCommunities, "not a readable zip archive"),
		{file: "communities-zip-bomb-3gib.zip", reader: asCommunities, code: geo.EINVALID, want: []string{"would unpack to more than 2.0 GiB", "zip bomb"}, big: zipBomb},
		gis(invalid("communities-garbage.kml", asCommunities, "GDAL cannot read it", "not well-formed")),
		gis(invalid("communities-truncated.kml", asCommunities, "GDAL cannot read it")),
		gis(invalid("communities-empty.kml", asCommunities, "finds no layer")),
		gis(invalid("communities-abc.kml", asCommunities, "not a KML file", `starts with the text "abc"`)),
		gis(rejected("communities-bad-coords.kml", asCommunities, 1, 0, "geometry", "self-intersecting polygon")),
		gis(invalid("communities-billion-laughs.kml", asCommunities, "GDAL cannot read it")),
		gis(invalid("communities-garbage.kmz", asCommunities, "GDAL cannot read it")),
		gis(invalid("communities-empty.kmz", asCommunities, "GDAL cannot read it")),
		gis(invalid("communities-corrupt.gpkg", asCommunities, "GDAL cannot read it")),
		gis(invalid("communities-text.gpkg", asCommunities, "GDAL cannot read it")),
		gis(invalid("communities-two-layers.gpkg", asCommunities, "layers", "社区", "街道", "--layer")),
		gis(invalid("compounds-two-layers.gdb.zip", asCompounds, "layers", "小区", "小区2", "--layer")),
		invalid("communities-crs-unknown-epsg.geojson", asCommunities, `"crs" member names urn:ogc:def:crs:EPSG::999999`, "GDAL does not know"),
		invalid("communities-crs-number.geojson", asCommunities, `"crs" member (5) is not`),
		invalid("communities-crs-option.geojson", asCommunities, `"crs" member names --config GDAL_DATA /etc, which is no coordinate system`),
		invalid("communities-crs-proj-string.geojson", asCommunities, `"crs" member names +proj=longlat`),
		gis(invalid("communities-crs-metres.geojson", asCommunities, "cannot be in EPSG:4547")),
		invalid("communities-crs-long.geojson", asCommunities, `"crs" member names EPSG:EPSG:`, "…"),
		gis(invalid("population-no-crs.tif", asRaster, "states no coordinate system")),
		gis(invalid("population-no-geotransform.tiff", asRaster, "no geotransform")),
		gis(invalid("population-scaled.tif", asRaster, "scale or offset")),
		gis(invalid("population-off-globe.tif", asRaster, "not a place on Earth")),
		gis(invalid("population-bogus-strips.tif", asRaster, "1000000 × 1000000 pixels", "MaxPixels")),
		gis(invalid("population-pixel-bomb.tif", asRaster, "50000 × 50000 pixels", "MaxPixels")),
		gis(invalid("population-short-strip.tif", asRaster, "GDAL cannot read it")),
		gis(invalid("population-truncated.tif", asRaster, "GDAL cannot read it")),
		gis(invalid("population-garbage.tif", asRaster, "GDAL cannot read it")),
		gis(invalid("population-text.tif", asRaster, "GDAL cannot read it")),
		rejected("stations-id-2700.csv", asStations, 5, 6, "id", "id is too long: 2700 characters"),
		invalid("stations-bom-only.csv", asStations, "the file is empty"),
		invalid("stations-bom-invalid.csv", asStations, "line 6", "not valid UTF-8", "byte order mark"),
		invalid("stations-nul-in-id.csv", asStations, "looks like binary data", "NUL"),
		rejected("stations-huge-id-number.csv", asStations, 5, 6, "id", "id is too long: 400 characters"),
		rejected("stations-sci-lon.csv", asStations, 5, 6, "lon", "unparseable number"),
		rejected("stations-xlsx-nul.xlsx", asStations, 1, 2, "name", "NUL byte"),
		rejected("stations-xlsx-huge-id.xlsx", asStations, 1, 2, "id", "id is too long: 3000 characters"),
		invalid("stations-xlsx-bad-row.xlsx", asStations, `row number "99999999999" after row 1`),
		invalid("stations-xlsx-shared-neg.xlsx", asStations, `cell A2 points to shared string "-1"`),
		rejected("outlets-nan.csv", asOutlets, 1, 2, "经度", "unparseable number"),
		invalid("outlets-mixed-utf8-gbk.csv", asOutlets, "mixes encodings", "line 3"),
		rejected("district-bad-code.csv", asDistrict, 1, 2, "code", "34010 has 5 digits"),
		invalid("district-empty.geojson", asDistrict, "no features"),
		rejected("streets-village-code.csv", asStreets, 1, 2, "code", "is a community (village) code"),
		invalid("communities-mixed-utf8-gbk.geojson", asCommunities, "mixes encodings", "line 1", `"水西门社区" (byte 102 of the line) is UTF-8 Chinese`, "is UTF-8 Chinese", "not UTF-8 (GBK?)", "save the whole file in one encoding"),
		rejected("communities-huge-id.geojson", asCommunities, 1, 0, "code", "id is too long: 3000 characters"),
		rejected("compounds-nan-wkt.csv", asCompounds, 1, 2, "wkt", "unreadable geometry"),
		{file: "nodes-nan.osm", reader: asOSM, cli: "node 1", check: func(tb testing.TB, res *osmimport.Result) {
			if res.Stats.Skipped[osmimport.SkipBadCoordinates] != 1 || len(res.Edges) != 0 {
				tb.Errorf("%d edges, skipped %v; want the NaN node treated as bad", len(res.Edges), res.Stats.Skipped)
			}
		}},
		{file: "way-missing-refs.osm", reader: asOSM, cli: "keeps 0 walk edges", check: noEdges},
		{file: "xml-named.osm.pbf", reader: asOSM, cli: "keeps 0 walk edges", check: noEdges},
		invalid("huge-id.osm", asOSM, "not a valid OSM XML file", "99999999999999999999999"),
		invalid("garbage.osm.gz", asOSM, "not a valid OSM XML file"),
		invalid("garbage.osm.bz2", asOSM, "not a valid OSM XML file", "bzip2"),
	}
}

// noEdges is the check of an OSM file that holds no usable way (the CLI's shrink guard
// refuses it against a stored network).
func noEdges(tb testing.TB, res *osmimport.Result) {
	if len(res.Edges) != 0 {
		tb.Errorf("%d edges, want none", len(res.Edges))
	}
}

// zipBomb is a zip of one honest entry of 3 GiB of zeros (3 MB compressed): the deflate
// blocks of 1 MiB of zeros, repeated.
func zipBomb(tb testing.TB) []byte {
	tb.Helper()
	var chunk bytes.Buffer
	fw, _ := flate.NewWriter(&chunk, flate.BestCompression)
	zeros := make([]byte, 1<<20)
	fw.Write(zeros)
	fw.Flush() // byte-aligned, non-final blocks that can be repeated
	const n = 3 << 10
	body := bytes.Repeat(chunk.Bytes(), n)
	body = append(body, 0x03, 0x00) // a final, empty fixed-Huffman block
	crc := crc32.NewIEEE()
	for range n {
		crc.Write(zeros)
	}
	return rawZip(tb, rawEntry{&zip.FileHeader{Name: "社区.shp", Method: zip.Deflate, CRC32: crc.Sum32(), UncompressedSize64: n << 20}, body})
}

// TestPRJNotWKTWarns reads lon/lat Shapefiles whose .prj GDAL cannot use: the file is
// read as WGS 84, and the warning says what is wrong with the .prj rather than that
// there is none.
func TestPRJNotWKTWarns(t *testing.T) {
	testenv.RequireGDAL(t)
	good := shapefile{rings: [][][2]float64{squareRing}, codes: []string{"340103001001"}}
	cases := []struct {
		name, prj string
		want      []string
	}{
		{"text", "坐标系：WGS84 经纬度", []string{`社区.prj is not a coordinate system`, `holds the text "坐标系：WGS84 经纬度"`, "read as WGS 84"}},
		{"damaged WKT", `GEOGCS["GCS_WGS_1984",DATUM[`, []string{"社区.prj holds WKT that GDAL cannot read", "read as WGS 84"}},
		{"empty", "", []string{"社区.prj is empty", "read as WGS 84"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "prj.zip")
			if err := os.WriteFile(path, zipOf(t, "社区.shp", good.shp(), "社区.shx", good.shx(), "社区.dbf", good.dbf(-1), "社区.prj", []byte(tc.prj)), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := importers.ReadFile(t.Context(), importers.KindCommunities, path, importers.Options{})
			if err != nil {
				t.Fatal(err)
			}
			w := strings.Join(res.Warnings, "\n")
			for _, want := range tc.want {
				if !strings.Contains(w, want) {
					t.Errorf("warnings %q do not say %q", w, want)
				}
			}
		})
	}
}
