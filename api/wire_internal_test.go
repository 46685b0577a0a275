package api

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo/assess"
)

func TestNumEncodesNaNAndInfAsNull(t *testing.T) {
	checkCases(t, []wantCase{
		{"NaN", jsonOf(t, num(math.NaN())), `null`},
		{"+Inf", jsonOf(t, num(math.Inf(1))), `null`},
		{"-Inf", jsonOf(t, num(math.Inf(-1))), `null`},
		{"finite", jsonOf(t, num(-1.5)), `-1.5`},
		{"list", jsonOf(t, nums([]float64{1, math.NaN()})), `[1,null]`},
		{"empty list", jsonOf(t, nums(nil)), `[]`},
		{"unreached scope", jsonOf(t, coverageRowOut(assess.CoverageRow{Scope: "district", MeanMin: math.NaN(), P90Min: math.Inf(1)})),
			`{"scope":"district","code":"","name":"","cells":0,"off_network_cells":0,"population":0,"population_within":0,` +
				`"population_share":0,"area_m2":0,"area_within_m2":0,"area_share":0,"mean_min":null,"median_min":0,` +
				`"p90_min":null,"population_beyond":0,"area_weighted":false}`},
	})
}

// wireKeyCase ties a wire type to an object of a golden answer with the same keys in the
// same order (keys of omitempty fields may be absent there), or, for a type no golden
// answer holds, to the keys written out.
type wireKeyCase struct {
	typ  reflect.Type
	file string // in testdata/golden
	path []any  // member names and array indexes down to the object
	want []string
}

func wireKeyCases() []wireKeyCase {
	at := func(typ reflect.Type, file string, path ...any) wireKeyCase {
		return wireKeyCase{typ: typ, file: file, path: path}
	}
	props := func(typ reflect.Type, file string) wireKeyCase { return at(typ, file, "features", 0, "properties") }
	return []wireKeyCase{
		at(reflect.TypeFor[coverageAnswer](), "coverage-level-any.json"),
		at(reflect.TypeFor[coverageRowJSON](), "coverage-level-any.json", "total"),
		at(reflect.TypeFor[kindKeyJSON](), "coverage-level-any.json", "target"),
		at(reflect.TypeFor[coverageGeoJSONAnswer](), "coverage-geojson.geojson"),
		at(reflect.TypeFor[coverageSummary](), "coverage-geojson.geojson", "summary"),
		at(reflect.TypeFor[targetJSON](), "coverage-geojson.geojson", "summary", "target"),
		props(reflect.TypeFor[cellProps](), "cells-level-community-geojson.geojson"),
		at(reflect.TypeFor[gapsAnswer](), "gaps-json.json"),
		at(reflect.TypeFor[gapJSON](), "gaps-json.json", "gaps", 0),
		at(reflect.TypeFor[gapsGeoJSONAnswer](), "gaps-level-community.geojson"),
		props(reflect.TypeFor[gapProps](), "gaps-level-community.geojson"),
		at(reflect.TypeFor[networkAnswer](), "network-json.json"),
		at(reflect.TypeFor[levelCountJSON](), "network-json.json", "levels", 0),
		at(reflect.TypeFor[streetJSON](), "network-json.json", "streets", 0),
		at(reflect.TypeFor[communityRefJSON](), "network-json.json", "communities_without_station", 0),
		// No golden district has a compound: these are the keys the API has always given.
		{typ: reflect.TypeFor[compoundRefJSON](), want: []string{"id", "name", "community_code", "households", "minutes"}},
		at(reflect.TypeFor[levelWithinJSON](), "network-json.json", "within_by_level", 0),
		at(reflect.TypeFor[compoundNetworkJSON](), "network-json.json", "compounds"),
		at(reflect.TypeFor[compoundReachJSON](), "network-json.json", "compounds", "by_level", 0),
		at(reflect.TypeFor[compoundsWithinJSON](), "network-json.json", "compounds", "by_level", 0, "within", 0),
		at(reflect.TypeFor[standardsAnswer](), "standards-all.json"),
		at(reflect.TypeFor[diagnosticsAnswer](), "memory-diagnostics.json"),
		at(reflect.TypeFor[populationSpreadJSON](), "write-compute.json", "population"),
		at(reflect.TypeFor[diagnosticsSummary](), "diagnostics.json", "summary"),
		// The golden district is clean: these are the keys of a finding.
		{typ: reflect.TypeFor[findingJSON](), want: []string{"code", "severity", "subject", "figure", "unit", "count", "message_zh", "message_en"}},
		{typ: reflect.TypeFor[subjectJSON](), want: []string{"kind", "id", "name"}},
		{typ: reflect.TypeFor[namedJSON](), want: []string{"key", "name_zh", "name_en"}},
		{typ: reflect.TypeFor[dataNoteJSON](), want: []string{"illustrative", "illustrative_stations", "derived_communities", "note_zh", "note_en"}},
		// No golden holds an import's answer (it needs a database): its keys as documented.
		{typ: reflect.TypeFor[ImportAnswer](), want: []string{"region", "kind", "file", "batch_id", "read", "inserted", "updated", "deleted", "replaced_candidates",
			"rejected", "rejects", "warnings", "notes", "poi", "attribute_table", "join", "note"}},
		{typ: reflect.TypeFor[poiJSON](), want: []string{"service", "mapped", "unmapped", "unmapped_by_type"}},
		{typ: reflect.TypeFor[unmappedTypeJSON](), want: []string{"type", "count"}},
		{typ: reflect.TypeFor[joinJSON](), want: []string{"rows", "units", "matched", "pending", "unmatched", "units_without"}},
		{typ: reflect.TypeFor[unmatchedRowJSON](), want: []string{"file", "record", "code", "name", "parent_code"}},
		at(reflect.TypeFor[communityRulesJSON](), "standards-all.json", "communities", 0),
		at(reflect.TypeFor[ruleJSON](), "standards-all.json", "communities", 0, "results", 0),
		at(reflect.TypeFor[planAnswer](), "plan-defaults.json"),
		at(reflect.TypeFor[siteJSON](), "plan-defaults.json", "sites", 0),
		at(reflect.TypeFor[sharedAnswer](), "shared-centres-defaults.json"),
		at(reflect.TypeFor[sharedGroupJSON](), "shared-centres-defaults.json", "groups", 0),
		at(reflect.TypeFor[sharedMemberJSON](), "shared-centres-defaults.json", "groups", 0, "members", 0),
		at(reflect.TypeFor[scenarioAnswer](), "scenario-add-community-station.json"),
		at(reflect.TypeFor[scenarioTargetJSON](), "scenario-add-community-station.json", "targets", 0),
		at(reflect.TypeFor[scenarioRowJSON](), "scenario-add-community-station.json", "targets", 0, "district"),
		at(reflect.TypeFor[nearestAnswer](), "nearest-level-community.json"),
		at(reflect.TypeFor[nearestHit](), "nearest-level-any-k3-geometry.json", "results", 0),
		// The head of both /nearest answers (embedded: pinned through them too).
		{typ: reflect.TypeFor[nearestFrom](), want: []string{"crs", "from", "target"}},
		at(reflect.TypeFor[nearestCircleAnswer](), "nearest-circle-gb50180-5min-k2.json"),
		at(reflect.TypeFor[nearestCircleGroup](), "nearest-circle-gb50180-5min-k2.json", "facilities", 0),
		at(reflect.TypeFor[routeProps](), "route-east-and-north.geojson", "properties"),
		props(reflect.TypeFor[bandProps](), "isochrone-default.geojson"),
		props(reflect.TypeFor[stationProps](), "stations-all.geojson"),
		props(reflect.TypeFor[outletProps](), "outlets-all.geojson"),
		props(reflect.TypeFor[communityProps](), "communities-all.geojson"),
		// No golden district has a grid: these are the keys of GET /api/v1/grids.
		{typ: reflect.TypeFor[gridProps](), want: []string{"code", "name", "community_code", "community_name", "households", "population",
			"workers", "source", "assessed", "cells", "cell_population", "area_m2", "households_per_worker", "households_estimated",
			"workers_verdict", "load_verdict"}},
		{typ: reflect.TypeFor[gridsAnswer](), want: []string{"region", "grids", "uncovered_communities", "rules", "without_worker", "workers_unknown", "over_load"}},
		{typ: reflect.TypeFor[gridCommunityOut](), want: []string{"code", "name", "grids", "cells", "uncovered_cells", "area_m2",
			"uncovered_area_m2", "population", "uncovered_population"}},
		{typ: reflect.TypeFor[ratioRuleOut](), want: []string{"key", "name_zh", "name_en", "min", "warn_above", "unit", "source", "check", "note"}},
		at(reflect.TypeFor[featureCollection](), "stations-first-page.geojson"),
		at(reflect.TypeFor[supplyAnswer](), "supply-default.json"),
		at(reflect.TypeFor[supplyParamsJSON](), "supply-e2sfca-zones.json", "params"),
		at(reflect.TypeFor[supplyDecayJSON](), "supply-e2sfca-zones.json", "params", "decay"),
		at(reflect.TypeFor[supplyZoneJSON](), "supply-e2sfca-zones.json", "params", "decay", "zones", 0),
		at(reflect.TypeFor[supplyRuleJSON](), "supply-staff-8min.json", "rule"),
		at(reflect.TypeFor[supplyStationsJSON](), "supply-default.json", "stations"),
		at(reflect.TypeFor[supplyUnitJSON](), "supply-default.json", "communities", 1),
		at(reflect.TypeFor[supplyGeoJSONAnswer](), "supply-level-street-geojson.geojson"),
		at(reflect.TypeFor[supplySummary](), "supply-level-street-geojson.geojson", "summary"),
		at(reflect.TypeFor[supplyCellsAnswer](), "supply-cells-json-e2sfca.json"),
		at(reflect.TypeFor[supplyCellProps](), "supply-cells-json-e2sfca.json", "cells", 0),
		at(reflect.TypeFor[supplyCellsGeoJSONAnswer](), "supply-cells-bbox-geojson.geojson"),
		at(reflect.TypeFor[circlesAnswer](), "circles.json"),
		at(reflect.TypeFor[circleJSON](), "circles.json", "circles", 0),
		at(reflect.TypeFor[circleFacilityJSON](), "circles.json", "circles", 0, "facilities", 0),
		at(reflect.TypeFor[communitySupplyJSON](), "standards-with-supply.json", "communities", 0, "supply_within_reach"),
		at(reflect.TypeFor[feature](), "stations-all.geojson", "features", 0),
		at(reflect.TypeFor[regionsAnswer](), "write-regions-after-compute.json"),
		at(reflect.TypeFor[regionJSON](), "write-regions-after-compute.json", "regions", 0),
		at(reflect.TypeFor[deleteRegionAnswer](), "write-delete-region.json"),
	}
}

// TestWireKeysMatchGolden checks each wire type's JSON keys, in order, against a golden
// answer: the golden files pin the bytes of every answer they hold, and this test pins
// the key names of the wire types too, each to the place of an answer where it shows, so
// that renaming a tag fails here by name.
func TestWireKeysMatchGolden(t *testing.T) {
	for _, tc := range wireKeyCases() {
		t.Run(tc.typ.Name(), func(t *testing.T) {
			keys, optional := wireKeys(tc.typ)
			if tc.want != nil {
				if !slices.Equal(keys, tc.want) {
					t.Errorf("keys %q, want %q", keys, tc.want)
				}
				return
			}
			golden := goldenKeys(t, tc.file, tc.path)
			var present []string
			for _, k := range keys {
				if slices.Contains(golden, k) {
					present = append(present, k)
				} else if !optional[k] {
					t.Errorf("key %q is not in %s at %v", k, tc.file, tc.path)
				}
			}
			if !slices.Equal(present, golden) {
				t.Errorf("keys %q, but %s at %v has %q", keys, tc.file, tc.path, golden)
			}
		})
	}
}

// TestEveryWireTypeIsPinned checks that every struct type of the wire_*.go files (and
// geojson.go) has a case in TestWireKeysMatchGolden.
func TestEveryWireTypeIsPinned(t *testing.T) {
	pinned := map[string]bool{}
	for _, tc := range wireKeyCases() {
		pinned[tc.typ.Name()] = true
	}
	files, err := filepath.Glob("wire_*.go")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "geojson.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		for _, name := range structTypes(t, f) {
			if !pinned[name] {
				t.Errorf("%s: wire type %s has no case in wireKeyCases", f, name)
			}
		}
	}
}

func structTypes(tb testing.TB, file string) []string {
	tb.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		tb.Fatal(err)
	}
	var names []string
	ast.Inspect(f, func(n ast.Node) bool {
		if ts, ok := n.(*ast.TypeSpec); ok {
			if _, ok := ts.Type.(*ast.StructType); ok {
				names = append(names, ts.Name.Name)
			}
		}
		return true
	})
	return names
}

// wireKeys lists the JSON keys of struct type t in field order, embedded structs
// flattened, and which of them are omitempty.
func wireKeys(t reflect.Type) ([]string, map[string]bool) {
	var keys []string
	optional := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, hasTag := f.Tag.Lookup("json")
		if f.Anonymous && !hasTag {
			k, o := wireKeys(f.Type)
			keys = append(keys, k...)
			for name := range o {
				optional[name] = true
			}
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" {
			name = f.Name // a field without a name in its tag: a mistake the golden case shows
		}
		keys = append(keys, name)
		if strings.Contains(opts, "omitempty") {
			optional[name] = true
		}
	}
	return keys, optional
}

// goldenKeys returns the keys, in order, of the object at path in a golden answer.
func goldenKeys(tb testing.TB, file string, path []any) []string {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "golden", file))
	if err != nil {
		tb.Fatal(err)
	}
	for _, step := range path {
		switch s := step.(type) {
		case string:
			var obj map[string]json.RawMessage
			if err := json.Unmarshal(raw, &obj); err != nil || obj[s] == nil {
				tb.Fatalf("%s: no member %q on the path %v (%v)", file, s, path, err)
			}
			raw = obj[s]
		case int:
			var arr []json.RawMessage
			if err := json.Unmarshal(raw, &arr); err != nil || s >= len(arr) {
				tb.Fatalf("%s: no element %d on the path %v (%v)", file, s, path, err)
			}
			raw = arr[s]
		}
	}
	return objectKeys(tb, raw)
}

// objectKeys returns the member names of a JSON object in the order written.
func objectKeys(tb testing.TB, raw []byte) []string {
	tb.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		tb.Fatalf("not an object: %.80s", raw)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			tb.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			tb.Fatal(err)
		}
	}
	return keys
}
