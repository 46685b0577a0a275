package health_test

import (
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/health"
	"github.com/paulmach/orb"
)

var lineOptions = engine.Options{Categories: []string{"supermarket"}}

func TestCleanDistrictHasNoErrorsNorWarnings(t *testing.T) {
	nodes, edges := lineNetwork()
	for _, computed := range []bool{false, true} {
		e := load(t, lineData(), nodes, edges, lineOptions)
		if computed {
			e = compute(t, lineData(), nodes, edges, lineOptions)
		}
		fs := check(t, e, health.Facts{})
		s := health.Summarise(fs)
		if s.Errors != 0 || s.Warnings != 0 {
			t.Errorf("computed %v: %+v, want no errors nor warnings: %+v", computed, s, fs)
		}
		if health.Exit(s, true) != 0 {
			t.Errorf("computed %v: exit %d for a clean district", computed, health.Exit(s, true))
		}
	}
}

func TestFacilityOffNetworkAndOutside(t *testing.T) {
	nodes, edges := lineNetwork()
	tests := []struct {
		name     string
		p        orb.Point
		code     health.Code
		severity health.Severity
		unit     string
		want     float64 // worked out by hand
		tol      float64
	}{
		{"800 m north of the street: off the network", north(linePoint(5), 800), health.CodeFacilityOffNetwork, health.SeverityWarning, health.UnitM, 800, 0.01},
		{"3 km north: outside the study area", north(linePoint(5), 3000), health.CodeFacilityOutsideStudyArea, health.SeverityWarning, health.UnitKm,
			(3000 - stripHalf*degLatM) / 1000, 0.001},
		{"30 km north: wrong coordinates", north(linePoint(5), 30000), health.CodeFacilityOutsideStudyArea, health.SeverityError, health.UnitKm,
			(30000 - stripHalf*degLatM) / 1000, 0.001},
		{"500 m west of the west end, outside the community but near it: nothing to say", orb.Point{104 - 5*lineDLon, lineLat}, "", "", "", 0, 0},
		{"latitude 95: no (lon, lat) pair", orb.Point{104, 95}, health.CodeFacilityOutsideStudyArea, health.SeverityError, health.UnitKm, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := lineData()
			d.Outlets = append(d.Outlets, geo.Outlet{ID: "x", Name: "试点", Category: "supermarket", Point: tc.p})
			fs := check(t, load(t, d, nodes, edges, lineOptions), health.Facts{})
			var mine []health.Finding
			for _, f := range fs {
				if f.Subject.ID == "x" {
					mine = append(mine, f)
				}
			}
			if tc.code == "" {
				if len(mine) != 0 {
					t.Fatalf("findings %+v, want none", mine)
				}
				return
			}
			if len(mine) != 1 {
				t.Fatalf("findings %+v, want one %s", mine, tc.code)
			}
			f := mine[0]
			if f.Code != tc.code || f.Severity != tc.severity || f.Unit != tc.unit || f.Subject.Kind != health.SubjectOutlet {
				t.Errorf("finding %+v, want %s %s in %s", f, tc.severity, tc.code, tc.unit)
			}
			near(t, "figure", f.Figure, tc.want, tc.tol)
		})
	}
}

// TestUnitOutsideNetwork lays communities and a compound across and beyond the east end
// of the street. The network's extent is the street's bounding box widened by the 500 m
// snap distance; shares of lon/lat rectangles of one latitude band are shares of their
// longitude spans.
func TestUnitOutsideNetwork(t *testing.T) {
	nodes, edges := lineNetwork()
	east := linePoint(lineN)[0]
	padLat := 500 / degLatM
	padLon := padLat / math.Cos((lineLat+padLat)*math.Pi/180)
	extEast := east + padLon
	w := 0.004 // rectangle width, degrees of longitude
	band := func(lon0 float64) orb.MultiPolygon { return rect(lon0, lineLat-padLat, lon0+w, lineLat+padLat) }
	far := rect(104+13.5, lineLat-0.005, 104+13.51, lineLat+0.005) // about 1 300 km east
	farCentre := orb.Point{104 + 13.505, lineLat}
	beside := rect(extEast+0.001, lineLat-0.001, extEast+0.003, lineLat+0.001)
	tests := []struct {
		name     string
		boundary orb.MultiPolygon
		compound bool
		severity health.Severity // "": no finding
		unit     string
		want     float64
		tol      float64
	}{
		{"a quarter outside: nothing to say", band(extEast - 0.75*w), false, "", "", 0, 0},
		{"three quarters outside", band(extEast - 0.25*w), false, health.SeverityWarning, health.UnitShare, 0.75, 1e-6},
		{"1 300 km away", far, false, health.SeverityError, health.UnitKm, geo.HaversineM(farCentre, linePoint(lineN)) / 1000, 0.01},
		{"a compound just beyond the extent", beside, true, health.SeverityError, health.UnitKm,
			geo.HaversineM(orb.Point{extEast + 0.002, lineLat}, linePoint(lineN)) / 1000, 0.001},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := lineData()
			id := "510104001009"
			if tc.compound {
				id = "k9"
				d.Compounds = []geo.Compound{{ID: id, Name: "远小区", CommunityCode: "510104001001", Population: 300, Polygon: tc.boundary}}
			} else {
				d.Communities = append(d.Communities, geo.Community{Code: id, Name: "远社区", Population: 300, Boundary: tc.boundary})
			}
			fs := withCode(check(t, load(t, d, nodes, edges, lineOptions), health.Facts{}), health.CodeUnitOutsideStudyArea)
			if tc.severity == "" {
				if len(fs) != 0 {
					t.Fatalf("findings %+v, want none", fs)
				}
				return
			}
			f := about(t, fs, health.CodeUnitOutsideStudyArea, id)
			if f.Severity != tc.severity || f.Unit != tc.unit {
				t.Errorf("finding %+v, want %s in %s", f, tc.severity, tc.unit)
			}
			near(t, "figure", f.Figure, tc.want, tc.tol)
		})
	}
}
