package osmimport

import (
	"context"
	"io"
	"os"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/guard"
	"github.com/paulmach/orb"
)

// Options tunes ReadFile.
type Options struct {
	// Categories are the outlet categories with their OSM tags; nil reads no outlets.
	Categories *geo.Categories
	// Stations are the rules that make a named feature a station candidate
	// (data/stations.json through ParseStationRules); nil reads no stations.
	Stations *StationRules
	// Progress, when set, is called from the reading goroutine with the phase ("ways",
	// "members", "nodes") and the bytes of the file read so far in that phase.
	Progress func(phase string, done, total int64)
	// Limits bound what the read may cost, against decompression bombs and hostile
	// files; the zero value takes the defaults.
	Limits Limits
}

// Limits bound what reading one OSM file may cost. A zero field takes its default. A file
// over a limit is refused with an EINVALID error naming the file, the limit and the field
// to raise.
type Limits struct {
	// MaxBytes caps the data unpacked in one pass: the XML after gzip or bzip2
	// decompression, or the sum of a PBF's uncompressed blocks. Default 4 GiB, well above
	// a large city's extract.
	MaxBytes int64
	// MaxTokenBytes caps one XML token (a tag with its attributes, the text between two
	// tags). Default 1 MiB; OSM tag values are at most 255 characters.
	MaxTokenBytes int
}

// The default limits.
const (
	DefaultMaxBytes      = 4 << 30
	DefaultMaxTokenBytes = 1 << 20
)

func (l Limits) withDefaults() Limits {
	guard.Default(&l.MaxBytes, DefaultMaxBytes)
	guard.Default(&l.MaxTokenBytes, DefaultMaxTokenBytes)
	return l
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
	Buildings   []geo.Building        // building=* footprints that can house residents (geo.IsBuildingKind)
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
	f, err := os.Open(path)
	if err != nil {
		return nil, geo.WrapError(geo.EINVALID, err, "cannot open OSM file %s", path)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil, geo.Errorf(geo.EINVALID, "OSM file %s is not a regular file", path)
	}
	return Read(ctx, path, f, st.Size(), opts)
}

// Read is ReadFile on size bytes of r, which it reads once per pass; name (a path or a
// file name) gives the format when the content does not and is used in every message. A
// file over opts.Limits is an EINVALID error; a panic while reading is recovered into an
// EINTERNAL error naming the file.
func Read(ctx context.Context, name string, r io.ReaderAt, size int64, opts Options) (res *Result, err error) {
	defer guard.Recover(name, &err)
	src, err := newSource(name, r, size, opts.Limits.withDefaults())
	if err != nil {
		return nil, err
	}
	rd := &reader{ctx: ctx, src: src, opts: opts, cls: classifier{cats: opts.Categories, stations: opts.Stations}}
	return rd.read()
}

// read runs the passes.
func (r *reader) read() (*Result, error) {
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
		return nil, geo.Errorf(geo.EINVALID, "%s holds no OSM nodes, ways or relations", r.src.name)
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
