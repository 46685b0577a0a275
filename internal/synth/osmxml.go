package synth

import (
	"bufio"
	"encoding/xml"
	"io"
	"strconv"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

// WriteOSMXML writes d as OpenStreetMap XML (API 0.6, the .osm format): every walk node
// as an OSM node with its ID, every way as an OSM way with its highway (and name,
// bridge=yes + layer=1) tags, each intermediate vertex of a curved edge as an extra
// untagged node, then stations as amenity=community_centre nodes with their Chinese
// names and outlets as POI nodes tagged for their category (plus lifecircle:level and
// lifecircle:category). Coordinates are WGS84 (lat, lon attributes, degrees, 7 decimals).
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
	ox := &osmWriter{w: bufio.NewWriterSize(w, 1<<20)}
	ox.str(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<osm version="0.6" generator="lifecircle synth">` + "\n")
	if len(d.Nodes) > 0 {
		b := d.Bound()
		ox.str(` <bounds minlat="`)
		ox.coord(b.Min[1], `" minlon="`, b.Min[0], `" maxlat="`)
		ox.coord(b.Max[1], `" maxlon="`, b.Max[0], `"/>`+"\n")
	}
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
		return err
	}
	for _, o := range d.Outlets {
		next++
		tags := append(osmTags(cats, o.Category), [2]string{"name", o.Name}, [2]string{"lifecircle:category", o.Category})
		ox.node(next, o.Point, tags)
	}
	ox.ways(d.Edges, ways, vertexBase)
	ox.str("</osm>\n")
	if ox.err == nil {
		ox.err = ox.w.Flush()
	}
	if ox.err != nil {
		return geo.WrapError(geo.EINTERNAL, ox.err, "synth: writing OSM XML")
	}
	return nil
}

// osmWriter writes OSM XML through a buffer, keeping the first error.
type osmWriter struct {
	w   *bufio.Writer
	buf []byte
	err error
}

func (ox *osmWriter) str(s string) {
	if ox.err == nil {
		_, ox.err = ox.w.WriteString(s)
	}
}

func (ox *osmWriter) bytes(b []byte) {
	if ox.err == nil {
		_, ox.err = ox.w.Write(b)
	}
}

// coord writes a, then s1, then b, then s2, with coordinates at 7 decimals (≈ 1 cm).
func (ox *osmWriter) coord(a float64, s1 string, b float64, s2 string) {
	ox.buf = strconv.AppendFloat(ox.buf[:0], a, 'f', 7, 64)
	ox.buf = append(ox.buf, s1...)
	ox.buf = strconv.AppendFloat(ox.buf, b, 'f', 7, 64)
	ox.buf = append(ox.buf, s2...)
	ox.bytes(ox.buf)
}

// node writes one node at p (lon, lat) with tags.
func (ox *osmWriter) node(id int64, p orb.Point, tags [][2]string) {
	ox.buf = append(ox.buf[:0], ` <node id="`...)
	ox.buf = strconv.AppendInt(ox.buf, id, 10)
	ox.buf = append(ox.buf, `" version="1" lat="`...)
	ox.bytes(ox.buf)
	if len(tags) == 0 {
		ox.coord(p[1], `" lon="`, p[0], `"/>`+"\n")
		return
	}
	ox.coord(p[1], `" lon="`, p[0], `">`+"\n")
	ox.tags(tags)
	ox.str(" </node>\n")
}

// tags writes <tag> elements, skipping empty values.
func (ox *osmWriter) tags(tags [][2]string) {
	for _, t := range tags {
		if t[1] == "" {
			continue
		}
		ox.str(`  <tag k="`)
		ox.escape(t[0])
		ox.str(`" v="`)
		ox.escape(t[1])
		ox.str(`"/>` + "\n")
	}
}

func (ox *osmWriter) escape(s string) {
	if ox.err == nil {
		ox.err = xml.EscapeText(ox.w, []byte(s))
	}
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
	nd := func(ref int64) {
		ox.buf = append(ox.buf[:0], `  <nd ref="`...)
		ox.buf = strconv.AppendInt(ox.buf, ref, 10)
		ox.buf = append(ox.buf, `"/>`+"\n"...)
		ox.bytes(ox.buf)
	}
	for _, w := range ways {
		ox.buf = append(ox.buf[:0], ` <way id="`...)
		ox.buf = strconv.AppendInt(ox.buf, w.ID, 10)
		ox.buf = append(ox.buf, `" version="1">`+"\n"...)
		ox.bytes(ox.buf)
		nd(edges[w.First].Source)
		for _, e := range edges[w.First : w.First+w.Count] {
			for k := 1; k+1 < len(e.Geometry); k++ {
				nd(id)
				id++
			}
			nd(e.Target)
		}
		tags := [][2]string{{"highway", w.Highway}, {"name", w.Name}}
		if w.Bridge {
			tags = append(tags, [2]string{"bridge", "yes"}, [2]string{"layer", "1"})
		}
		ox.tags(tags)
		ox.str(" </way>\n")
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
