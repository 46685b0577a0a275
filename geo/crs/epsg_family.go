package crs

import "fmt"

// Datum is the geodetic datum of a coordinate reference, as far as this package knows it.
type Datum string

// The datums of the coordinate systems found in Chinese planning data.
const (
	DatumUnknown    Datum = ""
	DatumWGS84      Datum = "WGS 84"
	DatumCGCS2000   Datum = "CGCS2000"     // China Geodetic Coordinate System 2000, the national datum since 2008
	DatumBeijing54  Datum = "Beijing 1954" // Krasovsky ellipsoid, tied to Pulkovo
	DatumNewBeijing Datum = "New Beijing"  // Beijing 1954 recomputed on Krasovsky with Xi'an 80's adjustment
	DatumXian80     Datum = "Xian 1980"    // IAG-75 ellipsoid, origin at Yongle, Shaanxi
	DatumGCJ02      Datum = "GCJ-02"       // the obfuscated "Mars" datum of Amap/Gaode and Tencent
	DatumBD09       Datum = "BD-09"        // Baidu's offset of GCJ-02
)

// Projection is how a coordinate reference maps lon/lat to its coordinates.
type Projection string

// The projections this package knows (enough to read a point back in plausibility checks).
const (
	ProjUnknown      Projection = ""
	ProjGeographic   Projection = "geographic"     // lon/lat degrees
	ProjGaussKruger3 Projection = "gauss-kruger-3" // transverse Mercator, 3° zones, scale 1
	ProjGaussKruger6 Projection = "gauss-kruger-6" // transverse Mercator, 6° zones, scale 1
	ProjUTM          Projection = "utm"            // transverse Mercator, 6° zones, scale 0.9996
	ProjWebMercator  Projection = "web-mercator"   // EPSG:3857, spherical Mercator on WGS 84
)

// Family says what this package knows of a coordinate reference: its datum, its
// projection and, for transverse Mercator zones, the central meridian (degrees east) and
// false easting and northing (metres; a zone number in front of the easting is part of
// the false easting, e.g. 35 500 000 for 3° zone 35).
type Family struct {
	Name            string // EPSG's name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 105E"
	Datum           Datum
	Projection      Projection
	CentralMeridian float64 // degrees east
	FalseEasting    float64 // metres
	FalseNorthing   float64 // metres
	Zone            int     // the zone number of a GK "zone N" or UTM CRS; 0 for "CM" CRSs
}

// Known reports whether the family was found.
func (f Family) Known() bool { return f.Projection != ProjUnknown }

// Geographic reports whether the coordinates are lon/lat degrees.
func (f Family) Geographic() bool { return f.Projection == ProjGeographic }

// zoneRange is a run of consecutive EPSG codes of one datum and projection: codes first…
// first+n-1 have zone (or central meridian) numbers start, start+step, …
type zoneRange struct {
	first, n int
	datum    Datum
	proj     Projection
	prefixed bool // "zone N": the easting carries the zone number (false easting N·10⁶ + 500 000)
	start    int  // the first zone number (prefixed) or central meridian (not prefixed)
}

// gkRanges lists the Gauss-Krüger CRSs of China in EPSG (checked against PROJ's database
// by the tests). 6° zones 13–23 have central meridians 75…135°E (6·zone − 3); 3° zones
// 25–45 have central meridians 75…135°E (3·zone).
var gkRanges = []zoneRange{
	{4491, 11, DatumCGCS2000, ProjGaussKruger6, true, 13},
	{4502, 11, DatumCGCS2000, ProjGaussKruger6, false, 75},
	{4513, 21, DatumCGCS2000, ProjGaussKruger3, true, 25},
	{4534, 21, DatumCGCS2000, ProjGaussKruger3, false, 75},
	{2327, 11, DatumXian80, ProjGaussKruger6, true, 13},
	{2338, 11, DatumXian80, ProjGaussKruger6, false, 75},
	{2349, 21, DatumXian80, ProjGaussKruger3, true, 25},
	{2370, 21, DatumXian80, ProjGaussKruger3, false, 75},
	{2401, 21, DatumBeijing54, ProjGaussKruger3, true, 25},
	{2422, 21, DatumBeijing54, ProjGaussKruger3, false, 75},
	{21413, 11, DatumBeijing54, ProjGaussKruger6, true, 13},
	{21453, 11, DatumBeijing54, ProjGaussKruger6, false, 75},
	{21473, 11, DatumBeijing54, ProjGaussKruger6, false, 75}, // deprecated "Gauss-Kruger 13N…23N"
	{4568, 11, DatumNewBeijing, ProjGaussKruger6, true, 13},
	{4579, 11, DatumNewBeijing, ProjGaussKruger6, false, 75},
	{4652, 5, DatumNewBeijing, ProjGaussKruger3, true, 25},
	{4766, 16, DatumNewBeijing, ProjGaussKruger3, true, 30},
	{4782, 19, DatumNewBeijing, ProjGaussKruger3, false, 75},
	{4812, 1, DatumNewBeijing, ProjGaussKruger3, false, 132},
	{4822, 1, DatumNewBeijing, ProjGaussKruger3, false, 135},
}

// geographicCodes are the lon/lat CRSs of the datums above.
var geographicCodes = map[int]Family{
	4326: {Name: "WGS 84", Datum: DatumWGS84, Projection: ProjGeographic},
	4490: {Name: "China Geodetic Coordinate System 2000", Datum: DatumCGCS2000, Projection: ProjGeographic},
	4214: {Name: "Beijing 1954", Datum: DatumBeijing54, Projection: ProjGeographic},
	4555: {Name: "New Beijing", Datum: DatumNewBeijing, Projection: ProjGeographic},
	4610: {Name: "Xian 1980", Datum: DatumXian80, Projection: ProjGeographic},
}

// Family returns what this package knows of r: the offset systems, WGS 84 and its UTM
// zones (EPSG:32601–32660, 32701–32760) and Web Mercator (EPSG:3857), and the lon/lat and
// Gauss-Krüger CRSs of CGCS2000, Xi'an 1980, Beijing 1954 and New Beijing. Any other
// code gives a Family that is not Known (PROJ still transforms it).
func (r Ref) Family() Family {
	switch r.Offset {
	case GCJ02:
		return Family{Name: "GCJ-02", Datum: DatumGCJ02, Projection: ProjGeographic}
	case BD09:
		return Family{Name: "BD-09", Datum: DatumBD09, Projection: ProjGeographic}
	}
	return FamilyOf(r.EPSG)
}

// FamilyOf returns what this package knows of an EPSG code; see Ref.Family.
func FamilyOf(code int) Family {
	if f, ok := geographicCodes[code]; ok {
		return f
	}
	switch {
	case code == 3857:
		return Family{Name: "WGS 84 / Pseudo-Mercator", Datum: DatumWGS84, Projection: ProjWebMercator}
	case code >= 32601 && code <= 32660, code >= 32701 && code <= 32760:
		return utmFamily(code)
	}
	for _, zr := range gkRanges {
		if code >= zr.first && code < zr.first+zr.n {
			return zr.family(code - zr.first)
		}
	}
	return Family{}
}

func utmFamily(code int) Family {
	zone, hemi, fn := code%100, "N", 0.0
	if code > 32700 {
		hemi, fn = "S", 10000000
	}
	return Family{
		Name: fmt.Sprintf("WGS 84 / UTM zone %d%s", zone, hemi), Datum: DatumWGS84, Projection: ProjUTM,
		CentralMeridian: float64(6*zone - 183), FalseEasting: 500000, FalseNorthing: fn, Zone: zone,
	}
}

// family returns the i-th CRS of the range.
func (zr zoneRange) family(i int) Family {
	step := 6
	if zr.proj == ProjGaussKruger3 {
		step = 3
	}
	f := Family{Datum: zr.datum, Projection: zr.proj, FalseEasting: 500000}
	deg := "3-degree "
	if zr.proj == ProjGaussKruger6 {
		deg = ""
	}
	if zr.prefixed {
		f.Zone = zr.start + i
		f.CentralMeridian = float64(step * f.Zone)
		if zr.proj == ProjGaussKruger6 {
			f.CentralMeridian = float64(6*f.Zone - 3)
		}
		f.FalseEasting = float64(f.Zone)*1e6 + 500000
		f.Name = fmt.Sprintf("%s / %sGauss-Kruger zone %d", zr.datum, deg, f.Zone)
		return f
	}
	f.CentralMeridian = float64(zr.start + step*i)
	f.Name = fmt.Sprintf("%s / %sGauss-Kruger CM %dE", zr.datum, deg, int(f.CentralMeridian))
	if zr.first == 21473 {
		f.Name = fmt.Sprintf("%s / Gauss-Kruger %dN", zr.datum, 13+i)
	}
	return f
}

// GaussKruger3 returns the EPSG code of the CGCS2000 3° Gauss-Krüger CRS (central meridian
// form, no zone number in the easting: EPSG:4534–4554) whose zone holds longitude lon
// (degrees east), and false when lon is outside China's zones (73.5–136.5°E).
func GaussKruger3(lon float64) (int, bool) {
	cm := 3 * int((lon+1.5)/3)
	if lon < 73.5 || cm < 75 || cm > 135 {
		return 0, false
	}
	return 4534 + (cm-75)/3, true
}
