package ogr

import (
	"encoding/json"
	"path/filepath"
	"strings"

	"github.com/lifecircle/lifecircle/geo/crs"
)

// vectorExts are the file names Handles claims.
var vectorExts = map[string]bool{".shp": true, ".zip": true, ".gpkg": true, ".gdb": true, ".kml": true, ".kmz": true}

// Handles reports whether a file of this name is for this package rather than the
// importers' own CSV/XLSX/GeoJSON readers: .shp, .zip (a zipped Shapefile or FileGDB),
// .gpkg, a .gdb folder, .kml and .kmz. For GeoJSON see LegacyCRS.
func Handles(name string) bool {
	return vectorExts[strings.ToLower(filepath.Ext(strings.TrimRight(name, `/\`)))]
}

// LegacyCRS reads the top-level "crs" member of a GeoJSON text (GeoJSON 2008; RFC 7946
// dropped it), e.g. {"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32650"}}.
// It returns the CRS's name and true when there is such a member and it names anything but
// WGS 84 lon/lat (CRS84, EPSG:4326) — a CRS the importers' GeoJSON reader cannot apply and
// GDAL can, through this package; "" and false otherwise (no member, WGS 84, or a text
// that is not JSON, which the GeoJSON reader reports).
func LegacyCRS(data []byte) (string, bool) {
	var top struct {
		CRS *struct {
			Type       string `json:"type"`
			Properties struct {
				Name string `json:"name"`
				Code any    `json:"code"`
			} `json:"properties"`
		} `json:"crs"`
	}
	if json.Unmarshal(data, &top) != nil || top.CRS == nil {
		return "", false
	}
	name := top.CRS.Properties.Name
	if strings.EqualFold(top.CRS.Type, "EPSG") {
		b, _ := json.Marshal(top.CRS.Properties.Code)
		name = "EPSG:" + strings.Trim(string(b), `"`)
	}
	if r, err := crs.ParseRef(name); err == nil && (r.IsZero() || r == crs.RefWGS84) {
		return "", false
	}
	return name, true
}
