package postgis

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// TableDump is every row of one region in one table, as PostgreSQL spells a row as text
// (the row's composite value), in byte order of that text.
type TableDump struct {
	Table string
	Rows  []string
}

// dumpRowChars bounds a row shown whole: longer rows (a graph snapshot's part) are
// shown as their length and MD5.
const dumpRowChars = 4096

// RegionDump returns every row of db.Region() from every lifecircle table — the tables
// of the public schema with a region column, found in the catalog (partitions read
// through their table; goose's and River's tables have none) — in table name order, for
// checks that an operation left a region's rows exactly as they were.
func (db *DB) RegionDump(ctx context.Context) ([]TableDump, error) {
	tables, err := readAll(ctx, db, "list tables", `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
		AND c.relname NOT LIKE 'river\_%' AND c.relname <> 'goose_db_version'
		AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'region' AND NOT a.attisdropped)
		ORDER BY c.relname COLLATE "C"`, func(r pgx.CollectableRow, t *string) error { return r.Scan(t) })
	if err != nil {
		return nil, err
	}
	out := make([]TableDump, 0, len(tables))
	for _, t := range tables {
		q := `SELECT CASE WHEN length(x.t) > $2 THEN 'md5:' || md5(x.t) || ' (' || length(x.t) || ' characters)' ELSE x.t END
			FROM (SELECT r::text AS t FROM ` + pgx.Identifier{t}.Sanitize() + ` r WHERE r.region = $1) x ORDER BY x.t COLLATE "C"`
		rows, err := readAll(ctx, db, "dump "+t, q, func(r pgx.CollectableRow, s *string) error { return r.Scan(s) }, db.rg(), dumpRowChars)
		if err != nil {
			return nil, err
		}
		out = append(out, TableDump{Table: t, Rows: rows})
	}
	return out, nil
}
