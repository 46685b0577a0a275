package standards_test

import (
	"testing"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/standards"
	"github.com/lifecircle/lifecircle/internal/fixture"
)

func TestShippedRulesValidate(t *testing.T) {
	cats, err := geo.ParseCategories(data.Categories())
	if err != nil {
		t.Fatalf("ParseCategories(data.Categories()): %v", err)
	}
	if err := fixture.Standards(t).Validate(cats); err != nil {
		t.Errorf("shipped standards against shipped categories: %v", err)
	}
}

// TestShippedCircles compares the circles with GB 50180-2018 table 4.0.1 as summarised
// in STANDARDS.md.
func TestShippedCircles(t *testing.T) {
	r := fixture.Standards(t)
	if r.Nested {
		t.Errorf("nested = true; the GB 50180 circles do not nest")
	}
	cases := []struct {
		key                   string
		minutes, dist, distLo float64
		residents, dwellings  standards.Range
	}{
		{"15min", 15, 1000, 800, standards.Range{Min: 50000, Max: 100000}, standards.Range{Min: 17000, Max: 32000}},
		{"10min", 10, 500, 0, standards.Range{Min: 15000, Max: 25000}, standards.Range{Min: 5000, Max: 8000}},
		{"5min", 5, 300, 0, standards.Range{Min: 5000, Max: 12000}, standards.Range{Min: 1500, Max: 4000, Check: true}},
		{"block", 5, 0, 0, standards.Range{Min: 1000, Max: 3000}, standards.Range{Min: 300, Max: 1000}},
	}
	for _, tc := range cases {
		t.Run(tc.key, func(t *testing.T) {
			c, ok := r.Circle(tc.key)
			if !ok {
				t.Fatalf("no circle %q", tc.key)
			}
			if c.Minutes != tc.minutes || c.DistanceM != tc.dist || c.DistanceMinM != tc.distLo {
				t.Errorf("minutes %g, distance %g (from %g); want %g, %g (from %g)",
					c.Minutes, c.DistanceM, c.DistanceMinM, tc.minutes, tc.dist, tc.distLo)
			}
			if c.Residents == nil || *c.Residents != tc.residents {
				t.Errorf("residents %+v, want %+v", c.Residents, tc.residents)
			}
			if c.Dwellings == nil || *c.Dwellings != tc.dwellings {
				t.Errorf("dwellings %+v, want %+v", c.Dwellings, tc.dwellings)
			}
		})
	}
}

// TestShippedFacilities spot-checks the mapping of STANDARDS.md facilities.
func TestShippedFacilities(t *testing.T) {
	r := fixture.Standards(t)
	cases := []struct {
		circle, facility string
		category         string
		level            geo.Level
		check            bool
	}{
		{"15min", "middle_school", "middle_school", "", false},
		{"15min", "police_station", "police", "", false},
		{"15min", "street_service_centre", "", geo.LevelStreet, false},
		{"10min", "primary_school", "primary_school", "", false},
		{"10min", "bank", "bank", "", true},
		{"5min", "kindergarten", "kindergarten", "", false},
		{"5min", "community_service_station", "", geo.LevelCommunity, false},
		{"5min", "community_service_station", "", geo.LevelCompound, false},
		{"5min", "elderly_day_care", "elderly_care", "", false},
		{"5min", "parcel_point", "parcel_point", "", false},
		{"block", "convenience_store", "convenience", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.circle+"/"+tc.facility, func(t *testing.T) {
			f, ok := facility(r, tc.circle, tc.facility)
			if !ok {
				t.Fatalf("no facility %q in circle %q", tc.facility, tc.circle)
			}
			if tc.category != "" && !contains(f.Categories, tc.category) {
				t.Errorf("categories %v lack %q", f.Categories, tc.category)
			}
			if tc.level != "" && !contains(f.Levels, tc.level) {
				t.Errorf("levels %v lack %q", f.Levels, tc.level)
			}
			if f.Check != tc.check {
				t.Errorf("check = %v, want %v", f.Check, tc.check)
			}
		})
	}
}

// TestShippedRatios checks the numeric rules against STANDARDS.md.
func TestShippedRatios(t *testing.T) {
	r := fixture.Standards(t)
	cases := []struct {
		key  string
		v    float64
		want standards.Verdict
	}{
		{"service_area_per_100_households", 29.9, standards.VerdictFail},
		{"service_area_per_100_households", 30, standards.VerdictOK},
		{"households_per_worker", 300, standards.VerdictOK},
		{"households_per_worker", 301, standards.VerdictWarn},
		{"service_complex_floor_area", 599, standards.VerdictFail},
		{"service_complex_floor_area", 700, standards.VerdictWarn},
		{"service_complex_floor_area", 800, standards.VerdictOK},
		{"community_compliance_share", 0.94, standards.VerdictFail},
		{"community_compliance_share", 0.95, standards.VerdictOK},
	}
	for _, tc := range cases {
		t.Run(tc.key, func(t *testing.T) {
			q, ok := r.Ratio(tc.key)
			if !ok {
				t.Fatalf("no ratio %q", tc.key)
			}
			if got := q.Assess(tc.v); got != tc.want {
				t.Errorf("Assess(%g) = %q, want %q", tc.v, got, tc.want)
			}
		})
	}
	if q, _ := r.Ratio("service_complex_floor_area"); !q.Check {
		t.Errorf("service_complex_floor_area is marked (check) in STANDARDS.md but check = false")
	}
}

func facility(r *standards.Rules, circle, key string) (standards.Facility, bool) {
	c, ok := r.Circle(circle)
	if !ok {
		return standards.Facility{}, false
	}
	for _, f := range c.Facilities {
		if f.Key == key {
			return f, true
		}
	}
	return standards.Facility{}, false
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
