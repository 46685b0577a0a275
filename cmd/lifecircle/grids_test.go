package main_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// chengduUnits imports the bundled central-Chengdu districts and, from 锦江区's real
// boundary, two communities (its west and east parts, split with PostGIS at the
// centroid's longitude); it returns a connection for building grids from them.
func chengduUnits(tb testing.TB, url string) *pgx.Conn {
	tb.Helper()
	mustRun(tb, url, "import", "district", filepath.Join("..", "..", "data", "admin", "chengdu-central-districts-gcj02.json"), "--crs", "gcj02")
	conn := connect(tb, url)
	feats := queryFeatures(tb, conn, `WITH d AS (SELECT boundary AS g, ST_X(ST_Centroid(boundary)) AS cx FROM districts WHERE code = '510104'),
		e AS (SELECT g, cx, ST_Envelope(g) AS env FROM d)
		SELECT '510104001001', '锦江西社区', ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Intersection(g, ST_MakeEnvelope(ST_XMin(env), ST_YMin(env), cx, ST_YMax(env), 4326)), 3))) FROM e
		UNION ALL
		SELECT '510104001002', '锦江东社区', ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Intersection(g, ST_MakeEnvelope(cx, ST_YMin(env), ST_XMax(env), ST_YMax(env), 4326)), 3))) FROM e`,
		func(code, name string) map[string]any {
			return map[string]any{"社区代码": code, "社区名称": name, "户数": 4000, "人口": 10500}
		})
	path := writeFeatures(tb, tb.TempDir(), "社区.geojson", feats)
	mustRun(tb, url, "import", "communities", path)
	return conn
}

// gridSQL splits each community of chengduUnits at its centroid's latitude into a
// northern and a southern grid: 4 grids, codes G1 (west, north) … G4 (east, south).
const gridSQL = `WITH c AS (SELECT code, boundary AS g, ST_Y(ST_Centroid(boundary)) AS cy, ST_Envelope(boundary) AS env FROM communities),
	q AS (SELECT code, 'N' AS half, ST_Multi(ST_CollectionExtract(ST_Intersection(g, ST_MakeEnvelope(ST_XMin(env), cy, ST_XMax(env), ST_YMax(env), 4326)), 3)) AS g FROM c
		UNION ALL SELECT code, 'S', ST_Multi(ST_CollectionExtract(ST_Intersection(g, ST_MakeEnvelope(ST_XMin(env), ST_YMin(env), ST_XMax(env), cy, 4326)), 3)) FROM c)
	SELECT code || ':' || half, code, g FROM q ORDER BY code, half`

// gridFeatures returns the 4 grids of gridSQL as GeoJSON features with Chinese
// properties; edit changes the geometry SQL or the properties of one.
func gridFeatures(tb testing.TB, conn *pgx.Conn, geomSQL map[string]string) []map[string]any {
	tb.Helper()
	names := map[string]string{"510104001001:N": "G1", "510104001001:S": "G2", "510104001002:N": "G3", "510104001002:S": "G4"}
	q := `WITH grid AS (` + gridSQL + `) SELECT key, code, ST_AsGeoJSON(CASE key`
	for k, sql := range geomSQL {
		q += fmt.Sprintf(" WHEN '%s' THEN (%s)", k, sql)
	}
	q += " ELSE g END) FROM grid ORDER BY key"
	if len(geomSQL) == 0 {
		q = `WITH grid AS (` + gridSQL + `) SELECT key, code, ST_AsGeoJSON(g) FROM grid ORDER BY key`
	}
	q = strings.Replace(q, "SELECT code || ':' || half, code, g FROM q", "SELECT code || ':' || half AS key, code, g FROM q", 1)
	return queryFeatures(tb, conn, q, func(key, community string) map[string]any {
		return map[string]any{"网格编码": names[key], "网格名称": names[key] + "网格", "社区编码": community, "户数": 2000, "人口": 5250, "网格员": 1}
	})
}

// queryFeatures turns rows (key, name-or-code, GeoJSON geometry) into features.
func queryFeatures(tb testing.TB, conn *pgx.Conn, q string, props func(a, b string) map[string]any) []map[string]any {
	tb.Helper()
	rows, err := conn.Query(context.Background(), q)
	if err != nil {
		tb.Fatalf("%v\n%s", err, q)
	}
	var out []map[string]any
	for rows.Next() {
		var a, b, g string
		if err := rows.Scan(&a, &b, &g); err != nil {
			tb.Fatal(err)
		}
		out = append(out, map[string]any{"type": "Feature", "properties": props(a, b), "geometry": json.RawMessage(g)})
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func writeFeatures(tb testing.TB, dir, name string, feats []map[string]any) string {
	tb.Helper()
	b, err := json.Marshal(map[string]any{"type": "FeatureCollection", "features": feats})
	if err != nil {
		tb.Fatal(err)
	}
	return writeFile(tb, dir, name, string(b))
}

// share is the share of the area of geometry a inside geometry b, on the spheroid:
// the test's own PostGIS computation of what an error message must state.
func share(tb testing.TB, conn *pgx.Conn, a, b string) float64 {
	tb.Helper()
	var s float64
	q := fmt.Sprintf("SELECT ST_Area(ST_Intersection((%s), (%s))::geography) / ST_Area((%s)::geography)", a, b, a)
	if err := conn.QueryRow(context.Background(), q).Scan(&s); err != nil {
		tb.Fatalf("%v\n%s", err, q)
	}
	return s
}

// TestImportGridsNesting imports grids split from real (锦江区) community boundaries and
// refuses, each with a message naming the record, a grid mostly outside its community,
// a grid without or with an unknown community code, and a grid lying in two
// communities: exit 2, and not one row of any table changed.
func TestImportGridsNesting(t *testing.T) {
	db, url := newDB(t)
	conn := chengduUnits(t, url)
	dir := t.TempDir()
	before := counts(t, db)
	out := mustRun(t, url, "--lang", "en", "import", "grids", writeFeatures(t, dir, "网格.geojson", gridFeatures(t, conn, nil)))
	if !strings.Contains(out, "read 4, inserted 4") {
		t.Fatalf("good grids: %s", out)
	}
	if got := counts(t, db)["grids"]; got != before["grids"]+4 {
		t.Fatalf("grids rows = %d, want 4", got)
	}
	stored, err := db.Grids(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(stored) != 4 || stored[0].Code != "G1" || stored[0].CommunityCode != "510104001001" || !stored[0].WorkersGiven || stored[0].Workers != 1 || stored[0].Households != 2000 {
		t.Errorf("stored grids %+v", stored[0])
	}
	// G1 grown by the strip of G3 (the other community's northern grid) within about 1 km
	// of it: a grid drawn across the community boundary.
	const g1 = "(SELECT g FROM grid WHERE key = '510104001001:N')"
	const g3 = "(SELECT g FROM grid WHERE key = '510104001002:N')"
	two := "SELECT ST_Multi(ST_CollectionExtract(ST_Union(" + g1 + ", ST_Intersection(" + g3 + ", ST_Buffer(" + g1 + ", 0.01))), 3))"
	twoGeom := "WITH grid AS (" + strings.Replace(gridSQL, "code || ':' || half,", "code || ':' || half AS key,", 1) + ") " + two
	own := share(t, conn, twoGeom, "SELECT boundary FROM communities WHERE code = '510104001001'")
	other := share(t, conn, twoGeom, "SELECT boundary FROM communities WHERE code = '510104001002'")
	if own < 0.5 || other < 0.1 {
		t.Fatalf("the two-community grid's shares %.3f and %.3f do not make the case", own, other)
	}
	before = counts(t, db)
	tests := []struct {
		name string
		edit func(fs []map[string]any)
		geom map[string]string
		file string
		want []string
	}{
		{name: "grid mostly outside its community", file: "outside.geojson",
			edit: func(fs []map[string]any) { fs[1]["properties"].(map[string]any)["社区编码"] = "510104001002" },
			want: []string{"outside.geojson record 2: grid G2 G2网格 lies mostly outside its community 510104001002 锦江东社区", "0.0 % of its area is inside", "100.0 % lies in community 510104001001 锦江西社区"}},
		{name: "missing community code", file: "missing.geojson",
			edit: func(fs []map[string]any) { delete(fs[2]["properties"].(map[string]any), "社区编码") },
			want: []string{"missing.geojson feature 3", "社区编码", "missing community code"}},
		{name: "unknown community code", file: "unknown.geojson",
			edit: func(fs []map[string]any) { fs[3]["properties"].(map[string]any)["社区编码"] = "510104001099" },
			want: []string{"unknown.geojson record 4: grid G4 G4网格: its community 510104001099 is not loaded"}},
		{name: "grid in two communities", file: "two.geojson",
			geom: map[string]string{"510104001001:N": two},
			want: []string{"two.geojson record 1: grid G1 G1网格 lies in two communities",
				fmt.Sprintf("%.1f %% in 510104001001 锦江西社区 (its community) and %.1f %% in 510104001002 锦江东社区", 100*own, 100*other)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := gridFeatures(t, conn, tc.geom)
			if tc.edit != nil {
				tc.edit(fs)
			}
			code, _, errOut := run(t, url, "--lang", "en", "import", "grids", writeFeatures(t, dir, tc.file, fs))
			if code != 2 {
				t.Errorf("exit %d, want 2 (bad input): %s", code, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("message lacks %q:\n%s", w, errOut)
				}
			}
			if after := counts(t, db); !maps.Equal(before, after) {
				t.Errorf("row counts changed: before %v, after %v", before, after)
			}
		})
	}
}
