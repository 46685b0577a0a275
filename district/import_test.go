package district_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers"
)

func fixture(name string) string { return filepath.Join("..", "importers", "testdata", name) }

// fakeStore records what an import of communities or stations asked it to store; the
// store methods of the other kinds, which these tests never import, are the embedded nil
// ImportStore's (calling one panics).
type fakeStore struct {
	district.ImportStore
	calls    []string
	batch    geo.Batch
	opts     geo.ImportOptions
	stations []geo.Station
}

func (f *fakeStore) record(kind string, b geo.Batch, o geo.ImportOptions, n int) (geo.ImportSummary, error) {
	f.calls = append(f.calls, kind)
	f.batch, f.opts = b, o
	return geo.ImportSummary{BatchID: 7, Read: b.Read, Inserted: n, Rejected: b.Rejected}, nil
}

func (f *fakeStore) ImportCommunities(_ context.Context, b geo.Batch, cs []geo.Community, o geo.ImportOptions) (geo.ImportSummary, error) {
	return f.record("communities", b, o, len(cs))
}

func (f *fakeStore) ImportStations(_ context.Context, b geo.Batch, ss []geo.Station, o geo.ImportOptions) (geo.ImportSummary, error) {
	f.stations = ss
	return f.record("stations", b, o, len(ss))
}

func sha256Of(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// The reject policy: a file with a bad record is refused whole unless SkipInvalid, and then
// the good records go to the store with the bad ones counted in the batch.
func TestImportRejectPolicy(t *testing.T) {
	bad := fixture("bad/stations-lat-range.csv") // 14 records, record 13 out of range
	tests := []struct {
		name         string
		skip         bool
		wantStored   int
		wantRejected int
	}{
		{"refused whole", false, 0, 1},
		{"good records stored under skip-invalid", true, 13, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := &fakeStore{}
			req := district.ImportRequest{Kind: importers.KindStations, Path: bad, Mode: geo.ModeReplace, SkipInvalid: tc.skip}
			p, sum, err := district.Import(context.Background(), st, req)
			if !tc.skip {
				var rej *district.RejectedError
				if !errors.As(err, &rej) || len(rej.Rejects) != tc.wantRejected || rej.File != "stations-lat-range.csv" {
					t.Fatalf("err = %v, want a RejectedError of stations-lat-range.csv with %d reject", err, tc.wantRejected)
				}
				if geo.ErrorCodeOf(err) != geo.EUNPROCESSABLE || len(st.calls) != 0 {
					t.Errorf("code %s, store calls %v; want unprocessable and nothing stored", geo.ErrorCodeOf(err), st.calls)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(st.stations) != tc.wantStored || sum.Inserted != tc.wantStored || len(p.Rejects()) != tc.wantRejected {
				t.Errorf("stored %d, summary %+v, rejects %d; want %d stored, %d rejected", len(st.stations), sum, len(p.Rejects()), tc.wantStored, tc.wantRejected)
			}
			if st.batch.Rejected != tc.wantRejected || st.batch.Read != 14 {
				t.Errorf("batch %+v: want 14 read, %d rejected", st.batch, tc.wantRejected)
			}
			if r := p.Rejects()[0]; r.Record != 13 {
				t.Errorf("reject %v, want record 13", r)
			}
		})
	}
}

// A file read from its path and the same bytes uploaded make the same batch: same name,
// digest (checked against sha256 of the file), CRS, mode and counts, and the same records.
func TestImportPathAndUploadAgree(t *testing.T) {
	path := fixture("stations-gcj02.csv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	read := importers.Options{CRS: crs.Ref{Offset: crs.GCJ02}}
	reqs := map[string]district.ImportRequest{
		"path":   {Kind: importers.KindStations, Path: path, Read: read, Mode: geo.ModeUpsert},
		"upload": {Kind: importers.KindStations, Name: "stations-gcj02.csv", Data: data, Read: read, Mode: geo.ModeUpsert},
	}
	got := map[string]*fakeStore{}
	for name, req := range reqs {
		st := &fakeStore{}
		if _, _, err := district.Import(context.Background(), st, req); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got[name] = st
	}
	want := geo.Batch{Kind: "stations", FileName: "stations-gcj02.csv", SHA256: sha256Of(t, path), CRS: "gcj02",
		Mode: geo.ModeUpsert, Read: len(got["path"].stations)}
	for name, st := range got {
		if st.batch != want {
			t.Errorf("%s: batch %+v, want %+v", name, st.batch, want)
		}
		if len(st.stations) == 0 || len(st.opts.Records) != len(st.stations) {
			t.Errorf("%s: %d stations with %d record numbers", name, len(st.stations), len(st.opts.Records))
		}
	}
	for i := range got["path"].stations {
		if a, b := got["path"].stations[i], got["upload"].stations[i]; a.ID != b.ID || a.Point != b.Point {
			t.Errorf("station %d: %v from the path, %v from the upload", i, a, b)
		}
	}
}

// Each kind goes to its own store method, with the repair flag passed on.
func TestImportKinds(t *testing.T) {
	tests := []struct {
		kind   importers.Kind
		file   string
		repair bool
	}{
		{importers.KindCommunities, "communities.geojson", true},
		{importers.KindStations, "stations-wgs84.csv", false},
	}
	for _, tc := range tests {
		t.Run(string(tc.kind), func(t *testing.T) {
			st := &fakeStore{}
			req := district.ImportRequest{Kind: tc.kind, Path: fixture(tc.file), Mode: geo.ModeReplace, Read: importers.Options{Repair: tc.repair}}
			if _, _, err := district.Import(context.Background(), st, req); err != nil {
				t.Fatal(err)
			}
			if len(st.calls) != 1 || st.calls[0] != string(tc.kind) || st.opts.Repair != tc.repair {
				t.Errorf("store calls %v with repair %v; want one %s with repair %v", st.calls, st.opts.Repair, tc.kind, tc.repair)
			}
		})
	}
}

func TestImportUnreadableFile(t *testing.T) {
	req := district.ImportRequest{Kind: importers.KindStations, Path: fixture("no-such-file.csv"), Mode: geo.ModeReplace}
	_, err := district.Prepare(context.Background(), req)
	if geo.ErrorCodeOf(err) != geo.EINVALID {
		t.Fatalf("err = %v, want EINVALID", err)
	}
}
