package crs

import (
	"fmt"
	"math"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

// ChinaBounds is the rough box of China used by Plausible: 73–135°E, 18–54°N (WGS 84).
var ChinaBounds = orb.Bound{Min: orb.Point{73, 18}, Max: orb.Point{135, 54}}

// degreeBounds is the range of lon/lat degrees.
var degreeBounds = orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}

// ExtentCheck is what Plausible needs to know of a layer.
type ExtentCheck struct {
	Stated     Ref        // the CRS the file states or the user gives
	Name       string     // how to name Stated (e.g. a .prj's name when it has no EPSG code); Stated.Describe() when ""
	Geographic bool       // Stated's coordinates are lon/lat degrees
	Extent     orb.Bound  // the layer's extent in Stated's units, (east, north) order: (lon, lat) or (x, y) metres
	WGS84      orb.Bound  // Extent as PROJ transforms it to WGS 84 (lon, lat); the zero Bound when not known
	Near       *orb.Point // where the data should be, (lon, lat) WGS 84, when known; names the zone in suggestions
}

// Plausible reports whether the layer's coordinates can be in the stated CRS: lon/lat
// degrees must be degrees, metres must not be degrees, and the stated reading must put at
// least part of the extent in China (ChinaBounds; single stray records are left to the
// per-record checks). When they cannot, the EINVALID *geo.Error gives both readings: the
// stated one and every other reading this package can compute that lands in China (lon/lat
// degrees, (lat, lon) swapped, a CGCS2000 Gauss-Krüger zone from the zone number in the
// easting or from Near, WGS 84 UTM from Near, Web Mercator), each with the --crs to give.
// The extent's centre stands for the layer. It is pure: projected readings other than the
// stated one use the package's own transverse Mercator (no datum shift; metres do not
// matter here).
func Plausible(c ExtentCheck) error {
	centre := c.Extent.Center()
	name := c.Name
	if name == "" {
		name = c.Stated.Describe()
	}
	reading, known := c.statedReading()
	var why string
	switch {
	case c.Geographic && !c.Extent.Intersects(degreeBounds):
		why = fmt.Sprintf("read as %s the extent's centre is %s — not degrees", name, fmtPoint(centre, false))
	case c.Geographic && !c.Extent.Intersects(ChinaBounds):
		why = fmt.Sprintf("read as %s the extent's centre is %s — outside China", name, fmtPoint(centre, true))
	case !c.Geographic && inside(c.Extent, degreeBounds):
		why = fmt.Sprintf("read as %s (metres) the extent's centre %s", name, fmtPoint(centre, true))
		if known {
			why += fmt.Sprintf(" is %s", fmtPoint(reading.Center(), true))
		}
		why += " — these numbers look like degrees, not metres"
	case !c.Geographic && known && math.IsNaN(reading.Min[0]):
		why = fmt.Sprintf("read as %s the extent's centre %s is outside the projection's domain", name, fmtPoint(centre, false))
	case !c.Geographic && known && !reading.Intersects(ChinaBounds):
		why = fmt.Sprintf("read as %s the extent's centre %s is %s — outside China", name, fmtPoint(centre, false), fmtPoint(reading.Center(), true))
	default:
		return nil
	}
	alts := suggestions(c, centre)
	if len(alts) == 0 {
		alts = []string{"no coordinate system this program knows puts them in China: check the file's CRS (.prj) or give the right one with --crs"}
	}
	return geo.Errorf(geo.EINVALID, "the coordinates cannot be in %s: %s; %s", name, why, strings.Join(alts, "; "))
}

// statedReading returns the extent read in the stated CRS as WGS 84 lon/lat.
func (c ExtentCheck) statedReading() (orb.Bound, bool) {
	switch {
	case c.Geographic:
		return c.Extent, true
	case !c.WGS84.IsZero():
		return c.WGS84, true
	}
	f := c.Stated.Family()
	if !f.Known() {
		return orb.Bound{}, false
	}
	a, okA := f.ToLonLat(c.Extent.Min[0], c.Extent.Min[1])
	b, okB := f.ToLonLat(c.Extent.Max[0], c.Extent.Max[1])
	if !okA || !okB {
		return orb.Bound{Min: orb.Point{math.NaN(), math.NaN()}, Max: orb.Point{math.NaN(), math.NaN()}}, true
	}
	return orb.MultiPoint{a, b}.Bound(), true
}

// suggestions lists the other readings of p, the extent's centre in the file's units, that
// land in China.
func suggestions(c ExtentCheck, p orb.Point) []string {
	var out []string
	add := func(code int, why string) {
		if code == c.Stated.EPSG && !c.Stated.IsOffset() {
			return
		}
		r := EPSG(code)
		q, ok := r.Family().ToLonLat(p[0], p[1])
		if !ok || !ChinaBounds.Contains(q) {
			return
		}
		out = append(out, fmt.Sprintf("read as %s%s it is %s — give --crs %s", r.Describe(), why, fmtPoint(q, true), r))
	}
	if !c.Geographic || c.Stated.EPSG != 4326 {
		add(4326, " (or gcj02 / bd09 if it comes from Amap or Baidu)")
	}
	if sw := (orb.Point{p[1], p[0]}); ChinaBounds.Contains(sw) {
		out = append(out, fmt.Sprintf("read as (lat, lon) it is %s — the coordinates are in (latitude, longitude) order: swap them", fmtPoint(sw, true)))
	}
	switch z := int(math.Floor(p[0] / 1e6)); {
	case z >= 13 && z <= 23:
		add(4491+z-13, " (the easting starts with 6° zone number "+fmt.Sprint(z)+")")
	case z >= 25 && z <= 45:
		add(4513+z-25, " (the easting starts with 3° zone number "+fmt.Sprint(z)+")")
	case z == 0 && p[1] > 1.5e6 && p[1] < 6.5e6:
		out = append(out, tmSuggestions(c, p, add)...)
	}
	if p[0] > 8.1e6 && p[0] < 15.1e6 && p[1] > 2.0e6 && p[1] < 7.2e6 {
		add(3857, " (Web Mercator, as map tiles use)")
	}
	return out
}

// tmSuggestions reads metres with no zone number: with Near, as the CGCS2000 3° zone and
// the UTM zone holding it; without, as a distance from an unknown central meridian.
func tmSuggestions(c ExtentCheck, p orb.Point, add func(int, string)) []string {
	if c.Near != nil {
		if code, ok := GaussKruger3(c.Near[0]); ok {
			add(code, " (the 3° zone of the district)")
		}
		add(32600+int(math.Floor((c.Near[0]+180)/6))+1, " (the UTM zone of the district)")
		return nil
	}
	q, ok := Family{Datum: DatumCGCS2000, Projection: ProjGaussKruger3, FalseEasting: 500000}.ToLonLat(p[0], p[1])
	if !ok {
		return nil
	}
	side := "east"
	if q[0] < 0 {
		side = "west"
	}
	return []string{fmt.Sprintf("these look like metres of a transverse Mercator zone (Gauss-Krüger or UTM) whose central meridian the numbers do not tell: "+
		"the point is %.0f km %s of the zone's central meridian at %.2f°N — give --crs EPSG:4534+(CM−75)/3 for the CGCS2000 3° zone with central meridian CM (75, 78, … 135°E; EPSG:4544 for 105°E), or EPSG:326NN for UTM zone NN",
		math.Abs(p[0]-500000)/1000, side, q[1])}
}

// inside reports whether b lies entirely inside outer.
func inside(b, outer orb.Bound) bool {
	return outer.Contains(b.Min) && outer.Contains(b.Max)
}

// fmtPoint writes p as (x, y): degrees to 5 decimals (about a metre), metres to 1.
func fmtPoint(p orb.Point, degrees bool) string {
	if degrees {
		return fmt.Sprintf("(%.5f, %.5f)", p[0], p[1])
	}
	return fmt.Sprintf("(%.1f, %.1f)", p[0], p[1])
}
