package osmimport_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/osmimport"
)

// writeFile writes b to name in a temporary directory and returns its path.
func writeFile(tb testing.TB, name string, b []byte) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

func readTestdata(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func gzipped(tb testing.TB, b []byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadFileFormats(t *testing.T) {
	xml := readTestdata(t, "network.osm")
	want := read(t, filepath.Join("testdata", "network.osm"))
	cases := []struct {
		name, file string
		data       []byte
	}{
		{"xml extension", "city.osm.xml", xml},
		{"no extension, sniffed", "city", xml},
		{"wrong extension, sniffed", "city.osm.pbf", xml},
		{"gzip", "city.osm.gz", gzipped(t, xml)},
		{"gzip without extension", "city.bin", gzipped(t, xml)},
		{"bzip2", "city.osm.bz2", readTestdata(t, "network.osm.bz2")},
		{"bzip2 without extension", "city", readTestdata(t, "network.osm.bz2")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := read(t, writeFile(t, c.file, c.data))
			if len(got.Edges) != len(want.Edges) || got.Stats.WalkLengthM != want.Stats.WalkLengthM {
				t.Errorf("%d edges, %.3f m; want %d edges, %.3f m",
					len(got.Edges), got.Stats.WalkLengthM, len(want.Edges), want.Stats.WalkLengthM)
			}
		})
	}
}

func TestReadFileErrors(t *testing.T) {
	cases := []struct {
		name string
		path func(t *testing.T) string
		want string // in the message besides the file name
	}{
		{"missing file", func(t *testing.T) string { return filepath.Join(t.TempDir(), "none.osm.pbf") }, "cannot open"},
		{"directory", func(t *testing.T) string { return t.TempDir() }, "not a regular file"},
		{"empty file", func(t *testing.T) string { return writeFile(t, "empty.osm", nil) }, "empty"},
		{"geojson", func(t *testing.T) string {
			return writeFile(t, "city.geojson", []byte(`{"type": "FeatureCollection", "features": []}`))
		}, "not an OSM file"},
		{"broken xml", func(t *testing.T) string {
			return writeFile(t, "broken.osm", []byte("<osm>\n<node id=\"1\" lat=\"30\" lon=\"104\">\n<tag k=\"a\" v=\"b\"></node>\n</osm>"))
		}, "not a valid OSM XML file"},
		{"xml without osm data", func(t *testing.T) string {
			return writeFile(t, "doc.xml", []byte("<html><body>hello</body></html>"))
		}, "no OSM nodes, ways or relations"},
		{"broken gzip", func(t *testing.T) string {
			return writeFile(t, "city.osm.gz", []byte{0x1f, 0x8b, 1, 2, 3})
		}, "gzip"},
		{"pbf garbage", func(t *testing.T) string {
			return writeFile(t, "city.osm.pbf", append([]byte{0, 0, 0, 13, 10, 9}, []byte("OSMHeader and then nothing valid")...))
		}, "not a valid OSM PBF file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := c.path(t)
			_, err := osmimport.ReadFile(context.Background(), path, osmimport.Options{})
			if geo.ErrorCodeOf(err) != geo.EINVALID {
				t.Fatalf("error %v (code %q), want EINVALID", err, geo.ErrorCodeOf(err))
			}
			if msg := err.Error(); !strings.Contains(msg, path) || !strings.Contains(msg, c.want) {
				t.Errorf("message %q should name %s and say %q", msg, path, c.want)
			}
		})
	}
}

func TestReadFileCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := osmimport.ReadFile(ctx, filepath.Join("testdata", "network.osm"), osmimport.Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

func TestReadFileProgress(t *testing.T) {
	path := filepath.Join("testdata", "features.osm")
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		cats *geo.Categories
		want []string
	}{
		// without categories only relation 30 is kept, and its members are untagged ways
		// that pass 1 kept
		{"members kept by pass 1", nil, []string{osmimport.PhaseWays, osmimport.PhaseNodes}},
		// the school relation 31 has a member (998) that pass 1 did not see
		{"members read again", testCategories(t), []string{osmimport.PhaseWays, osmimport.PhaseMembers, osmimport.PhaseNodes}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			last := map[string]int64{}
			var phases []string
			opts := osmimport.Options{Categories: c.cats, Progress: func(phase string, done, total int64) {
				if total != st.Size() || done < last[phase] || done > total {
					t.Errorf("phase %s: %d of %d bytes after %d (file has %d)", phase, done, total, last[phase], st.Size())
				}
				if _, seen := last[phase]; !seen {
					phases = append(phases, phase)
				}
				last[phase] = done
			}}
			if _, err := osmimport.ReadFile(context.Background(), path, opts); err != nil {
				t.Fatal(err)
			}
			if strings.Join(phases, ",") != strings.Join(c.want, ",") {
				t.Errorf("phases %v, want %v", phases, c.want)
			}
			for _, p := range c.want {
				if last[p] != st.Size() {
					t.Errorf("phase %s ended at %d of %d bytes", p, last[p], st.Size())
				}
			}
		})
	}
}
