package importers_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/importers/osmimport"
	"github.com/lifecircle/lifecircle/importers/raster"
	"github.com/lifecircle/lifecircle/internal/testenv"
)

// The bounds every hostile file must be read within.
const (
	hostileMaxTime = 60 * time.Second
	hostileMaxHeap = 1500 << 20
	hostileMaxMsg  = 600 // runes of an error message
)

// hostileReader names the reader a hostile file goes through.
type hostileReader string

const (
	asStations    hostileReader = "stations"
	asOutlets     hostileReader = "outlets"
	asCommunities hostileReader = "communities"
	asCompounds   hostileReader = "compounds"
	asPopulation  hostileReader = "population"
	asOSM         hostileReader = "osm"
)

// hostileCase is a hostile file and what reading it must give: a whole-file error of a
// code naming the file and saying want, a reject naming the record at fault, or — for a
// few files that are tamed rather than refused — a check of the result.
type hostileCase struct {
	file   string
	reader hostileReader
	code   geo.ErrorCode
	want   []string
	reject *wantReject
	check  func(tb testing.TB, res *osmimport.Result)
	big    func(tb testing.TB) []byte // the file is made at run time
	gdal   bool                       // read through GDAL's tools
	cli    string                     // what the CLI's message must say besides the file (for check cases)
}

// cliRecord is what the CLI's message names of the record at fault: "line 6 (record 5)",
// "row 2 (record 1)" of a workbook, "feature 2", or tc.cli.
func (tc hostileCase) cliRecord() string {
	switch {
	case tc.cli != "":
		return tc.cli
	case tc.reject == nil:
		return ""
	case tc.reject.line > 0 && strings.HasSuffix(tc.file, ".xlsx"):
		return fmt.Sprintf("row %d (record %d)", tc.reject.line, tc.reject.record)
	case tc.reject.line > 0:
		return fmt.Sprintf("line %d (record %d)", tc.reject.line, tc.reject.record)
	}
	return fmt.Sprintf("feature %d", tc.reject.record)
}

// hostileRecords is testdata/hostile-records.tsv: for each committed hostile file whose
// fault is one record, what the CLI must name (cmd/lifecircle's TestHostileFilesThroughTheCLI
// reads it).
func hostileRecords() []byte {
	var b bytes.Buffer
	b.WriteString("# file\trecord the CLI must name (written by go test ./importers -run TestHostileCorpusFiles -update)\n")
	cases := hostileCases()
	slices.SortFunc(cases, func(a, b hostileCase) int { return strings.Compare(a.file, b.file) })
	for _, tc := range cases {
		if r := tc.cliRecord(); r != "" && tc.big == nil {
			fmt.Fprintf(&b, "%s\t%s\n", tc.file, r)
		}
	}
	return b.Bytes()
}

func invalid(file string, r hostileReader, want ...string) hostileCase {
	return hostileCase{file: file, reader: r, code: geo.EINVALID, want: want}
}

func rejected(file string, r hostileReader, record, line int, field, reason string) hostileCase {
	return hostileCase{file: file, reader: r, reject: &wantReject{record, line, field, reason}}
}

// hostileCases is every hostile file with what reading it must give: the CSV and text,
// GeoJSON, workbook, population and OpenStreetMap files here, the GIS and other files of
// hostile_gis_test.go.
func hostileCases() []hostileCase {
	header := sheetRow(1, "id", "name", "level", "lon", "lat")
	return slices.Concat([]hostileCase{
		// CSV and text
		invalid("stations-empty.csv", asStations, "the file is empty"),
		invalid("stations-whitespace.csv", asStations, "the file is empty"),
		invalid("stations-header-only.csv", asStations, "no records"),
		invalid("stations-binary-garbage.csv", asStations, "not a CSV file: looks like binary data"),
		invalid("stations-pdf.csv", asStations, "not a CSV file", "PDF"),
		invalid("stations-workbook.csv", asStations, "not a CSV file", "XLSX"),
		rejected("stations-nul-after-8k.csv", asStations, 401, 402, "name", "name holds a NUL byte"),
		invalid("stations-bom-gbk.csv", asStations, "line 6", "not valid UTF-8", "byte order mark"),
		invalid("stations-mixed-utf8-gbk.csv", asStations, "mixes encodings", "line 2 is UTF-8 Chinese", "line 6 is not UTF-8"),
		invalid("stations-invalid-gbk.csv", asStations, "line 3", "not valid GB18030"),
		invalid("stations-utf16-unpaired.txt", asStations, "not valid UTF-16"),
		rejected("stations-id-300.csv", asStations, 5, 6, "id", "id is too long: 300 characters"),
		{file: "stations-id-10mb.csv", reader: asStations, reject: &wantReject{5, 6, "id", "id is too long: 10485760 characters"},
			big: func(testing.TB) []byte { return stations(strings.Repeat("i", 10<<20) + ",站,街道,117.28,31.86\n") }},
		{file: "stations-field-17mib.csv", reader: asStations, code: geo.EINVALID, want: []string{"line 6", "a field is longer than 16 MiB", "Limits.MaxFieldBytes"},
			big: func(testing.TB) []byte {
				return stations("S5," + strings.Repeat("站", 6<<20) + ",街道,117.28,31.86\n")
			}},
		rejected("stations-name-1001.csv", asStations, 5, 6, "name", "name is too long: 1001 characters"),
		rejected("stations-unterminated-quote.csv", asStations, 5, 6, "", "malformed CSV row"),
		rejected("stations-bare-quote.csv", asStations, 5, 6, "", "malformed CSV row"),
		rejected("stations-swapped.csv", asStations, 5, 6, "lon/lat", "look swapped"),
		rejected("stations-lat-range.csv", asStations, 5, 6, "lat", "latitude out of range"),
		rejected("stations-lon-range.csv", asStations, 5, 6, "lon", "longitude out of range"),
		rejected("stations-all-at-zero.csv", asStations, 1, 2, "lon/lat", "coordinates missing (0,0)"),
		rejected("stations-nan.csv", asStations, 5, 6, "lon", "unparseable number"),
		rejected("stations-inf.csv", asStations, 5, 6, "lat", "unparseable number"),
		rejected("stations-huge-number.csv", asStations, 5, 6, "lon", "unparseable number"),
		rejected("stations-huge-staff.csv", asStations, 1, 2, "staff", "implausibly large count"),
		rejected("stations-huge-area.csv", asStations, 1, 2, "area", "implausibly large floor area"),
		rejected("stations-negative-staff.csv", asStations, 1, 2, "staff", "must not be negative"),
		rejected("stations-duplicate-id.csv", asStations, 5, 6, "id", `duplicate id "S1": record 1 (line 2) has it too`),
		rejected("stations-unknown-level.csv", asStations, 5, 6, "level", "unknown station level"),
		invalid("stations-missing-column.csv", asStations, `missing required column for stations "lat"`),
		invalid("stations-garbage-header.csv", asStations, "missing required column", "columns)"),
		rejected("outlets-unknown-category.csv", asOutlets, 2, 3, "业态", `unknown category "宠物店"`),
		rejected("communities-bad-code.csv", asCommunities, 2, 3, "code", "12-digit division code"),
		rejected("compounds-bad-wkt.csv", asCompounds, 1, 2, "wkt", "unreadable geometry"),
		rejected("compounds-self-intersecting.csv", asCompounds, 1, 2, "wkt", "self-intersecting polygon"),
		invalid("stations-old.xls", asStations, "old Excel .xls files are not supported"),
		// GeoJSON
		invalid("communities-truncated.geojson", asCommunities, "truncated JSON"),
		invalid("communities-array.geojson", asCommunities, "not GeoJSON"),
		invalid("communities-bare-geometry.geojson", asCommunities, "bare Polygon geometry"),
		invalid("communities-deep-nesting.geojson", asCommunities, "JSON", "depth"),
		rejected("communities-nul-property.geojson", asCommunities, 2, 0, "name", "name holds a NUL byte"),
		rejected("communities-self-intersecting.geojson", asCommunities, 2, 0, "geometry", "self-intersecting polygon"),
		rejected("communities-huge-coordinates.geojson", asCommunities, 2, 0, "geometry", "coordinate out of range"),
		rejected("communities-short-ring.geojson", asCommunities, 2, 0, "geometry", "a ring needs at least 4"),
		rejected("communities-unknown-geometry.geojson", asCommunities, 2, 0, "geometry", "unknown geometry type"),
		invalid("communities-nan.geojson", asCommunities, "malformed JSON"),
		invalid("communities-binary.geojson", asCommunities, "not a GeoJSON file"),
		invalid("stations-long-type.geojson", asStations, "not GeoJSON: unknown type", `\u200bx`),
		{file: "communities-comb-200k.geojson", reader: asCommunities, reject: &wantReject{1, 0, "geometry", "self-intersecting polygon"},
			big: func(testing.TB) []byte { return combGeoJSON(50000) }},
		// workbooks
		invalid("stations-text.xlsx", asStations, "not an XLSX file"),
		invalid("stations-truncated.xlsx", asStations, "not a valid ZIP archive"),
		invalid("stations-billion-laughs.xlsx", asStations, "XML declaration", "billion laughs"),
		invalid("stations-shared-string-range.xlsx", asStations, `cell A2 points to shared string "99", but the table has 1 entries`),
		invalid("stations-malformed-sheet.xlsx", asStations, "malformed", "damaged"),
		invalid("stations-rows-out-of-order.xlsx", asStations, `row number "2" after row 3`),
		invalid("stations-no-workbook.xlsx", asStations, "no xl/workbook.xml"),
		invalid("stations-zip-garbage.xlsx", asStations, "not a valid ZIP archive"),
		{file: "stations-cell-900mb.xlsx", reader: asStations, code: geo.EINVALID, want: []string{"unpacks to more than 512 MiB", "Limits.MaxUnzippedBytes"},
			big: func(tb testing.TB) []byte {
				return rawXLSX(tb, rawSheet{body: header + `<row r="2"><c r="A2" t="inlineStr"><is><t>`, filler: 900 << 20})
			}},
		{file: "stations-cell-100mb.xlsx", reader: asStations, code: geo.EINVALID, want: []string{"cell or XML token", "longer than 16 MiB", "Limits.MaxFieldBytes"},
			big: func(tb testing.TB) []byte {
				return rawXLSX(tb, rawSheet{body: header + `<row r="2"><c r="A2"><v>`, filler: 100 << 20})
			}},
		// population grids
		invalid("population-empty.csv", asPopulation, "the file is empty"),
		invalid("population-no-columns.csv", asPopulation, "needs columns h3 and population"),
		rejected("population-unterminated-quote.csv", asPopulation, 2, 3, "", "malformed CSV row"),
		rejected("population-res0.csv", asPopulation, 1, 2, "h3", "H3 resolution 0"),
		rejected("population-res15.csv", asPopulation, 1, 2, "h3", "H3 resolution 15"),
		rejected("population-mixed-resolutions.csv", asPopulation, 2, 3, "h3", "H3 resolution 9, while record 1 is at resolution 10"),
		rejected("population-1e300.csv", asPopulation, 1, 2, "population", "implausibly many residents"),
		rejected("population-negative.csv", asPopulation, 1, 2, "population", "negative"),
		rejected("population-nan.csv", asPopulation, 1, 2, "population", "unparseable"),
		rejected("population-duplicate.csv", asPopulation, 2, 3, "h3", "cell given twice"),
		invalid("population-binary.csv", asPopulation, "not valid GB18030"),
		rejected("population-not-a-cell.csv", asPopulation, 1, 2, "h3", "not an H3 cell index"),
		// OpenStreetMap extracts
		invalid("empty.osm", asOSM, "is empty"),
		invalid("not-osm.osm", asOSM, "holds no OSM nodes, ways or relations"),
		invalid("truncated.osm", asOSM, "not a valid OSM XML file"),
		invalid("nul-byte.osm", asOSM, "not a valid OSM XML file"),
		invalid("billion-laughs.osm", asOSM, "not a valid OSM XML file", "entity"),
		invalid("duplicate-node.osm", asOSM, "node 2 appears twice"),
		invalid("long-attribute.osm.gz", asOSM, "one XML token is longer than 1 MiB", "Limits.MaxTokenBytes"),
		invalid("whitespace-bomb.osm.bz2", asOSM, "one XML token is longer than 1 MiB"),
		{file: "whitespace-bomb.osm.gz", reader: asOSM, code: geo.EINVALID, want: []string{"one XML token is longer than 1 MiB"}, big: whitespaceBombGzip},
		invalid("binary.osm.pbf", asOSM, "not a valid OSM PBF file"),
		invalid("truncated.osm.pbf", asOSM, "truncated OSM PBF file"),
		invalid("raw-size.osm.pbf", asOSM, "raw_size 2147483000"),
		invalid("negative-datasize.osm.pbf", asOSM, "a Blob of -1 bytes"),
		invalid("header-1mib.osm.pbf", asOSM, "BlobHeader is 1048576 bytes long"),
		invalid("string-index.osm.pbf", asOSM, "points to string 1 of a string table of 2"),
		invalid("user-index.osm.pbf", asOSM, "a dense node's user points to string -3"),
		invalid("way-lats.osm.pbf", asOSM, "lists differ in length"),
		invalid("plain-nodes.osm.pbf", asOSM, "plain (non-dense) nodes"),
		invalid("relation-roles.osm.pbf", asOSM, "more member roles than member types"),
		invalid("zlib-bomb.osm.pbf", asOSM, "inflates to more than the raw_size"),
		invalid("lzma.osm.pbf", asOSM, "lzma-compressed"),
		invalid("data-first.osm.pbf", asOSM, "where the PBF format has OSMHeader"),
		invalid("duplicate-way.osm.pbf", asOSM, "way 10 appears twice"),
		{file: "alternating-way.osm.pbf", reader: asOSM, cli: "keeps 1 walk edges", check: func(tb testing.TB, res *osmimport.Result) {
			if len(res.Edges) != 1 || res.Stats.Skipped[osmimport.SkipRepeatedSegments] != 999_998 {
				tb.Errorf("%d edges, skipped %v; want the million refs A,B,A,… as one edge", len(res.Edges), res.Stats.Skipped)
			}
		}},
		{file: "nodes-out-of-range.osm", reader: asOSM, cli: "node 1", check: func(tb testing.TB, res *osmimport.Result) {
			if res.Stats.Skipped[osmimport.SkipBadCoordinates] != 2 || len(res.Edges) != 0 {
				tb.Errorf("%d edges, skipped %v; want the nodes at (200, 95) and (0, 0) treated as missing", len(res.Edges), res.Stats.Skipped)
			}
		}},
	}, hostileMoreCases())
}

// combGeoJSON is a community whose boundary is a comb of teeth long thin teeth (4
// vertices each) near Hefei, its last corner pulled up across the teeth.
func combGeoJSON(teeth int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"type":"Feature","properties":{"code":"340103001001"},"geometry":{"type":"Polygon","coordinates":[[`)
	pt := func(x, y float64) { fmt.Fprintf(&b, "[%.7f,%.7f],", 117+x*1e-5, 31.8+y*1e-5) }
	for i := range teeth {
		x := float64(i)
		pt(x, 0)
		pt(x, 1000)
		pt(x+0.5, 1000)
		pt(x+0.5, 0)
	}
	pt(float64(teeth), 0)
	pt(float64(teeth)/2+0.25, 500) // crosses the teeth
	pt(0, -1)
	fmt.Fprintf(&b, "[%.7f,%.7f]]]}}", 117.0, 31.8)
	return b.Bytes()
}

// whitespaceBombGzip is "<osm>" and 1.5 GB of spaces, as 1500 gzip members of 1 MiB of
// spaces each (gzip readers read concatenated members as one stream).
func whitespaceBombGzip(tb testing.TB) []byte {
	member := func(prefix string) []byte {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write([]byte(prefix))
		zw.Write(bytes.Repeat([]byte{' '}, 1<<20))
		zw.Close()
		return buf.Bytes()
	}
	out := member("<osm>")
	spaces := member("")
	for range 1499 {
		out = append(out, spaces...)
	}
	return out
}

// TestHostileFiles reads every committed file of the hostile corpus with its reader: each
// must give an error of the right code naming the file (or a reject naming its record),
// never a panic, within the time and heap bounds (the CLI test measures each one's RSS).
func TestHostileFiles(t *testing.T) {
	cats := testCategories(t)
	dir := filepath.Join("testdata", "hostile")
	covered := map[string]bool{}
	for _, tc := range hostileCases() {
		covered[tc.file] = true
		if tc.big != nil {
			continue // made at run time: TestHostileGenerated reads it in a child process
		}
		t.Run(tc.file, func(t *testing.T) {
			if tc.gdal {
				testenv.RequireGDAL(t)
			}
			path := filepath.Join(dir, tc.file)
			var rejects []importers.Reject
			var osmRes *osmimport.Result
			var err error
			elapsed, peak := measure(func() { rejects, osmRes, err = readHostile(t.Context(), tc.reader, path, cats) })
			st, _ := os.Stat(path)
			t.Logf("%s (%d bytes) as %s: %v, peak heap %.1f MiB; %v", tc.file, st.Size(), tc.reader, elapsed.Round(time.Millisecond), float64(peak)/(1<<20), shortErr(err))
			if elapsed > hostileMaxTime || peak > hostileMaxHeap {
				t.Errorf("took %v and %.0f MiB of heap; the bounds are %v and %d MiB", elapsed, float64(peak)/(1<<20), hostileMaxTime, hostileMaxHeap>>20)
			}
			checkHostile(t, tc, err, rejects, osmRes)
		})
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !covered[e.Name()] {
			t.Errorf("testdata/hostile/%s has no case in hostileCases", e.Name())
		}
	}
	if len(entries) < 130 {
		t.Errorf("the hostile corpus holds %d files, want at least 130", len(entries))
	}
}

func shortErr(err error) string {
	if err == nil {
		return "no error"
	}
	msg := []rune(err.Error())
	if len(msg) > 160 {
		return string(msg[:160]) + "…"
	}
	return string(msg)
}

// readHostile reads path with the reader; rejects are the record-level faults.
func readHostile(ctx context.Context, r hostileReader, path string, cats *geo.Categories) ([]importers.Reject, *osmimport.Result, error) {
	switch r {
	case asPopulation:
		_, rejects, err := importers.ReadPopulationFile(ctx, path, "auto")
		return rejects, nil, err
	case asOSM:
		res, err := osmimport.ReadFile(ctx, path, osmimport.Options{Categories: cats})
		return nil, res, err
	case asRaster:
		_, err := raster.Aggregate(ctx, []string{path}, raster.Options{Resolution: 10})
		return nil, nil, err
	}
	res, err := importers.ReadFile(ctx, importers.Kind(r), path, importers.Options{Categories: cats})
	if err != nil {
		return nil, nil, err
	}
	return res.Rejects, nil, nil
}

func checkHostile(tb testing.TB, tc hostileCase, err error, rejects []importers.Reject, res *osmimport.Result) {
	tb.Helper()
	var ge *geo.Error
	switch {
	case tc.code != "":
		if !errors.As(err, &ge) || ge.Code != tc.code {
			tb.Fatalf("err = %v (code %s), want a %s error", err, geo.ErrorCodeOf(err), tc.code)
		}
		msg := err.Error()
		for _, w := range append([]string{tc.file}, tc.want...) {
			if !strings.Contains(msg, w) {
				tb.Errorf("%q does not say %q", msg, w)
			}
		}
		if n := len([]rune(msg)); n > hostileMaxMsg {
			tb.Errorf("message of %d runes, more than %d", n, hostileMaxMsg)
		}
	case err != nil:
		tb.Fatalf("err = %v, want the file read", err)
	case tc.reject != nil:
		w := tc.reject
		for _, r := range rejects {
			if r.File == tc.file && r.Record == w.record && r.Line == w.line && r.Field == w.field && strings.Contains(r.Reason, w.reason) {
				return
			}
		}
		tb.Errorf("rejects %v, want %s record %d line %d field %q: %s", rejects, tc.file, w.record, w.line, w.field, w.reason)
	default:
		tc.check(tb, res)
	}
}

// measure runs fn and returns its time and the peak Go heap in use while it ran, sampled
// every 10 ms.
func measure(fn func()) (time.Duration, uint64) {
	runtime.GC()
	var peak uint64
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				sample()
			}
		}
	}()
	start := time.Now()
	fn()
	elapsed := time.Since(start)
	close(done)
	wg.Wait()
	sample()
	return elapsed, peak
}

// TestHostileCorpusFiles checks that testdata/hostile holds what hostileFiles writes;
// `go test ./importers -run TestHostileCorpusFiles -update` rewrites it.
func TestHostileCorpusFiles(t *testing.T) {
	dir := filepath.Join("testdata", "hostile")
	files := hostileFiles(t)
	if *update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, b := range files {
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		writeGDALFiles(t, dir)
		if err := os.WriteFile(filepath.Join("testdata", "hostile-records.tsv"), hostileRecords(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got, _ := os.ReadFile(filepath.Join("testdata", "hostile-records.tsv")); !bytes.Equal(got, hostileRecords()) {
		t.Errorf("testdata/hostile-records.tsv is missing or stale: run go test ./importers -run TestHostileCorpusFiles -update")
	}
	for _, name := range hostileGDALFiles {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("testdata/hostile/%s is missing: run go test ./importers -run TestHostileCorpusFiles -update (with GDAL)", name)
		}
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("testdata/hostile/%s is missing or stale (err %v): run go test ./importers -run TestHostileCorpusFiles -update", name, err)
		}
	}
}
