package crs

import (
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

// System names a coordinate system: WGS84, GCJ02 or BD09.
type System string

// The supported systems. Storage in lifecircle is always WGS84.
const (
	WGS84 System = "wgs84" // EPSG:4326: GPS, OpenStreetMap
	GCJ02 System = "gcj02" // GCJ-02: Amap/Gaode, Tencent
	BD09  System = "bd09"  // BD-09: Baidu
)

// systemNames maps every accepted spelling (lower case) to its system.
var systemNames = map[string]System{
	"wgs84": WGS84, "wgs-84": WGS84, "epsg:4326": WGS84, "4326": WGS84,
	"gcj02": GCJ02, "gcj-02": GCJ02, "amap": GCJ02, "gaode": GCJ02, "tencent": GCJ02,
	"bd09": BD09, "bd-09": BD09, "baidu": BD09,
}

// Parse reads a coordinate system name, case-insensitively: wgs84, epsg:4326 or 4326;
// gcj02, gcj-02, amap, gaode or tencent; bd09, bd-09 or baidu. An empty string means
// WGS84. Anything else is an EINVALID *geo.Error listing the accepted names.
func Parse(s string) (System, error) {
	w := strings.ToLower(strings.TrimSpace(s))
	if w == "" {
		return WGS84, nil
	}
	if sys, ok := systemNames[w]; ok {
		return sys, nil
	}
	return "", geo.Errorf(geo.EINVALID,
		"unknown coordinate system %q (use wgs84, wgs-84, epsg:4326, 4326, gcj02, gcj-02, amap, gaode, tencent, bd09, bd-09 or baidu)", s)
}

// Valid reports whether s is one of WGS84, GCJ02 and BD09.
func (s System) Valid() bool { return s == WGS84 || s == GCJ02 || s == BD09 }

// ToWGS84 converts p, (lon, lat) in degrees of sys, to (lon, lat) WGS84 degrees. WGS84
// and any system that is not Valid return p unchanged; use Parse to reject bad names.
func ToWGS84(sys System, p orb.Point) orb.Point {
	to, _ := sys.conversions()
	return to(p)
}

// FromWGS84 converts p, (lon, lat) in WGS84 degrees, to (lon, lat) degrees of sys. WGS84
// and any system that is not Valid return p unchanged; use Parse to reject bad names.
func FromWGS84(sys System, p orb.Point) orb.Point {
	_, from := sys.conversions()
	return from(p)
}

// conversions returns s's conversions of (lon, lat) degrees to and from WGS84: the
// identity for WGS84 and any system that is not Valid.
func (s System) conversions() (to, from func(orb.Point) orb.Point) {
	switch s {
	case GCJ02:
		return GCJ02ToWGS84, WGS84ToGCJ02
	case BD09:
		return BD09ToWGS84, WGS84ToBD09
	}
	same := func(p orb.Point) orb.Point { return p }
	return same, same
}
