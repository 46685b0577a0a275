package osmimport

import (
	"cmp"
	"slices"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/osm"
)

// result turns what the passes kept into geo values, in a deterministic order.
func (r *reader) result() (*Result, error) {
	nodes, edges, err := r.buildNetwork()
	if err != nil {
		return nil, err
	}
	res := &Result{Nodes: nodes, Edges: edges}
	slices.SortFunc(r.areas, func(a, b area) int { return compareFeatures(&a.feature, &b.feature) })
	for i := 1; i < len(r.areas); i++ {
		if compareFeatures(&r.areas[i-1].feature, &r.areas[i].feature) == 0 {
			return nil, r.duplicate(typeName(r.areas[i].typ), r.areas[i].id)
		}
	}
	points := r.pois
	for _, a := range r.areas {
		if c, ok := r.addArea(res, a); ok && a.point() {
			points = append(points, poi{feature: a.feature, p: c})
		}
	}
	slices.SortFunc(points, func(a, b poi) int { return compareFeatures(&a.feature, &b.feature) })
	for _, p := range points {
		addPoint(res, &p.feature, p.p)
	}
	res.Bound = boundOf(res)
	r.stats.Nodes, r.stats.Edges = int64(len(nodes)), int64(len(edges))
	for _, e := range edges {
		r.stats.WalkLengthM += e.LengthM
	}
	r.stats.Outlets, r.stats.Stations = int64(len(res.Outlets)), int64(len(res.Stations))
	r.stats.Residential, r.stats.Communities = int64(len(res.Residential)), int64(len(res.Communities))
	r.stats.Buildings = int64(len(res.Buildings))
	for _, b := range res.Buildings {
		if b.Levels > 0 {
			r.stats.BuildingsWithLevels++
		}
	}
	res.Stats = r.stats
	return res, nil
}

// addArea adds a polygon feature as residential land or a community, and returns its
// centroid (lon, lat) for a station or outlet. It reports false when a node is missing.
func (r *reader) addArea(res *Result, a area) (orb.Point, bool) {
	mp, ok := r.multiPolygon(a)
	if !ok {
		r.stats.skip(SkipPolygonMissingNodes, 1)
		return orb.Point{}, false
	}
	if a.residential != "" {
		res.Residential = append(res.Residential, geo.ResidentialArea{ID: a.osmID(), Kind: a.residential, Polygon: mp})
	}
	if a.building != "" {
		res.Buildings = append(res.Buildings, geo.Building{ID: a.osmID(), Kind: a.building, Levels: a.levels, Polygon: mp})
	}
	if a.community {
		code := a.code
		if code == "" {
			code = a.osmID()
		}
		res.Communities = append(res.Communities, geo.Community{Code: code, Name: a.name, Boundary: mp, Source: "osm"})
	}
	return centroid(mp), true
}

// addPoint adds a station or an outlet at p (lon, lat).
func addPoint(res *Result, f *feature, p orb.Point) {
	if f.station {
		res.Stations = append(res.Stations, geo.Station{
			ID: f.osmID(), Name: f.name, Level: f.level, Address: f.address, Point: p, Source: geo.SourceOSM, Status: geo.StatusCandidate,
		})
		return
	}
	res.Outlets = append(res.Outlets, geo.Outlet{ID: f.osmID(), Name: f.name, Category: f.category, Point: p, Source: geo.SourceOSM, Status: geo.StatusCandidate})
}

// multiPolygon builds an area's polygons from node coordinates: outer rings
// counter-clockwise, each inner ring (clockwise) in the first outer ring holding it. It
// reports false when a node is missing from the file.
func (r *reader) multiPolygon(a area) (orb.MultiPolygon, bool) {
	var mp orb.MultiPolygon
	for _, ids := range a.outers {
		ring, ok := r.ring(ids, orb.CCW)
		if !ok {
			return nil, false
		}
		mp = append(mp, orb.Polygon{ring})
	}
	for _, ids := range a.inners {
		ring, ok := r.ring(ids, orb.CW)
		if !ok {
			return nil, false
		}
		for i := range mp {
			if planar.RingContains(mp[i][0], ring[0]) {
				mp[i] = append(mp[i], ring)
				break
			}
		}
	}
	return mp, true
}

// ring returns the ring of (lon, lat) points of node ids, turned to the orientation.
func (r *reader) ring(ids []int64, o orb.Orientation) (orb.Ring, bool) {
	ring := make(orb.Ring, len(ids))
	for i, id := range ids {
		p, _, ok := r.index.point(id)
		if !ok {
			return nil, false
		}
		ring[i] = p
	}
	if ring.Orientation() == -o {
		ring.Reverse()
	}
	return ring, true
}

// centroid returns the area centroid of a polygon, or the centre of its bound when it has
// no area.
func centroid(mp orb.MultiPolygon) orb.Point {
	if c, area := planar.CentroidArea(mp); area > 0 {
		return c
	}
	return mp.Bound().Center()
}

func typeName(t osm.Type) string {
	if t == osm.TypeRelation {
		return "relation"
	}
	return "way"
}

// compareFeatures orders features nodes first, then ways, then relations, each by id.
func compareFeatures(a, b *feature) int {
	rank := func(t osm.Type) int {
		switch t {
		case osm.TypeNode:
			return 0
		case osm.TypeWay:
			return 1
		}
		return 2
	}
	return cmp.Or(cmp.Compare(rank(a.typ), rank(b.typ)), cmp.Compare(a.id, b.id))
}

// boundOf returns the bound of everything in res, or an empty bound when res is empty.
func boundOf(res *Result) orb.Bound {
	var b orb.Bound
	first := true
	add := func(g orb.Bound) {
		if first {
			b, first = g, false
			return
		}
		b = b.Union(g)
	}
	for _, e := range res.Edges {
		add(e.Geometry.Bound())
	}
	for _, o := range res.Outlets {
		add(o.Point.Bound())
	}
	for _, s := range res.Stations {
		add(s.Point.Bound())
	}
	for _, a := range res.Residential {
		add(a.Polygon.Bound())
	}
	for _, c := range res.Communities {
		add(c.Boundary.Bound())
	}
	return b
}
