package postgis

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/lifecircle/lifecircle/geo/coverage"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
	"github.com/uber/h3-go/v4"
)

// The geometries written into the COPY are the WKB orb writes (the writer before them
// sent orb's), each after its 4-byte length.
func TestAppendWKBMatchesOrb(t *testing.T) {
	hex := coverage.CellPolygon(h3.LatLngToCell(h3.NewLatLng(30.657, 104.065), 10))
	cases := []struct {
		name string
		geom orb.Geometry
		got  []byte
	}{
		{"point", orb.Point{104.065, 30.657}, appendPointWKB(nil, 104.065, 30.657)},
		{"hexagon", hex, appendPolygonWKB(nil, hex)},
		{"two rings", orb.Polygon{{{0, 0}, {4, 0}, {4, 4}, {0, 0}}, {{1, 1}, {2, 1}, {2, 2}, {1, 1}}},
			appendPolygonWKB(nil, orb.Polygon{{{0, 0}, {4, 0}, {4, 4}, {0, 0}}, {{1, 1}, {2, 1}, {2, 2}, {1, 1}}})},
		{"empty polygon (an invalid cell)", orb.Polygon{}, appendPolygonWKB(nil, nil)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want, err := wkb.Marshal(c.geom)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.got) < 4 || int(binary.BigEndian.Uint32(c.got)) != len(c.got)-4 || !bytes.Equal(c.got[4:], want) {
				t.Errorf("field %x; want length %d and %x", c.got, len(want), want)
			}
		})
	}
}

// Rows encoded in chunks come out in order, each followed by the region and the run, and
// their digest depends on their bytes only.
func TestEncodedRows(t *testing.T) {
	n := 2*rowsPerChunk + 3
	enc := func(b []byte, i int) []byte { return appendInt32(b, int32(i)) }
	rows := encodeRows(n, 3, enc)
	var buf bytes.Buffer
	cw := &copyWriter{w: bufio.NewWriter(&buf)}
	rows.write(cw, "r1", 7)
	if err := cw.w.Flush(); err != nil {
		t.Fatal(err)
	}
	var want []byte
	for i := range n {
		want = binary.BigEndian.AppendUint16(want, 3)
		want = appendText(appendInt32(want, int32(i)), "r1", false)
		want = binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint32(want, 8), 7)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("stream of %d bytes, want %d", buf.Len(), len(want))
	}
	same, other := encodeRows(n, 3, enc), encodeRows(n, 3, func(b []byte, i int) []byte { return appendInt32(b, int32(i^1)) })
	if !bytes.Equal(rows.digest(), same.digest()) || bytes.Equal(rows.digest(), other.digest()) {
		t.Error("digests: the same rows differ or other rows agree")
	}
}
