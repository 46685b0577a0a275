package supply

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// Cell is one unit of demand: an H3 cell and its residents.
type Cell struct {
	H3         h3.Cell
	Center     orb.Point // cell centre, WGS84 (lon, lat)
	Population float64   // residents, finite and ≥ 0
	Snap       walk.Snap // Center snapped to the graph (Graph.Snap or SnapAll)
}

// Station is one supplier: a party-mass service station, say, with the quantity it offers.
type Station struct {
	ID     string
	Point  orb.Point // WGS84 (lon, lat)
	Snap   walk.Snap // Point snapped to the graph
	Supply float64   // floor area (m²), staff (persons) …: finite and ≥ 0, or NaN when not known
}

// checkInput validates Compute's input, naming the record and field at fault.
func checkInput(g *walk.Graph, cells []Cell, stations []Station, p Params) error {
	if g == nil {
		return geo.Errorf(geo.EINVALID, "supply needs a walk graph; none was built")
	}
	if err := p.Validate(); err != nil {
		return err
	}
	for i, c := range cells {
		if !(c.Population >= 0) || math.IsInf(c.Population, 1) {
			return geo.Errorf(geo.EINVALID, "supply: cell %d (%s): population %v must be a finite number ≥ 0", i, c.H3, c.Population)
		}
		if !validLonLat(c.Center) {
			return geo.Errorf(geo.EINVALID, "supply: cell %d (%s): centre (%v, %v) is not a WGS84 (lon, lat) coordinate", i, c.H3, c.Center[0], c.Center[1])
		}
	}
	for j, s := range stations {
		if s.Supply < 0 || math.IsInf(s.Supply, 0) {
			return geo.Errorf(geo.EINVALID, "supply: station %d (id %q): supply %v must be a finite number ≥ 0 (NaN: not known)", j, s.ID, s.Supply)
		}
		if !validLonLat(s.Point) {
			return geo.Errorf(geo.EINVALID, "supply: station %d (id %q): point (%v, %v) is not a WGS84 (lon, lat) coordinate", j, s.ID, s.Point[0], s.Point[1])
		}
	}
	return nil
}

// sameStations reports an error unless b holds a's stations (ID and snap) in a's order.
func sameStations(a, b []Station) error {
	if len(a) != len(b) {
		return fmt.Errorf("%d stations, not the %d of the first set", len(b), len(a))
	}
	for j := range a {
		if a[j].ID != b[j].ID || a[j].Snap != b[j].Snap {
			return fmt.Errorf("station %d is %q, not %q as in the first set", j, b[j].ID, a[j].ID)
		}
	}
	return nil
}

// validLonLat reports whether p is a finite WGS84 (lon, lat) coordinate.
func validLonLat(p orb.Point) bool {
	return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90
}
