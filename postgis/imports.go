package postgis

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

var stationSpec = loadSpec{
	table: "stations", key: "id",
	tmpDDL:  "rec int, id text, name text, level text, parent_code text, address text, floor_area double precision, staff int, lon double precision, lat double precision, source text, status text",
	tmpCols: []string{"rec", "id", "name", "level", "parent_code", "address", "floor_area", "staff", "lon", "lat", "source", "status"},
	cols:    []string{"id", "name", "level", "parent_code", "address", "floor_area_m2", "staff", "geom", "source", "status"},
	selects: []string{"t.id", "t.name", "t.level", "t.parent_code", "t.address", "t.floor_area", "t.staff",
		"ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326)", "t.source", "t.status"},
}

// ImportStations loads stations in one transaction; see Mode for what happens to the rows of
// earlier imports. A station without a status gets the one its source (or the batch's)
// implies: candidate for osm, confirmed otherwise (geo.StatusFor). Points are WGS84 (lon, lat).
//
// In replace mode the stations of a planner's file (source file) also replace the
// candidate stations they overlap: every candidate within geo.CandidateReplaceM metres of
// one of the batch's stations of the same level is deleted, and counted in
// ReplacedCandidates.
func (db *DB) ImportStations(ctx context.Context, b Batch, stations []geo.Station, o ImportOptions) (Summary, error) {
	rows := stationRows(stations, b.RowSource(), o.Record)
	if err := checkRows(b.FileName, stationSpec, rows); err != nil {
		return Summary{}, err
	}
	var s Summary
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if err := db.lock(ctx, tx, stationSpec.table); err != nil {
			return err
		}
		var err error
		if s, err = loadRows(ctx, tx, db.rg(), withProgress(stationSpec, o), b, rows, o.Repair); err != nil {
			return err
		}
		if b.Mode != ModeReplace || b.RowSource() != geo.SourceFile {
			return nil
		}
		end := startStep(o.Progress, "replacing candidate stations")
		s.ReplacedCandidates, err = replaceCandidates(ctx, tx, db.rg(), s.BatchID)
		end()
		return err
	})
	return s, importError(err, b.FileName, stationSpec, rows)
}

// replaceCandidates deletes the candidate stations of region r within geo.CandidateReplaceM
// metres of a station of batch of the same level and says how many went.
func replaceCandidates(ctx context.Context, tx pgx.Tx, r string, batch int64) (int, error) {
	tag, err := tx.Exec(ctx, `DELETE FROM stations c USING stations n
		WHERE n.region = $3 AND n.batch_id = $1 AND c.region = $3 AND c.status = 'candidate' AND c.id <> n.id AND c.level = n.level
		AND ST_DWithin(c.geom::geography, n.geom::geography, $2)`, batch, float64(geo.CandidateReplaceM), r)
	if err != nil {
		return 0, mapError(err, "replace candidate stations")
	}
	return int(tag.RowsAffected()), nil
}

// stationRows are stations as rows in stationSpec's tmpCols order; source stands in for
// an empty Source, record numbers each row.
func stationRows(stations []geo.Station, source string, record func(int) int) [][]any {
	rows := make([][]any, len(stations))
	for i, s := range stations {
		s.Source = sourceOr(s.Source, source)
		rows[i] = []any{record(i), s.ID, s.Name, string(s.Level), nullText(s.ParentCode), nullText(s.Address),
			nullFloat(s.FloorAreaM2), nullInt(s.Staff), s.Point[0], s.Point[1], s.Source, statusOr(s.Status, s.Source)}
	}
	return rows
}

var outletSpec = loadSpec{
	table: "outlets", key: "id",
	tmpDDL:  "rec int, id text, name text, category text, lon double precision, lat double precision, source text, status text",
	tmpCols: []string{"rec", "id", "name", "category", "lon", "lat", "source", "status"},
	cols:    []string{"id", "name", "category", "geom", "source", "status"},
	selects: []string{"t.id", "t.name", "t.category", "ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326)", "t.source", "t.status"},
}

// ImportOutlets loads outlets in one transaction. An outlet without a status gets the one
// its source implies (geo.StatusFor). Points are WGS84 (lon, lat).
func (db *DB) ImportOutlets(ctx context.Context, b Batch, outlets []geo.Outlet, o ImportOptions) (Summary, error) {
	return db.load(ctx, outletSpec, b, outletRows(outlets, b.RowSource(), o.Record), o)
}

// outletRows are outlets as rows in outletSpec's tmpCols order, like stationRows.
func outletRows(outlets []geo.Outlet, source string, record func(int) int) [][]any {
	rows := make([][]any, len(outlets))
	for i, x := range outlets {
		x.Source = sourceOr(x.Source, source)
		rows[i] = []any{record(i), x.ID, x.Name, x.Category, x.Point[0], x.Point[1], x.Source, statusOr(x.Status, x.Source)}
	}
	return rows
}

var communitySpec = loadSpec{
	table: "communities", key: "code", polygons: "wkb",
	tmpDDL:  "rec int, code text, name text, street_code text, street_name text, households int, population int, workers int, service_area double precision, wkb bytea, source text",
	tmpCols: []string{"rec", "code", "name", "street_code", "street_name", "households", "population", "workers", "service_area", "wkb", "source"},
	cols:    []string{"code", "name", "street_code", "street_name", "households", "population", "workers", "service_area_m2", "boundary", "source"},
	selects: []string{"t.code", "t.name", "t.street_code", "t.street_name", "t.households", "t.population", "t.workers",
		"t.service_area", "ST_Multi(ST_GeomFromWKB(t.wkb, 4326))", "t.source"},
}

// ImportCommunities loads communities into db.Region() in one transaction, then adds any
// street named by their street codes that the region's streets lack. In replace mode
// nothing derived from the communities replaced stays: in the same transaction the
// region's streets derived from communities (source "communities") that no community
// names any more are deleted, and so are its computed cells and coverage (cells,
// coverage_cells, coverage_summary), which the next compute makes anew.
func (db *DB) ImportCommunities(ctx context.Context, b Batch, cs []geo.Community, o ImportOptions) (Summary, error) {
	rows := make([][]any, len(cs))
	recs := make(map[string]int, len(cs))
	for i, c := range cs {
		w, err := polygonWKB(c.Boundary)
		if err != nil {
			return Summary{}, geo.WrapError(geo.EINVALID, err, "%s record %d: boundary", b.FileName, o.Record(i))
		}
		recs[c.Code] = o.Record(i)
		rows[i] = []any{o.Record(i), c.Code, c.Name, nullText(c.StreetCode), nullText(c.StreetName), nullInt(c.Households),
			nullInt(c.Population), nullInt(c.Workers), nullFloat(c.ServiceAreaM2), w, sourceOr(c.Source, b.RowSource())}
	}
	if err := checkRows(b.FileName, communitySpec, rows); err != nil {
		return Summary{}, err
	}
	var s Summary
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if err := db.lock(ctx, tx, communitySpec.table); err != nil {
			return err
		}
		var err error
		if s, err = loadRows(ctx, tx, db.rg(), withProgress(communitySpec, o), b, rows, o.Repair); err != nil {
			return err
		}
		if b.RowSource() == "file" {
			end := startStep(o.Progress, "checking against the streets and districts")
			if err := checkCommunities(ctx, tx, unitCheck{region: db.rg(), file: b.FileName, batch: s.BatchID, recs: recs}, &s); err != nil {
				return err
			}
			end()
		}
		if err := addStreetsFromCommunities(ctx, tx, db.rg(), o.Progress); err != nil {
			return err
		}
		end := startStep(o.Progress, "joining attribute tables")
		if s.Join, err = joinAttributes(ctx, tx, db.rg(), o.Strict); err != nil {
			return err
		}
		end()
		if b.Mode != ModeReplace {
			return nil
		}
		defer startStep(o.Progress, "dropping stale streets and coverage")()
		return dropDerivedFromCommunities(ctx, tx, db.rg())
	})
	return s, importError(err, b.FileName, communitySpec, rows)
}

// dropDerivedFromCommunities deletes what the communities replaced leave stale in region
// r: streets derived from communities no community names, and every computed cell and
// coverage row.
func dropDerivedFromCommunities(ctx context.Context, tx pgx.Tx, r string) error {
	_, err := tx.Exec(ctx, `DELETE FROM streets s WHERE s.region = $1 AND s.source = 'communities'
		AND NOT EXISTS (SELECT 1 FROM communities c WHERE c.region = $1 AND c.street_code = s.code)`, r)
	if err != nil {
		return mapError(err, "delete stale streets")
	}
	return clearCoverage(ctx, tx, r)
}

// coverageTables are the tables of a region's computed coverage, emptied of its rows
// before each write (and when the communities are replaced).
var coverageTables = []string{"coverage_summary", "coverage_cell_sets", "coverage_sets", "coverage_cell_rows", "cells"}

// clearCoverage deletes region r's cells and coverage rows (other regions' stay).
func clearCoverage(ctx context.Context, tx pgx.Tx, r string) error {
	for _, t := range coverageTables {
		if _, err := tx.Exec(ctx, "DELETE FROM "+pgx.Identifier{t}.Sanitize()+" WHERE region = $1", r); err != nil {
			return mapError(err, "clear "+t)
		}
	}
	return nil
}

// addStreetsFromCommunities adds the streets the communities name and no street file
// gave, and makes a derived street's boundary the union of its communities'
// (unionStreetBoundaries). Only the streets that take a derived boundary are unioned:
// communities without a street code (one group of the whole file, matching no street)
// cost nothing.
func addStreetsFromCommunities(ctx context.Context, tx pgx.Tx, r string, progress func(step string, done, total int64)) error {
	end := startStep(progress, "adding streets")
	_, err := tx.Exec(ctx, `INSERT INTO streets (region, code, name, district_code, source)
		SELECT DISTINCT ON (street_code) $1, street_code, coalesce(street_name, street_code), left(street_code, 6), 'communities'
		FROM communities WHERE region = $1 AND street_code IS NOT NULL ORDER BY street_code, street_name NULLS LAST
		ON CONFLICT (region, code) DO NOTHING`, r)
	if err != nil {
		return mapError(err, "add streets")
	}
	end()
	return unionStreetBoundaries(ctx, tx, r, progress)
}

var compoundSpec = loadSpec{
	table: "compounds", key: "id", polygons: "wkb",
	tmpDDL:  "rec int, id text, name text, community_code text, households int, population int, wkb bytea, source text",
	tmpCols: []string{"rec", "id", "name", "community_code", "households", "population", "wkb", "source"},
	cols:    []string{"id", "name", "community_code", "households", "population", "geom", "source"},
	selects: []string{"t.id", "t.name", "t.community_code", "t.households", "t.population", "ST_Multi(ST_GeomFromWKB(t.wkb, 4326))", "t.source"},
}

// ImportCompounds loads residential compounds in one transaction.
func (db *DB) ImportCompounds(ctx context.Context, b Batch, cs []geo.Compound, o ImportOptions) (Summary, error) {
	rows := make([][]any, len(cs))
	for i, c := range cs {
		w, err := polygonWKB(c.Polygon)
		if err != nil {
			return Summary{}, geo.WrapError(geo.EINVALID, err, "%s record %d: polygon", b.FileName, o.Record(i))
		}
		rows[i] = []any{o.Record(i), c.ID, c.Name, nullText(c.CommunityCode), nullInt(c.Households), nullInt(c.Population), w, sourceOr(c.Source, b.RowSource())}
	}
	return db.load(ctx, compoundSpec, b, rows, o)
}

// load checks rows (checkRows) and loads them in one transaction; a database error is
// mapped back to the record it is about when the database says (importError).
func (db *DB) load(ctx context.Context, spec loadSpec, b Batch, rows [][]any, o ImportOptions) (Summary, error) {
	if err := checkRows(b.FileName, spec, rows); err != nil {
		return Summary{}, err
	}
	var s Summary
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if err := db.lock(ctx, tx, spec.table); err != nil {
			return err
		}
		var err error
		s, err = loadRows(ctx, tx, db.rg(), withProgress(spec, o), b, rows, o.Repair)
		return err
	})
	return s, importError(err, b.FileName, spec, rows)
}

// withProgress is spec telling its steps to o.Progress.
func withProgress(spec loadSpec, o ImportOptions) loadSpec {
	spec.progress = o.Progress
	return spec
}

// maxKeyBytes bounds a natural key: a B-tree index entry must stay under 2704 bytes.
const maxKeyBytes = 2048

// checkRows refuses, before anything is written, text the database would refuse with a
// message naming no record: a NUL byte, invalid UTF-8, a key too long for its index. The
// error names the file, the record (the first column of every row) and the field.
func checkRows(file string, spec loadSpec, rows [][]any) error {
	for _, row := range rows {
		for j, v := range row {
			s, ok := v.(string)
			if !ok {
				continue
			}
			var problem string
			switch col := spec.tmpCols[j]; {
			case strings.IndexByte(s, 0) >= 0:
				problem = "holds a NUL byte, which the database cannot store"
			case !utf8.ValidString(s):
				problem = "is not valid UTF-8"
			case col == spec.key && len(s) > maxKeyBytes:
				problem = fmt.Sprintf("is %d bytes long, more than the %d a key may have", len(s), maxKeyBytes)
			}
			if problem != "" {
				return geo.Errorf(geo.EINVALID, "%s record %v: field %s %s; nothing was imported", file, row[0], spec.tmpCols[j], problem)
			}
		}
	}
	return nil
}

// copyContext is how PostgreSQL names the COPY row a data error is about:
// "COPY tmp_stations, line 2, column name".
var copyContext = regexp.MustCompile(`COPY [^,]+, line (\d+)(?:, column ([^:]+))?`)

// importError turns a database error of an import into a *geo.Error naming the file, and
// the record and field when PostgreSQL names the COPY row (the rows' first column is the
// record number): data exceptions (SQLSTATE class 22) and limits exceeded (54) are the
// file's fault, EINVALID; other errors keep mapError's code.
func importError(err error, file string, spec loadSpec, rows [][]any) error {
	var pg *pgconn.PgError
	if err == nil || !errors.As(err, &pg) {
		return err
	}
	where := file
	if m := copyContext.FindStringSubmatch(pg.Where); m != nil {
		if line, _ := strconv.Atoi(m[1]); line >= 1 && line <= len(rows) {
			where = fmt.Sprintf("%s record %v", file, rows[line-1][0])
		}
		if m[2] != "" {
			where += ": field " + m[2]
		}
	}
	switch pg.Code[:2] {
	case "22", "54":
		return geo.Errorf(geo.EINVALID, "%s: the database refused the %s: %s (SQLSTATE %s); nothing was imported", where, spec.table, pg.Message, pg.Code)
	}
	code := geo.ErrorCodeOf(err)
	return geo.WrapError(code, err, "%s: storing the %s failed; nothing was imported", where, spec.table)
}

func polygonWKB(mp orb.MultiPolygon) ([]byte, error) {
	if len(mp) == 0 {
		return nil, nil
	}
	return wkb.Marshal(mp)
}

func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(v int) any {
	if v == 0 {
		return nil
	}
	return v
}

func nullFloat(v float64) any {
	if v == 0 {
		return nil
	}
	return v
}

func sourceOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// statusOr returns s, or the status source implies when s is "" (geo.StatusFor).
func statusOr(s geo.Status, source string) string {
	if s == "" {
		return string(geo.StatusFor(source))
	}
	return string(s)
}
