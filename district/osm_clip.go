package district

import (
	"context"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// DistrictLister is a store that holds its region's districts (*postgis.DB is one): an
// OpenStreetMap import into a region with districts keeps as the region's own only the
// facilities and communities that lie inside them.
type DistrictLister interface {
	Districts(ctx context.Context) ([]geo.District, error)
}

// OSMOutside counts what an OpenStreetMap import left out because it lies outside the
// region's districts: those belong to the neighbouring regions (which import them
// themselves), and counting them here would count them twice — once as this region's own
// and once as the neighbour's, read across the border. The walk network is kept whole: the
// halo needs it.
type OSMOutside struct {
	Districts   int // the region's districts the import was clipped to (0: none, nothing clipped)
	Outlets     int
	Stations    int
	Communities int
}

// clipToDistricts keeps d's outlets, station candidates and communities that lie inside
// ds (WGS84; a community by its boundary's centroid), and says how many went.
func clipToDistricts(d *geo.OSMData, ds []geo.District) OSMOutside {
	out := OSMOutside{Districts: len(ds)}
	if len(ds) == 0 {
		return out
	}
	boxes := make([]orb.Bound, len(ds))
	for i, x := range ds {
		boxes[i] = x.Boundary.Bound()
	}
	inside := func(p orb.Point) bool {
		for i, x := range ds {
			if boxes[i].Contains(p) && planar.MultiPolygonContains(x.Boundary, p) {
				return true
			}
		}
		return false
	}
	d.Outlets, out.Outlets = keepInside(d.Outlets, func(o geo.Outlet) bool { return inside(o.Point) })
	d.Stations, out.Stations = keepInside(d.Stations, func(s geo.Station) bool { return inside(s.Point) })
	d.Communities, out.Communities = keepInside(d.Communities, func(c geo.Community) bool {
		if len(c.Boundary) == 0 {
			return true // no boundary to place it by: kept, as a file's would be
		}
		p, _ := planar.CentroidArea(c.Boundary)
		return inside(p)
	})
	return out
}

// keepInside returns the elements of xs that in accepts, in order, and how many it left out.
func keepInside[T any](xs []T, in func(T) bool) ([]T, int) {
	kept := xs[:0:0]
	for _, x := range xs {
		if in(x) {
			kept = append(kept, x)
		}
	}
	return kept, len(xs) - len(kept)
}
