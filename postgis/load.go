package postgis

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

// loadSpec says how one kind of record goes from a temporary COPY table into its table.
type loadSpec struct {
	table    string   // target table
	key      string   // natural key column
	tmpDDL   string   // columns of the temporary table; always starts with rec (record number)
	tmpCols  []string // COPY column order (rec first)
	cols     []string // target columns, in the order of selects
	selects  []string // expressions over tmp t, one per target column
	polygons string   // tmp column with WKB polygons to validate, or ""

	// progress hears the steps of a load (ImportOptions.Progress); may be nil.
	progress func(step string, done, total int64)
}

// startStep tells progress (when not nil) that the step called name starts (done 0 of
// 1); the func it returns tells it that the step ended (1 of 1).
func startStep(progress func(step string, done, total int64), name string) (end func()) {
	if progress == nil {
		return func() {}
	}
	progress(name, 0, 1)
	return func() { progress(name, 1, 1) }
}

// stagedSpec is the loadSpec of table (natural key key) whose temporary table holds rec
// then cols, each "name type", COPYed in that order and stored in the columns of the same
// names, except "wkb bytea": WKB polygons, validated, stored as the WGS84 multipolygon
// column geomCol.
func stagedSpec(table, key, geomCol string, cols ...string) loadSpec {
	s := loadSpec{table: table, key: key, tmpDDL: "rec int", tmpCols: []string{"rec"}}
	for _, c := range cols {
		name, _, _ := strings.Cut(c, " ")
		s.tmpDDL += ", " + c
		s.tmpCols = append(s.tmpCols, name)
		if name == "wkb" {
			s.polygons = "wkb"
			s.cols, s.selects = append(s.cols, geomCol), append(s.selects, "ST_Multi(ST_GeomFromWKB(t.wkb, 4326))")
			continue
		}
		s.cols, s.selects = append(s.cols, name), append(s.selects, "t."+name)
	}
	return s
}

// recordWKB is polygonWKB for the polygon in field of record rec of file: an EINVALID
// error names the file, the record and the field.
func recordWKB(file string, rec int, field string, mp orb.MultiPolygon) ([]byte, error) {
	w, err := polygonWKB(mp)
	if err != nil {
		return nil, geo.WrapError(geo.EINVALID, err, "%s record %d: %s", file, rec, field)
	}
	return w, nil
}

// loadRows loads rows (in tmpCols order) into spec.table of region r in tx under a new
// import batch; see loadInto.
func loadRows(ctx context.Context, tx pgx.Tx, r string, spec loadSpec, b Batch, rows [][]any, repair bool) (Summary, error) {
	s := Summary{Read: b.Read, Rejected: b.Rejected}
	id, err := insertBatch(ctx, tx, r, b)
	if err != nil {
		return s, err
	}
	s.BatchID = id
	if err := loadInto(ctx, tx, r, spec, b, id, b.RowSource(), rows, repair, &s); err != nil {
		return s, err
	}
	return s, finishBatch(ctx, tx, r, s)
}

// loadInto COPYs rows into a temporary table, validates polygons, removes the source's
// earlier rows of region r in replace mode, then INSERTs them into r … ON CONFLICT DO
// UPDATE, adding to s's counts.
// b.FileName names the input for messages; repair mends invalid polygons with ST_MakeValid
// instead of failing.
func loadInto(ctx context.Context, tx pgx.Tx, r string, spec loadSpec, b Batch, batchID int64, source string, rows [][]any, repair bool, s *Summary) error {
	tmp := "tmp_" + spec.table
	if _, err := tx.Exec(ctx, "CREATE TEMP TABLE "+pgx.Identifier{tmp}.Sanitize()+" ("+spec.tmpDDL+") ON COMMIT DROP"); err != nil {
		return mapError(err, "create staging table")
	}
	end := startStep(spec.progress, fmt.Sprintf("copying %d %s", len(rows), spec.table))
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{tmp}, spec.tmpCols, pgx.CopyFromRows(rows)); err != nil {
		return mapError(err, "copy "+spec.table)
	}
	end()
	if spec.polygons != "" {
		end = startStep(spec.progress, "checking polygons")
		if err := checkPolygons(ctx, tx, tmp, spec.polygons, b.FileName, repair); err != nil {
			return err
		}
		end()
	}
	if b.Mode == ModeReplace {
		end = startStep(spec.progress, "removing the earlier "+spec.table)
		tag, err := tx.Exec(ctx, "DELETE FROM "+pgx.Identifier{spec.table}.Sanitize()+" WHERE region = $1 AND source = $2", r, source)
		if err != nil {
			return mapError(err, "clear "+spec.table)
		}
		s.Deleted += int(tag.RowsAffected())
		end()
	}
	end = startStep(spec.progress, "inserting "+spec.table)
	if err := upsert(ctx, tx, r, spec, tmp, batchID, s); err != nil {
		return err
	}
	end()
	_, err := tx.Exec(ctx, "DROP TABLE "+pgx.Identifier{tmp}.Sanitize())
	return mapError(err, "drop staging table")
}

// upsert inserts the staged rows into region r of spec.table, updating the rows of the
// same keys, and counts which were which: the rows whose key region r holds already are
// updates (counted first: a partitioned table cannot return xmax to tell), the others
// inserts (a file's key appears once: ON CONFLICT DO UPDATE refuses a row twice).
func upsert(ctx context.Context, tx pgx.Tx, r string, spec loadSpec, tmp string, batchID int64, s *Summary) error {
	cols := []string{"region"}
	sets := make([]string, 0, len(spec.cols)+1)
	keySelect := ""
	for i, c := range append(append([]string(nil), spec.cols...), "batch_id") {
		id := pgx.Identifier{c}.Sanitize()
		cols = append(cols, id)
		if c != spec.key {
			sets = append(sets, id+" = EXCLUDED."+id)
		} else {
			keySelect = spec.selects[i]
		}
	}
	table, key, tmpID := pgx.Identifier{spec.table}.Sanitize(), pgx.Identifier{spec.key}.Sanitize(), pgx.Identifier{tmp}.Sanitize()
	var existing int
	err := tx.QueryRow(ctx, fmt.Sprintf("SELECT count(*) FROM %s AS t WHERE EXISTS (SELECT 1 FROM %s x WHERE x.region = $1 AND x.%s = %s)",
		tmpID, table, key, keySelect), r).Scan(&existing)
	if err != nil {
		return mapError(err, "insert "+spec.table)
	}
	q := fmt.Sprintf("INSERT INTO %s (%s) SELECT $2, %s, $1 FROM %s AS t ORDER BY t.rec ON CONFLICT (region, %s) DO UPDATE SET %s",
		table, strings.Join(cols, ", "), strings.Join(spec.selects, ", "), tmpID, key, strings.Join(sets, ", "))
	tag, err := tx.Exec(ctx, q, batchID, r)
	if err != nil {
		return mapError(err, "insert "+spec.table)
	}
	s.Inserted += int(tag.RowsAffected()) - existing
	s.Updated += existing
	return nil
}

// checkPolygons finds polygons PostGIS considers invalid. Without repair the first few are
// named in an EINVALID error; with repair they are mended in place with ST_MakeValid.
func checkPolygons(ctx context.Context, tx pgx.Tx, tmp, col, file string, repair bool) error {
	t, c := pgx.Identifier{tmp}.Sanitize(), pgx.Identifier{col}.Sanitize()
	if repair {
		q := fmt.Sprintf(`UPDATE %s SET %s = ST_AsBinary(ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_GeomFromWKB(%s, 4326)), 3)))
			WHERE %s IS NOT NULL AND NOT ST_IsValid(ST_GeomFromWKB(%s, 4326))`, t, c, c, c, c)
		_, err := tx.Exec(ctx, q)
		return mapError(err, "repair polygons")
	}
	q := fmt.Sprintf(`SELECT rec, ST_IsValidReason(ST_GeomFromWKB(%s, 4326)) FROM %s
		WHERE %s IS NOT NULL AND NOT ST_IsValid(ST_GeomFromWKB(%s, 4326)) ORDER BY rec LIMIT 5`, c, t, c, c)
	rows, err := tx.Query(ctx, q)
	if err != nil {
		return mapError(err, "validate polygons")
	}
	defer rows.Close()
	var bad []string
	for rows.Next() {
		var rec int
		var reason string
		if err := rows.Scan(&rec, &reason); err != nil {
			return mapError(err, "validate polygons")
		}
		bad = append(bad, fmt.Sprintf("%s feature %d: invalid polygon: %s", file, rec, reason))
	}
	if err := rows.Err(); err != nil {
		return mapError(err, "validate polygons")
	}
	if len(bad) > 0 {
		return geo.Errorf(geo.EINVALID, "%s (use --repair to fix with ST_MakeValid)", strings.Join(bad, "; "))
	}
	return nil
}
