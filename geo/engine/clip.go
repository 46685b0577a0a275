package engine

import (
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// clipRes is the H3 resolution of the halo mask: cells about 0.74 km² (centres about
// 0.8 km apart); the mask keeps everything within the halo and reaches up to about 3 km
// beyond it.
const clipRes = 8

// clipSpacingM is the least distance between neighbouring clipRes cell centres, metres.
const clipSpacingM = 750.0

// Clip says how the walk network was cut to the districts' halo.
type Clip struct {
	HaloM         float64 // the halo: the longest search (MaxMinutes at the walking speed) plus the snap distance, metres
	Nodes, Edges  int     // kept
	DroppedNodes  int
	DroppedEdges  int
	DistrictCount int
}

// Halo is how far beyond the districts the walk network is kept: a search from inside
// reaches no farther (Options.MaxMinutes at the walking speed), plus the snap distance of
// a facility just beyond, metres.
func (o Options) Halo() float64 {
	return o.MaxMinutes*60*o.Walk.MetresPerSecond() + o.Walk.MaxSnapM
}

// clipNetwork keeps the walk nodes (WGS84, lon/lat) within about haloM metres of the
// districts' boundaries — those whose resolution-8 H3 cell lies within the rings of cells
// that cover haloM around the cells of the districts (their interiors and every boundary
// vertex) — and the edges between kept nodes. No districts: everything is kept.
func clipNetwork(ds []geo.District, nodes []geo.WalkNode, edges []geo.WalkEdge, haloM float64) ([]geo.WalkNode, []geo.WalkEdge, *Clip) {
	if len(ds) == 0 {
		return nodes, edges, nil
	}
	mask := haloMask(ds, haloM)
	keep := make(map[int64]bool, len(nodes))
	kept := make([]geo.WalkNode, 0, len(nodes))
	for _, n := range nodes {
		if mask[h3.LatLngToCell(h3.LatLng{Lat: n.Point[1], Lng: n.Point[0]}, clipRes)] {
			keep[n.ID] = true
			kept = append(kept, n)
		}
	}
	keptEdges := make([]geo.WalkEdge, 0, len(edges))
	for _, e := range edges {
		if keep[e.Source] && keep[e.Target] {
			keptEdges = append(keptEdges, e)
		}
	}
	return kept, keptEdges, &Clip{HaloM: haloM, Nodes: len(kept), Edges: len(keptEdges),
		DroppedNodes: len(nodes) - len(kept), DroppedEdges: len(edges) - len(keptEdges), DistrictCount: len(ds)}
}

// haloMask returns the clipRes cells within haloM (plus a ring, for points of a cell
// whose centre lies outside the boundary) of the districts.
func haloMask(ds []geo.District, haloM float64) map[h3.Cell]bool {
	seeds := map[h3.Cell]bool{}
	for _, d := range ds {
		for _, poly := range d.Boundary {
			for _, ring := range poly {
				for _, p := range ring {
					seeds[h3.LatLngToCell(h3.LatLng{Lat: p[1], Lng: p[0]}, clipRes)] = true
				}
			}
			for _, c := range h3.PolygonToCells(geoPolygon(poly), clipRes) {
				seeds[c] = true
			}
		}
	}
	k := 1 + int(math.Ceil(haloM/clipSpacingM))
	mask := make(map[h3.Cell]bool, len(seeds)*4)
	for c := range seeds {
		for _, n := range h3.GridDisk(c, k) {
			mask[n] = true
		}
	}
	return mask
}

// geoPolygon turns an orb polygon (lon, lat) into H3's (lat, lng) polygon.
func geoPolygon(p orb.Polygon) h3.GeoPolygon {
	loop := func(r orb.Ring) h3.GeoLoop {
		out := make(h3.GeoLoop, 0, len(r))
		for _, q := range r {
			out = append(out, h3.LatLng{Lat: q[1], Lng: q[0]})
		}
		return out
	}
	var g h3.GeoPolygon
	if len(p) > 0 {
		g.GeoLoop = loop(p[0])
	}
	for _, hole := range p[1:] {
		g.Holes = append(g.Holes, loop(hole))
	}
	return g
}
