package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
)

// The OpenStreetMap import values are geo's; postgis names them too.
type (
	OSMData    = geo.OSMData
	OSMSummary = geo.OSMSummary
	OSMStored  = geo.OSMStored
)

var residentialSpec = stagedSpec("residential_areas", "id", "geom", "id text", "kind text", "wkb bytea", "source text")

var buildingSpec = stagedSpec("buildings", "id", "geom", "id text", "kind text", "levels double precision", "wkb bytea", "source text")

// ImportOSM replaces, in one transaction, db.Region()'s walk network and every row an earlier
// OpenStreetMap import put in outlets, stations, residential areas, buildings and communities (rows
// with source = 'osm'); rows from the district's own files are left alone. Invalid OSM
// polygons are mended with ST_MakeValid: OSM data is not the planner's to fix.
func (db *DB) ImportOSM(ctx context.Context, b Batch, d OSMData, m geo.WalkModel) (OSMSummary, error) {
	return db.ReplaceOSM(ctx, b, d, m, nil)
}

// ReplaceOSM is ImportOSM with a check: inside the transaction, after taking the lock of
// OSM imports (another one waits, see lockKind) and before anything changes, check is
// given what earlier OSM imports stored; an error from it rolls everything back and is
// returned. A nil check accepts.
func (db *DB) ReplaceOSM(ctx context.Context, b Batch, d OSMData, m geo.WalkModel, check func(OSMStored) error) (OSMSummary, error) {
	b.Mode = ModeReplace
	sum := OSMSummary{Nodes: len(d.Nodes), Edges: len(d.Edges), Outlets: len(d.Outlets), Stations: len(d.Stations),
		Residential: len(d.Residential), Communities: len(d.Communities), Buildings: len(d.Buildings)}
	for _, b := range d.Buildings {
		if b.Levels > 0 {
			sum.BuildingsWithLevels++
		}
	}
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if err := db.lock(ctx, tx, "osm"); err != nil {
			return err
		}
		if check != nil {
			stored, err := osmStored(ctx, tx, db.rg())
			if err != nil {
				return err
			}
			if err := check(stored); err != nil {
				return err
			}
		}
		id, err := insertBatch(ctx, tx, db.rg(), b)
		if err != nil {
			return err
		}
		sum.BatchID = id
		if err := replaceNetwork(ctx, tx, db.rg(), d.Nodes, d.Edges, m); err != nil {
			return err
		}
		s := Summary{BatchID: id, Read: b.Read}
		for _, part := range osmParts(d) {
			if err := loadInto(ctx, tx, db.rg(), part.spec, b, id, "osm", part.rows, true, &s); err != nil {
				return err
			}
		}
		s.Inserted += len(d.Nodes) + len(d.Edges)
		return finishBatch(ctx, tx, db.rg(), s)
	})
	return sum, err
}

type osmPart struct {
	spec loadSpec
	rows [][]any
}

func osmParts(d OSMData) []osmPart {
	stations, outlets := osmFacilityRows(d)
	res := make([][]any, 0, len(d.Residential))
	for i, r := range d.Residential {
		w, err := polygonWKB(r.Polygon)
		if err != nil || w == nil {
			continue
		}
		res = append(res, []any{i + 1, r.ID, r.Kind, w, "osm"})
	}
	comms := make([][]any, 0, len(d.Communities))
	for i, c := range d.Communities {
		w, err := polygonWKB(c.Boundary)
		if err != nil {
			continue
		}
		comms = append(comms, []any{i + 1, c.Code, c.Name, nullText(c.StreetCode), nullText(c.StreetName), nullInt(c.Households),
			nullInt(c.Population), nullInt(c.Workers), nullFloat(c.ServiceAreaM2), w, "osm"})
	}
	return []osmPart{{stationSpec, stations}, {outletSpec, outlets}, {residentialSpec, res}, {communitySpec, comms},
		{buildingSpec, buildingRows(d.Buildings)}}
}

// osmFacilityRows are the extract's stations and outlets as rows, every one with source
// osm and the status osm implies (candidate), whatever the values say.
func osmFacilityRows(d OSMData) (stations, outlets [][]any) {
	next := func(i int) int { return i + 1 }
	st := make([]geo.Station, len(d.Stations))
	for i, s := range d.Stations {
		s.Source, s.Status = geo.SourceOSM, ""
		st[i] = s
	}
	os := make([]geo.Outlet, len(d.Outlets))
	for i, x := range d.Outlets {
		x.Source, x.Status = geo.SourceOSM, ""
		os[i] = x
	}
	return stationRows(st, geo.SourceOSM, next), outletRows(os, geo.SourceOSM, next)
}

// osmStored counts region r's walk network and rows with source 'osm'.
func osmStored(ctx context.Context, tx pgx.Tx, r string) (OSMStored, error) {
	var s OSMStored
	err := tx.QueryRow(ctx, `SELECT (SELECT count(*) FROM walk_nodes WHERE region = $1), (SELECT count(*) FROM walk_edges WHERE region = $1),
		(SELECT count(*) FROM outlets WHERE region = $1 AND source = 'osm'), (SELECT count(*) FROM stations WHERE region = $1 AND source = 'osm'),
		(SELECT count(*) FROM residential_areas WHERE region = $1 AND source = 'osm'), (SELECT count(*) FROM communities WHERE region = $1 AND source = 'osm')`, r).
		Scan(&s.Nodes, &s.Edges, &s.Outlets, &s.Stations, &s.Residential, &s.Communities)
	return s, mapError(err, "count the stored OSM import")
}
