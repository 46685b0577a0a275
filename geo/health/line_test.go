package health_test

import (
	"math"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/health"
	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/lifecircle/lifecircle/internal/fixture"
	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

var lineOptions = engine.Options{Categories: []string{"supermarket"}}

func TestCleanDistrictHasNoErrorsNorWarnings(t *testing.T) {
	nodes, edges := lineNetwork()
	for _, computed := range []bool{false, true} {
		e := load(t, lineData(), nodes, edges, lineOptions)
		if computed {
			e = fixture.Compute(t, lineData(), nodes, edges, lineOptions)
		}
		fs := check(t, e, health.Facts{})
		s := health.Summarise(fs)
		if s.Errors != 0 || s.Warnings != 0 {
			t.Errorf("computed %v: %+v, want no errors nor warnings: %+v", computed, s, fs)
		}
		need := withCode(fs, health.CodeChecksNeedCompute)
		if computed && len(need) != 0 || !computed && (len(need) != 1 || need[0].Severity != health.SeverityInfo) {
			t.Errorf("computed %v: checks_need_compute findings %+v", computed, need)
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
		{"800 m north of the street: off the network", fixture.MetresNorth(linePoint(5), 800), health.CodeFacilityOffNetwork, health.SeverityWarning, health.UnitM, 800, 0.01},
		{"3 km north: outside the study area", fixture.MetresNorth(linePoint(5), 3000), health.CodeFacilityOutsideStudyArea, health.SeverityWarning, health.UnitKm,
			(3000 - stripHalf*degLatM) / 1000, 0.001},
		{"30 km north: wrong coordinates", fixture.MetresNorth(linePoint(5), 30000), health.CodeFacilityOutsideStudyArea, health.SeverityError, health.UnitKm,
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

func TestPopulationDensityOutlier(t *testing.T) {
	nodes, edges := lineNetwork()
	// a hand-made community that is exactly one H3 cell (its hexagon), 50 m north of the
	// street, holding 5 000 residents: all of them fall in that cell
	cell := h3.LatLngToCell(h3.NewLatLng(fixture.MetresNorth(linePoint(5), 50)[1], linePoint(5)[0]), 10)
	var ring orb.Ring
	for _, v := range h3.CellToBoundary(cell) {
		ring = append(ring, orb.Point{v.Lng, v.Lat})
	}
	ring = append(ring, ring[0])
	d := lineData()
	dense := geo.Community{Code: "510104001002", Name: "密集社区", StreetCode: "510104001", Population: 5000, Boundary: orb.MultiPolygon{{ring}}}
	d.Communities = append([]geo.Community{dense}, d.Communities...)
	fs := check(t, fixture.Compute(t, d, nodes, edges, lineOptions), health.Facts{})
	f := about(t, fs, health.CodePopulationDensityOutlier, cell.String())
	want := 5000 / (h3.CellAreaM2(cell) / 1e6)
	near(t, "density", f.Figure, want, 1e-6*want)
	if f.Count != 1 || f.Unit != health.UnitResidentsKm2 || f.Severity != health.SeverityWarning || f.Subject.Name != "510104001002 密集社区" {
		t.Errorf("finding %+v", f)
	}
	if n := len(withCode(fs, health.CodePopulationDensityOutlier)); n != 1 {
		t.Errorf("%d density outliers, want only the dense community's (the strip holds about 11 000 per km²)", n)
	}
}

func TestPopulationMissing(t *testing.T) {
	nodes, edges := lineNetwork()
	d := lineData()
	// a second community over the east half of the street, with no count at all
	lon0, lon1 := linePoint(10)[0], linePoint(lineN)[0]
	lat0, lat1 := lineLat+stripHalf, lineLat+2*stripHalf
	d.Communities = append(d.Communities, geo.Community{Code: "510104001003", Name: "无人口社区", Boundary: fixture.Rect(lon0, lat0, lon1, lat1)})
	d.Compounds = []geo.Compound{
		{ID: "k1", Name: "有户数小区", CommunityCode: "510104001001", Households: 120, Polygon: fixture.Rect(lon0, lat0, lon1, lat1)},
		{ID: "k2", Name: "空小区", CommunityCode: "510104001003", Polygon: fixture.Rect(lon0, lat0, lon1, lat1)},
	}
	fs := check(t, load(t, d, nodes, edges, lineOptions), health.Facts{})
	f := about(t, fs, health.CodePopulationMissing, "510104001003")
	near(t, "area km²", f.Figure, rectAreaKm2(lon0, lat0, lon1, lat1), 1e-9)
	if f.Severity != health.SeverityWarning || f.Unit != health.UnitKm2 {
		t.Errorf("finding %+v", f)
	}
	k := about(t, fs, health.CodePopulationMissing, "k2")
	if k.Severity != health.SeverityInfo || k.Subject.Kind != health.SubjectCompound {
		t.Errorf("compound finding %+v", k)
	}
	if n := len(withCode(fs, health.CodePopulationMissing)); n != 2 {
		t.Errorf("%d population_missing findings, want 2 (community 510104001003, compound k2): %+v", n, fs)
	}
	// with a population grid the units' own counts are not used: nothing to report
	d.Grid = map[string]float64{h3.LatLngToCell(h3.NewLatLng(lineLat, 104.01), 10).String(): 100}
	if got := withCode(check(t, load(t, d, nodes, edges, lineOptions), health.Facts{}), health.CodePopulationMissing); len(got) != 0 {
		t.Errorf("with a grid: %+v, want none", got)
	}
}

// TestSearchBoundReached puts the only station at the west end and stops the searches at
// 5 minutes (333 m at 4 km/h): the cells farther east are not reached. The count is
// checked against the walk times worked out by hand: the access leg straight south or
// north to the street, then along it.
func TestSearchBoundReached(t *testing.T) {
	nodes, edges := lineNetwork()
	d := lineData()
	opts := engine.Options{Categories: []string{"supermarket"}, MaxMinutes: 5, ThresholdsMin: []float64{5}}
	e := fixture.Compute(t, d, nodes, edges, opts)
	fs := check(t, e, health.Facts{})
	f := about(t, fs, health.CodeSearchBoundReached, "level:any")
	speed := 4000.0 / 3600
	surely, maybe := 0, 0 // cells beyond 5 min by more than a second, and by any margin
	kx := local.MetresPerDegreeLon(lineLat)
	for _, c := range e.Cells {
		access := math.Abs(c.Center[1]-lineLat) * degLatM
		along := math.Max(0, c.Center[0]-104) * kx
		if c.Center[0] < 104 {
			access = geo.HaversineM(c.Center, linePoint(0))
		}
		sec := (access + along) / speed
		if sec > 301 {
			surely++
		}
		if sec > 299 {
			maybe++
		}
	}
	if f.Count < surely || f.Count > maybe {
		t.Errorf("%d cells not reached, want %d–%d", f.Count, surely, maybe)
	}
	near(t, "share", f.Figure, float64(f.Count)/float64(len(e.Cells)), 1e-12)
	if f.Severity != health.SeverityWarning || f.Unit != health.UnitShare {
		t.Errorf("finding %+v", f)
	}
	// the community level is the same station; the other levels have no station and the
	// supermarket set is told apart
	about(t, fs, health.CodeSearchBoundReached, "level:community")
	about(t, fs, health.CodeSearchBoundReached, "category:supermarket")
	if n := len(withCode(fs, health.CodeSearchBoundReached)); n != 3 {
		t.Errorf("%d search_bound_reached findings, want 3 (sets without facilities are not reported)", n)
	}
}

func TestStaleDerivedRows(t *testing.T) {
	nodes, edges := lineNetwork()
	facts := health.Facts{Stale: []health.StaleRows{{Kind: "street", Count: 3}, {Kind: "neighbourhood", Count: 0}}}
	fs := check(t, load(t, lineData(), nodes, edges, lineOptions), facts)
	f := about(t, fs, health.CodeStaleDerivedRows, "street")
	if f.Figure != 3 || f.Count != 3 || f.Unit != health.UnitRows || f.Severity != health.SeverityWarning {
		t.Errorf("finding %+v", f)
	}
	if n := len(withCode(fs, health.CodeStaleDerivedRows)); n != 1 {
		t.Errorf("%d stale findings, want 1 (none for a count of 0)", n)
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
	padLon := 500 / local.MetresPerDegreeLon(lineLat+padLat)
	extEast := east + padLon
	w := 0.004 // rectangle width, degrees of longitude
	band := func(lon0 float64) orb.MultiPolygon { return fixture.Rect(lon0, lineLat-padLat, lon0+w, lineLat+padLat) }
	far := fixture.Rect(104+13.5, lineLat-0.005, 104+13.51, lineLat+0.005) // about 1 300 km east
	farCentre := orb.Point{104 + 13.505, lineLat}
	beside := fixture.Rect(extEast+0.001, lineLat-0.001, extEast+0.003, lineLat+0.001)
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

func TestIllustrativeData(t *testing.T) {
	nodes, edges := lineNetwork()
	tests := []struct {
		name              string
		stations, derived int // how many of lineData's stations and communities to mark
		want              bool
	}{
		{"planner's data: nothing to say", 0, 0, false},
		{"illustrative stations", 1, 0, true},
		{"derived communities", 0, 1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := lineData()
			for i := range min(tc.stations, len(d.Stations)) {
				d.Stations[i].Source = geo.SourceIllustrative
			}
			for i := range min(tc.derived, len(d.Communities)) {
				d.Communities[i].Source = geo.SourceDerived
			}
			fs := withCode(check(t, load(t, d, nodes, edges, lineOptions), health.Facts{}), health.CodeIllustrativeData)
			if !tc.want {
				if len(fs) != 0 {
					t.Fatalf("findings %+v, want none", fs)
				}
				return
			}
			if len(fs) != 1 {
				t.Fatalf("%d illustrative_data findings, want 1", len(fs))
			}
			f := fs[0]
			if f.Severity != health.SeverityInfo || f.Figure != float64(tc.stations) || f.Count != tc.stations+tc.derived {
				t.Errorf("finding %+v, want info with figure %d and count %d", f, tc.stations, tc.stations+tc.derived)
			}
			if !strings.Contains(f.MessageZH, "示例数据") || !strings.Contains(f.MessageEN, "Illustrative") {
				t.Errorf("messages %q / %q do not say illustrative", f.MessageZH, f.MessageEN)
			}
		})
	}
}
