package district_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
)

// fakeOSMStore holds a stored network of a given size and runs the import's check the way
// the real store does: before anything changes.
type fakeOSMStore struct {
	stored geo.OSMStored
	wrote  *geo.OSMData
}

func (f *fakeOSMStore) ReplaceOSM(_ context.Context, b geo.Batch, d geo.OSMData, _ geo.WalkModel, check func(geo.OSMStored) error) (geo.OSMSummary, error) {
	if err := check(f.stored); err != nil {
		return geo.OSMSummary{}, err
	}
	f.wrote = &d
	return geo.OSMSummary{BatchID: 1, Nodes: len(d.Nodes), Edges: len(d.Edges)}, nil
}

// osmFile writes an OSM XML file of the given nodes (id, lat, lon as text) and one
// footway through the node refs.
func osmFile(tb testing.TB, nodes [][3]string, refs ...string) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<osm version="0.6">` + "\n")
	for _, n := range nodes {
		fmt.Fprintf(&b, `<node id="%s" lat="%s" lon="%s"/>`+"\n", n[0], n[1], n[2])
	}
	b.WriteString(`<way id="10">`)
	for _, r := range refs {
		fmt.Fprintf(&b, `<nd ref="%s"/>`, r)
	}
	b.WriteString(`<tag k="highway" v="footway"/></way>` + "\n</osm>\n")
	path := filepath.Join(tb.TempDir(), "x.osm")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

func TestImportOSMRefusesBadNodesAndShrinking(t *testing.T) {
	good := [][3]string{{"1", "30.6600", "104.0600"}, {"2", "30.6610", "104.0610"}, {"3", "30.6620", "104.0600"}}
	city := geo.OSMStored{Nodes: 3462, Edges: 4936, Stations: 12, Residential: 352}
	tests := []struct {
		name        string
		file        string
		stored      geo.OSMStored
		skip, allow bool
		want        []string // in the error; none: the import goes through
	}{
		{"latitude 95", osmFile(t, [][3]string{{"1", "95", "104.06"}, good[1]}, "1", "2"), city, false, false,
			[]string{"x.osm", "1 node(s)", "node 1", "--skip-invalid"}},
		{"longitude 200", osmFile(t, [][3]string{good[0], {"2", "30.66", "200"}}, "1", "2"), city, false, false,
			[]string{"node 2", "out of range"}},
		{"NaN", osmFile(t, [][3]string{{"1", "NaN", "NaN"}, good[1]}, "1", "2"), city, false, false,
			[]string{"x.osm"}},
		{"bad node skipped, then empty", osmFile(t, [][3]string{{"1", "95", "104.06"}, good[1]}, "1", "2"), city, true, false,
			[]string{"empty", "keeps 0 walk edges of the 4936 stored", "--allow-shrink"}},
		{"refs to missing nodes", osmFile(t, good[:1], "7", "8"), city, false, false,
			[]string{"empty", "keeps 0 walk edges of the 4936 stored", "node references missing", "352 residential"}},
		{"most of the network lost", osmFile(t, good, "1", "2", "3"), city, false, false,
			[]string{"lose more than 50 %", "keeps 1 walk edges of the 4936 stored"}},
		{"most lost, allowed", osmFile(t, good, "1", "2", "3"), city, false, true, nil},
		{"empty network, allowed", osmFile(t, good[:1], "7", "8"), city, false, true, nil},
		{"first import", osmFile(t, good, "1", "2", "3"), geo.OSMStored{}, false, false, nil},
		{"empty first import", osmFile(t, good[:1], "7", "8"), geo.OSMStored{}, false, false, []string{"empty"}},
		{"same size", osmFile(t, good, "1", "2", "3"), geo.OSMStored{Edges: 1}, false, false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := &fakeOSMStore{stored: tc.stored}
			req := district.OSMRequest{Path: tc.file, Walk: geo.DefaultWalkModel(), SkipInvalid: tc.skip, AllowShrink: tc.allow}
			_, err := district.ImportOSM(context.Background(), st, req)
			if tc.want == nil {
				if err != nil || st.wrote == nil {
					t.Fatalf("import refused: %v", err)
				}
				return
			}
			var ge *geo.Error
			if !errors.As(err, &ge) || ge.Code != geo.EINVALID {
				t.Fatalf("err = %v, want EINVALID", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q does not say %q", err, w)
				}
			}
			if st.wrote != nil {
				t.Error("a refused import was stored")
			}
		})
	}
}
