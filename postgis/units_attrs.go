package postgis

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
)

// checkCommunities checks the community boundaries of one batch: their streets are loaded
// (when any street was), and they lie mostly inside the loaded districts.
func checkCommunities(ctx context.Context, tx pgx.Tx, u unitCheck, s *Summary) error {
	notes, err := u.parents(ctx, tx, communityParents)
	if err != nil {
		return err
	}
	s.Notes = append(s.Notes, notes...)
	return u.inside(ctx, tx, "communities", "community")
}

// maxListedRows bounds the unmatched rows an error lists.
const maxListedRows = 20

// ImportCommunityAttributes stores an attribute table of communities (codes, names and
// counts without boundaries) in one transaction and joins it to the community boundaries
// (geo.MatchAttributes): each matched community takes the row's counts and extra columns.
// The rows are kept, so boundaries imported later are joined the same way. In replace mode
// the table replaces the earlier attribute table; in upsert mode it replaces the earlier
// rows of the same codes. With o.Strict a row that matches no community fails the import
// (when boundaries are loaded).
func (db *DB) ImportCommunityAttributes(ctx context.Context, b Batch, cs []geo.Community, o ImportOptions) (Summary, error) {
	s := Summary{Read: b.Read, Rejected: b.Rejected}
	rows := make([][]any, len(cs))
	codes := make([]string, len(cs))
	for i, c := range cs {
		var attrs any
		if len(c.Attrs) > 0 {
			j, err := json.Marshal(c.Attrs)
			if err != nil {
				return s, geo.WrapError(geo.EINVALID, err, "%s record %d: extra columns", b.FileName, o.Record(i))
			}
			attrs = string(j)
		}
		codes[i] = c.Code
		rows[i] = []any{o.Record(i), c.Code, c.Name, nullText(c.StreetCode), nullInt(c.Households), nullInt(c.Population),
			nullInt(c.Workers), nullFloat(c.ServiceAreaM2), attrs, b.FileName}
	}
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		if err := db.lock(ctx, tx, "unit_attributes"); err != nil {
			return err
		}
		if s.BatchID, err = insertBatch(ctx, tx, db.rg(), b); err != nil {
			return err
		}
		if err := stageAttributes(ctx, tx, db.rg(), b, s.BatchID, rows, codes, &s); err != nil {
			return err
		}
		if s.Join, err = joinAttributes(ctx, tx, db.rg(), o.Strict); err != nil {
			return err
		}
		return finishBatch(ctx, tx, db.rg(), s)
	})
	return s, err
}

// stageAttributes replaces region r's staged rows (all in replace mode, those of the same
// codes in upsert mode) with rows.
func stageAttributes(ctx context.Context, tx pgx.Tx, r string, b Batch, batch int64, rows [][]any, codes []string, s *Summary) error {
	q, args := "DELETE FROM unit_attributes WHERE region = $1 AND level = 'community'", []any{r}
	if b.Mode == ModeUpsert {
		q, args = q+" AND code = ANY($2)", []any{r, codes}
	}
	tag, err := tx.Exec(ctx, q, args...)
	if err != nil {
		return mapError(err, "clear staged attributes")
	}
	s.Deleted = int(tag.RowsAffected())
	cols := []string{"rec", "code", "name", "parent_code", "households", "population", "workers", "service_area_m2", "attrs", "file_name", "level", "batch_id", "region"}
	for i := range rows {
		rows[i] = append(rows[i], "community", batch, r)
	}
	n, err := tx.CopyFrom(ctx, pgx.Identifier{"unit_attributes"}, cols, pgx.CopyFromRows(rows))
	s.Inserted = int(n)
	return mapError(err, "stage attributes")
}

// joinAttributes joins the staged community rows to the community boundaries and writes
// the matched rows' values onto them. nil when no rows are staged. With strict, a row
// matching no community is an error (unless no boundary is loaded yet).
func joinAttributes(ctx context.Context, tx pgx.Tx, r string, strict bool) (*geo.AttributeJoin, error) {
	rows, ids, err := stagedRows(ctx, tx, r)
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	units, err := boundaryUnits(ctx, tx, r)
	if err != nil {
		return nil, err
	}
	match, err := geo.MatchAttributes(units, rows)
	if err != nil {
		return nil, err
	}
	j := &geo.AttributeJoin{Rows: len(rows), Units: len(units), Pending: len(units) == 0}
	hit := make([]bool, len(units))
	var unitCodes []string
	var staged []int64
	for k, i := range match {
		if i < 0 {
			r := rows[k]
			j.Unmatched = append(j.Unmatched, geo.UnmatchedRow{File: r.File, Record: r.Record, Code: r.Code, Name: r.Name, ParentCode: r.ParentCode})
			continue
		}
		j.Matched++
		hit[i] = true
		unitCodes, staged = append(unitCodes, units[i].Code), append(staged, ids[k])
	}
	for i, u := range units {
		if !hit[i] {
			j.UnitsWithout = append(j.UnitsWithout, u.Code)
		}
	}
	if strict && !j.Pending && len(j.Unmatched) > 0 {
		return nil, unmatchedError(j)
	}
	return j, applyAttributes(ctx, tx, r, unitCodes, staged)
}

// stagedRows returns the staged community rows and their ids, in the order they were
// staged.
func stagedRows(ctx context.Context, tx pgx.Tx, r string) ([]geo.AttributeRow, []int64, error) {
	rows, err := tx.Query(ctx, `SELECT id, file_name, rec, coalesce(code, ''), name, coalesce(parent_code, '')
		FROM unit_attributes WHERE region = $1 AND level = 'community' ORDER BY id`, r)
	if err != nil {
		return nil, nil, mapError(err, "read staged attributes")
	}
	defer rows.Close()
	var out []geo.AttributeRow
	var ids []int64
	for rows.Next() {
		var a geo.AttributeRow
		var id int64
		if err := rows.Scan(&id, &a.File, &a.Record, &a.Code, &a.Name, &a.ParentCode); err != nil {
			return nil, nil, mapError(err, "read staged attributes")
		}
		out, ids = append(out, a), append(ids, id)
	}
	return out, ids, mapError(rows.Err(), "read staged attributes")
}

func boundaryUnits(ctx context.Context, tx pgx.Tx, r string) ([]geo.UnitRef, error) {
	rows, err := tx.Query(ctx, `SELECT code, name, coalesce(street_code, '') FROM communities
		WHERE region = $1 AND boundary IS NOT NULL ORDER BY code`, r)
	if err != nil {
		return nil, mapError(err, "read communities")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (geo.UnitRef, error) {
		var u geo.UnitRef
		return u, r.Scan(&u.Code, &u.Name, &u.ParentCode)
	})
	return out, mapError(err, "read communities")
}

// applyAttributes writes each matched row's counts (where it has them) and extra columns
// onto its community.
func applyAttributes(ctx context.Context, tx pgx.Tx, r string, codes []string, staged []int64) error {
	if len(codes) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `UPDATE communities c SET
			households = coalesce(a.households, c.households), population = coalesce(a.population, c.population),
			workers = coalesce(a.workers, c.workers), service_area_m2 = coalesce(a.service_area_m2, c.service_area_m2),
			attrs = coalesce(a.attrs, c.attrs)
		FROM unnest($1::text[], $2::bigint[]) AS m(code, id), unit_attributes a
		WHERE c.region = $3 AND c.code = m.code AND a.region = $3 AND a.id = m.id`, codes, staged, r)
	return mapError(err, "apply attributes")
}

// unmatchedError lists the rows that matched no community (up to maxListedRows).
func unmatchedError(j *geo.AttributeJoin) error {
	var sb strings.Builder
	for i, r := range j.Unmatched {
		if i == maxListedRows {
			fmt.Fprintf(&sb, "; and %d more", len(j.Unmatched)-maxListedRows)
			break
		}
		if i > 0 {
			sb.WriteString("; ")
		}
		fmt.Fprintf(&sb, "%s record %d: %s %s (street %s)", r.File, r.Record, r.Code, r.Name, r.ParentCode)
	}
	return geo.Errorf(geo.EINVALID, "--strict: %d of %d attribute rows match no community boundary: %s; nothing was imported",
		len(j.Unmatched), j.Rows, sb.String())
}
