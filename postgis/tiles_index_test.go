package postgis_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/lifecircle/lifecircle/postgis"
)

// connect opens a plain connection to the test database at url, closed when the test ends.
func connect(tb testing.TB, url string) *pgx.Conn {
	tb.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// TestMajorRoadsPredicateMatchesIndex checks that the major-road condition the tile SQL
// spells out from geo's classification is the predicate of the partial index
// walk_edges_major_gix that the migrations create: PostgreSQL deparses both to the same
// expression.
func TestMajorRoadsPredicateMatchesIndex(t *testing.T) {
	_, url := seedTilesDB(t)
	conn := connect(t, url)
	ctx := context.Background()
	deparse := func(index string) string {
		var pred string
		err := conn.QueryRow(ctx, `SELECT pg_get_expr(indpred, indrelid) FROM pg_index WHERE indexrelid = $1::regclass`, index).Scan(&pred)
		if err != nil {
			t.Fatalf("predicate of %s: %v", index, err)
		}
		return pred
	}
	migrated := deparse("walk_edges_major_gix")
	if _, err := conn.Exec(ctx, `CREATE TEMP TABLE major_probe (highway text NOT NULL, geom geometry)`); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `CREATE INDEX major_probe_gix ON major_probe USING gist (geom) WHERE `+postgis.MajorRoadsPredicate("highway")); err != nil {
		t.Fatal(err)
	}
	if ours := deparse("major_probe_gix"); ours != migrated {
		t.Errorf("tile SQL's major roads:\n  %s\nmigration 00005's partial index:\n  %s", ours, migrated)
	}
}

// TestLowZoomTileUsesMajorIndex checks with EXPLAIN that a low-zoom tile reads walk_edges
// through the partial index, also in a generic plan (the one a cached prepared statement
// may get, where the parameters are unknown), and that a high-zoom tile does not.
func TestLowZoomTileUsesMajorIndex(t *testing.T) {
	_, url, x16, y16 := seedTilesURL(t)
	conn := connect(t, url)
	ctx := context.Background()
	for _, set := range []string{`SET enable_seqscan = off`, `SET plan_cache_mode = force_generic_plan`} {
		if _, err := conn.Exec(ctx, set); err != nil {
			t.Fatal(err)
		}
	}
	// walk_edges is partitioned by region: the plan names the partitions' indexes of
	// walk_edges_major_gix
	rows, err := conn.Query(ctx, `SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = 'walk_edges_major_gix'::regclass`)
	if err != nil {
		t.Fatal(err)
	}
	majorIndexes, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil || len(majorIndexes) == 0 {
		t.Fatalf("the partitions' indexes of walk_edges_major_gix: %v (%v)", majorIndexes, err)
	}
	cases := []struct {
		name string
		z    int
		want bool // walk_edges_major_gix (a partition's) in the plan
	}{
		{"zoom 10", 10, true},
		{"zoom 12", 12, true},
		{"zoom 14", 14, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			shift := fixtureZoom - c.z
			rows, err := conn.Query(ctx, "EXPLAIN "+postgis.TileQuery(c.z), postgis.TileArgs(c.z, x16>>shift, y16>>shift)...)
			if err != nil {
				t.Fatal(err)
			}
			lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
			if err != nil {
				t.Fatal(err)
			}
			plan := strings.Join(lines, "\n")
			got := false
			for _, ix := range majorIndexes {
				got = got || strings.Contains(plan, ix)
			}
			if got != c.want {
				t.Errorf("partial index used: %v, want %v; plan:\n%s", got, c.want, plan)
			}
		})
	}
}

// seedTilesDB is seedTilesURL without the tile.
func seedTilesDB(tb testing.TB) (*postgis.DB, string) {
	tb.Helper()
	db, url, _, _ := seedTilesURL(tb)
	return db, url
}
