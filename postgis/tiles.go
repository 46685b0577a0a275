package postgis

import (
	"context"
	"math"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// Tile limits and the zooms from which each kind of feature is drawn.
const (
	MaxTileZoom = 20 // deepest zoom Tile answers

	roadsMajorMinZoom  = 9  // geo.RoadMajor: motorway … tertiary_link
	roadsMinorMinZoom  = 13 // geo.RoadMinor but service: residential, unclassified, living and pedestrian streets
	roadsPathMinZoom   = 14 // geo.RoadPath and geo.RoadSteps: footways, paths, tracks, cycleways, corridors, steps; service roads
	residentialMinZoom = 11
	simplifyMaxZoom    = 14 // below this zoom polygons are simplified to the tile's grid

	tileExtent       = 4096               // MVT units per tile side (tileExtentSQL in the SQL)
	tileBufferUnits  = 64                 // units drawn beyond each edge (in tileParams too)
	webMercatorHalfM = 20037508.342789244 // half the width of the world in EPSG:3857 metres
	maxMercatorLat   = 85.0511287798066   // latitude of the world square's edges
)

// tileSQL builds one vector tile of the base map from walk_edges, residential_areas and
// communities. The base map is every region's: tiles read all regions' rows (unscoped on
// purpose, the one read that is; a map shows what lies there, whatever region stored it). Parameters: $1–$3 z, x, y; $4–$7 the tile's box with its buffer in
// EPSG:4326 (lon0, lat0, lon1, lat1), which the GiST indexes answer; $8–$10 the affine
// map from EPSG:3857 metres to tile units (scale, x offset, y offset); $11 the polygon
// simplification tolerance in EPSG:3857 metres; $12 and $13 whether roads and residential
// land are drawn at this zoom; $14–$16 the road classification, one row per highway value:
// value, class (geo.RoadClass) and the zoom it is drawn from (see tileRoads).
//
// Roads are grouped into one feature per class and highway value: transforming each edge
// on its own costs more than all the rest of a tile, a collection is transformed at once.
// The lines are then mapped to tile units and snapped to the grid (edges that collapse to
// a point vanish). They are not clipped: no edge reaches far beyond the buffer, and
// renderers clip to the tile. Polygons are few and go through ST_AsMVTGeom (clipped,
// winding fixed).
const tileSQL = `
WITH classes AS (
  SELECT * FROM unnest($14::text[], $15::text[], $16::int[]) AS c(highway, class, min_zoom)
),
edges AS (
  SELECT w.highway, w.geom, c.class
  FROM walk_edges w JOIN classes c ON c.highway = w.highway
  WHERE $12 AND c.min_zoom <= $1 AND w.geom && ST_MakeEnvelope($4, $5, $6, $7, 4326) /*MAJOR*/
),
roads AS (
  SELECT class, highway,
         ST_SnapToGrid(ST_Affine(ST_Transform(ST_Collect(geom), 3857), $8::float8, 0, 0, -$8::float8, $9, $10), 1) AS geom
  FROM edges
  GROUP BY class, highway
),
residential AS (
  SELECT r.kind,
         ST_AsMVTGeom(ST_SimplifyPreserveTopology(ST_Transform(r.geom, 3857), $11), ST_TileEnvelope($1, $2, $3), ` + tileParams + `) AS geom
  FROM residential_areas r
  WHERE $13 AND r.geom && ST_MakeEnvelope($4, $5, $6, $7, 4326)
),
comms AS (
  SELECT c.code, c.name,
         ST_AsMVTGeom(ST_SimplifyPreserveTopology(ST_Transform(c.boundary, 3857), $11), ST_TileEnvelope($1, $2, $3), ` + tileParams + `) AS geom
  FROM communities c
  WHERE c.boundary && ST_MakeEnvelope($4, $5, $6, $7, 4326)
)
SELECT coalesce((SELECT ST_AsMVT(q, 'roads', ` + tileExtentSQL + `, 'geom') FROM roads q WHERE NOT ST_IsEmpty(q.geom)), ''::bytea)
    || coalesce((SELECT ST_AsMVT(q, 'residential', ` + tileExtentSQL + `, 'geom') FROM residential q WHERE q.geom IS NOT NULL), ''::bytea)
    || coalesce((SELECT ST_AsMVT(q, 'communities', ` + tileExtentSQL + `, 'geom') FROM comms q WHERE q.geom IS NOT NULL), ''::bytea)`

// majorRoadsPredicate returns the SQL condition "highway is a major road" on column col,
// spelled out with the literals of geo.HighwaysOf(geo.RoadMajor) in their order: the
// predicate of the partial index walk_edges_major_gix (migration 00005), which the
// planner uses only when a query states it with constants (a $n parameter would not let
// it prove that the query's rows satisfy the index's predicate in a generic plan). A test
// checks it against the index the migrations create.
func majorRoadsPredicate(col string) string {
	var b strings.Builder
	b.WriteString(col + " IN (")
	for i, h := range geo.HighwaysOf(geo.RoadMajor) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("'" + strings.ReplaceAll(string(h), "'", "''") + "'")
	}
	b.WriteString(")")
	return b.String()
}

// tileQuery returns the SQL of a tile at zoom z: below roadsMinorMinZoom the edges are
// limited to major roads through majorRoadsPredicate, so that a low-zoom tile reads the
// few major roads of its wide box through the partial index, not every footway.
func tileQuery(z int) string {
	if z >= roadsMinorMinZoom {
		return tileSQL
	}
	return strings.Replace(tileSQL, "/*MAJOR*/", "AND "+majorRoadsPredicate("w.highway"), 1)
}

// tileRoads returns the road classification the tile SQL joins: every highway value of
// geo.Highways with its class and the zoom it is drawn from. A highway value outside it
// (the importer writes none) is not drawn.
func tileRoads() (highways, classes []string, minZooms []int32) {
	for _, h := range geo.Highways() {
		z := int32(roadsPathMinZoom)
		switch {
		case h.IsMajor():
			z = roadsMajorMinZoom
		case h.Class() == geo.RoadMinor && h != geo.HighwayService:
			z = roadsMinorMinZoom
		}
		highways, classes, minZooms = append(highways, string(h)), append(classes, string(h.Class())), append(minZooms, z)
	}
	return highways, classes, minZooms
}

// SQL spellings of tileExtent and of ST_AsMVTGeom's extent, buffer (tileBufferUnits) and
// clipping.
const (
	tileExtentSQL = "4096"
	tileParams    = tileExtentSQL + ", 64, true"
)

// Tile returns the base-map vector tile z/x/y (the XYZ scheme of web maps: x east, y south
// from the north-west corner) as Mapbox Vector Tile bytes in EPSG:3857, extent 4096, with
// three layers:
//
//   - "roads": the walk network, one (multi)line feature per class and highway value;
//     attributes class (major, minor, path or steps) and highway. Major roads from zoom 9,
//     minor roads from 13, paths, steps and service roads from 14.
//   - "residential": residential land from zoom 11; attribute kind.
//   - "communities": community boundaries at every zoom; attributes code and name.
//
// Polygons are simplified to the tile's grid below zoom 14; features smaller than a tile
// unit vanish. A tile with nothing in it is empty (zero bytes). z outside 0–20 or x, y
// outside 0…2^z−1 is EINVALID.
func (db *DB) Tile(ctx context.Context, z, x, y int) ([]byte, error) {
	if err := checkTile(z, x, y); err != nil {
		return nil, err
	}
	var b []byte
	if err := db.pool.QueryRow(ctx, tileQuery(z), tileArgs(z, x, y)...).Scan(&b); err != nil {
		return nil, mapError(err, "vector tile")
	}
	return b, nil
}

// tileArgs returns the parameters of tileQuery(z) for tile z/x/y.
func tileArgs(z, x, y int) []any {
	g := tileGeometry(z, x, y)
	highways, classes, minZooms := tileRoads()
	return []any{z, x, y, g.box[0], g.box[1], g.box[2], g.box[3], g.scale, g.xoff, g.yoff, simplifyTolerance(z),
		z >= roadsMajorMinZoom, z >= residentialMinZoom, highways, classes, minZooms}
}

// checkTile returns an EINVALID error unless z/x/y names a tile.
func checkTile(z, x, y int) error {
	if z < 0 || z > MaxTileZoom {
		return geo.Errorf(geo.EINVALID, "tile zoom %d is outside 0–%d", z, MaxTileZoom)
	}
	n := 1 << z
	if x < 0 || x >= n || y < 0 || y >= n {
		return geo.Errorf(geo.EINVALID, "tile %d/%d/%d: at zoom %d x and y must be in 0–%d", z, x, y, z, n-1)
	}
	return nil
}

// tileGeom is where a tile lies: its buffered box in EPSG:4326 (lon0, lat0, lon1, lat1
// degrees) and the affine map x' = scale·X + xoff, y' = −scale·Y + yoff from EPSG:3857
// metres (X, Y) to tile units (y down).
type tileGeom struct {
	box               [4]float64
	scale, xoff, yoff float64
}

func tileGeometry(z, x, y int) tileGeom {
	size := 2 * webMercatorHalfM / math.Exp2(float64(z))
	x0, y1 := -webMercatorHalfM+float64(x)*size, webMercatorHalfM-float64(y)*size
	scale := tileExtent / size
	m := size * tileBufferUnits / tileExtent
	lon0, lat0 := mercatorToLonLat(x0-m, y1-size-m)
	lon1, lat1 := mercatorToLonLat(x0+size+m, y1+m)
	return tileGeom{box: [4]float64{lon0, lat0, lon1, lat1}, scale: scale, xoff: -x0 * scale, yoff: y1 * scale}
}

// mercatorToLonLat returns the WGS84 (lon, lat) degrees of EPSG:3857 metres, clamped to
// the world square.
func mercatorToLonLat(mx, my float64) (lon, lat float64) {
	lon = math.Max(-180, math.Min(180, mx/webMercatorHalfM*180))
	lat = math.Atan(math.Sinh(my/webMercatorHalfM*math.Pi)) * 180 / math.Pi
	return lon, math.Max(-maxMercatorLat, math.Min(maxMercatorLat, lat))
}

// simplifyTolerance is half a tile unit in EPSG:3857 metres below simplifyMaxZoom, so
// simplification never moves a vertex visibly; 0 from there on.
func simplifyTolerance(z int) float64 {
	if z >= simplifyMaxZoom {
		return 0
	}
	return 2 * webMercatorHalfM / math.Exp2(float64(z)) / tileExtent / 2
}
