package osmimport_test

import (
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/osmimport"
)

// gzipParts gzips the concatenation of parts.
func gzipParts(tb testing.TB, parts ...string) []byte {
	tb.Helper()
	return gzipped(tb, []byte(strings.Join(parts, "")))
}

func TestXMLLimits(t *testing.T) {
	bz2 := readTestdata(t, "network.osm.bz2")
	nodes := strings.Repeat(`<node id="1" lat="30.6" lon="104.0"/>`, 1000)
	tests := []struct {
		name, file string
		data       []byte
		limits     osmimport.Limits
		want       []string
	}{
		{"whitespace over MaxTokenBytes (gzip)", "bomb.osm.gz", gzipParts(t, "<osm>", strings.Repeat(" ", 2<<20), "</osm>"),
			osmimport.Limits{MaxTokenBytes: 1 << 20}, []string{"one XML token is longer than 1 MiB", "Limits.MaxTokenBytes"}},
		{"long attribute over MaxTokenBytes", "long.osm", []byte(`<osm><node id="1" lat="1" lon="1"><tag k="name" v="` + strings.Repeat("长", 1000) + `"/></node></osm>`),
			osmimport.Limits{MaxTokenBytes: 1 << 10}, []string{"one XML token is longer than 1 KiB"}},
		{"XML over MaxBytes (gzip)", "big.osm.gz", gzipParts(t, "<osm>", nodes, "</osm>"),
			osmimport.Limits{MaxBytes: 10 << 10}, []string{"the XML (after decompression) is longer than 10 KiB", "Limits.MaxBytes"}},
		{"XML over MaxBytes (bzip2)", "network.osm.bz2", bz2,
			osmimport.Limits{MaxBytes: 1000}, []string{"the XML (after decompression) is longer than 1000 B"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readBytes(t, tc.file, tc.data, osmimport.Options{Limits: tc.limits})
			if geo.ErrorCodeOf(err) != geo.EINVALID || !strings.Contains(err.Error(), tc.file) {
				t.Fatalf("err = %v (%s), want EINVALID naming %s", err, geo.ErrorCodeOf(err), tc.file)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%v does not say %q", err, w)
				}
			}
		})
	}
	t.Run("the defaults read the fixtures", func(t *testing.T) {
		if _, err := readBytes(t, "network.osm.bz2", bz2, osmimport.Options{}); err != nil {
			t.Fatal(err)
		}
	})
}
