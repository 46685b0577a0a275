package postgis

import (
	"context"
	"math"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
)

// The compute's halo reads (engine.HaloSource): the one place a region reads another
// region's rows, read only. A facility is in the halo when its point lies within haloM
// metres (on the spheroid: geography) of one of db.Region()'s districts; the join first
// keeps the facilities inside the district's bounding box grown by haloM (the GiST index
// on geom), with degrees of longitude taken at the box's latitude farthest from the
// equator so that the box never cuts the halo.
const haloJoin = ` f.geom && ST_Expand(d.boundary,
		$2 / (111320 * cos(radians(LEAST(85, GREATEST(abs(ST_YMin(d.boundary)), abs(ST_YMax(d.boundary))))))) + 1e-6,
		$2 / 110574 + 1e-6)
	AND ST_DWithin(f.geom::geography, d.boundary::geography, $2)`

// HaloStations returns the stations of every region other than db.Region() that lie
// within haloM metres of db.Region()'s districts, each with its Region, ordered by region
// and id; none when db.Region() has no districts. Points are WGS84 (lon, lat). Every
// status is returned, as Stations does (the engine holds candidates back). A haloM that is
// negative or not finite is EINVALID.
func (db *DB) HaloStations(ctx context.Context, haloM float64) ([]geo.Station, error) {
	if err := checkHaloM(haloM); err != nil {
		return nil, err
	}
	return readAll(ctx, db, "read halo stations", `SELECT DISTINCT ON (f.region, f.id) f.region, f.id, f.name, f.level,
		coalesce(f.parent_code, ''), coalesce(f.address, ''), coalesce(f.floor_area_m2, 0), coalesce(f.staff, 0),
		ST_X(f.geom), ST_Y(f.geom), f.source, f.status
		FROM districts d JOIN stations f ON`+haloJoin+`
		WHERE d.region = $1 AND f.region <> $1 ORDER BY f.region, f.id`,
		func(r pgx.CollectableRow, s *geo.Station) error {
			var region, level, status string
			err := r.Scan(&region, &s.ID, &s.Name, &level, &s.ParentCode, &s.Address, &s.FloorAreaM2, &s.Staff,
				&s.Point[0], &s.Point[1], &s.Source, &status)
			s.Region, s.Level, s.Status = geo.Region(region), geo.Level(level), geo.Status(status)
			return err
		}, string(db.Region()), haloM)
}

// HaloOutlets is HaloStations for outlets (every status, as Outlets).
func (db *DB) HaloOutlets(ctx context.Context, haloM float64) ([]geo.Outlet, error) {
	if err := checkHaloM(haloM); err != nil {
		return nil, err
	}
	return readAll(ctx, db, "read halo outlets", `SELECT DISTINCT ON (f.region, f.id) f.region, f.id, f.name, f.category,
		ST_X(f.geom), ST_Y(f.geom), f.source, f.status
		FROM districts d JOIN outlets f ON`+haloJoin+`
		WHERE d.region = $1 AND f.region <> $1 ORDER BY f.region, f.id`,
		func(r pgx.CollectableRow, o *geo.Outlet) error {
			var region, status string
			err := r.Scan(&region, &o.ID, &o.Name, &o.Category, &o.Point[0], &o.Point[1], &o.Source, &status)
			o.Region, o.Status = geo.Region(region), geo.Status(status)
			return err
		}, string(db.Region()), haloM)
}

func checkHaloM(haloM float64) error {
	if !(haloM >= 0) || math.IsInf(haloM, 1) {
		return geo.Errorf(geo.EINVALID, "halo %g m: want a finite distance of at least 0 m", haloM)
	}
	return nil
}
