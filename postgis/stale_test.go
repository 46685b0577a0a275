package postgis_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
)

// Replacing the communities by a set in another city leaves no street derived from the
// old set, no cell and no coverage row; an upsert of communities keeps the coverage.
func TestReplaceCommunitiesLeavesNothingStale(t *testing.T) {
	db, url := postgistest.New(t)
	ctx := context.Background()
	chengdu := []geo.Community{
		{Code: "510104001001", Name: "府河桥社区", StreetCode: "510104001", StreetName: "青龙街道", Households: 3000, Boundary: square(104.06, 30.65, 0.01)},
		{Code: "510104002001", Name: "玉林社区", StreetCode: "510104002", StreetName: "玉林街道", Households: 2000, Boundary: square(104.08, 30.65, 0.01)},
	}
	hefei := []geo.Community{
		{Code: "340103001001", Name: "水西门社区", StreetCode: "340103001", StreetName: "亳州路街道", Households: 3000, Boundary: square(117.27, 31.86, 0.01)},
	}
	b := postgis.Batch{Kind: "communities", FileName: "c.geojson", Mode: postgis.ModeReplace, Read: 2}
	if _, err := db.ImportCommunities(ctx, b, chengdu, postgis.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := db.WriteCoverage(ctx, testRun(t, time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC))); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rowsOf := func(table string) int {
		var n int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{table}.Sanitize()).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if rowsOf("cells") == 0 || rowsOf("coverage_cells") == 0 || rowsOf("coverage_summary") == 0 || rowsOf("streets") != 2 {
		t.Fatalf("set-up: %d cells, %d coverage cells, %d summary rows, %d streets", rowsOf("cells"), rowsOf("coverage_cells"), rowsOf("coverage_summary"), rowsOf("streets"))
	}
	up := b
	up.Mode = postgis.ModeUpsert
	if _, err := db.ImportCommunities(ctx, up, chengdu[:1], postgis.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if rowsOf("cells") == 0 {
		t.Errorf("an upsert of communities deleted the coverage")
	}
	if _, err := db.ImportCommunities(ctx, b, hefei, postgis.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"cells", "coverage_cells", "coverage_summary"} {
		if n := rowsOf(table); n != 0 {
			t.Errorf("%d %s rows of the old communities remain", n, table)
		}
	}
	streets, err := db.Streets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(streets) != 1 || streets[0].Code != "340103001" {
		t.Errorf("streets after the replace: %+v, want only 340103001 (亳州路街道)", streets)
	}
	comms, err := db.Communities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(comms) != 1 || comms[0].Code != "340103001001" {
		t.Errorf("communities after the replace: %d, want only 340103001001", len(comms))
	}
}
