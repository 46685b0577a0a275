package ogr

import (
	"testing"

	"github.com/lifecircle/lifecircle/geo/crs"
)

// ogrinfoSample is `ogrinfo -ro -so -al -nomd -wkt_format WKT2` of a GeoPackage with a
// projected layer, a lon/lat layer and a table, as GDAL 3.6 prints it (WKT shortened).
const ogrinfoSample = `INFO: Open of ` + "`two.gpkg'" + `
      using driver ` + "`GPKG'" + ` successful.

Layer name: gk
Geometry: Polygon
Feature Count: 2
Extent: (394231.708069, 3381028.449671) - (420550.040349, 3400830.814690)
Layer SRS WKT:
PROJCRS["CGCS2000 / 3-degree Gauss-Kruger CM 105E",
    BASEGEOGCRS["China Geodetic Coordinate System 2000",
        DATUM["China 2000",
            ELLIPSOID["CGCS2000",6378137,298.257222101,
                LENGTHUNIT["metre",1]]],
        ID["EPSG",4490]],
    CONVERSION["Gauss-Kruger CM 105E",
        METHOD["Transverse Mercator",
            ID["EPSG",9807]]],
    USAGE[
        SCOPE["Cadastre."],
        AREA["China - between 103°30'E and 106°30'E."],
        BBOX[22.5,103.5,42.21,106.51]],
    ID["EPSG",4544]]
Data axis to CRS axis mapping: 2,1
FID Column = fid
Geometry Column = geom
名称: String (80.0)
adcode: Integer (9.0)
flag: Integer(Boolean) (0.0) NOT NULL

Layer name: lonlat
Geometry: Multi Polygon
Feature Count: 1
Extent: (103.896231, 30.546454) - (104.171626, 30.723817)
Layer SRS WKT:
(unknown)
name: String (0.0)

Layer name: codes
Geometry: None
Feature Count: 7
Layer SRS WKT:
(unknown)
code: String (0.0)
`

func TestParseOgrinfo(t *testing.T) {
	ds := parseOgrinfo(ogrinfoSample)
	if ds.Driver != "GPKG" || len(ds.Layers) != 3 {
		t.Fatalf("driver %q, %d layers", ds.Driver, len(ds.Layers))
	}
	gk, ll, tab := ds.Layers[0], ds.Layers[1], ds.Layers[2]
	if gk.Name != "gk" || gk.Geometry != "Polygon" || gk.Count != 2 || !gk.HasExtent || gk.Extent.Min[0] != 394231.708069 || gk.Extent.Max[1] != 3400830.814690 {
		t.Errorf("gk: %+v", gk)
	}
	if len(gk.Fields) != 3 || gk.Fields[0] != "名称" || gk.Fields[2] != "flag" {
		t.Errorf("gk fields %q", gk.Fields)
	}
	s := ParseWKT(gk.WKT)
	if s.EPSG != 4544 || s.Geographic || s.Name != "CGCS2000 / 3-degree Gauss-Kruger CM 105E" || s.Datum != crs.DatumCGCS2000 {
		t.Errorf("gk CRS %+v", s)
	}
	if ll.WKT != "" || ll.Geometry != "Multi Polygon" || ll.Count != 1 || len(ll.Fields) != 1 {
		t.Errorf("lonlat: %+v", ll)
	}
	if tab.Geometry != "None" || tab.HasExtent {
		t.Errorf("table: %+v", tab)
	}
}

func TestParseWKT(t *testing.T) {
	cases := []struct {
		name, wkt string
		want      SourceCRS // EPSG, Geographic and Datum
	}{
		{"WKT2 lon/lat", `GEOGCRS["WGS 84",DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563]],ID["EPSG",4326]]`, SourceCRS{EPSG: 4326, Geographic: true, Datum: crs.DatumWGS84}},
		{"WKT2 inner ids only", `PROJCRS["Xian 1980 / 3-degree Gauss-Kruger CM 114E",BASEGEOGCRS["Xian 1980",DATUM["Xian 1980"],ID["EPSG",4610]],CONVERSION["x",METHOD["Transverse Mercator",ID["EPSG",9807]]]]`, SourceCRS{EPSG: 0, Geographic: false, Datum: crs.DatumXian80}},
		{"WKT1 authority", `PROJCS["Beijing 1954 / 3-degree Gauss-Kruger CM 117E",GEOGCS["Beijing 1954",AUTHORITY["EPSG","4214"]],AUTHORITY["EPSG","2435"]]`, SourceCRS{EPSG: 2435, Geographic: false, Datum: crs.DatumBeijing54}},
		{"ESRI .prj", `PROJCS["CGCS2000_3_Degree_GK_CM_105E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]]],PROJECTION["Gauss_Kruger"]]`, SourceCRS{EPSG: 0, Geographic: false, Datum: crs.DatumCGCS2000}},
		{"BOUNDCRS", `BOUNDCRS[SOURCECRS[PROJCRS["Beijing 1954 / Gauss-Kruger zone 18",BASEGEOGCRS["Beijing 1954"],ID["EPSG",21418]]],TARGETCRS[GEOGCRS["WGS 84",ID["EPSG",4326]]],ABRIDGEDTRANSFORMATION["x"]]`, SourceCRS{EPSG: 21418, Geographic: false, Datum: crs.DatumBeijing54}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := ParseWKT(tc.wkt)
			if got := (SourceCRS{EPSG: s.EPSG, Geographic: s.Geographic, Datum: s.Datum}); got != tc.want {
				t.Errorf("ParseWKT = EPSG %d, geographic %v, datum %q; want %d, %v, %q", got.EPSG, got.Geographic, got.Datum, tc.want.EPSG, tc.want.Geographic, tc.want.Datum)
			}
		})
	}
}

func TestSafeName(t *testing.T) {
	cases := []struct {
		name string
		ok   bool
	}{
		{"a.shp", true}, {"dir/a.shp", true}, {"x.gdb/a00000001.gdbtable", true}, {"dir/../a.shp", true},
		{"../a.shp", false}, {"dir/../../a.shp", false}, {"/etc/passwd", false}, {`..\a.shp`, false}, {`C:\a.shp`, false},
	}
	for _, tc := range cases {
		if _, err := safeName(tc.name); (err == nil) != tc.ok {
			t.Errorf("safeName(%q): err %v, want ok %v", tc.name, err, tc.ok)
		}
	}
}
