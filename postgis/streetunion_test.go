package postgis_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/dissolve"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// chengduCommunities are DataV's 20 Chengdu districts as communities, spread over
// streets street code by street code (streets(i) names district i's street).
func chengduCommunities(tb testing.TB, streets func(i int) string) []geo.Community {
	tb.Helper()
	res := readAdmin(tb, importers.KindDistricts, "chengdu-districts-gcj02.json", importers.Options{CRS: crs.Ref{Offset: crs.GCJ02}})
	out := make([]geo.Community, len(res.Districts))
	for i, d := range res.Districts {
		out[i] = geo.Community{Code: fmt.Sprintf("510100%03d%03d", 1+i%7, i+1), Name: d.Name, StreetCode: streets(i), Boundary: d.Boundary}
	}
	return out
}

// grid3 are communities on the cells of a 3×3 grid of 0.01° squares (cells listed as
// x, y), all in street 510104001.
func grid3(xy ...[2]int) []geo.Community {
	out := make([]geo.Community, len(xy))
	for i, c := range xy {
		lon, lat := 104+float64(c[0])*0.01, 30.6+float64(c[1])*0.01
		x1, y1 := 104+float64(c[0]+1)*0.01, 30.6+float64(c[1]+1)*0.01
		out[i] = geo.Community{Code: fmt.Sprintf("510104001%03d", i+1), Name: fmt.Sprintf("社区%d", i+1), StreetCode: "510104001",
			Boundary: orb.MultiPolygon{{{{lon, lat}, {x1, lat}, {x1, y1}, {lon, y1}, {lon, lat}}}}}
	}
	return out
}

func community(code string, mp orb.MultiPolygon) geo.Community {
	return geo.Community{Code: code, Name: code, StreetCode: code[:9], Boundary: mp}
}

// TestDerivedStreetBoundaryIsTheUnion imports communities whose streets no street file
// gave and checks every derived street boundary against PostGIS's own ST_Union of the
// street's communities: valid and the same point set, whether the communities tile their
// street exactly (dissolved by shared edges) or overlap, leave gaps or meet at different
// vertices (unioned in the database).
func TestDerivedStreetBoundaryIsTheUnion(t *testing.T) {
	cases := []struct {
		name    string
		cs      []geo.Community
		streets int
	}{
		{"DataV Chengdu districts in one street", chengduCommunities(t, func(int) string { return "510100001" }), 1},
		{"DataV Chengdu districts in three streets", chengduCommunities(t, func(i int) string { return fmt.Sprintf("51010000%d", 1+i%3) }), 3},
		{"a ring of eight squares around a gap", grid3([2]int{0, 0}, [2]int{1, 0}, [2]int{2, 0}, [2]int{0, 1}, [2]int{2, 1}, [2]int{0, 2}, [2]int{1, 2}, [2]int{2, 2}), 1},
		{"squares meeting at a corner", grid3([2]int{0, 0}, [2]int{1, 1}, [2]int{2, 2}), 1},
		{"squares with gaps between them", []geo.Community{community("510104001001", square(104, 30.6, 0.009)), community("510104001002", square(104.01, 30.6, 0.009))}, 1},
		{"overlapping squares", []geo.Community{community("510104001001", square(104, 30.6, 0.01)), community("510104001002", square(104.005, 30.6, 0.01))}, 1},
		{"a community inside another", []geo.Community{community("510104001001", square(104, 30.6, 0.03)), community("510104001002", square(104.01, 30.61, 0.01))}, 1},
		{"neighbours meeting at different vertices", []geo.Community{community("510104001001", square(104, 30.6, 0.02)),
			community("510104001002", square(104.02, 30.6, 0.01)), community("510104001003", square(104.02, 30.61, 0.01))}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, url := postgistest.New(t)
			ctx := context.Background()
			b := postgis.Batch{Kind: "communities", FileName: "c.geojson", Mode: postgis.ModeReplace, Read: len(c.cs)}
			if _, err := db.ImportCommunities(ctx, b, c.cs, postgis.ImportOptions{Repair: true}); err != nil {
				t.Fatal(err)
			}
			conn, err := pgx.Connect(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close(ctx)
			rows, err := conn.Query(ctx, `SELECT s.code, ST_IsValid(s.boundary), ST_Equals(s.boundary, u.g),
					ST_Area(ST_SymDifference(s.boundary, u.g)) / ST_Area(u.g)
				FROM streets s JOIN (SELECT street_code, ST_Union(boundary) AS g FROM communities GROUP BY street_code) u
					ON u.street_code = s.code ORDER BY s.code`)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for rows.Next() {
				var code string
				var valid, equal bool
				var diff float64
				if err := rows.Scan(&code, &valid, &equal, &diff); err != nil {
					t.Fatal(err)
				}
				n++
				if !valid || !equal {
					t.Errorf("street %s: valid %v, equal to ST_Union %v (symmetric difference %.3g of its area)", code, valid, equal, diff)
				}
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if n != c.streets {
				t.Errorf("%d derived streets with a boundary, want %d", n, c.streets)
			}
		})
	}
}

// TestDissolveDataV dissolves the DataV Chengdu districts PostGIS finds valid (16 of 20:
// four outlines cross themselves) with geo/dissolve directly: DataV's neighbours share
// their vertices, so the shared edges cancel, and the result is valid and equal to
// ST_Union of the same polygons.
func TestDissolveDataV(t *testing.T) {
	res := readAdmin(t, importers.KindDistricts, "chengdu-districts-gcj02.json", importers.Options{CRS: crs.Ref{Offset: crs.GCJ02}})
	_, url := postgistest.New(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var valid []orb.MultiPolygon
	var wkbs [][]byte
	for _, d := range res.Districts {
		b, err := wkb.Marshal(d.Boundary)
		if err != nil {
			t.Fatal(err)
		}
		var ok bool
		if err := conn.QueryRow(ctx, "SELECT ST_IsValid(ST_GeomFromWKB($1, 4326))", b).Scan(&ok); err != nil {
			t.Fatal(err)
		}
		if ok {
			valid, wkbs = append(valid, d.Boundary), append(wkbs, b)
		}
	}
	if len(valid) != 16 {
		t.Fatalf("%d valid district outlines, want 16", len(valid))
	}
	u, ok := dissolve.Coverage(valid)
	if !ok {
		t.Fatal("dissolve could not stitch the districts")
	}
	got, err := wkb.Marshal(u)
	if err != nil {
		t.Fatal(err)
	}
	var isValid, equal bool
	var polys int
	err = conn.QueryRow(ctx, `WITH u AS (SELECT ST_Union(ST_GeomFromWKB(w, 4326)) AS g FROM unnest($1::bytea[]) AS w),
			d AS (SELECT ST_GeomFromWKB($2, 4326) AS g)
		SELECT ST_IsValid(d.g), ST_Equals(d.g, u.g), ST_NumGeometries(d.g) FROM u, d`, wkbs, got).Scan(&isValid, &equal, &polys)
	if err != nil {
		t.Fatal(err)
	}
	if !isValid || !equal {
		t.Errorf("dissolved districts: valid %v, equal to ST_Union %v", isValid, equal)
	}
	var pieces int
	for _, mp := range valid {
		pieces += len(mp)
	}
	if polys >= pieces {
		t.Errorf("%d polygons from %d: no shared edge cancelled", polys, pieces)
	}
}

// TestImportCommunitiesProgress follows the steps a community import reports: each step
// starts (0 of 1) and ends (1 of 1) before the next starts, and the derived street
// boundaries are counted street by street.
func TestImportCommunitiesProgress(t *testing.T) {
	db, _ := postgistest.New(t)
	cs := append(grid3([2]int{0, 0}, [2]int{1, 0}), community("510104002001", square(104.1, 30.6, 0.01)))
	type call struct {
		step        string
		done, total int64
	}
	var calls []call
	o := postgis.ImportOptions{Progress: func(step string, done, total int64) { calls = append(calls, call{step, done, total}) }}
	b := postgis.Batch{Kind: "communities", FileName: "c.geojson", Mode: postgis.ModeReplace, Read: len(cs)}
	if _, err := db.ImportCommunities(context.Background(), b, cs, o); err != nil {
		t.Fatal(err)
	}
	var steps []string
	var dissolved []call
	for i, c := range calls {
		if c.step == "dissolving street boundaries" {
			dissolved = append(dissolved, c)
			continue
		}
		if c.done == 0 {
			steps = append(steps, c.step)
			if i+1 >= len(calls) || calls[i+1] != (call{c.step, 1, 1}) {
				t.Errorf("step %q starts (call %d) but does not end next", c.step, i)
			}
		}
	}
	want := []string{"copying 3 communities", "checking polygons", "removing the earlier communities", "inserting communities",
		"checking against the streets and districts", "adding streets", "reading community boundaries", "storing street boundaries",
		"joining attribute tables", "dropping stale streets and coverage"}
	if !slices.Equal(steps, want) {
		t.Errorf("steps\n%q\nwant\n%q", steps, want)
	}
	if !slices.Equal(dissolved, []call{{"dissolving street boundaries", 1, 2}, {"dissolving street boundaries", 2, 2}}) {
		t.Errorf("dissolving reported %v, want streets 1 and 2 of 2", dissolved)
	}
}
