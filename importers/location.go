package importers

import (
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/lifecircle/lifecircle/geo/crs"
)

// China's bounding box, in degrees, for the swapped and outside-China checks.
const (
	chinaMinLon, chinaMaxLon = 73.0, 136.0
	chinaMinLat, chinaMaxLat = 3.0, 54.0
	// mostlyChinaPercent of a file's points inside the box make the file "in China".
	mostlyChinaPercent = 80
)

func inChina(p orb.Point) bool {
	return p[0] >= chinaMinLon && p[0] <= chinaMaxLon && p[1] >= chinaMinLat && p[1] <= chinaMaxLat
}

func inRange(p orb.Point) bool {
	return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90
}

// checkLocations rejects, on the input (lon, lat) values, points whose longitude and
// latitude look swapped or that lie outside China while most of the file's points are
// inside, and points out of range.
func (b *builder) checkLocations() {
	total, inside := 0, 0
	for i := range b.entries {
		if e := &b.entries[i]; e.hasRep {
			total++
			if inChina(e.rep) {
				inside++
			}
		}
	}
	mostly := total > 0 && inside*100 >= total*mostlyChinaPercent
	for i := range b.entries {
		e := &b.entries[i]
		if !e.hasRep {
			continue
		}
		swapped := orb.Point{e.rep[1], e.rep[0]}
		switch {
		case mostly && !inChina(e.rep) && inChina(swapped):
			col, val := e.named()
			b.rejectEntry(e, col, val, "longitude and latitude look swapped")
		case e.rangeErr != nil:
			b.rejectEntry(e, e.rangeErr.col, e.rangeErr.val, e.rangeErr.reason)
		case mostly && !inChina(e.rep):
			col, val := e.named()
			b.rejectEntry(e, col, val, "outside China, while the file's other points are inside")
		}
	}
}

// named returns the field and value a location reject names: "lon/lat" = "1, 2" for a
// point from two columns, "geometry" = "1, 2" for a GeoJSON point, the geometry column
// and the centre of its bounds for an area.
func (e *entry) named() (col, val string) {
	switch {
	case e.repCols[1] == "":
		return e.repCols[0], "centre " + formatPoint(e.rep)
	case e.repCols[0] == e.repCols[1]:
		return e.repCols[0], e.repVals[0]
	}
	return e.repCols[0] + "/" + e.repCols[1], e.repVals[0] + ", " + e.repVals[1]
}

func (b *builder) rejectEntry(e *entry, col, val, reason string) {
	e.bad = true
	b.rejects = append(b.rejects, Reject{File: b.file, Record: e.num, Line: e.line, Field: col,
		Value: shorten(val), Reason: reason})
}

// convert turns the entry's geometry from the file's CRS into WGS84, in place.
func (b *builder) convert(e *entry) {
	sys := b.spec.crs
	if sys == crs.WGS84 {
		return
	}
	e.point = crs.ToWGS84(sys, e.point)
	for _, poly := range e.area {
		for _, ring := range poly {
			for k, p := range ring {
				ring[k] = crs.ToWGS84(sys, p)
			}
		}
	}
}

// pointRangeProblem checks a (lon, lat) input point: latitude first, then longitude.
func pointRangeProblem(p orb.Point, lonCol, lonVal, latCol, latVal string) *problem {
	if p[1] < -90 || p[1] > 90 {
		return &problem{latCol, latVal, "latitude out of range [-90, 90]"}
	}
	if p[0] < -180 || p[0] > 180 {
		return &problem{lonCol, lonVal, "longitude out of range [-180, 180]"}
	}
	return nil
}

// formatPoint writes a (lon, lat) point for a message, to 1e-7° (about 1 cm).
func formatPoint(p orb.Point) string {
	return formatDegrees(p[0]) + ", " + formatDegrees(p[1])
}

func formatDegrees(v float64) string {
	s := strconv.FormatFloat(v, 'f', 7, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}
