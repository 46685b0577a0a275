package importers

import (
	"fmt"

	"github.com/paulmach/orb"
)

// point reads the record's (lon, lat) — from a GeoJSON Point or the lon/lat columns —
// and keeps it for the whole-file checks (range, swapped, outside China).
func (c *rowCheck) point() {
	if g := c.rec.geom; g != nil {
		if g.typ != "Point" {
			c.fail("geometry", g.typ, fmt.Sprintf("geometry is a %s; %s need a Point", g.typ, c.b.spec.kind))
			return
		}
		v := formatPoint(g.point)
		c.keepPoint(g.point, "geometry", v, "geometry", v)
		return
	}
	lonCol, lonVal := c.rec.get(fLon)
	latCol, latVal := c.rec.get(fLat)
	if c.rec.feature && lonVal == "" && latVal == "" {
		c.fail("geometry", "", "missing coordinate: the feature has no geometry")
		return
	}
	lon, okLon := c.coordinate(lonCol, lonVal, "longitude")
	lat, okLat := c.coordinate(latCol, latVal, "latitude")
	if okLon && okLat {
		c.keepPoint(orb.Point{lon, lat}, lonCol, lonVal, latCol, latVal)
	}
}

func (c *rowCheck) coordinate(col, val, what string) (float64, bool) {
	if val == "" {
		c.fail(col, "", "missing coordinate (no "+what+")")
		return 0, false
	}
	v, ok := parseNumber(val)
	if !ok {
		c.fail(col, val, "unparseable number")
	}
	return v, ok
}

func (c *rowCheck) keepPoint(p orb.Point, lonCol, lonVal, latCol, latVal string) {
	if p == (orb.Point{}) {
		col, val := lonCol+"/"+latCol, lonVal+", "+latVal
		if lonCol == latCol { // a GeoJSON point
			col, val = lonCol, lonVal
		}
		c.fail(col, val, "coordinates missing (0,0): a point at 0°, 0° is a placeholder, not a place")
		return
	}
	e := c.e
	e.point, e.rep, e.hasRep = p, p, true
	e.repCols, e.repVals = [2]string{lonCol, latCol}, [2]string{lonVal, latVal}
	e.rangeErr = pointRangeProblem(p, lonCol, lonVal, latCol, latVal)
}

// area reads the record's polygon — a GeoJSON feature's geometry or the WKT/GeoJSON text
// of the geometry column — closes its rings, checks them and keeps it for the whole-file
// checks. Self-intersecting polygons are rejected, or marked for repair with
// Options.Repair.
func (c *rowCheck) area() {
	col, g := "geometry", c.rec.geom
	if !c.rec.feature {
		var val string
		col, val = c.rec.get(fGeometry)
		if val != "" {
			var err error
			if g, err = parseGeometryText(val); err != nil {
				c.fail(col, val, "unreadable geometry: "+err.Error())
				return
			}
		}
	}
	if g == nil || (isAreaType(g.typ) && len(g.area) == 0) {
		if c.b.spec.geometry == needArea {
			c.fail(col, "", "missing geometry (a Polygon or MultiPolygon)")
		}
		return
	}
	if !isAreaType(g.typ) {
		c.fail(col, g.typ, fmt.Sprintf("geometry is a %s; %s need a Polygon or MultiPolygon", g.typ, c.b.spec.kind))
		return
	}
	mp, reason := cleanArea(g.area)
	if reason != "" {
		c.fail(col, "", reason)
		return
	}
	c.checkArea(col, mp)
}

func (c *rowCheck) checkArea(col string, mp orb.MultiPolygon) {
	e := c.e
	e.area, e.hasRep, e.rep = mp, true, mp.Bound().Center()
	e.repCols = [2]string{col}
	if p, bad := firstOutOfRange(mp); bad {
		e.rangeErr = &problem{col, formatPoint(p), "coordinate out of range [-180, 180] × [-90, 90]"}
		return
	}
	at, bad, err := selfIntersection(c.b.ctx, mp)
	if err != nil {
		c.b.err = err
		return
	}
	if bad {
		if c.b.spec.repair {
			e.repair = true
			return
		}
		c.fail(col, "near "+formatPoint(at), "self-intersecting polygon (use --repair to fix it with ST_MakeValid)")
	}
}

func isAreaType(typ string) bool { return typ == "Polygon" || typ == "MultiPolygon" }
