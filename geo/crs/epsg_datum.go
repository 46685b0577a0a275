package crs

import (
	"fmt"
	"strings"
)

// DatumShift says how far PROJ's default transformation from a datum to WGS 84 can be
// trusted in mainland China.
type DatumShift struct {
	Ballpark bool    // PROJ has no published parameters here and applies a null shift (+proj=noop)
	Metres   float64 // how far off a transformed position may be, at worst, in metres
	Text     string  // the explanation for a person; "" when there is nothing to say
}

// Warn reports whether the shift is worth a warning to the person importing: a position
// may be off by a metre or more.
func (s DatumShift) Warn() bool { return s.Metres >= 1 }

// The figures quoted below come from PROJ 9's database: `projinfo -s EPSG:4214 -t
// EPSG:4326` (Beijing 1954), `-s EPSG:4610` (Xian 1980), `-s EPSG:4555` (New Beijing) and
// `-s EPSG:4490` (CGCS2000) each answer with a single operation, "Ballpark geographic offset
// from <datum> to WGS 84, unknown accuracy", PROJ string "+proj=noop". EPSG does have
// Beijing 1954 → WGS 84 Helmert parameters for a few oil basins and offshore areas
// (EPSG:15918–15921, 15935, 15936, accuracy 1–15 m), which PROJ uses for points inside
// those areas only; applied across China (75–135°E, 20–50°N) they move a point by 6 to
// 109 m (by 24–29 m around Chengdu), which is the error of the null shift elsewhere.
const (
	ballparkBeijing54 = "PROJ's database has no transformation from Beijing 1954 to WGS 84 for most of mainland China: `projinfo -s EPSG:4214 -t EPSG:4326` gives \"Ballpark geographic offset from Beijing 1954 to WGS 84, unknown accuracy\" (+proj=noop: the lon/lat are kept as they are). EPSG's regional Beijing 1954 parameters (used by PROJ only inside a few oil basins and offshore areas) shift points by about 6 to 110 m across China, so positions read here may be off by that much"
	ballparkXian80    = "PROJ's database has no transformation from Xian 1980 to WGS 84: `projinfo -s EPSG:4610 -t EPSG:4326` gives only \"Ballpark geographic offset from Xian 1980 to WGS 84, unknown accuracy\" (+proj=noop: the lon/lat are kept as they are). The true Xian 1980 → WGS 84 shift is of the same order as Beijing 1954's, tens of metres and up to about 100 m or more, so positions read here may be off by that much"
	ballparkNewBJ     = "PROJ's database has no transformation from New Beijing to WGS 84: `projinfo -s EPSG:4555 -t EPSG:4326` gives only \"Ballpark geographic offset from New Beijing to WGS 84, unknown accuracy\" (+proj=noop). New Beijing keeps Beijing 1954's Krasovsky ellipsoid, so positions read here may be off by tens of metres, up to about 100 m or more"
	adviceOld         = "ask the data's owner for CGCS2000 (EPSG:4490, Gauss-Krüger EPSG:4491–4554) or WGS 84, or check a few points against a map you trust"
	noteCGCS2000      = "CGCS2000 is read as WGS 84 (PROJ: \"Ballpark geographic offset from China Geodetic Coordinate System 2000 to WGS 84\", +proj=noop): the two frames agree to a few centimetres at epoch 2000.0 and drift apart by a few centimetres a year of plate motion, well under a metre, which does not matter for planning"
)

// ShiftOf returns what PROJ's default transformation from datum d to WGS 84 is worth:
// a null shift off by up to ~110 m for Beijing 1954, New Beijing and Xian 1980; a null
// shift off by well under a metre for CGCS2000; nothing for WGS 84 and the offset
// systems (this package converts those, to under 0.5 m).
func ShiftOf(d Datum) DatumShift {
	switch d {
	case DatumBeijing54:
		return DatumShift{Ballpark: true, Metres: 110, Text: ballparkBeijing54 + "; " + adviceOld}
	case DatumXian80:
		return DatumShift{Ballpark: true, Metres: 150, Text: ballparkXian80 + "; " + adviceOld}
	case DatumNewBeijing:
		return DatumShift{Ballpark: true, Metres: 150, Text: ballparkNewBJ + "; " + adviceOld}
	case DatumCGCS2000:
		return DatumShift{Ballpark: true, Metres: 0.8, Text: noteCGCS2000}
	}
	return DatumShift{}
}

// DatumShift returns ShiftOf(r's datum), its text naming r.
func (r Ref) DatumShift() DatumShift {
	s := ShiftOf(r.Family().Datum)
	if s.Text != "" {
		s.Text = fmt.Sprintf("%s is on the %s datum. %s", r.Describe(), r.Family().Datum, s.Text)
	}
	return s
}

// datumSpellings are the ways WKT (OGC or ESRI) and .prj files name the datums.
var datumSpellings = []struct {
	datum Datum
	names []string
}{
	{DatumNewBeijing, []string{"new beijing", "new_beijing"}},
	{DatumBeijing54, []string{"beijing 1954", "beijing_1954", "beijing54", "beijing 54"}},
	{DatumXian80, []string{"xian 1980", "xian_1980", "xian80", "xi'an 1980", "xian 80"}},
	{DatumCGCS2000, []string{"china 2000", "china_2000", "cgcs2000", "cgcs_2000", "china geodetic coordinate system 2000"}},
	{DatumWGS84, []string{"wgs 84", "wgs_1984", "wgs84", "world geodetic system 1984"}},
}

// DatumFromName guesses the datum from a CRS's name or WKT text (OGC or ESRI spelling),
// for CRSs without an EPSG code; DatumUnknown when none of the known names occurs. New
// Beijing is tested before Beijing 1954, and the projected name before the base datum's.
func DatumFromName(text string) Datum {
	t := strings.ToLower(text)
	best, at := DatumUnknown, len(t)+1
	for _, d := range datumSpellings {
		for _, n := range d.names {
			if i := strings.Index(t, n); i >= 0 && i < at {
				best, at = d.datum, i
			}
		}
	}
	return best
}
