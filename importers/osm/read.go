package osmimport

import (
	"context"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

// Options tunes ReadFile.
type Options struct {
	// Categories are the outlet categories with their OSM tags; nil reads no outlets.
	Categories *geo.Categories
	// Progress, when set, is called from the reading goroutine with the phase ("ways",
	// "members", "nodes") and the bytes of the file read so far in that phase.
	Progress func(phase string, done, total int64)
}

// Result is what an OSM extract holds for lifecircle. Coordinates are WGS84 (lon, lat),
// lengths metres.
type Result struct {
	Nodes       []geo.WalkNode        // network nodes, by OSM node id
	Edges       []geo.WalkEdge        // IDs 1..n by OSM way id, then along the way
	Outlets     []geo.Outlet          // ID "osm:n123" / "osm:w456" / "osm:r789", Source "osm"
	Stations    []geo.Station         // detected stations, Source "osm", for review
	Residential []geo.ResidentialArea // landuse=residential and residential buildings
	Communities []geo.Community       // admin_level 8–10 boundaries, Source "osm"
	Bound       orb.Bound             // of everything returned; empty when nothing is
	Stats       Stats
}

// Phases reported to Options.Progress.
const (
	PhaseWays    = "ways"    // pass 1: ways and relations
	PhaseMembers = "members" // pass 2, only with multipolygons: their member ways
	PhaseNodes   = "nodes"   // last pass: node coordinates and POI nodes
)

// ReadFile reads an OSM extract — .osm.pbf, or .osm/.osm.xml XML (gzip or bzip2
// compressed too), told apart by their first bytes, else by the extension — and returns
// the pedestrian network (docs/model.md "Walking model"; edge lengths in metres by haversine),
// outlets, detected stations, residential land and community boundaries, all WGS84
// (lon, lat). A file that cannot be read or parsed gives a *geo.Error EINVALID naming it;
// a cancelled ctx gives ctx.Err().
func ReadFile(ctx context.Context, path string, opts Options) (*Result, error) {
	src, err := openSource(path)
	if err != nil {
		return nil, err
	}
	r := &reader{ctx: ctx, src: src, opts: opts, cls: classifier{cats: opts.Categories}}
	if err := r.scanWaysAndRelations(); err != nil {
		return nil, err
	}
	if err := r.scanMemberWays(); err != nil {
		return nil, err
	}
	r.assembleRelations()
	r.buildIndex()
	if err := r.scanNodes(); err != nil {
		return nil, err
	}
	if r.stats.NodesRead+r.stats.WaysRead+r.stats.RelationsRead == 0 {
		return nil, geo.Errorf(geo.EINVALID, "%s holds no OSM nodes, ways or relations", path)
	}
	return r.result()
}

// reader holds one ReadFile's state between passes.
type reader struct {
	ctx   context.Context
	src   *source
	opts  Options
	cls   classifier
	ways  []wayRec // walkable ways
	arena []int64  // their node ids, each way a slice of it
	areas []area   // polygon features
	pois  []poi    // point features from nodes
	// untagged holds the node ids of untagged ways (multipolygon members, mostly) from
	// pass 1 until the relations are filled in.
	untagged map[int64][]int64
	index    *nodeIndex
	stats    Stats
}

// wayRec is a walkable way: its node ids are arena[off : off+n].
type wayRec struct {
	id      int64
	highway string
	off, n  int
}

// area is a polygon feature: a closed way or a multipolygon relation.
type area struct {
	feature
	outerWays, innerWays []int64   // member way ids (relations only)
	outers, inners       [][]int64 // rings as node ids
}

// poi is a point feature read from a node.
type poi struct {
	feature
	p orb.Point
}
