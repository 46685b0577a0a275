package importers

import (
	"encoding/json"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers/internal/guard"
	"github.com/lifecircle/lifecircle/importers/ogr"
)

// checkLegacyCRS refuses a GeoJSON "crs" member that GDAL would quietly ignore — reading
// the coordinates as WGS 84 whatever the member said: one that is not an object naming a
// CRS ("crs": 5), or one naming something that is no CRS crs.ParseRef reads (an option,
// a PROJ string, an unknown word).
func checkLegacyCRS(file string, data []byte) error {
	var top struct {
		CRS json.RawMessage `json:"crs"`
	}
	if json.Unmarshal(data, &top) != nil || len(top.CRS) == 0 || string(top.CRS) == "null" {
		return nil // no member (or no JSON: the GeoJSON reader says so)
	}
	name, ok := ogr.LegacyCRS(data)
	if !ok && !strings.HasPrefix(strings.TrimSpace(string(top.CRS)), "{") {
		return geo.Errorf(geo.EINVALID, `%s: the "crs" member (%s) is not {"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::N"}}: remove it if the coordinates are WGS 84 lon/lat, or give --crs`,
			file, guard.Echo(string(top.CRS), 40))
	}
	if !ok {
		return nil // WGS 84, or an object naming nothing: read as WGS 84 like RFC 7946 says
	}
	if _, err := crs.ParseRef(name); err != nil {
		return geo.Errorf(geo.EINVALID, `%s: the "crs" member names %s, which is no coordinate system (urn:ogc:def:crs:EPSG::N, EPSG:N): remove it if the coordinates are WGS 84 lon/lat, or give --crs`,
			file, guard.Echo(name, 60))
	}
	return nil
}

// checkLegacyFallback refuses a GeoJSON whose "crs" member names a CRS that GDAL read as
// WGS 84 anyway (an EPSG code PROJ does not know: GDAL falls back to GeoJSON's default).
func checkLegacyFallback(file string, data []byte, res *Result) error {
	name, ok := ogr.LegacyCRS(data)
	if !ok || res.CRS != crs.RefWGS84.String() {
		return nil
	}
	return geo.Errorf(geo.EINVALID, `%s: the "crs" member names %s, which GDAL does not know (it would read the coordinates as WGS 84): give --crs with the file's real coordinate system, or remove the member if they are WGS 84 lon/lat`,
		file, guard.Echo(name, 60))
}
