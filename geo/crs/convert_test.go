package crs_test

import (
	"math"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/paulmach/orb"
)

// goldenTolDeg is the agreement of the reference formulas with the golden table.
const goldenTolDeg = 1e-5

// TestGoldenCities converts every row of the golden table in all six directions, with
// both the direct functions and ToWGS84/FromWGS84, and compares with the table.
func TestGoldenCities(t *testing.T) {
	rows := loadCities(t)
	type pick func(r cityRow) orb.Point
	wgs := func(r cityRow) orb.Point { return r.Coords.WGS84 }
	gcj := func(r cityRow) orb.Point { return r.Coords.GCJ02 }
	bd := func(r cityRow) orb.Point { return r.Coords.BD09 }
	cases := []struct {
		name     string
		from, to pick
		conv     func(orb.Point) orb.Point
	}{
		{"WGS84ToGCJ02", wgs, gcj, crs.WGS84ToGCJ02},
		{"GCJ02ToWGS84", gcj, wgs, crs.GCJ02ToWGS84},
		{"GCJ02ToBD09", gcj, bd, crs.GCJ02ToBD09},
		{"BD09ToGCJ02", bd, gcj, crs.BD09ToGCJ02},
		{"WGS84ToBD09", wgs, bd, crs.WGS84ToBD09},
		{"BD09ToWGS84", bd, wgs, crs.BD09ToWGS84},
		{"FromWGS84(GCJ02)", wgs, gcj, func(p orb.Point) orb.Point { return crs.FromWGS84(crs.GCJ02, p) }},
		{"FromWGS84(BD09)", wgs, bd, func(p orb.Point) orb.Point { return crs.FromWGS84(crs.BD09, p) }},
		{"FromWGS84(WGS84)", wgs, wgs, func(p orb.Point) orb.Point { return crs.FromWGS84(crs.WGS84, p) }},
		{"ToWGS84(GCJ02)", gcj, wgs, func(p orb.Point) orb.Point { return crs.ToWGS84(crs.GCJ02, p) }},
		{"ToWGS84(BD09)", bd, wgs, func(p orb.Point) orb.Point { return crs.ToWGS84(crs.BD09, p) }},
		{"ToWGS84(WGS84)", wgs, wgs, func(p orb.Point) orb.Point { return crs.ToWGS84(crs.WGS84, p) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			worst := 0.0
			for i, r := range rows {
				got, want := tc.conv(tc.from(r)), tc.to(r)
				d := math.Max(math.Abs(got[0]-want[0]), math.Abs(got[1]-want[1]))
				worst = math.Max(worst, d)
				if d > goldenTolDeg {
					t.Errorf("row %d (%s %s): got %v, want %v (off by %.2g°)",
						i+1, r.Attrs.Province, r.Attrs.Name, got, want, d)
				}
			}
			t.Logf("%d rows, worst difference %.2g°", len(rows), worst)
		})
	}
}

// chinaGrid returns (lon, lat) WGS84 points every step degrees over China's extent.
func chinaGrid(step float64) []orb.Point {
	var pts []orb.Point
	for lon := 73.5; lon <= 135.0; lon += step {
		for lat := 18.0; lat <= 53.5; lat += step {
			pts = append(pts, orb.Point{lon, lat})
		}
	}
	return pts
}

// TestRoundTrip checks that converting away from WGS84 and back returns within 0.5 m,
// measured on the ground, over a grid covering China.
func TestRoundTrip(t *testing.T) {
	const maxErrM = 0.5
	step := 0.25
	if testing.Short() {
		step = 1
	}
	grid := chinaGrid(step)
	cases := []struct {
		name      string
		out, back func(orb.Point) orb.Point
	}{
		{"WGS84-GCJ02-WGS84", crs.WGS84ToGCJ02, crs.GCJ02ToWGS84},
		{"WGS84-BD09-WGS84", crs.WGS84ToBD09, crs.BD09ToWGS84},
		{"GCJ02-BD09-GCJ02", crs.GCJ02ToBD09, crs.BD09ToGCJ02},
		{"GCJ02-WGS84-GCJ02", crs.GCJ02ToWGS84, crs.WGS84ToGCJ02},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			worst := 0.0
			for _, p := range grid {
				q := tc.out(p)
				if geo.HaversineM(p, q) < 1 {
					t.Fatalf("%v: conversion moved the point only %.3f m; expected an offset", p, geo.HaversineM(p, q))
				}
				d := geo.HaversineM(p, tc.back(q))
				worst = math.Max(worst, d)
				if d >= maxErrM {
					t.Errorf("%v: round trip off by %.3f m", p, d)
				}
			}
			t.Logf("%d points, worst round trip %.2g m", len(grid), worst)
		})
	}
}

// TestOutsideChina checks that the GCJ step leaves points outside the box unchanged,
// while BD-09's own offset still applies.
func TestOutsideChina(t *testing.T) {
	cases := []struct {
		name string
		p    orb.Point
	}{
		{"London", orb.Point{-0.1276, 51.5072}},
		{"New York", orb.Point{-74.006, 40.7128}},
		{"Sydney", orb.Point{151.2093, -33.8688}},
		{"Tokyo", orb.Point{139.6917, 35.6895}},
		{"Singapore", orb.Point{103.8198, 0.3521}},
		{"Moscow", orb.Point{37.6173, 55.7558}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !crs.OutOfChina(tc.p) {
				t.Fatalf("OutOfChina(%v) = false", tc.p)
			}
			for name, f := range map[string]func(orb.Point) orb.Point{
				"WGS84ToGCJ02": crs.WGS84ToGCJ02, "GCJ02ToWGS84": crs.GCJ02ToWGS84,
			} {
				if got := f(tc.p); got != tc.p {
					t.Errorf("%s(%v) = %v, want unchanged", name, tc.p, got)
				}
			}
			// BD-09 adds roughly (0.0065°, 0.006°) everywhere.
			bd := crs.WGS84ToBD09(tc.p)
			if d := bd[0] - tc.p[0]; d < 0.005 || d > 0.008 {
				t.Errorf("WGS84ToBD09(%v) = %v: lon offset %.5f°, want ≈ 0.0065°", tc.p, bd, d)
			}
			if d := bd[1] - tc.p[1]; d < 0.005 || d > 0.007 {
				t.Errorf("WGS84ToBD09(%v) = %v: lat offset %.5f°, want ≈ 0.006°", tc.p, bd, d)
			}
			if back := crs.BD09ToWGS84(bd); geo.HaversineM(back, tc.p) > 0.5 {
				t.Errorf("BD09ToWGS84(WGS84ToBD09(%v)) = %v, off by %.2f m", tc.p, back, geo.HaversineM(back, tc.p))
			}
		})
	}
}

// TestOutOfChina checks the published box's edges (72.004–137.8347 E, 0.8293–55.8271 N).
func TestOutOfChina(t *testing.T) {
	cases := []struct {
		name string
		p    orb.Point
		want bool
	}{
		{"Beijing", orb.Point{116.3975, 39.9087}, false},
		{"Urumqi", orb.Point{87.6168, 43.8256}, false},
		{"Sanya", orb.Point{109.5119, 18.2528}, false},
		{"west of box", orb.Point{72.003, 30}, true},
		{"just inside west edge", orb.Point{72.005, 30}, false},
		{"east of box", orb.Point{137.835, 30}, true},
		{"south of box", orb.Point{110, 0.829}, true},
		{"north of box", orb.Point{120, 55.828}, true},
		{"just inside north edge", orb.Point{120, 55.827}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := crs.OutOfChina(tc.p); got != tc.want {
				t.Errorf("OutOfChina(%v) = %v, want %v", tc.p, got, tc.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	cases := []struct {
		in   string
		want crs.System
	}{
		{"", crs.WGS84},
		{"wgs84", crs.WGS84},
		{"WGS84", crs.WGS84},
		{"EPSG:4326", crs.WGS84},
		{"4326", crs.WGS84},
		{" wgs84 ", crs.WGS84},
		{"gcj02", crs.GCJ02},
		{"GCJ-02", crs.GCJ02},
		{"amap", crs.GCJ02},
		{"Gaode", crs.GCJ02},
		{"tencent", crs.GCJ02},
		{"bd09", crs.BD09},
		{"BD-09", crs.BD09},
		{"Baidu", crs.BD09},
	}
	for _, tc := range cases {
		t.Run("accept "+tc.in, func(t *testing.T) {
			got, err := crs.Parse(tc.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.in, err)
			}
			if got != tc.want || !got.Valid() {
				t.Errorf("Parse(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	checkRejected(t, "Parse", crs.Parse, []string{"utm", "epsg:3857", "bd09mc", "gcj", "wgs 84", "百度"},
		[]string{"wgs84", "gcj02", "bd09", "baidu", "amap"})
}

func TestSystemValid(t *testing.T) {
	cases := []struct {
		sys  crs.System
		want bool
	}{
		{crs.WGS84, true}, {crs.GCJ02, true}, {crs.BD09, true}, {"", false}, {"baidu", false},
	}
	for _, tc := range cases {
		t.Run(string(tc.sys), func(t *testing.T) {
			if got := tc.sys.Valid(); got != tc.want {
				t.Errorf("System(%q).Valid() = %v, want %v", tc.sys, got, tc.want)
			}
		})
	}
}
