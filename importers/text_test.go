package importers_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/lifecircle/lifecircle/importers"
)

func gbk(tb testing.TB, s string) string {
	tb.Helper()
	out, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// TestEncodingRefusals reads files whose bytes are not all in one encoding: each would
// have reached the database garbled or been refused there with no record named.
func TestEncodingRefusals(t *testing.T) {
	const head = "id,name,level,lon,lat\n"
	utf8Row := "S1,锦江站,street,104.08,30.65\n"
	gbkRow := gbk(t, "S2,春熙路站,street,104.08,30.66\n")
	tests := []struct {
		name, content, encoding string
		want                    []string
	}{
		{"BOM then GBK", "\xef\xbb\xbf" + head + utf8Row + gbkRow, "auto",
			[]string{"s.csv line 3", "not valid UTF-8", "byte order mark"}},
		{"UTF-8 and GBK rows", head + utf8Row + gbkRow, "auto",
			[]string{"s.csv", "mixes encodings", "line 2 is UTF-8 Chinese", "line 3 is not UTF-8"}},
		{"GBK then UTF-8 rows", head + gbkRow + utf8Row, "auto",
			[]string{"s.csv", "mixes encodings", "line 3 is UTF-8 Chinese", "line 2 is not UTF-8"}},
		{"UTF-8 and GBK rows read as gbk", head + utf8Row + gbkRow, "gbk",
			[]string{"s.csv", "mixes encodings"}},
		{"UTF-8 file read as gbk", head + utf8Row, "gbk",
			[]string{"s.csv", "encoding gbk was asked for, but the file is UTF-8 (line 2"}},
		{"bytes invalid in GB18030", head + gbkRow + "S3,\x81\x20bad,street,104.08,30.66\n", "auto",
			[]string{"s.csv line 3", "not valid GB18030", `\x81`}},
		{"bytes invalid in GBK, named", head + gbkRow + "S3,\xff\xfe,street,104.08,30.66\n", "gbk",
			[]string{"s.csv line 3", "not valid GBK"}},
		{"invalid UTF-8, named", head + utf8Row + "S3,\xff,street,104.08,30.66\n", "utf-8",
			[]string{"s.csv line 3", "not valid UTF-8 at byte"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readString(t, importers.KindStations, "s.csv", tc.content, importers.Options{Encoding: tc.encoding})
			requireInvalid(t, err, tc.want...)
		})
	}
	t.Run("GBK alone reads", func(t *testing.T) {
		res := readOK(t, importers.KindStations, "s.csv", head+gbkRow, importers.Options{})
		noRejects(t, res)
		if len(res.Stations) != 1 || res.Stations[0].Name != "春熙路站" {
			t.Errorf("stations %+v", res.Stations)
		}
	})
}

// TestTextRefusals reads records whose text the database cannot store or should not:
// each is a reject naming the record, the line and the field.
func TestTextRefusals(t *testing.T) {
	const head = "id,name,level,lon,lat\n"
	good := "S1,锦江站,street,104.08,30.65\n"
	var filler strings.Builder // over 8 KB, so that the NUL is past the binary sniffing
	for i := range 400 {
		fmt.Fprintf(&filler, "F%d,填充站,street,104.08,30.65\n", i)
	}
	tests := []struct {
		name, file, content string
		want                wantReject
	}{
		{"NUL after the first 8 KB", "s.csv", head + filler.String() + "S2,bad\x00name,street,104.08,30.65\n",
			wantReject{401, 402, "name", "name holds a NUL byte"}},
		{"id of 300 characters", "s.csv", head + good + strings.Repeat("i", 300) + ",站,street,104.08,30.65\n",
			wantReject{2, 3, "id", "id is too long: 300 characters, at most 256"}},
		{"id of 10 MB", "s.csv", head + good + strings.Repeat("i", 10<<20) + ",站,street,104.08,30.65\n",
			wantReject{2, 3, "id", "id is too long: 10485760 characters"}},
		{"name of 1001 characters", "s.csv", head + good + "S2," + strings.Repeat("站", 1001) + ",street,104.08,30.65\n",
			wantReject{2, 3, "name", "name is too long: 1001 characters, at most 1000"}},
		{"level of 2000 characters", "s.csv", head + good + "S2,站," + strings.Repeat("x", 2000) + ",104.08,30.65\n",
			wantReject{2, 3, "level", "level is too long"}},
		{"NUL in a GeoJSON property", "s.geojson", `{"type":"FeatureCollection","features":[` +
			`{"type":"Feature","properties":{"id":"S1","name":"站","level":"street"},"geometry":{"type":"Point","coordinates":[104.08,30.65]}},` +
			`{"type":"Feature","properties":{"id":"S2","name":"a\u0000b","level":"street"},"geometry":{"type":"Point","coordinates":[104.08,30.66]}}]}`,
			wantReject{2, 0, "name", "name holds a NUL byte"}},
		{"GeoJSON feature id of 300 characters", "s.geojson", `{"type":"FeatureCollection","features":[` +
			`{"type":"Feature","properties":{"name":"站","level":"street"},"geometry":{"type":"Point","coordinates":[104.08,30.65]}},` +
			`{"type":"Feature","id":"` + strings.Repeat("f", 300) + `","properties":{"name":"站","level":"street"},"geometry":{"type":"Point","coordinates":[104.08,30.66]}}]}`,
			wantReject{2, 0, "id", "feature id is too long"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := importers.Read(t.Context(), importers.KindStations, tc.file, bytes.NewReader([]byte(tc.content)), importers.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var found bool
			for _, r := range res.Rejects {
				if r.Record == tc.want.record && r.Line == tc.want.line && r.Field == tc.want.field && strings.Contains(r.Reason, tc.want.reason) {
					found = true
				}
				if len([]rune(r.Value)) > 81 || len(r.Reason) > 300 {
					t.Errorf("reject repeats too much: value of %d runes, reason of %d bytes", len([]rune(r.Value)), len(r.Reason))
				}
			}
			if !found {
				t.Errorf("rejects %v, want record %d line %d field %s: %s", res.Rejects, tc.want.record, tc.want.line, tc.want.field, tc.want.reason)
			}
			for _, s := range res.Stations {
				if strings.ContainsRune(s.Name, 0) || len(s.ID) > 256 {
					t.Errorf("unsound station kept: %q", s.ID)
				}
			}
		})
	}
}
