package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// Stations returns every station, ordered by id. Points are WGS84 (lon, lat).
func (db *DB) Stations(ctx context.Context) ([]geo.Station, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, name, level, coalesce(parent_code, ''), coalesce(address, ''),
		coalesce(floor_area_m2, 0), coalesce(staff, 0), ST_X(geom), ST_Y(geom), source, status FROM stations ORDER BY id`)
	if err != nil {
		return nil, mapError(err, "read stations")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (geo.Station, error) {
		var s geo.Station
		var level, status string
		err := r.Scan(&s.ID, &s.Name, &level, &s.ParentCode, &s.Address, &s.FloorAreaM2, &s.Staff, &s.Point[0], &s.Point[1], &s.Source, &status)
		s.Level, s.Status = geo.Level(level), geo.Status(status)
		return s, err
	})
	return out, mapError(err, "read stations")
}

// Outlets returns every outlet, ordered by id. Points are WGS84 (lon, lat).
func (db *DB) Outlets(ctx context.Context) ([]geo.Outlet, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, name, category, ST_X(geom), ST_Y(geom), source, status FROM outlets ORDER BY id`)
	if err != nil {
		return nil, mapError(err, "read outlets")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (geo.Outlet, error) {
		var o geo.Outlet
		var status string
		err := r.Scan(&o.ID, &o.Name, &o.Category, &o.Point[0], &o.Point[1], &o.Source, &status)
		o.Status = geo.Status(status)
		return o, err
	})
	return out, mapError(err, "read outlets")
}

// Communities returns every community, ordered by code, with boundaries (WGS84).
func (db *DB) Communities(ctx context.Context) ([]geo.Community, error) {
	rows, err := db.pool.Query(ctx, `SELECT code, name, coalesce(street_code, ''), coalesce(street_name, ''),
		coalesce(households, 0), coalesce(population, 0), coalesce(workers, 0), coalesce(service_area_m2, 0),
		ST_AsBinary(boundary), source FROM communities ORDER BY code`)
	if err != nil {
		return nil, mapError(err, "read communities")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (geo.Community, error) {
		var c geo.Community
		var b []byte
		if err := r.Scan(&c.Code, &c.Name, &c.StreetCode, &c.StreetName, &c.Households, &c.Population, &c.Workers,
			&c.ServiceAreaM2, &b, &c.Source); err != nil {
			return c, err
		}
		var err error
		c.Boundary, err = multiPolygon(b)
		return c, err
	})
	return out, mapError(err, "read communities")
}

// Streets returns every street/township, ordered by code.
func (db *DB) Streets(ctx context.Context) ([]geo.Street, error) {
	rows, err := db.pool.Query(ctx, `SELECT code, name, coalesce(district_code, ''), ST_AsBinary(boundary) FROM streets ORDER BY code`)
	if err != nil {
		return nil, mapError(err, "read streets")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (geo.Street, error) {
		var s geo.Street
		var b []byte
		if err := r.Scan(&s.Code, &s.Name, &s.DistrictCode, &b); err != nil {
			return s, err
		}
		var err error
		s.Boundary, err = multiPolygon(b)
		return s, err
	})
	return out, mapError(err, "read streets")
}

// Compounds returns every residential compound, ordered by id.
func (db *DB) Compounds(ctx context.Context) ([]geo.Compound, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, name, coalesce(community_code, ''), coalesce(households, 0),
		coalesce(population, 0), ST_AsBinary(geom), source FROM compounds ORDER BY id`)
	if err != nil {
		return nil, mapError(err, "read compounds")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (geo.Compound, error) {
		var c geo.Compound
		var b []byte
		if err := r.Scan(&c.ID, &c.Name, &c.CommunityCode, &c.Households, &c.Population, &b, &c.Source); err != nil {
			return c, err
		}
		var err error
		c.Polygon, err = multiPolygon(b)
		return c, err
	})
	return out, mapError(err, "read compounds")
}

// ResidentialAreas returns residential land polygons (WGS84).
func (db *DB) ResidentialAreas(ctx context.Context) ([]geo.ResidentialArea, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, kind, ST_AsBinary(geom) FROM residential_areas ORDER BY id`)
	if err != nil {
		return nil, mapError(err, "read residential areas")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (geo.ResidentialArea, error) {
		var a geo.ResidentialArea
		var b []byte
		if err := r.Scan(&a.ID, &a.Kind, &b); err != nil {
			return a, err
		}
		var err error
		a.Polygon, err = multiPolygon(b)
		return a, err
	})
	return out, mapError(err, "read residential areas")
}

// PopulationGrid returns the imported population per H3 cell (cell index as text).
func (db *DB) PopulationGrid(ctx context.Context) (map[string]float64, error) {
	rows, err := db.pool.Query(ctx, `SELECT h3, population FROM population_grid`)
	if err != nil {
		return nil, mapError(err, "read population grid")
	}
	defer rows.Close()
	out := map[string]float64{}
	for rows.Next() {
		var h string
		var p float64
		if err := rows.Scan(&h, &p); err != nil {
			return nil, mapError(err, "read population grid")
		}
		out[h] = p
	}
	return out, mapError(rows.Err(), "read population grid")
}

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
