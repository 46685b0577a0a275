package crs

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// Ref names the coordinate reference of a file's coordinates in one of two ways: one of
// the systems this package converts itself (WGS84, GCJ-02, BD-09: lon/lat degrees), or an
// EPSG code that PROJ transforms (through GDAL; see importers/ogr). WGS84 is both:
// Offset WGS84 and EPSG 4326.
//
// The zero Ref is unset: a file's own CRS (a Shapefile's .prj, a GeoPackage's srs) holds.
type Ref struct {
	Offset System // WGS84, GCJ02 or BD09 when this package converts the coordinates; "" for other EPSG codes
	EPSG   int    // the EPSG code PROJ knows the CRS by; 4326 for WGS84, 0 for GCJ-02 and BD-09
}

// RefWGS84 is WGS84 lon/lat degrees, EPSG:4326.
var RefWGS84 = Ref{Offset: WGS84, EPSG: 4326}

// EPSG returns the Ref of an EPSG code (WGS84's for 4326).
func EPSG(code int) Ref {
	if code == 4326 {
		return RefWGS84
	}
	return Ref{EPSG: code}
}

// refNames maps the names of systems that are not spelled as an EPSG code.
var refNames = map[string]Ref{
	"cgcs2000": {EPSG: 4490}, "cgcs-2000": {EPSG: 4490}, "china2000": {EPSG: 4490},
	"beijing54": {EPSG: 4214}, "beijing1954": {EPSG: 4214}, "bj54": {EPSG: 4214},
	"xian80": {EPSG: 4610}, "xian1980": {EPSG: 4610}, "xa80": {EPSG: 4610},
	"crs84": RefWGS84, "urn:ogc:def:crs:ogc:1.3:crs84": RefWGS84, "urn:ogc:def:crs:ogc::crs84": RefWGS84,
}

// ParseRef reads a --crs value, case-insensitively: every name Parse accepts (wgs84, gcj02,
// bd09 and their spellings); cgcs2000 (EPSG:4490), beijing54 (EPSG:4214), xian80
// (EPSG:4610); EPSG:N, N, or urn:ogc:def:crs:EPSG::N (also with a version between the
// colons) for any EPSG code; CRS84. An empty string is the zero Ref (the file's own CRS).
// ParseRef does not check that PROJ knows the code: GDAL does when it is used. Anything
// else is an EINVALID *geo.Error listing the accepted forms.
func ParseRef(s string) (Ref, error) {
	w := strings.ToLower(strings.TrimSpace(s))
	if w == "" {
		return Ref{}, nil
	}
	if sys, ok := systemNames[w]; ok {
		if sys == WGS84 {
			return RefWGS84, nil
		}
		return Ref{Offset: sys}, nil
	}
	if r, ok := refNames[w]; ok {
		return r, nil
	}
	if code, ok := epsgCode(w); ok {
		return EPSG(code), nil
	}
	return Ref{}, geo.Errorf(geo.EINVALID,
		"unknown coordinate system %q (use wgs84, gcj02, bd09, cgcs2000, beijing54, xian80, EPSG:N such as EPSG:4544, or urn:ogc:def:crs:EPSG::N)", s)
}

// epsgCode reads "epsg:N", "N" or "urn:ogc:def:crs:epsg:[version]:N" (lower case).
func epsgCode(w string) (int, bool) {
	switch {
	case strings.HasPrefix(w, "epsg:"):
		w = strings.TrimPrefix(w, "epsg:")
	case strings.HasPrefix(w, "urn:ogc:def:crs:epsg:"):
		rest := strings.TrimPrefix(w, "urn:ogc:def:crs:epsg:")
		i := strings.IndexByte(rest, ':')
		if i < 0 {
			return 0, false
		}
		w = rest[i+1:]
	}
	code, err := strconv.Atoi(w)
	if err != nil || code <= 0 || code > 99999999 || strings.HasPrefix(w, "+") {
		return 0, false
	}
	return code, true
}

// IsZero reports whether r is unset.
func (r Ref) IsZero() bool { return r == Ref{} }

// IsOffset reports whether r is GCJ-02 or BD-09: lon/lat degrees that only this package
// converts (PROJ knows neither).
func (r Ref) IsOffset() bool { return r.Offset == GCJ02 || r.Offset == BD09 }

// String returns "gcj02", "bd09", "EPSG:N" (WGS84 is "EPSG:4326"), or "" for the zero Ref.
func (r Ref) String() string {
	switch {
	case r.IsOffset():
		return string(r.Offset)
	case r.EPSG != 0:
		return fmt.Sprintf("EPSG:%d", r.EPSG)
	}
	return ""
}

// Describe returns String with the CRS's name when this package knows its family, e.g.
// "EPSG:4544 (CGCS2000 / 3-degree Gauss-Kruger CM 105E)" or "gcj02 (GCJ-02 lon/lat)".
func (r Ref) Describe() string {
	switch {
	case r.IsOffset():
		return fmt.Sprintf("%s (%s lon/lat)", r.Offset, r.Family().Datum)
	case r.IsZero():
		return "(unset)"
	}
	if f := r.Family(); f.Known() {
		return fmt.Sprintf("%s (%s)", r, f.Name)
	}
	return r.String()
}

// LonLat returns the System the existing lon/lat readers (CSV, XLSX, GeoJSON) can convert
// r's coordinates with: WGS84 for EPSG:4326 and for CGCS2000 lon/lat (EPSG:4490, the same
// as WGS84 to well under a metre, see Accuracy), GCJ02 and BD09 as themselves. ok is false
// for projected systems and other datums, which need PROJ.
func (r Ref) LonLat() (sys System, ok bool) {
	switch {
	case r.Offset != "":
		return r.Offset, true
	case r.EPSG == 4490:
		return WGS84, true
	}
	return "", false
}
