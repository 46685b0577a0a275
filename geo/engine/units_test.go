package engine_test

import (
	"context"
	"slices"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// unitsDistrict is lineDistrict's 2 km street split into two communities of two streets:
// the west half (x < split) is community …001001 of street A, imported with its own name,
// the east half …002001 of street B, known only from the communities. A third community
// of street B has no boundary. Compounds: a large one over the east half, a tiny one (far
// smaller than a cell), one without a polygon, and a second compound with the first's ID.
func unitsDistrict(tb testing.TB) (*engine.Engine, float64) {
	tb.Helper()
	nodes, edges, d := fixture.LineDistrict(20)
	const lat = 30.0
	west, east := nodes[0].Point[0], nodes[len(nodes)-1].Point[0]
	split := (west + east) / 2
	rect := func(x0, x1, y0, y1 float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
	}
	d.Streets = []geo.Street{
		{Code: "510104001", Name: "A街道"},
		{Code: "", Name: "no code"},
		{Code: "510104001", Name: "repeated"},
	}
	d.Communities = []geo.Community{
		{Code: "510104002002", Name: "无界社区", StreetCode: "510104002", StreetName: ""},
		{Code: "510104002001", Name: "东社区", StreetCode: "510104002", StreetName: "乙街道", Population: 4000,
			Boundary: rect(split, east, lat-0.002, lat+0.002)},
		{Code: "510104001001", Name: "西社区", StreetCode: "510104001", StreetName: "甲街道", Population: 6000,
			Boundary: rect(west, split, lat-0.002, lat+0.002)},
	}
	tiny := orb.Point{split - 0.003, lat + 0.0005}
	d.Compounds = []geo.Compound{
		{ID: "k1", CommunityCode: "510104002001", Polygon: rect(split, east, lat-0.002, lat+0.002)},
		{ID: "k2", CommunityCode: "510104001001", Polygon: rect(tiny[0]-0.00005, tiny[0]+0.00005, tiny[1]-0.00005, tiny[1]+0.00005)},
		{ID: "k3", CommunityCode: "510104001001"},
		{ID: "k1", CommunityCode: "510104001001"},
	}
	e, err := engine.New(d, nodes, edges, engine.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return e, split
}

func TestUnitsCommunitiesAndStreets(t *testing.T) {
	e, _ := unitsDistrict(t)
	for _, stage := range []string{"before Compute", "after Compute"} {
		if stage == "after Compute" {
			if err := e.Compute(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		t.Run(stage, func(t *testing.T) {
			u := e.Units
			if got, want := u.CommunitiesByCode(), []int{2, 1, 0}; !slices.Equal(got, want) {
				t.Errorf("communities by code %v, want %v", got, want)
			}
			if ci, ok := u.Community("510104002001"); !ok || ci != 1 {
				t.Errorf("community 510104002001 = %d, %v; want 1", ci, ok)
			}
			if _, ok := u.Community("510104009009"); ok {
				t.Error("an unknown community code was found")
			}
			streets := u.Streets()
			if len(streets) != 2 {
				t.Fatalf("%d streets, want 2 (empty and repeated codes left out): %+v", len(streets), streets)
			}
			a, b := streets[0], streets[1]
			if a.Code != "510104001" || a.Name != "A街道" || a.CommunityStreetName != "甲街道" || !slices.Equal(a.Communities, []int{2}) {
				t.Errorf("street A = %+v", a)
			}
			if b.Code != "510104002" || b.Name != "乙街道" || b.CommunityStreetName != "乙街道" || !slices.Equal(b.Communities, []int{1, 0}) {
				t.Errorf("street B = %+v", b)
			}
			if s, ok := u.Street("510104002"); !ok || s.Code != b.Code {
				t.Errorf("Street(510104002) = %+v, %v", s, ok)
			}
			if k, ok := u.Compound("k1"); !ok || k != 0 {
				t.Errorf("compound k1 = %d, %v; want the first, 0", k, ok)
			}
			if _, ok := u.Compound(""); ok {
				t.Error("the empty ID names a compound")
			}
		})
	}
}

// TestUnitsCells checks the cell lists against the communities' rectangles: a cell belongs
// to the west community when its centre is west of the split, else to the east one.
func TestUnitsCells(t *testing.T) {
	e, split := unitsDistrict(t)
	if got := e.Units.CommunityCells(2); len(got) != 0 {
		t.Errorf("%d cells before Compute", len(got))
	}
	if err := e.Compute(context.Background()); err != nil {
		t.Fatal(err)
	}
	u := e.Units
	var west, east []int
	for i, c := range e.Cells {
		if c.Center[0] < split {
			west = append(west, i)
		} else {
			east = append(east, i)
		}
	}
	if len(west) == 0 || len(east) == 0 {
		t.Fatalf("cells west %d, east %d", len(west), len(east))
	}
	if got := u.CommunityCells(2); !slices.Equal(got, west) {
		t.Errorf("west community cells %v, want %v", got, west)
	}
	if got := u.CommunityCells(1); !slices.Equal(got, east) {
		t.Errorf("east community cells %v, want %v", got, east)
	}
	if got := u.CommunityCells(0); len(got) != 0 {
		t.Errorf("community without boundary has cells %v", got)
	}
	streets := u.Streets()
	if !slices.Equal(streets[0].Cells, west) || !slices.Equal(streets[1].Cells, east) {
		t.Errorf("street cells %v / %v, want %v / %v", streets[0].Cells, streets[1].Cells, west, east)
	}
	for _, i := range []int{west[0], east[len(east)-1]} {
		wantComm, wantStreet := "510104001001", "510104001"
		if e.Cells[i].Center[0] >= split {
			wantComm, wantStreet = "510104002001", "510104002"
		}
		if got := u.CellCommunityCode(i); got != wantComm {
			t.Errorf("cell %d community %q, want %q", i, got, wantComm)
		}
		if got := u.CellStreetCode(i); got != wantStreet {
			t.Errorf("cell %d street %q, want %q", i, got, wantStreet)
		}
	}
	if got := u.CompoundCells(0); !slices.Equal(got, east) {
		t.Errorf("compound over the east half: cells %v, want %v", got, east)
	}
	tiny := u.CompoundCells(1)
	ctr := e.Compounds[1].Polygon.Bound().Center()
	h := h3.LatLngToCell(h3.NewLatLng(ctr[1], ctr[0]), e.Options.Resolution)
	if len(tiny) != 1 || e.Cells[tiny[0]].H3 != h {
		t.Errorf("tiny compound: cells %v, want the one holding its centroid (%v)", tiny, h)
	}
	if got := u.CompoundCells(2); len(got) != 0 {
		t.Errorf("compound without polygon has cells %v", got)
	}
}
