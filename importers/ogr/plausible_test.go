package ogr_test

import (
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers/ogr"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/paulmach/orb"
)

// withPROJ has ogr.CheckExtent ask PROJ what the importers ask it: the stated CRS's reading
// of the extent when projected and known to PROJ, and the candidates' readings of its
// centre; it returns crs.Plausible's verdict on the result.
func withPROJ(tb testing.TB, c crs.ExtentCheck) error {
	tb.Helper()
	testenv.RequireGDAL(tb)
	srs := ""
	if !c.Geographic && c.WGS84.IsZero() && c.Stated.EPSG != 0 && c.Stated.EPSG < 1000000 {
		srs = c.Stated.String()
	}
	_, err := ogr.CheckExtent(tb.Context(), c, srs)
	return err
}

// The points below are central Chengdu, (104.0657, 30.6595) WGS 84 / CGCS2000, projected
// by gdaltransform (PROJ): EPSG:4544 (410452.97, 3393596.59), EPSG:4523 (35410452.97,
// 3393596.59), EPSG:3857 (11584540.73, 3588607.24).
var (
	chengduDeg  = box(104.0, 30.6, 104.13, 30.72)
	chengdu4544 = box(405000, 3388000, 416000, 3399000)
	chengdu4523 = box(35405000, 3388000, 35416000, 3399000)
	chengdu3857 = box(11580000, 3584000, 11589000, 3593000)
	near        = &orb.Point{104.07, 30.66}
)

func box(x0, y0, x1, y1 float64) orb.Bound {
	return orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x1, y1}}
}

func TestPlausibleAccepts(t *testing.T) {
	cases := []struct {
		name string
		c    crs.ExtentCheck
	}{
		{"WGS 84 degrees", crs.ExtentCheck{Stated: crs.RefWGS84, Geographic: true, Extent: chengduDeg}},
		{"GCJ-02 degrees", crs.ExtentCheck{Stated: crs.Ref{Offset: crs.GCJ02}, Geographic: true, Extent: chengduDeg}},
		{"Gauss-Kruger metres", crs.ExtentCheck{Stated: crs.EPSG(4544), Extent: chengdu4544}},
		{"zone-numbered metres", crs.ExtentCheck{Stated: crs.EPSG(4523), Extent: chengdu4523}},
		{"Web Mercator", crs.ExtentCheck{Stated: crs.EPSG(3857), Extent: chengdu3857}},
		{"one stray record at (0, 0)", crs.ExtentCheck{Stated: crs.RefWGS84, Geographic: true, Extent: box(0, 0, 104.1, 30.7)}},
		{"unknown projection, PROJ's reading in China", crs.ExtentCheck{Stated: crs.EPSG(2000000), Extent: chengdu4544, WGS84: chengduDeg}},
		{"unknown projection, no reading", crs.ExtentCheck{Stated: crs.EPSG(2000000), Extent: chengdu4544}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := withPROJ(t, tc.c); err != nil {
				t.Errorf("CheckExtent: %v", err)
			}
		})
	}
}

func TestPlausibleRejects(t *testing.T) {
	cases := []struct {
		name     string
		c        crs.ExtentCheck
		mentions []string
	}{
		{"metres given as degrees, zone known from the district",
			crs.ExtentCheck{Stated: crs.RefWGS84, Geographic: true, Extent: chengdu4544, Near: near},
			[]string{"cannot be in EPSG:4326", "(410500.0, 3393500.0) — not degrees", "read as EPSG:4544 (CGCS2000 / 3-degree Gauss-Kruger CM 105E)", "(104.06", "30.65", "give --crs EPSG:4544", "EPSG:32648"}},
		{"metres given as degrees, zone unknown",
			crs.ExtentCheck{Stated: crs.RefWGS84, Geographic: true, Extent: chengdu4544},
			[]string{"not degrees", "transverse Mercator", "90 km west", "30.66°N", "EPSG:4544 for 105°E"}},
		{"zone-numbered metres given as degrees",
			crs.ExtentCheck{Stated: crs.Ref{Offset: crs.GCJ02}, Geographic: true, Extent: chengdu4523},
			[]string{"cannot be in gcj02", "3° zone number 35", "give --crs EPSG:4523"}},
		{"Web Mercator given as degrees",
			crs.ExtentCheck{Stated: crs.RefWGS84, Geographic: true, Extent: chengdu3857},
			[]string{"not degrees", "give --crs EPSG:3857", "(104.06"}},
		{"degrees given with a projected CRS",
			crs.ExtentCheck{Stated: crs.EPSG(4544), Extent: chengduDeg},
			[]string{"cannot be in EPSG:4544", "look like degrees, not metres", "read as EPSG:4326 (WGS 84) (or gcj02 / bd09", "(104.06500, 30.66000)", "give --crs EPSG:4326"}},
		{"latitude and longitude swapped",
			crs.ExtentCheck{Stated: crs.RefWGS84, Geographic: true, Extent: box(30.6, 104.0, 30.72, 104.13)},
			[]string{"not degrees", "(latitude, longitude) order", "(104.06500, 30.66000)"}},
		{"a projection that puts Chengdu in Europe",
			crs.ExtentCheck{Stated: crs.EPSG(32633), Extent: chengdu4544, Near: near},
			[]string{"EPSG:32633 (WGS 84 / UTM zone 33N)", "(14.0", "outside China", "give --crs EPSG:4544"}},
		{"PROJ's reading outside China",
			crs.ExtentCheck{Stated: crs.EPSG(2000000), Name: "Local grid", Extent: chengdu4544, WGS84: box(-3, 50, -2.9, 50.1)},
			[]string{"cannot be in Local grid", "(-2.95000, 50.05000) — outside China"}},
		{"degrees outside China",
			crs.ExtentCheck{Stated: crs.RefWGS84, Geographic: true, Extent: box(13.3, 52.4, 13.5, 52.6)},
			[]string{"outside China", "no coordinate system this program knows puts them in China"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := withPROJ(t, tc.c)
			if err == nil {
				t.Fatal("Plausible accepted the extent")
			}
			if geo.ErrorCodeOf(err) != geo.EINVALID {
				t.Errorf("code %q", geo.ErrorCodeOf(err))
			}
			for _, w := range tc.mentions {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not mention %q", err, w)
				}
			}
		})
	}
}
