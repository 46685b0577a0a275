package synth

import (
	"bufio"
	"encoding/xml"
	"io"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/paulmach/osm"

	"github.com/lifecircle/lifecircle/geo"
)

// WriteOSMXML writes d as OpenStreetMap XML (API 0.6, the .osm format), encoding each
// element with github.com/paulmach/osm's XML marshalling: every walk node as an OSM node
// with its ID, every way as an OSM way with its highway (and name, bridge=yes + layer=1)
// tags, each intermediate vertex of a curved edge as an extra untagged node, then
// stations as amenity=community_centre nodes with their Chinese names and outlets as POI
// nodes tagged for their category (plus lifecircle:level and lifecircle:category). Every
// element is visible, version 1, with no user, changeset or timestamp (the library
// writes them as empty, 0 and 0001-01-01). Coordinates are WGS84 (lat, lon attributes,
// degrees) rounded to 7 decimals (≈ 1 cm, OSM's own precision); tags with an empty value
// are left out. Elements are streamed one by one, so memory does not grow with d.
//
// When d.Ways is empty the ways are rebuilt from runs of consecutive, chained edges with
// the same OSMWayID. It returns an EINVALID *geo.Error when an edge refers to a node d
// does not have or a way's edges do not chain, and wraps write errors as EINTERNAL.
func WriteOSMXML(w io.Writer, d *District) error {
	ways := d.Ways
	if len(ways) == 0 {
		ways = deriveWays(d.Edges)
	}
	if err := checkWays(d, ways); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	ox := &osmWriter{enc: xml.NewEncoder(bw)}
	ox.enc.Indent("", " ")
	if _, err := io.WriteString(bw, xml.Header); err != nil {
		return geo.WrapError(geo.EINTERNAL, err, "synth: writing OSM XML")
	}
	root := xml.StartElement{Name: xml.Name{Local: "osm"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "version"}, Value: "0.6"}, {Name: xml.Name{Local: "generator"}, Value: "lifecircle synth"}}}
	ox.token(root)
	if len(d.Nodes) > 0 {
		b := d.Bound()
		bounds := osm.Bounds{MinLat: osmCoord(b.Min[1]), MaxLat: osmCoord(b.Max[1]), MinLon: osmCoord(b.Min[0]), MaxLon: osmCoord(b.Max[0])}
		if ox.err == nil {
			ox.err = ox.enc.EncodeElement(&bounds, xml.StartElement{Name: xml.Name{Local: "bounds"}})
		}
	}
	ox.elements(d, ways)
	ox.token(root.End())
	if ox.err == nil {
		ox.err = ox.enc.Close()
	}
	if ox.err == nil {
		_, ox.err = io.WriteString(bw, "\n")
	}
	if ox.err == nil {
		ox.err = bw.Flush()
	}
	if ox.err != nil {
		return geo.WrapError(geo.EINTERNAL, ox.err, "synth: writing OSM XML")
	}
	return nil
}

// elements writes the nodes (walk nodes, way vertices, stations, outlets) and the ways.
func (ox *osmWriter) elements(d *District, ways []Way) {
	next := int64(0)
	for _, n := range d.Nodes {
		ox.node(n.ID, n.Point, nil)
		next = max(next, n.ID)
	}
	vertexBase := next + 1
	next = ox.vertices(d.Edges, ways, vertexBase)
	for _, s := range d.Stations {
		next++
		ox.node(next, s.Point, [][2]string{{"amenity", "community_centre"}, {"name", s.Name}, {"lifecircle:level", string(s.Level)}, {"addr:full", s.Address}})
	}
	cats, err := bundledCategories()
	if err != nil {
		ox.err = err
		return
	}
	for _, o := range d.Outlets {
		next++
		tags := append(categoryTags(cats, o.Category), [2]string{"name", o.Name}, [2]string{"lifecircle:category", o.Category})
		ox.node(next, o.Point, tags)
	}
	ox.ways(d.Edges, ways, vertexBase)
}

// osmWriter encodes OSM elements, keeping the first error.
type osmWriter struct {
	enc *xml.Encoder
	err error
}

func (ox *osmWriter) token(t xml.Token) {
	if ox.err == nil {
		ox.err = ox.enc.EncodeToken(t)
	}
}

func (ox *osmWriter) encode(v any) {
	if ox.err == nil {
		ox.err = ox.enc.Encode(v)
	}
}

// osmCoord rounds a coordinate in degrees to 7 decimals, the value a reader gets from
// the number printed with 7 decimals.
func osmCoord(v float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'f', 7, 64), 64)
	if err != nil {
		return v // a NaN or an infinity: written as it is
	}
	return r
}

// osmTags returns tags as OSM tags, without those with an empty value.
func osmTags(tags [][2]string) osm.Tags {
	var out osm.Tags
	for _, t := range tags {
		if t[1] != "" {
			out = append(out, osm.Tag{Key: t[0], Value: t[1]})
		}
	}
	return out
}

// node writes one node at p (lon, lat) with tags.
func (ox *osmWriter) node(id int64, p orb.Point, tags [][2]string) {
	ox.encode(&osm.Node{ID: osm.NodeID(id), Lat: osmCoord(p[1]), Lon: osmCoord(p[0]), Visible: true, Version: 1, Tags: osmTags(tags)})
}

// vertices writes the intermediate vertices of every way's edges as nodes numbered from
// id, in way and edge order, and returns the last ID used.
func (ox *osmWriter) vertices(edges []geo.WalkEdge, ways []Way, id int64) int64 {
	id--
	for _, w := range ways {
		for _, e := range edges[w.First : w.First+w.Count] {
			for k := 1; k+1 < len(e.Geometry); k++ {
				id++
				ox.node(id, e.Geometry[k], nil)
			}
		}
	}
	return id
}

// ways writes every way: its first edge's source, then each edge's intermediate vertices
// (numbered from vertexBase in the order vertices wrote them) and target.
func (ox *osmWriter) ways(edges []geo.WalkEdge, ways []Way, vertexBase int64) {
	id := vertexBase
	for _, w := range ways {
		nodes := osm.WayNodes{{ID: osm.NodeID(edges[w.First].Source)}}
		for _, e := range edges[w.First : w.First+w.Count] {
			for k := 1; k+1 < len(e.Geometry); k++ {
				nodes = append(nodes, osm.WayNode{ID: osm.NodeID(id)})
				id++
			}
			nodes = append(nodes, osm.WayNode{ID: osm.NodeID(e.Target)})
		}
		tags := [][2]string{{"highway", w.Highway}, {"name", w.Name}}
		if w.Bridge {
			tags = append(tags, [2]string{"bridge", "yes"}, [2]string{"layer", "1"})
		}
		ox.encode(&osm.Way{ID: osm.WayID(w.ID), Visible: true, Version: 1, Nodes: nodes, Tags: osmTags(tags)})
	}
}

// deriveWays groups runs of consecutive edges with the same OSMWayID, each edge starting
// where the previous ends, into ways. A run that breaks continues as a new way with an
// ID above every OSMWayID.
func deriveWays(edges []geo.WalkEdge) []Way {
	var spare int64
	for _, e := range edges {
		spare = max(spare, e.OSMWayID)
	}
	var ways []Way
	used := map[int64]bool{}
	for k, e := range edges {
		if k > 0 && e.OSMWayID == edges[k-1].OSMWayID && e.Source == edges[k-1].Target {
			ways[len(ways)-1].Count++
			continue
		}
		id := e.OSMWayID
		if id <= 0 || used[id] {
			spare++
			id = spare
		}
		used[id] = true
		ways = append(ways, Way{ID: id, Highway: e.Highway, First: k, Count: 1})
	}
	return ways
}

// checkWays makes sure every way lies within edges, its edges chain, and every edge it
// holds joins nodes d has.
func checkWays(d *District, ways []Way) error {
	has := nodeSet(d.Nodes)
	for wi, w := range ways {
		if w.First < 0 || w.Count < 1 || w.First+w.Count > len(d.Edges) {
			return geo.Errorf(geo.EINVALID, "synth: way %d (ID %d) holds edges [%d, %d) outside the %d edges", wi, w.ID, w.First, w.First+w.Count, len(d.Edges))
		}
		for k := w.First; k < w.First+w.Count; k++ {
			e := d.Edges[k]
			if !has(e.Source) || !has(e.Target) {
				return geo.Errorf(geo.EINVALID, "synth: edge %d (ID %d) joins node %d and node %d, but one of them is not in Nodes", k, e.ID, e.Source, e.Target)
			}
			if k > w.First && d.Edges[k-1].Target != e.Source {
				return geo.Errorf(geo.EINVALID, "synth: way ID %d: edge ID %d does not start where edge ID %d ends", w.ID, e.ID, d.Edges[k-1].ID)
			}
		}
	}
	return nil
}

// nodeSet returns a membership test for the node IDs; IDs 1..n in order need no map.
func nodeSet(nodes []geo.WalkNode) func(int64) bool {
	dense := true
	for k, n := range nodes {
		if n.ID != int64(k+1) {
			dense = false
			break
		}
	}
	if dense {
		n := int64(len(nodes))
		return func(id int64) bool { return id >= 1 && id <= n }
	}
	set := make(map[int64]bool, len(nodes))
	for _, n := range nodes {
		set[n.ID] = true
	}
	return func(id int64) bool { return set[id] }
}
