package importers_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers"
)

// fuzzRead reads data, in memory, as every kind under name and checks that nothing
// panics, that every error is a *geo.Error for bad input (not an internal one: a
// recovered panic is a bug too) and that every value handed back is sound.
func fuzzRead(t testing.TB, name string, data []byte) {
	cats := testCategories(t)
	kinds := []importers.Kind{importers.KindCommunities, importers.KindStations, importers.KindOutlets, importers.KindCompounds}
	for i, kind := range kinds {
		opts := importers.Options{Categories: cats, Repair: i%2 == 0}
		if i == 1 {
			opts.CRS = crs.Ref{Offset: crs.GCJ02}
		}
		res, err := importers.Read(context.Background(), kind, name, bytes.NewReader(data), opts)
		if err != nil {
			var ge *geo.Error
			if !errors.As(err, &ge) || ge.Code == geo.EINTERNAL {
				t.Fatalf("%s: error %v (%T) is not a *geo.Error for bad input", kind, err, err)
			}
			continue
		}
		checkSound(t, res)
	}
}

// checkSound checks the invariants of a result: points in range, repairs indexing real
// polygons, rejects naming the file and a record.
func checkSound(t testing.TB, res *importers.Result) {
	t.Helper()
	for _, s := range res.Stations {
		if !s.Level.Valid() || s.Point[0] < -180 || s.Point[0] > 180 || s.Point[1] < -90 || s.Point[1] > 90 {
			t.Fatalf("unsound station %+v", s)
		}
	}
	for _, o := range res.Outlets {
		if o.Category == "" || o.Point[1] < -90 || o.Point[1] > 90 {
			t.Fatalf("unsound outlet %+v", o)
		}
	}
	for _, c := range res.Communities {
		if len(c.Code) != 12 {
			t.Fatalf("community without a 12-digit code: %+v", c)
		}
	}
	for _, i := range res.NeedsRepair {
		if i < 0 || i >= len(res.Communities)+len(res.Compounds) {
			t.Fatalf("NeedsRepair index %d out of range", i)
		}
	}
	for _, r := range res.Rejects {
		if r.File == "" || r.Record < 1 || r.Reason == "" {
			t.Fatalf("reject without file, record or reason: %+v", r)
		}
	}
	for _, s := range res.Stations {
		if strings.ContainsRune(s.ID+s.Name+s.Address+s.ParentCode, 0) || !utf8.ValidString(s.ID+s.Name+s.Address+s.ParentCode) || len(s.ID) > 4*256 {
			t.Fatalf("station text the database cannot store: %q", s.ID)
		}
	}
}

func addFixtures(f *testing.F, paths ...string) {
	for _, p := range paths {
		b, err := os.ReadFile(filepath.Join("testdata", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzReadCSV(f *testing.F) {
	addFixtures(f, "outlets.csv", "communities-wkt.csv", "bad/stations-swapped.csv", "bad/compounds-self-intersecting.csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "fuzz.csv", data) })
}

func FuzzReadGeoJSON(f *testing.F) {
	addFixtures(f, "communities.geojson", "bad/communities-self-intersecting.geojson", "bad/bare-geometry.geojson")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "fuzz.geojson", data) })
}

// FuzzReadXLSX reads workbooks as stations only: the kinds share the table reading, which
// FuzzReadCSV covers kind by kind, and excelize is slow. Seeds are stored uncompressed
// with no CRC as well (archive/zip then checks none), so that mutations reach the XML.
func FuzzReadXLSX(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("testdata", "stations.xlsx"))
	if err != nil {
		f.Fatal(err)
	}
	header := sheetRow(1, "id", "name", "level", "lon", "lat")
	for _, xlsx := range [][]byte{b,
		rawXLSX(f, rawSheet{shared: []string{"S1"}, body: header + `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="inlineStr"><is><t>street</t></is></c><c r="D2"><v>117.28</v></c><c r="E2"><v>31.88</v></c></row>`}),
		rawXLSX(f, rawSheet{doctype: `<!DOCTYPE a [<!ENTITY b "c">]>`, body: header}),
	} {
		f.Add(xlsx)
		f.Add(storedNoCRC(f, xlsx))
	}
	cats := testCategories(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := importers.Read(context.Background(), importers.KindStations, "fuzz.xlsx", bytes.NewReader(data), importers.Options{Categories: cats})
		if err != nil {
			var ge *geo.Error
			if !errors.As(err, &ge) || ge.Code == geo.EINTERNAL {
				t.Fatalf("error %v (%T) is not a *geo.Error for bad input", err, err)
			}
			return
		}
		checkSound(t, res)
	})
}

// storedNoCRC rewrites a ZIP archive with every entry stored, uncompressed, with no CRC.
func storedNoCRC(tb testing.TB, data []byte) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	var entries []rawEntry
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		entries = append(entries, rawEntry{&zip.FileHeader{Name: f.Name, Method: zip.Store, UncompressedSize64: uint64(len(content))}, content})
	}
	return rawZip(tb, entries...)
}

func FuzzReadPopulation(f *testing.F) {
	f.Add([]byte("h3,population\n8a40e3ce88f7fff,120\n8a40e3ce88affff,1 300\n"))
	f.Add([]byte("网格,常住人口\n8a40e3ce88f7fff,\"5\n"))
	f.Add([]byte("\xef\xbb\xbfh3;population\r\n8a40e3ce88f7fff;1e300\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cells, rejects, err := importers.ReadPopulationFrom(context.Background(), "fuzz.csv", bytes.NewReader(data), importers.PopulationOptions{})
		if err != nil {
			var ge *geo.Error
			if !errors.As(err, &ge) || ge.Code == geo.EINTERNAL {
				t.Fatalf("error %v (%T) is not a *geo.Error for bad input", err, err)
			}
			return
		}
		seen := map[string]bool{}
		for _, c := range cells {
			if seen[c.H3] || !(c.Population >= 0 && c.Population <= 1e7) {
				t.Fatalf("unsound cell %+v", c)
			}
			seen[c.H3] = true
		}
		for _, r := range rejects {
			if r.File != "fuzz.csv" || r.Record < 1 || r.Reason == "" {
				t.Fatalf("reject without file, record or reason: %+v", r)
			}
		}
	})
}

// FuzzReadUnits reads the administrative units — districts, streets, and communities as an
// attribute table (codes and figures, no boundaries) — from CSV and GeoJSON, in memory.
func FuzzReadUnits(f *testing.F) {
	f.Add([]byte("code,name\n340103,庐阳区\n"), false)
	f.Add([]byte("街道代码,街道名称\n340103001,亳州路街道\n340103002,双岗街道\n"), false)
	f.Add([]byte("社区代码,社区名称,户数,常住人口\n340103001001,水西门社区,1200,3500\n340103001002,\"双岗\n"), false)
	f.Add([]byte("code,name\n3.40103E+11,科学计数\n"), false)
	f.Add(collection(feature(`"adcode":340103,"name":"庐阳区"`, squareWKT)), true)
	cats := testCategories(f)
	kinds := []importers.Kind{importers.KindDistricts, importers.KindStreets, importers.KindCommunities}
	f.Fuzz(func(t *testing.T, data []byte, geojson bool) {
		name := "fuzz.csv"
		if geojson {
			name = "fuzz.geojson"
		}
		for _, kind := range kinds {
			res, err := importers.Read(context.Background(), kind, name, bytes.NewReader(data), importers.Options{Categories: cats})
			if err != nil {
				var ge *geo.Error
				if !errors.As(err, &ge) || ge.Code == geo.EINTERNAL {
					t.Fatalf("%s: error %v (%T) is not a *geo.Error for bad input", kind, err, err)
				}
				continue
			}
			checkUnits(t, kind, res)
		}
	})
}

// checkUnits checks the codes handed back: 6 digits for a district, 9 for a street, 12
// for a community, each under its parent's.
func checkUnits(t testing.TB, kind importers.Kind, res *importers.Result) {
	t.Helper()
	for _, d := range res.Districts {
		if len(d.Code) != 6 {
			t.Fatalf("%s: district code %q", kind, d.Code)
		}
	}
	for _, s := range res.Streets {
		if len(s.Code) != 9 {
			t.Fatalf("%s: street code %q", kind, s.Code)
		}
	}
	for _, c := range res.Communities {
		if len(c.Code) != 12 || (c.StreetCode != "" && !strings.HasPrefix(c.Code, c.StreetCode)) {
			t.Fatalf("%s: community code %q in street %q", kind, c.Code, c.StreetCode)
		}
	}
	for _, r := range res.Rejects {
		if r.File == "" || r.Record < 1 || r.Reason == "" {
			t.Fatalf("reject without file, record or reason: %+v", r)
		}
	}
}
