package postgis

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
)

// DrivingDistance runs pgRouting's pgr_drivingDistance on db.Region()'s walk_edges (cost and
// reverse_cost in seconds) from the given walk node ids and returns every reached node's
// seconds from its nearest start (the minimum over starts), and how long the query took.
// equicost asks pgRouting itself to keep each node's nearest start only; pgRouting 3.4's
// equicost results disagree with the minimum over starts on real networks, so the
// cross-check tests use equicost=false. It is the
// independent cross-check and baseline for lifecircle's own walk engine; it needs the
// pgrouting extension (created here when missing).
func (db *DB) DrivingDistance(ctx context.Context, starts []int64, maxSeconds float64, equicost bool) (map[int64]float64, time.Duration, error) {
	if _, err := db.pool.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS pgrouting"); err != nil {
		return nil, 0, mapError(err, "pgrouting extension")
	}
	t := time.Now()
	out, err := readMap[int64, float64](ctx, db, "pgr_drivingDistance", `SELECT node, min(agg_cost) FROM pgr_drivingDistance(
			format('SELECT id, source, target, cost, reverse_cost FROM walk_edges WHERE region = %L', $4::text),
			$1::bigint[], $2::float8, directed => true, equicost => $3)
		GROUP BY node`, starts, maxSeconds, equicost, db.rg())
	if err != nil {
		return nil, 0, err
	}
	return out, time.Since(t), nil
}

// NearestNodes returns, for each point (lon, lat WGS84), the id of db.Region()'s nearest walk node —
// how pgRouting users usually pick start vertices.
func (db *DB) NearestNodes(ctx context.Context, ps []orb.Point) ([]int64, error) {
	lons, lats := make([]float64, len(ps)), make([]float64, len(ps))
	for i, p := range ps {
		lons[i], lats[i] = p[0], p[1]
	}
	return readAll(ctx, db, "nearest walk nodes", `SELECT n.id FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(lon, lat, i)
		CROSS JOIN LATERAL (SELECT id FROM walk_nodes WHERE region = $3 ORDER BY geom <-> ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326) LIMIT 1) n
		ORDER BY p.i`, func(r pgx.CollectableRow, id *int64) error { return r.Scan(id) }, lons, lats, db.rg())
}
