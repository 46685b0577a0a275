package coverage

import (
	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// CellPolygon returns the boundary of H3 cell c as a polygon of one closed ring of WGS84
// (lon, lat) degrees, counter-clockwise as H3 gives it: six vertices for a hexagon and
// five for a pentagon (at odd resolutions H3 adds one where an edge crosses an
// icosahedron face), then the first vertex again. It returns nil when c is not a valid
// cell.
func CellPolygon(c h3.Cell) orb.Polygon {
	if !c.IsValid() {
		return nil
	}
	bd := h3.CellToBoundary(c)
	r := make(orb.Ring, 0, len(bd)+1)
	for _, ll := range bd {
		r = append(r, orb.Point{ll.Lng, ll.Lat})
	}
	return orb.Polygon{append(r, r[0])}
}
