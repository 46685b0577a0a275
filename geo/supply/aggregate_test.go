package supply_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/supply"
)

// TestAggregateHandComputed aggregates the hand-made road (see TestHandComputed) and
// judges units against the standards' figures, all worked out by hand.
func TestAggregateHandComputed(t *testing.T) {
	g := lineRoad(t)
	cases := []struct {
		name     string
		T        float64
		s1, s2   float64
		cellUnit []int
		units    []supply.Unit
		rule     supply.Rule
		want     []supply.UnitAccess
	}{
		{
			// A = 1/3, 1/3 + 0.12, 0.12, 0 (off network). U1: (100/3 + 200·0.45333…)/300 =
			// 124/300 m² per resident, × 2.5 × 100 = 103.33 m² per 100 households; U2: 0.12 ×
			// 2.4 × 100 = 28.8 < 30; U3: off-network cell, households unknown; U4: no cells.
			name: "floor area per 100 households", T: 900, s1: 100, s2: 60,
			cellUnit: []int{0, 0, 1, 2},
			units:    []supply.Unit{{Code: "U1", PersonsPerHousehold: 2.5}, {Code: "U2", PersonsPerHousehold: 2.4}, {Code: "U3", PersonsPerHousehold: math.NaN()}, {Code: "U4", PersonsPerHousehold: 3}},
			rule:     supply.FloorAreaRule(30),
			want: []supply.UnitAccess{
				{Code: "U1", Cells: 2, Population: 300, Access: 124.0 / 300, PerHouseholds: 310.0 / 3, Verdict: supply.VerdictPass},
				{Code: "U2", Cells: 1, Population: 300, Access: 0.12, PerHouseholds: 28.8, Verdict: supply.VerdictFail},
				{Code: "U3", Cells: 1, Population: 50, Verdict: supply.VerdictUnknown},
				{Code: "U4", Verdict: supply.VerdictUnknown},
			},
		},
		{
			// 600 s, staff 1 and 2: R1 = 1/100, R2 = 2/300; C2 reaches none. Per 1 000
			// households: U1 0.01 × 2.5 × 1000 = 25; U2 0 < 1000/300, flagged; U3 2/300 ×
			// 2.4 × 1000 = 16. The off-network cell is in no unit.
			name: "staff per 1000 households", T: 600, s1: 1, s2: 2,
			cellUnit: []int{0, 1, 2, -1},
			units:    []supply.Unit{{Code: "U1", PersonsPerHousehold: 2.5}, {Code: "U2", PersonsPerHousehold: 2.5}, {Code: "U3", PersonsPerHousehold: 2.4}},
			rule:     supply.StaffRule(300, true),
			want: []supply.UnitAccess{
				{Code: "U1", Cells: 1, Population: 100, Access: 0.01, PerHouseholds: 25, Verdict: supply.VerdictPass},
				{Code: "U2", Cells: 1, Population: 200, Access: 0, PerHouseholds: 0, Verdict: supply.VerdictWarn},
				{Code: "U3", Cells: 1, Population: 300, Access: 2.0 / 300, PerHouseholds: 16, Verdict: supply.VerdictPass},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := supply.Params{Method: supply.Method2SFCA, MaxSeconds: tc.T}
			r, err := supply.Compute(context.Background(), g, handCells(g, 100, 200, 300, 50), handStations(g, tc.s1, tc.s2), p)
			if err != nil {
				t.Fatal(err)
			}
			got, err := supply.Aggregate(r, tc.cellUnit, tc.units, tc.rule)
			if err != nil {
				t.Fatal(err)
			}
			for k, w := range tc.want {
				a := got[k]
				if a.Code != w.Code || a.Cells != w.Cells || a.Population != w.Population || !near(a.Access, w.Access, 1e-9) ||
					!near(a.PerHouseholds, w.PerHouseholds, 1e-9) || a.Verdict != w.Verdict {
					t.Errorf("unit %d:\n got %+v\nwant %+v", k, a, w)
				}
				if a.Verdict == supply.VerdictUnknown && a.Note == "" {
					t.Errorf("unit %s: unknown verdict without a note", a.Code)
				}
			}
		})
	}
}

func TestStaffRuleConversion(t *testing.T) {
	if r := supply.StaffRule(300, false); r.PerHouseholds != 1000 || !near(r.Min, 10.0/3, 1e-15) || r.WarnOnly {
		t.Errorf("StaffRule(300) = %+v, want 1000/300 per 1 000 households, failing", r)
	}
	if r := supply.FloorAreaRule(30); r.PerHouseholds != 100 || r.Min != 30 {
		t.Errorf("FloorAreaRule(30) = %+v", r)
	}
}

// TestAggregateLowerBound: a unit reaching a station of unknown supply says its value is
// a lower bound.
func TestAggregateLowerBound(t *testing.T) {
	g := lineRoad(t)
	r, err := supply.Compute(context.Background(), g, handCells(g, 100, 200, 300), handStations(g, 100, math.NaN()),
		supply.Params{Method: supply.Method2SFCA, MaxSeconds: 900})
	if err != nil {
		t.Fatal(err)
	}
	got, err := supply.Aggregate(r, []int{0, 0, 0}, []supply.Unit{{Code: "U", PersonsPerHousehold: 2.5}}, supply.FloorAreaRule(30))
	if err != nil {
		t.Fatal(err)
	}
	if a := got[0]; a.CellsReachingUnknown != 2 || !strings.Contains(a.Note, "lower bound") {
		t.Errorf("got %+v, want 2 cells reaching the unknown station and a lower-bound note", a)
	}
}

func TestAggregateBadInput(t *testing.T) {
	g := lineRoad(t)
	r, err := supply.Compute(context.Background(), g, handCells(g, 100, 200, 300), handStations(g, 100, 60),
		supply.Params{Method: supply.Method2SFCA, MaxSeconds: 900})
	if err != nil {
		t.Fatal(err)
	}
	units := []supply.Unit{{Code: "U"}}
	cases := []struct {
		name     string
		r        *supply.Result
		cellUnit []int
		rule     supply.Rule
		want     string
	}{
		{"no result", nil, []int{0, 0, 0}, supply.FloorAreaRule(30), "no result"},
		{"short assignment", r, []int{0, 0}, supply.FloorAreaRule(30), "2 cell units for 3 cells"},
		{"unit out of range", r, []int{0, 1, 0}, supply.FloorAreaRule(30), "cell 1: unit index 1"},
		{"below -1", r, []int{0, -2, 0}, supply.FloorAreaRule(30), "cell 1: unit index -2"},
		{"per zero households", r, []int{0, 0, 0}, supply.Rule{Min: 30}, "per 0 households"},
		{"NaN minimum", r, []int{0, 0, 0}, supply.Rule{PerHouseholds: 100, Min: math.NaN()}, "minimum NaN"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := supply.Aggregate(tc.r, tc.cellUnit, units, tc.rule)
			if geo.ErrorCodeOf(err) != geo.EINVALID || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want EINVALID mentioning %q", err, tc.want)
			}
		})
	}
}
