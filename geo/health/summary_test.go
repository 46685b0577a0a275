package health_test

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/health"
)

func TestExit(t *testing.T) {
	tests := []struct {
		name   string
		s      health.Summary
		strict bool
		want   int
	}{
		{"clean", health.Summary{}, false, 0},
		{"clean, strict", health.Summary{}, true, 0},
		{"infos only, strict", health.Summary{Infos: 4}, true, 0},
		{"warnings", health.Summary{Warnings: 2, Infos: 1}, false, 0},
		{"warnings, strict", health.Summary{Warnings: 2}, true, 1},
		{"errors", health.Summary{Errors: 1}, false, 2},
		{"errors and warnings, strict", health.Summary{Errors: 1, Warnings: 3}, true, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := health.Exit(tc.s, tc.strict); got != tc.want {
				t.Errorf("Exit(%+v, strict %v) = %d, want %d", tc.s, tc.strict, got, tc.want)
			}
		})
	}
}

func TestSummarise(t *testing.T) {
	fs := []health.Finding{
		{Severity: health.SeverityWarning}, {Severity: health.SeverityError}, {Severity: health.SeverityInfo},
		{Severity: health.SeverityWarning}, {Severity: "unknown"},
	}
	if got, want := health.Summarise(fs), (health.Summary{Errors: 1, Warnings: 2, Infos: 1}); got != want {
		t.Errorf("Summarise = %+v, want %+v", got, want)
	}
}

func TestSortBySeverityCodeSubject(t *testing.T) {
	f := func(sev health.Severity, code health.Code, kind, id string) health.Finding {
		return health.Finding{Severity: sev, Code: code, Subject: health.Subject{Kind: kind, ID: id}}
	}
	want := []health.Finding{
		f(health.SeverityError, health.CodeFacilityOutsideStudyArea, "outlet", "o9"),
		f(health.SeverityError, health.CodeFacilityOutsideStudyArea, "station", "s1"),
		f(health.SeverityError, health.CodeUnitOutsideStudyArea, "community", "510104001001"),
		f(health.SeverityWarning, health.CodeCommunityWithoutBoundary, "community", "510104001001"),
		f(health.SeverityWarning, health.CodeCommunityWithoutBoundary, "community", "510104001002"),
		f(health.SeverityWarning, health.CodeNetworkFragmented, "network", "walk"),
		f(health.SeverityInfo, health.CodeChecksNeedCompute, "engine", ""),
	}
	got := slices.Clone(want)
	slices.Reverse(got)
	got[0], got[3] = got[3], got[0]
	health.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("sorted:\n%+v\nwant\n%+v", got, want)
	}
}

func TestFindingJSONKeys(t *testing.T) {
	b, err := json.Marshal(health.Finding{Code: health.CodeFacilityOffNetwork, Severity: health.SeverityWarning,
		Subject: health.Subject{Kind: health.SubjectStation, ID: "s1", Name: "站"}, Figure: 812, Unit: health.UnitM,
		MessageZH: "中", MessageEN: "en"})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"code":"facility_off_network","severity":"warning","subject":{"kind":"station","id":"s1","name":"站"},"figure":812,"unit":"m","message_zh":"中","message_en":"en"}`
	if string(b) != want {
		t.Errorf("JSON\n%s\nwant\n%s", b, want)
	}
}

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		name string
		o    health.Options
		ok   bool
	}{
		{"zero: the defaults", health.Options{}, true},
		{"the defaults", health.DefaultOptions(), true},
		{"a share above 1", health.Options{MaxFragmentShare: 1.5}, false},
		{"a negative share", health.Options{SmallComponentShare: -0.1}, false},
		{"NaN density", health.Options{MaxDensity: math.NaN()}, false},
		{"infinite distance", health.Options{FacilityFarKm: math.Inf(1)}, false},
		{"error share below the warning share", health.Options{MaxUnitOutsideShare: 0.8, UnitErrorOutsideShare: 0.6}, false},
		{"far not beyond outside", health.Options{FacilityOutsideM: 5000, FacilityFarKm: 4}, false},
		{"tight but valid", health.Options{MaxFragmentShare: 1e-9, MaxDensity: 1}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.o.Validate()
			var ge *geo.Error
			switch {
			case tc.ok && err != nil:
				t.Errorf("Validate: %v, want nil", err)
			case !tc.ok && (!errors.As(err, &ge) || ge.Code != geo.EINVALID):
				t.Errorf("Validate: %v, want an EINVALID error", err)
			}
		})
	}
}

func TestCheckWithoutEngine(t *testing.T) {
	_, err := health.Check(nil, health.Facts{}, health.Options{})
	var ge *geo.Error
	if !errors.As(err, &ge) || ge.Code != geo.EINVALID {
		t.Errorf("Check(nil) = %v, want EINVALID", err)
	}
}
