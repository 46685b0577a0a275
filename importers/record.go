package importers

import (
	"strings"

	"github.com/paulmach/orb"
)

// record is one data row of a table or one GeoJSON feature, before validation.
type record struct {
	num     int // 1-based data row or feature number
	line    int // physical line (CSV) or sheet row (XLSX); 0 for GeoJSON
	cols    *columns
	vals    []string
	geom    *featureGeometry // GeoJSON feature geometry; nil for tables and null geometries
	fid     string           // GeoJSON feature id, used when the properties carry no id
	feature bool             // a GeoJSON feature (geometry from geom, not from columns)
}

// featureGeometry is a geometry read from GeoJSON or WKT, before validation.
type featureGeometry struct {
	typ   string // GeoJSON type name: "Point", "Polygon", "MultiPolygon", …
	point orb.Point
	area  orb.MultiPolygon
}

// get returns the field's column name (or the logical name when the column is absent) and
// its trimmed value ("" when absent).
func (r *record) get(f field) (col, val string) {
	i := r.cols.idx[f]
	if i < 0 {
		return fieldKeys[f], ""
	}
	if i < len(r.vals) {
		val = strings.TrimSpace(r.vals[i])
	}
	return r.cols.name[f], val
}

// blank reports whether every value of the record is empty.
func blank(vals []string) bool {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}
