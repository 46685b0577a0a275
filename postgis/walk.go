package postgis

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

func float64frombits(u uint64) float64 { return math.Float64frombits(u) }

// replaceNetwork swaps region r's walk network for nodes and edges inside tx, with COPY
// (other regions' networks stay). Edge cost and reverse_cost are seconds under model m
// (pgRouting reads them as they are).
func replaceNetwork(ctx context.Context, tx pgx.Tx, r string, nodes []geo.WalkNode, edges []geo.WalkEdge, m geo.WalkModel) error {
	for _, t := range []string{"walk_edges", "walk_nodes"} {
		if _, err := tx.Exec(ctx, "DELETE FROM "+t+" WHERE region = $1", r); err != nil {
			return mapError(err, "clear walk network")
		}
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"walk_nodes"}, []string{"region", "id", "geom"},
		pgx.CopyFromSlice(len(nodes), func(i int) ([]any, error) {
			return []any{r, nodes[i].ID, pointWKB(nodes[i].Point)}, nil
		}))
	if err != nil {
		return mapError(err, "copy walk_nodes")
	}
	cols := []string{"region", "id", "source", "target", "cost", "reverse_cost", "length_m", "highway", "osm_way_id", "geom"}
	_, err = tx.CopyFrom(ctx, pgx.Identifier{"walk_edges"}, cols,
		pgx.CopyFromSlice(len(edges), func(i int) ([]any, error) {
			e := edges[i]
			g, err := wkb.Marshal(e.Geometry)
			if err != nil {
				return nil, err
			}
			cost := m.EdgeSeconds(e.LengthM, e.Highway)
			return []any{r, e.ID, e.Source, e.Target, cost, cost, e.LengthM, e.Highway, nullInt64(e.OSMWayID), g}, nil
		}))
	if err != nil {
		return mapError(err, "copy walk_edges")
	}
	return nil
}

// analyzeNetwork refreshes the planner's statistics of the partitions that hold the
// region's walk network, after the import committed: ANALYZE inside the import's
// transaction would hold a lock on every partition that a second region's import waits for
// (and sample every region). A partition another ANALYZE holds is skipped (SKIP_LOCKED):
// its statistics are being refreshed.
func (db *DB) analyzeNetwork(ctx context.Context) error {
	for _, t := range []string{"walk_nodes", "walk_edges"} {
		var part string
		err := db.pool.QueryRow(ctx, "SELECT tableoid::regclass::text FROM "+pgx.Identifier{t}.Sanitize()+" WHERE region = $1 LIMIT 1", db.rg()).Scan(&part)
		if errors.Is(err, pgx.ErrNoRows) {
			continue
		}
		if err != nil {
			return mapError(err, "find the partition of "+t)
		}
		if _, err := db.pool.Exec(ctx, "ANALYZE (SKIP_LOCKED) "+part); err != nil {
			return mapError(err, "imported and committed; refreshing the statistics of "+part)
		}
	}
	return nil
}

// LoadNetwork reads db.Region()'s walk network (binary COPY, nodes and edges over two connections at
// once) for the in-memory engine. Points and geometries are WGS84 (lon, lat); lengths
// metres.
func (db *DB) LoadNetwork(ctx context.Context) ([]geo.WalkNode, []geo.WalkEdge, error) {
	var nodes []geo.WalkNode
	var edges []geo.WalkEdge
	errc := make(chan error, 1)
	go func() {
		var err error
		nodes, err = db.loadNodes(ctx)
		errc <- err
	}()
	edges, err := db.loadEdges(ctx)
	if nerr := <-errc; err == nil {
		err = nerr
	}
	if err != nil {
		return nil, nil, err
	}
	return nodes, edges, nil
}

func (db *DB) loadNodes(ctx context.Context) ([]geo.WalkNode, error) {
	var nodes []geo.WalkNode
	err := db.copyOut(ctx, "COPY (SELECT id, ST_X(geom), ST_Y(geom) FROM walk_nodes WHERE region = "+db.regionLiteral()+" ORDER BY id) TO STDOUT (FORMAT binary)",
		func(f [][]byte) error {
			nodes = append(nodes, geo.WalkNode{ID: fieldInt64(f[0]), Point: orb.Point{fieldFloat64(f[1]), fieldFloat64(f[2])}})
			return nil
		})
	return nodes, err
}

func (db *DB) loadEdges(ctx context.Context) ([]geo.WalkEdge, error) {
	var edges []geo.WalkEdge
	highways := map[string]string{} // a few distinct values: one string each
	err := db.copyOut(ctx, `COPY (SELECT id, source, target, length_m, highway, coalesce(osm_way_id, 0), ST_AsBinary(geom)
		FROM walk_edges WHERE region = `+db.regionLiteral()+` ORDER BY id) TO STDOUT (FORMAT binary)`,
		func(f [][]byte) error {
			ls, err := lineStringWKB(f[6])
			if err != nil {
				return err
			}
			hw, ok := highways[string(f[4])]
			if !ok {
				hw = string(f[4])
				highways[hw] = hw
			}
			edges = append(edges, geo.WalkEdge{ID: fieldInt64(f[0]), Source: fieldInt64(f[1]), Target: fieldInt64(f[2]),
				LengthM: fieldFloat64(f[3]), Highway: hw, OSMWayID: fieldInt64(f[5]), Geometry: ls})
			return nil
		})
	return edges, err
}

// lineStringWKB decodes a 2D WKB LineString (the only geometry walk_edges holds) without
// the general decoder's allocations; anything else goes through orb's decoder.
func lineStringWKB(b []byte) (orb.LineString, error) {
	if len(b) >= 9 && b[0] == 1 && binary.LittleEndian.Uint32(b[1:5]) == 2 {
		n := int(binary.LittleEndian.Uint32(b[5:9]))
		if len(b) == 9+16*n {
			ls := make(orb.LineString, n)
			for i := range ls {
				o := 9 + 16*i
				ls[i] = orb.Point{math.Float64frombits(binary.LittleEndian.Uint64(b[o:])), math.Float64frombits(binary.LittleEndian.Uint64(b[o+8:]))}
			}
			return ls, nil
		}
	}
	g, err := wkb.Unmarshal(b)
	if err != nil {
		return nil, err
	}
	ls, ok := g.(orb.LineString)
	if !ok {
		return nil, fmt.Errorf("walk edge geometry is a %s, not a LineString", g.GeoJSONType())
	}
	return ls, nil
}

// copyOut runs a COPY … TO STDOUT (FORMAT binary) query on a pooled connection and hands
// each tuple's fields to fn.
func (db *DB) copyOut(ctx context.Context, sql string, fn func([][]byte) error) error {
	c, err := db.pool.Acquire(ctx)
	if err != nil {
		return mapError(err, "load walk network")
	}
	defer c.Release()
	conn := c.Conn()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		_, err := conn.PgConn().CopyTo(ctx, pw, sql)
		pw.CloseWithError(err)
		done <- err
	}()
	err = readCopy(pr, fn)
	pr.CloseWithError(io.ErrClosedPipe)
	if cerr := <-done; cerr != nil {
		return mapError(cerr, "copy out")
	}
	if err != nil {
		return geo.WrapError(geo.EINTERNAL, err, "read walk network")
	}
	return nil
}

func readCopy(r io.Reader, fn func([][]byte) error) error {
	cr, err := newCopyReader(r)
	if err != nil {
		return err
	}
	for {
		ok, err := cr.next()
		if err != nil || !ok {
			return err
		}
		if err := fn(cr.fields); err != nil {
			return err
		}
	}
}

func pointWKB(p orb.Point) []byte {
	b, _ := wkb.Marshal(p)
	return b
}

func nullInt64(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}
