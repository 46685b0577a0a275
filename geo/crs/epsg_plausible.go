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

// ExtentCheck is what Plausible needs to know of a layer. Every reading of the coordinates
// in another CRS comes from PROJ, through the caller: this package transforms nothing.
type ExtentCheck struct {
	Stated     Ref       // the CRS the file states or the user gives
	Name       string    // how to name Stated (e.g. a .prj's name when it has no EPSG code); Stated.Describe() when ""
	Geographic bool      // Stated's coordinates are lon/lat degrees
	Extent     orb.Bound // the layer's extent in Stated's units, (east, north) order: (lon, lat) or (x, y) metres
	// WGS84 is Extent as PROJ transforms it to WGS 84 (lon, lat); the zero Bound when not
	// known. Unplaced says PROJ transformed none of its points (outside the projection's
	// domain).
	WGS84    orb.Bound
	Unplaced bool
	Near     *orb.Point // where the data should be, (lon, lat) WGS 84, when known; names the zone in suggestions
	// Readings holds, for each Candidates SRS, the extent's centre as PROJ transforms it
	// from that SRS to WGS 84 (lon, lat); an SRS PROJ could not transform it from is absent.
	Readings map[string]orb.Point
}

// Candidate is another CRS the extent's centre may be in: SRS is what to hand PROJ (an
// EPSG code, or a PROJ string for a transverse Mercator zone of unknown central meridian),
// Ref the --crs to suggest (zero for the latter), Why a note on how it was guessed.
type Candidate struct {
	SRS string
	Ref Ref
	Why string
}

// tmUnknownCM reads metres of a Gauss-Krüger zone whose central meridian the numbers do not
// tell: central meridian 0, false easting 500 km; the longitude read is the distance from
// the zone's meridian.
const tmUnknownCM = "+proj=tmerc +lat_0=0 +lon_0=0 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs"

// Implausible returns why the layer's coordinates cannot be in the stated CRS, "" when they
// can: lon/lat degrees must be degrees, metres must not be degrees, and the stated reading
// (c.WGS84, PROJ's) must put at least part of the extent in China (ChinaBounds; single
// stray records are left to the per-record checks). The extent's centre stands for the
// layer.
func Implausible(c ExtentCheck) string {
	centre := c.Extent.Center()
	name := c.name()
	switch {
	case c.Geographic && !c.Extent.Intersects(degreeBounds):
		return fmt.Sprintf("read as %s the extent's centre is %s — not degrees", name, fmtPoint(centre, false))
	case c.Geographic && !c.Extent.Intersects(ChinaBounds):
		return fmt.Sprintf("read as %s the extent's centre is %s — outside China", name, fmtPoint(centre, true))
	case !c.Geographic && inside(c.Extent, degreeBounds):
		why := fmt.Sprintf("read as %s (metres) the extent's centre %s", name, fmtPoint(centre, true))
		if !c.WGS84.IsZero() {
			why += fmt.Sprintf(" is %s", fmtPoint(c.WGS84.Center(), true))
		}
		return why + " — these numbers look like degrees, not metres"
	case !c.Geographic && c.Unplaced:
		return fmt.Sprintf("read as %s the extent's centre %s is outside the projection's domain", name, fmtPoint(centre, false))
	case !c.Geographic && !c.WGS84.IsZero() && !c.WGS84.Intersects(ChinaBounds):
		return fmt.Sprintf("read as %s the extent's centre %s is %s — outside China", name, fmtPoint(centre, false), fmtPoint(c.WGS84.Center(), true))
	}
	return ""
}

func (c ExtentCheck) name() string {
	if c.Name != "" {
		return c.Name
	}
	return c.Stated.Describe()
}

// Candidates lists the other CRSs the extent's centre p may be in, for the caller to have
// PROJ read it in each (ExtentCheck.Readings): lon/lat degrees, a CGCS2000 Gauss-Krüger
// zone from the zone number in the easting or from Near, WGS 84 UTM from Near, a
// transverse Mercator zone of unknown central meridian, Web Mercator.
func Candidates(c ExtentCheck) []Candidate {
	p := c.Extent.Center()
	var out []Candidate
	add := func(code int, why string) {
		if code != c.Stated.EPSG || c.Stated.IsOffset() {
			out = append(out, Candidate{SRS: "EPSG:" + fmt.Sprint(code), Ref: EPSG(code), Why: why})
		}
	}
	if !c.Geographic || c.Stated.EPSG != 4326 {
		add(4326, " (or gcj02 / bd09 if it comes from Amap or Baidu)")
	}
	switch z := int(math.Floor(p[0] / 1e6)); {
	case z >= 13 && z <= 23:
		add(4491+z-13, " (the easting starts with 6° zone number "+fmt.Sprint(z)+")")
	case z >= 25 && z <= 45:
		add(4513+z-25, " (the easting starts with 3° zone number "+fmt.Sprint(z)+")")
	case z == 0 && p[1] > 1.5e6 && p[1] < 6.5e6 && c.Near != nil:
		if code, ok := GaussKruger3(c.Near[0]); ok {
			add(code, " (the 3° zone of the district)")
		}
		add(32600+int(math.Floor((c.Near[0]+180)/6))+1, " (the UTM zone of the district)")
	case z == 0 && p[1] > 1.5e6 && p[1] < 6.5e6:
		out = append(out, Candidate{SRS: tmUnknownCM})
	}
	if p[0] > 8.1e6 && p[0] < 15.1e6 && p[1] > 2.0e6 && p[1] < 7.2e6 {
		add(3857, " (Web Mercator, as map tiles use)")
	}
	return out
}

// Plausible reports whether the layer's coordinates can be in the stated CRS (see
// Implausible). When they cannot, the EINVALID *geo.Error gives both readings: the stated
// one and every reading of c.Readings (PROJ's, of Candidates) that lands in China, and
// (lat, lon) swapped, each with the --crs to give. It is pure.
func Plausible(c ExtentCheck) error {
	why := Implausible(c)
	if why == "" {
		return nil
	}
	alts := suggestions(c)
	if len(alts) == 0 {
		alts = []string{"no coordinate system this program knows puts them in China: check the file's CRS (.prj) or give the right one with --crs"}
	}
	return geo.Errorf(geo.EINVALID, "the coordinates cannot be in %s: %s; %s", c.name(), why, strings.Join(alts, "; "))
}

// suggestions words the readings of the extent's centre that land in China.
func suggestions(c ExtentCheck) []string {
	p := c.Extent.Center()
	var out []string
	for _, cand := range Candidates(c) {
		q, ok := c.Readings[cand.SRS]
		switch {
		case !ok:
		case cand.SRS == tmUnknownCM && math.Abs(q[1]) < 90:
			out = append(out, tmSuggestion(p, q))
		case ChinaBounds.Contains(q):
			out = append(out, fmt.Sprintf("read as %s%s it is %s — give --crs %s", cand.Ref.Describe(), cand.Why, fmtPoint(q, true), cand.Ref))
		}
	}
	if sw := (orb.Point{p[1], p[0]}); ChinaBounds.Contains(sw) {
		out = append(out, fmt.Sprintf("read as (lat, lon) it is %s — the coordinates are in (latitude, longitude) order: swap them", fmtPoint(sw, true)))
	}
	return out
}

// tmSuggestion words metres of a transverse Mercator zone of unknown central meridian: q is
// PROJ's reading with central meridian 0 (its longitude the offset from the meridian).
func tmSuggestion(p, q orb.Point) string {
	side := "east"
	if q[0] < 0 {
		side = "west"
	}
	return fmt.Sprintf("these look like metres of a transverse Mercator zone (Gauss-Krüger or UTM) whose central meridian the numbers do not tell: "+
		"the point is %.0f km %s of the zone's central meridian at %.2f°N — give --crs EPSG:4534+(CM−75)/3 for the CGCS2000 3° zone with central meridian CM (75, 78, … 135°E; EPSG:4544 for 105°E), or EPSG:326NN for UTM zone NN",
		math.Abs(p[0]-500000)/1000, side, q[1])
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
