package district_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/derive"
	"github.com/paulmach/orb"
)

// demoStore keeps communities and stations in memory and derives a fixed list of blocks.
type demoStore struct {
	comms     []geo.Community
	stations  []geo.Station
	blocks    []derive.Block
	blocksErr error
	batches   []geo.Batch
	districts []geo.District
}

func (s *demoStore) Communities(context.Context) ([]geo.Community, error) { return s.comms, nil }
func (s *demoStore) Stations(context.Context) ([]geo.Station, error)      { return s.stations, nil }
func (s *demoStore) Outlets(context.Context) ([]geo.Outlet, error)        { return nil, nil }
func (s *demoStore) Districts(context.Context) ([]geo.District, error)    { return s.districts, nil }
func (s *demoStore) Streets(context.Context) ([]geo.Street, error)        { return nil, nil }
func (s *demoStore) ResidentialAreas(context.Context) ([]geo.ResidentialArea, error) {
	return nil, nil
}

func (s *demoStore) DeleteCommunities(_ context.Context, source string) (int, error) {
	var kept []geo.Community
	for _, c := range s.comms {
		if c.Source != source {
			kept = append(kept, c)
		}
	}
	n := len(s.comms) - len(kept)
	s.comms = kept
	return n, nil
}

func (s *demoStore) DeriveBlocks(context.Context, float64, float64) ([]derive.Block, error) {
	return s.blocks, s.blocksErr
}

func (s *demoStore) ImportStreets(_ context.Context, b geo.Batch, streets []geo.Street) (geo.ImportSummary, error) {
	s.batches = append(s.batches, b)
	return geo.ImportSummary{Inserted: len(streets)}, nil
}

func (s *demoStore) ImportCommunities(_ context.Context, b geo.Batch, cs []geo.Community, _ geo.ImportOptions) (geo.ImportSummary, error) {
	s.batches = append(s.batches, b)
	s.comms = append(s.comms, cs...)
	return geo.ImportSummary{Inserted: len(cs)}, nil
}

func (s *demoStore) ImportStations(_ context.Context, b geo.Batch, ss []geo.Station, _ geo.ImportOptions) (geo.ImportSummary, error) {
	s.batches = append(s.batches, b)
	s.stations = append(s.stations, ss...)
	return geo.ImportSummary{Inserted: len(ss)}, nil
}

func square(lon, lat float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{lon, lat}, {lon + 0.009, lat}, {lon + 0.009, lat + 0.009}, {lon, lat + 0.009}, {lon, lat}}}}
}

func demoBlocks(n int) []derive.Block {
	var out []derive.Block
	for i := 0; i < n; i++ {
		lon := 104 + float64(i)*0.01
		out = append(out, derive.Block{Polygon: square(lon, 30), Centre: orb.Point{lon + 0.0045, 30.0045}, ResidentialM2: 30_000})
	}
	return out
}

func TestDeriveDemoLayers(t *testing.T) {
	osmArea := geo.Community{Code: "osm-1", Name: "OSM area", Boundary: square(104, 30), Source: "osm"}
	fileComm := geo.Community{Code: "510104001001", Name: "社区", StreetCode: "510104001", StreetName: "街道", Boundary: square(104, 30), Source: "file"}
	fileStation := geo.Station{ID: "s1", Level: geo.LevelCommunity, Point: orb.Point{104.004, 30.004}, Source: "file"}
	osmStation := geo.Station{ID: "osm:n1", Level: geo.LevelCommunity, Point: orb.Point{104.004, 30.004}, Source: "osm"}
	tests := []struct {
		name      string
		store     *demoStore
		want      district.Derived
		wantKinds []string // batches stored, in order
	}{
		{"bare extract: units derived, illustrative layer added",
			&demoStore{comms: []geo.Community{osmArea}, blocks: demoBlocks(4)},
			district.Derived{OSMAreasRemoved: 1, DerivedUnits: true, Units: 4, Streets: 1}, []string{"streets", "communities", "stations"}},
		{"file communities and stations: nothing derived",
			&demoStore{comms: []geo.Community{fileComm}, stations: []geo.Station{fileStation, osmStation}},
			district.Derived{StationsKept: 2}, nil},
		{"file communities, OSM stations only: illustrative layer over them",
			&demoStore{comms: []geo.Community{fileComm}, stations: []geo.Station{osmStation}},
			district.Derived{}, []string{"stations"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(tc.store.stations)
			got, err := district.DeriveDemoLayers(context.Background(), tc.store)
			if err != nil {
				t.Fatal(err)
			}
			added := len(tc.store.stations) - before
			if tc.want.StationsKept == 0 {
				tc.want.Illustrative = added
				if added == 0 {
					t.Error("no illustrative station added")
				}
			}
			if got != tc.want {
				t.Errorf("Derived %+v, want %+v", got, tc.want)
			}
			var kinds []string
			for _, b := range tc.store.batches {
				kinds = append(kinds, b.Kind)
				if b.Mode != geo.ModeReplace || (b.Source != "derived" && b.Source != "illustrative") {
					t.Errorf("batch %+v: want replace mode of a derived or illustrative source", b)
				}
			}
			if len(kinds) != len(tc.wantKinds) {
				t.Fatalf("batches %v, want %v", kinds, tc.wantKinds)
			}
			for i := range kinds {
				if kinds[i] != tc.wantKinds[i] {
					t.Errorf("batches %v, want %v", kinds, tc.wantKinds)
				}
			}
			for _, s := range tc.store.stations[before:] {
				if s.Source != "illustrative" {
					t.Errorf("added station %s has source %q", s.ID, s.Source)
				}
			}
		})
	}
}

// A failure part way returns what was done until then, for the caller to report.
func TestDeriveDemoLayersFailing(t *testing.T) {
	st := &demoStore{comms: []geo.Community{{Code: "osm-1", Boundary: square(104, 30), Source: "osm"}},
		blocksErr: geo.Errorf(geo.EUNAVAILABLE, "database down")}
	got, err := district.DeriveDemoLayers(context.Background(), st)
	if geo.ErrorCodeOf(err) != geo.EUNAVAILABLE {
		t.Fatalf("err = %v, want the store's error", err)
	}
	if want := (district.Derived{OSMAreasRemoved: 1}); got != want {
		t.Errorf("Derived %+v, want %+v", got, want)
	}
}

// WriteDemoFiles writes the bundled extract and district file byte for byte and removes
// them again; the user's extract is used as it is, with no district file.
func TestWriteDemoFiles(t *testing.T) {
	f, cleanup, err := district.WriteDemoFiles("")
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string][]byte{f.OSM: data.SampleOSM(), f.Districts: data.SampleDistricts()} {
		if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes (%v), want the bundled %d", path, len(got), err, len(want))
		}
	}
	cleanup()
	if _, err := os.Stat(filepath.Dir(f.OSM)); !os.IsNotExist(err) {
		t.Errorf("cleanup left %s: %v", filepath.Dir(f.OSM), err)
	}
	user, cleanup, err := district.WriteDemoFiles("my.osm.pbf")
	cleanup()
	if err != nil || user != (district.DemoFiles{OSM: "my.osm.pbf"}) {
		t.Errorf("user extract: %+v, %v; want it alone", user, err)
	}
}
