package importers_test

import (
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/importers"
)

// TestQuestionableValuesRefused reads values that used to be accepted silently.
func TestQuestionableValuesRefused(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                wantReject
	}{
		{"station at 0,0", "s.csv", "id,name,level,lon,lat\nS1,站,street,104.08,30.65\nS2,站,street,0,0\n",
			wantReject{2, 3, "lon/lat", "coordinates missing (0,0)"}},
		{"GeoJSON point at 0,0", "s.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"S1","level":"street"},"geometry":{"type":"Point","coordinates":[0,0]}}]}`,
			wantReject{1, 0, "geometry", "coordinates missing (0,0)"}},
		{"every station at 0,0", "s.csv", "id,name,level,lon,lat\nS1,站,street,0,0\nS2,站,street,0.0,0.0\n",
			wantReject{2, 3, "lon/lat", "coordinates missing (0,0)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := readOK(t, importers.KindStations, tc.file, tc.content, importers.Options{})
			found := false
			for _, r := range res.Rejects {
				found = found || r.Record == tc.want.record && r.Line == tc.want.line && r.Field == tc.want.field && strings.Contains(r.Reason, tc.want.reason)
			}
			if !found {
				t.Errorf("rejects %v, want record %d line %d field %s: %s", res.Rejects, tc.want.record, tc.want.line, tc.want.field, tc.want.reason)
			}
			for _, s := range res.Stations {
				if s.Point[0] == 0 && s.Point[1] == 0 {
					t.Errorf("station %s kept at 0,0", s.ID)
				}
			}
		})
	}
}

// TestMessagesEchoLittle checks that a file's content repeated in a whole-file message is
// short and escaped: a binary file's header used to fill 4 KB of a message.
func TestMessagesEchoLittle(t *testing.T) {
	garbage := make([]byte, 0, 4096)
	for i := range 4096 {
		garbage = append(garbage, byte(0x80+i%0x7f))
	}
	tests := []struct {
		name, file, content string
	}{
		{"header of decoded garbage", "g.csv", strings.Repeat("\x01\x7f,", 1) + strings.Repeat("abc\u200b,", 600) + "\n1,2\n"},
		{"long type in GeoJSON", "g.geojson", `{"type":"` + strings.Repeat("x", 4000) + `"}`},
		{"4 KB of high bytes", "g.csv", string(garbage)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readString(t, importers.KindStations, tc.file, tc.content, importers.Options{})
			requireInvalid(t, err, tc.file)
			if msg := err.Error(); len([]rune(msg)) > 600 || strings.ContainsAny(msg, "\x01\x7f\u200b") {
				t.Errorf("message of %d runes, or with raw control characters: %q", len([]rune(msg)), msg)
			}
		})
	}
}
