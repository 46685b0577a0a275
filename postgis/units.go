package postgis

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
)

var districtSpec = stagedSpec("districts", "code", "boundary", "code text", "name text", "parent_code text", "level text", "wkb bytea", "source text")

// ImportDistricts loads districts (the study area) in one transaction. Boundaries are
// WGS84 (lon, lat); those PostGIS finds invalid are mended with ST_MakeValid, always (the
// simplified outlines DataV publishes touch themselves), and a note says how many.
func (db *DB) ImportDistricts(ctx context.Context, b Batch, ds []geo.District, o ImportOptions) (Summary, error) {
	rows := make([][]any, len(ds))
	for i, d := range ds {
		w, err := recordWKB(b.FileName, o.Record(i), "boundary", d.Boundary)
		if err != nil {
			return Summary{}, err
		}
		rows[i] = []any{o.Record(i), d.Code, d.Name, nullText(d.ParentCode), nullText(d.Level), w, sourceOr(d.Source, b.RowSource())}
	}
	if err := checkRows(b.FileName, districtSpec, rows); err != nil {
		return Summary{}, err
	}
	var s Summary
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		if err := db.lock(ctx, tx, districtSpec.table); err != nil {
			return err
		}
		var invalid int
		err := tx.QueryRow(ctx, `SELECT count(*) FROM unnest($1::bytea[]) AS w WHERE NOT ST_IsValid(ST_GeomFromWKB(w, 4326))`, wkbColumn(rows, 5)).Scan(&invalid)
		if err != nil {
			return mapError(err, "validate district boundaries")
		}
		if s, err = loadRows(ctx, tx, db.rg(), withProgress(districtSpec, o), b, rows, true); err != nil {
			return err
		}
		if invalid > 0 {
			s.Notes = append(s.Notes, fmt.Sprintf("%d district boundar(ies) were invalid (self-intersections) and were mended with ST_MakeValid", invalid))
		}
		overlaps, err := districtOverlaps(ctx, tx, db.rg())
		s.Notes = append(s.Notes, overlaps...)
		return err
	})
	return s, importError(err, b.FileName, districtSpec, rows)
}

func wkbColumn(rows [][]any, j int) [][]byte {
	out := make([][]byte, len(rows))
	for i, r := range rows {
		out[i], _ = r[j].([]byte)
	}
	return out
}

// streetListSpec loads streets without boundaries (a list of codes and names): the
// boundaries already stored are kept.
var streetListSpec = stagedSpec("streets", "code", "", "code text", "name text", "district_code text", "source text")

// ImportStreetFile loads the streets of a file in one transaction: with boundaries
// (WGS84, lon/lat) when every street has one, else as a list of codes and names, always
// upserted, that keeps the boundaries already stored (a note says so). Each street's district must be loaded when any
// district is, and its boundary must lie at least half inside the districts.
func (db *DB) ImportStreetFile(ctx context.Context, b Batch, ss []geo.Street, o ImportOptions) (Summary, error) {
	spec, rows, recs, err := streetRows(b, ss, o)
	if err != nil {
		return Summary{}, err
	}
	if err := checkRows(b.FileName, spec, rows); err != nil {
		return Summary{}, err
	}
	var notes []string
	if spec.polygons == "" && b.Mode == ModeReplace { // the street list
		b.Mode = ModeUpsert
		notes = append(notes, "the file has no street boundaries: it is a street list that updates the codes, names and districts of the streets stored and adds new ones (upsert); it removes no street and keeps their boundaries")
	}
	var s Summary
	err = db.inTx(ctx, func(tx pgx.Tx) error {
		if err := db.lock(ctx, tx, spec.table); err != nil {
			return err
		}
		var err error
		if s, err = loadRows(ctx, tx, db.rg(), withProgress(spec, o), b, rows, o.Repair); err != nil {
			return err
		}
		s.Notes = append(s.Notes, notes...)
		u := unitCheck{region: db.rg(), file: b.FileName, batch: s.BatchID, recs: recs}
		note, err := u.parents(ctx, tx, streetParents)
		if err != nil {
			return err
		}
		s.Notes = append(s.Notes, note...)
		return u.inside(ctx, tx, "streets", "street")
	})
	return s, importError(err, b.FileName, spec, rows)
}

func streetRows(b Batch, ss []geo.Street, o ImportOptions) (loadSpec, [][]any, map[string]int, error) {
	withBoundary := len(ss) > 0
	for _, s := range ss {
		withBoundary = withBoundary && len(s.Boundary) > 0
	}
	rows := make([][]any, len(ss))
	recs := make(map[string]int, len(ss))
	for i, s := range ss {
		recs[s.Code] = o.Record(i)
		if !withBoundary {
			rows[i] = []any{o.Record(i), s.Code, s.Name, nullText(s.DistrictCode), b.RowSource()}
			continue
		}
		w, err := recordWKB(b.FileName, o.Record(i), "boundary", s.Boundary)
		if err != nil {
			return loadSpec{}, nil, nil, err
		}
		rows[i] = []any{o.Record(i), s.Code, s.Name, nullText(s.DistrictCode), w, b.RowSource()}
	}
	if withBoundary {
		return streetSpec, rows, recs, nil
	}
	return streetListSpec, rows, recs, nil
}

// parentRule is how a level's units name their parent: the column of the child table, the
// parent table and which of its rows count as loaded (a constant SQL condition): a
// community's street must be one imported from a file, not one filled in from the
// communities or derived by the demo.
type parentRule struct {
	child, childCol, parent, parentWhere, what, parentWhat string
}

var (
	streetParents    = parentRule{"streets", "district_code", "districts", "true", "street", "district"}
	communityParents = parentRule{"communities", "street_code", "streets", "source = 'file'", "community", "street"}
)

// unitCheck checks the units one batch stored against the levels above them, in the
// batch's region.
type unitCheck struct {
	region string
	file   string
	batch  int64
	recs   map[string]int // record of each code
}

// parents fails on the batch's first units whose parent code matches no loaded parent;
// when no parent is loaded the check is skipped and a note says so.
func (u unitCheck) parents(ctx context.Context, tx pgx.Tx, r parentRule) ([]string, error) {
	parent, child := pgx.Identifier{r.parent}.Sanitize(), pgx.Identifier{r.child}.Sanitize()
	var loaded bool
	if err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM "+parent+" WHERE region = $1 AND "+r.parentWhere+")", u.region).Scan(&loaded); err != nil {
		return nil, mapError(err, "check "+r.what+" parents")
	}
	if !loaded {
		return []string{fmt.Sprintf("no %s loaded: the %s' %s codes were not checked", plural(r.parentWhat), plural(r.what), r.parentWhat)}, nil
	}
	col := pgx.Identifier{r.childCol}.Sanitize()
	q := fmt.Sprintf(`SELECT c.code, c.name, coalesce(c.%s, '') FROM %s c WHERE c.region = $2 AND c.batch_id = $1
		AND NOT EXISTS (SELECT 1 FROM %s p WHERE p.region = $2 AND p.code = c.%s AND %s) ORDER BY c.code LIMIT 5`,
		col, child, parent, col, r.parentWhere)
	rows, err := tx.Query(ctx, q, u.batch, u.region)
	if err != nil {
		return nil, mapError(err, "check "+r.what+" parents")
	}
	bad, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (string, error) {
		var code, name, pc string
		err := row.Scan(&code, &name, &pc)
		return fmt.Sprintf("%s record %d: %s %s %s: its %s %s is not loaded", u.file, u.recs[code], r.what, code, name, r.parentWhat, pc), err
	})
	if err != nil {
		return nil, mapError(err, "check "+r.what+" parents")
	}
	if len(bad) > 0 {
		return nil, geo.Errorf(geo.EINVALID, "%s; import the %ss first, or fix the codes; nothing was imported", joinFirst(bad), r.parentWhat)
	}
	return nil, nil
}

// minInsideShare is the share of a unit's area that must lie inside the loaded districts.
const minInsideShare = 0.5

// inside fails on the batch's first units whose boundary lies less than minInsideShare
// inside the union of the loaded districts (areas on the spheroid); nothing is checked
// when no district is loaded.
func (u unitCheck) inside(ctx context.Context, tx pgx.Tx, table, what string) error {
	q := fmt.Sprintf(`WITH d AS (SELECT ST_Union(boundary) AS g FROM districts WHERE region = $2)
		SELECT u.code, u.name, ST_Area(ST_Intersection(u.boundary, d.g)::geography) / nullif(ST_Area(u.boundary::geography), 0)
		FROM %s u, d WHERE u.region = $2 AND u.batch_id = $1 AND u.boundary IS NOT NULL AND d.g IS NOT NULL
		AND NOT ST_CoveredBy(u.boundary, d.g) ORDER BY u.code`, pgx.Identifier{table}.Sanitize())
	rows, err := tx.Query(ctx, q, u.batch, u.region)
	if err != nil {
		return mapError(err, "check "+what+"s inside the districts")
	}
	type share struct {
		code, name string
		share      *float64
	}
	got, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (share, error) {
		var s share
		return s, row.Scan(&s.code, &s.name, &s.share)
	})
	if err != nil {
		return mapError(err, "check "+what+"s inside the districts")
	}
	var bad []string
	for _, s := range got {
		if s.share != nil && *s.share < minInsideShare {
			bad = append(bad, fmt.Sprintf("%s record %d: %s %s %s lies mostly outside the loaded districts: %.1f %% of its area is inside (at least %.0f %% must be)",
				u.file, u.recs[s.code], what, s.code, s.name, 100**s.share, 100*minInsideShare))
		}
	}
	if len(bad) > 0 {
		return geo.Errorf(geo.EINVALID, "%s; nothing was imported", joinFirst(bad))
	}
	return nil
}

// plural is the English plural of a unit's name (community → communities, street → streets).
func plural(what string) string {
	if stem, ok := strings.CutSuffix(what, "y"); ok {
		return stem + "ies"
	}
	return what + "s"
}

// joinFirst joins up to 5 messages, saying how many more there are.
func joinFirst(msgs []string) string {
	const n = 5
	if len(msgs) <= n {
		return strings.Join(msgs, "; ")
	}
	return fmt.Sprintf("%s; and %d more", strings.Join(msgs[:n], "; "), len(msgs)-n)
}

// Districts returns every district of db.Region() (the study area), ordered by code;
// boundaries WGS84 (lon, lat).
func (db *DB) Districts(ctx context.Context) ([]geo.District, error) {
	return readAll(ctx, db, "read districts", `SELECT code, name, coalesce(parent_code, ''), coalesce(level, ''), ST_AsBinary(boundary), source
		FROM districts WHERE region = $1 ORDER BY code`,
		func(r pgx.CollectableRow, d *geo.District) error {
			return r.Scan(&d.Code, &d.Name, &d.ParentCode, &d.Level, polygonInto{&d.Boundary}, &d.Source)
		}, db.rg())
}

// districtOverlaps says which of region r's districts overlap another region's by more
// than 1 % of their area (adjacent boundaries share edges, and slivers of a few metres are
// no overlap): each region would read the other's facilities inside its own district as
// reachable across a border, and count its own there too. Regions read the districts of
// other regions here, read only.
func districtOverlaps(ctx context.Context, tx pgx.Tx, r string) ([]string, error) {
	rows, err := tx.Query(ctx, `SELECT * FROM (SELECT d.code, d.name, o.region, o.code AS other, o.name AS other_name,
			ST_Area(ST_Intersection(d.boundary, o.boundary)::geography) / nullif(ST_Area(d.boundary::geography), 0) AS share
		FROM districts d JOIN districts o ON o.region <> d.region AND o.boundary && d.boundary AND ST_Intersects(o.boundary, d.boundary)
		WHERE d.region = $1) x WHERE share > 0.01 ORDER BY code, region, other`, r)
	if err != nil {
		return nil, mapError(err, "check district overlaps")
	}
	var notes []string
	for rows.Next() {
		var code, name, oRegion, oCode, oName string
		var share float64
		if err := rows.Scan(&code, &name, &oRegion, &oCode, &oName, &share); err != nil {
			rows.Close()
			return nil, mapError(err, "check district overlaps")
		}
		notes = append(notes, fmt.Sprintf("district %s %s overlaps region %s's district %s %s (%.0f %% of its area): each region reads the other's stations and outlets there as its neighbour's; keep a district in one region, or compute an overlapping study area in a database of its own",
			code, name, oRegion, oCode, oName, 100*share))
	}
	return notes, mapError(rows.Err(), "check district overlaps")
}
