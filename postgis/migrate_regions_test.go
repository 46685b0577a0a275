package postgis_test

import (
	"context"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
)

// Migration 00014 moves the rows stored before it into the region "default" (the network
// version too) and its Down goes back to one district per database, keeping them.
func TestMigrationMovesRowsToDefaultRegion(t *testing.T) {
	db, url := postgistest.New(t)
	ctx := context.Background()
	if err := db.MigrateDownTo(ctx, 13); err != nil {
		t.Fatalf("migrate down to 13: %v", err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, q := range []string{
		`INSERT INTO import_batches (id, kind, file_name, sha256) VALUES (7, 'stations', 's.csv', 'x')`,
		`INSERT INTO stations (id, name, level, geom, batch_id) VALUES ('s1', '站', 'community', ST_SetSRID(ST_MakePoint(104, 30.6), 4326), 7)`,
		`INSERT INTO walk_nodes (id, geom) VALUES (10, ST_SetSRID(ST_MakePoint(104, 30.6), 4326))`, // bumps the version to 2
		`INSERT INTO compute_runs (id, resolution, speed_kmh, max_minutes, thresholds, cells, started_at) VALUES (3, 10, 4.5, 30, '{5}', 1, now())`,
		`INSERT INTO findings (run_id, seq, code, severity, subject_kind, message_zh, message_en) VALUES (3, 0, 'demo', 'info', 'district', '示例', 'example')`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate up again: %v", err)
	}
	st, err := db.Stations(ctx)
	if err != nil || len(st) != 1 || st[0].ID != "s1" {
		t.Fatalf("default region's stations after the migration: %+v, %v", st, err)
	}
	if v, err := db.NetworkVersion(ctx); err != nil || v != 2 {
		t.Errorf("default region's network version: %d, %v; want 2, as before the migration", v, err)
	}
	id, _, err := db.RunFindings(ctx)
	if err != nil || id != 3 {
		t.Errorf("default region's last run: %d, %v; want 3", id, err)
	}
	regions, err := db.Regions(ctx)
	if err != nil || len(regions) != 1 || regions[0].Region != geo.DefaultRegion || regions[0].Rows != 6 {
		t.Errorf("regions: %+v, %v; want default with 6 rows (batch, station, node, version, run, finding)", regions, err)
	}
	var batch int64
	if err := conn.QueryRow(ctx, "SELECT batch_id FROM stations WHERE region = 'default' AND id = 's1'").Scan(&batch); err != nil || batch != 7 {
		t.Errorf("the station's batch: %d, %v; want 7", batch, err)
	}
	// A row that names no region fails: the transitional defaults are gone.
	if _, err := conn.Exec(ctx, `INSERT INTO import_batches (kind, file_name, sha256) VALUES ('x', 'x', 'x')`); err == nil {
		t.Error("an import batch without a region was stored")
	}
}

// Every table with a region column is one DeleteRegion empties, and every lifecircle
// table has one.
func TestRegionTablesMatchCatalog(t *testing.T) {
	_, url := postgistest.New(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT c.relname, EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'region')
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
		AND c.relname NOT IN ('goose_db_version', 'spatial_ref_sys') AND c.relname NOT LIKE 'river\_%' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	type table struct {
		name      string
		hasRegion bool
	}
	tables, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (table, error) {
		var x table
		return x, r.Scan(&x.name, &x.hasRegion)
	})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, x := range tables {
		if !x.hasRegion {
			t.Errorf("table %s has no region column", x.name)
		}
		names = append(names, x.name)
	}
	listed := slices.Sorted(slices.Values(postgis.RegionTables))
	if !slices.Equal(names, listed) {
		t.Errorf("tables in the catalog:\n  %v\nDeleteRegion's:\n  %v", names, listed)
	}
}
