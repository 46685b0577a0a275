package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/derive"
)

// Block is a neighbourhood unit derived from the walk network (derive.Block): land
// enclosed by major roads; its Centre is ST_PointOnSurface.
type Block = derive.Block

// majorRoads returns the highway values whose lines bound derived neighbourhoods: the
// major roads of geo's classification (geo.RoadMajor).
func majorRoads() []string {
	var out []string
	for _, h := range geo.HighwaysOf(geo.RoadMajor) {
		out = append(out, string(h))
	}
	return out
}

// DeriveBlocks makes neighbourhood units of db.Region() (from its network and residential
// land) where an extract has no community boundaries:
// the settled area (residential land grown by settledBufferM metres, or the walk network's
// convex hull when there is none) cut by the major roads (geo.RoadMajor, links included),
// keeping pieces of at least minAreaM2. Polygons are WGS84 (lon, lat), ordered north to
// south.
func (db *DB) DeriveBlocks(ctx context.Context, minAreaM2, settledBufferM float64) ([]Block, error) {
	return readAll(ctx, db, "derive neighbourhoods", `
		WITH settled AS (SELECT coalesce(
				(SELECT ST_Union(ST_Buffer(geom::geography, $3)::geometry) FROM residential_areas WHERE region = $4),
				(SELECT ST_ConvexHull(ST_Collect(geom)) FROM walk_nodes WHERE region = $4)) AS g),
		lines AS (
			SELECT geom FROM walk_edges WHERE region = $4 AND highway = ANY($1)
			UNION ALL SELECT (ST_Dump(ST_Boundary(g))).geom FROM settled),
		noded AS (SELECT ST_Node(ST_Collect(geom)) AS g FROM lines),
		polys AS (SELECT (ST_Dump(ST_Polygonize(g))).geom AS g FROM noded),
		blocks AS (
			SELECT p.g, ST_Area(p.g::geography) AS area,
				coalesce((SELECT sum(ST_Area(ST_Intersection(r.geom, p.g)::geography)) FROM residential_areas r
					WHERE r.region = $4 AND r.geom && p.g AND ST_Intersects(r.geom, p.g)), 0) AS res
			FROM polys p, settled s
			WHERE ST_Area(p.g::geography) >= $2 AND ST_Within(ST_PointOnSurface(p.g), s.g))
		SELECT ST_AsBinary(ST_Multi(g)), area, res, ST_X(ST_PointOnSurface(g)), ST_Y(ST_PointOnSurface(g))
		FROM blocks ORDER BY ST_Y(ST_PointOnSurface(g)) DESC, ST_X(ST_PointOnSurface(g))`,
		func(r pgx.CollectableRow, b *Block) error {
			return r.Scan(polygonInto{&b.Polygon}, &b.AreaM2, &b.ResidentialM2, &b.Centre[0], &b.Centre[1])
		}, majorRoads(), minAreaM2, settledBufferM, db.rg())
}

// ImportStreets upserts streets/townships by code, in one transaction. Boundaries are
// WGS84 (lon, lat) and may be empty.
func (db *DB) ImportStreets(ctx context.Context, b Batch, streets []geo.Street) (Summary, error) {
	rows := make([][]any, len(streets))
	for i, s := range streets {
		w, err := recordWKB(b.FileName, i+1, "boundary", s.Boundary)
		if err != nil {
			return Summary{}, err
		}
		rows[i] = []any{i + 1, s.Code, s.Name, nullText(s.DistrictCode), w, b.RowSource()}
	}
	return db.load(ctx, streetSpec, b, rows, ImportOptions{Repair: true})
}

var streetSpec = stagedSpec("streets", "code", "boundary", "code text", "name text", "district_code text", "wkb bytea", "source text")

// DeleteCommunities removes db.Region()'s communities of one source (e.g. "osm" administrative
// boundaries that derived neighbourhoods replace) and returns how many went.
func (db *DB) DeleteCommunities(ctx context.Context, source string) (int, error) {
	tag, err := db.pool.Exec(ctx, "DELETE FROM communities WHERE region = $1 AND source = $2", db.rg(), source)
	if err != nil {
		return 0, mapError(err, "delete communities")
	}
	return int(tag.RowsAffected()), nil
}

// PopulationRow is the residents of one H3 cell (index as text).
type PopulationRow = geo.PopulationCell

// ImportPopulation replaces (or, in upsert mode, updates) the population grid in one
// transaction.
func (db *DB) ImportPopulation(ctx context.Context, b Batch, rows []PopulationRow) (Summary, error) {
	data := make([][]any, len(rows))
	for i, r := range rows {
		data[i] = []any{i + 1, r.H3, r.Population, b.RowSource()}
	}
	return db.load(ctx, populationSpec, b, data, ImportOptions{})
}

var populationSpec = stagedSpec("population_grid", "h3", "", "h3 text", "population double precision", "source text")
