package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// Stations returns every station of db.Region(), ordered by id. Points are WGS84 (lon, lat).
func (db *DB) Stations(ctx context.Context) ([]geo.Station, error) {
	return readAll(ctx, db, "read stations", `SELECT id, name, level, coalesce(parent_code, ''), coalesce(address, ''),
		coalesce(floor_area_m2, 0), coalesce(staff, 0), ST_X(geom), ST_Y(geom), source, status FROM stations WHERE region = $1 ORDER BY id`,
		func(r pgx.CollectableRow, s *geo.Station) error {
			var level, status string
			err := r.Scan(&s.ID, &s.Name, &level, &s.ParentCode, &s.Address, &s.FloorAreaM2, &s.Staff, &s.Point[0], &s.Point[1], &s.Source, &status)
			s.Level, s.Status = geo.Level(level), geo.Status(status)
			return err
		}, db.rg())
}

// Outlets returns every outlet of db.Region(), ordered by id. Points are WGS84 (lon, lat).
func (db *DB) Outlets(ctx context.Context) ([]geo.Outlet, error) {
	return readAll(ctx, db, "read outlets", `SELECT id, name, category, ST_X(geom), ST_Y(geom), source, status FROM outlets WHERE region = $1 ORDER BY id`,
		func(r pgx.CollectableRow, o *geo.Outlet) error {
			var status string
			err := r.Scan(&o.ID, &o.Name, &o.Category, &o.Point[0], &o.Point[1], &o.Source, &status)
			o.Status = geo.Status(status)
			return err
		}, db.rg())
}

// Communities returns every community of db.Region(), ordered by code, with boundaries (WGS84).
func (db *DB) Communities(ctx context.Context) ([]geo.Community, error) {
	return readAll(ctx, db, "read communities", `SELECT code, name, coalesce(street_code, ''), coalesce(street_name, ''),
		coalesce(households, 0), coalesce(population, 0), coalesce(workers, 0), coalesce(service_area_m2, 0),
		ST_AsBinary(boundary), source FROM communities WHERE region = $1 ORDER BY code`,
		func(r pgx.CollectableRow, c *geo.Community) error {
			return r.Scan(&c.Code, &c.Name, &c.StreetCode, &c.StreetName, &c.Households, &c.Population, &c.Workers,
				&c.ServiceAreaM2, polygonInto{&c.Boundary}, &c.Source)
		}, db.rg())
}

// Streets returns every street/township of db.Region(), ordered by code.
func (db *DB) Streets(ctx context.Context) ([]geo.Street, error) {
	return readAll(ctx, db, "read streets", `SELECT code, name, coalesce(district_code, ''), ST_AsBinary(boundary) FROM streets WHERE region = $1 ORDER BY code`,
		func(r pgx.CollectableRow, s *geo.Street) error {
			return r.Scan(&s.Code, &s.Name, &s.DistrictCode, polygonInto{&s.Boundary})
		}, db.rg())
}

// Compounds returns every residential compound of db.Region(), ordered by id.
func (db *DB) Compounds(ctx context.Context) ([]geo.Compound, error) {
	return readAll(ctx, db, "read compounds", `SELECT id, name, coalesce(community_code, ''), coalesce(households, 0),
		coalesce(population, 0), ST_AsBinary(geom), source FROM compounds WHERE region = $1 ORDER BY id`,
		func(r pgx.CollectableRow, c *geo.Compound) error {
			return r.Scan(&c.ID, &c.Name, &c.CommunityCode, &c.Households, &c.Population, polygonInto{&c.Polygon}, &c.Source)
		}, db.rg())
}

// ResidentialAreas returns db.Region()'s residential land polygons (WGS84).
func (db *DB) ResidentialAreas(ctx context.Context) ([]geo.ResidentialArea, error) {
	return readAll(ctx, db, "read residential areas", `SELECT id, kind, ST_AsBinary(geom) FROM residential_areas WHERE region = $1 ORDER BY id`,
		func(r pgx.CollectableRow, a *geo.ResidentialArea) error {
			return r.Scan(&a.ID, &a.Kind, polygonInto{&a.Polygon})
		}, db.rg())
}

// PopulationGrid returns db.Region()'s imported population per H3 cell (cell index as text).
func (db *DB) PopulationGrid(ctx context.Context) (map[string]float64, error) {
	return readMap[string, float64](ctx, db, "read population grid", `SELECT h3, population FROM population_grid WHERE region = $1`, db.rg())
}

// readAll runs the query q (arguments args) and returns one T per row, filled by scan; what
// names the read in errors.
func readAll[T any](ctx context.Context, db *DB, what, q string, scan func(r pgx.CollectableRow, v *T) error, args ...any) ([]T, error) {
	rows, err := db.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, mapError(err, what)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (T, error) {
		var v T
		err := scan(r, &v)
		return v, err
	})
	return out, mapError(err, what)
}

// readMap runs the query q (arguments args), whose rows are (key, value) pairs, and returns
// them as a map; what names the read in errors.
func readMap[K comparable, V any](ctx context.Context, db *DB, what, q string, args ...any) (map[K]V, error) {
	rows, err := db.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, mapError(err, what)
	}
	defer rows.Close()
	out := map[K]V{}
	for rows.Next() {
		var k K
		var v V
		if err := rows.Scan(&k, &v); err != nil {
			return nil, mapError(err, what)
		}
		out[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, mapError(err, what)
	}
	return out, nil
}

// polygonInto scans a WKB polygon or multipolygon column (WGS84 lon, lat) into the
// multipolygon it points to: nil for NULL (pgtype.BytesScanner).
type polygonInto struct{ mp *orb.MultiPolygon }

// ScanBytes decodes the column's bytes b (nil for NULL) with multiPolygon.
func (p polygonInto) ScanBytes(b []byte) error {
	var err error
	*p.mp, err = multiPolygon(b)
	return err
}

// multiPolygon decodes WKB b, a polygon or multipolygon, as a multipolygon; nil for nil
// b or another geometry type.
func multiPolygon(b []byte) (orb.MultiPolygon, error) {
	if b == nil {
		return nil, nil
	}
	g, err := wkb.Unmarshal(b)
	if err != nil {
		return nil, err
	}
	switch g := g.(type) {
	case orb.MultiPolygon:
		return g, nil
	case orb.Polygon:
		return orb.MultiPolygon{g}, nil
	}
	return nil, nil
}
