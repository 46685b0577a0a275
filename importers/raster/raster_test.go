package raster_test

import (
	"context"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/raster"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/uber/h3-go/v4"
)

func TestTotalPreserved(t *testing.T) {
	testenv.RequireGDAL(t)
	vals := values(30, 20, func(c, r int) float64 {
		if (c+r)%11 == 0 {
			return math.NaN()
		}
		return float64((c*7+r*3)%13) * 1.5
	})
	cases := []struct {
		name string
		g    grid
		res  int
	}{
		{"Float32 lon/lat, nodata -9999, res 9", grid{values: vals, xll: 104.05, yll: 30.62, dx: 0.001, srs: "EPSG:4326", typ: "Float32", nodata: -9999}, 9},
		{"Float32 lon/lat, NaN nodata, res 10", grid{values: vals, xll: 104.05, yll: 30.62, dx: 0.001, srs: "EPSG:4326", typ: "Float32", nodata: math.NaN()}, 10},
		{"Int16 UTM 48N, nodata -32768, res 10", grid{values: intValues(vals), xll: 405000, yll: 3390000, dx: 100, srs: "EPSG:32648", typ: "Int16", nodata: -32768}, 10},
		{"Int32 CGCS2000 Gauss-Krüger, res 8", grid{values: intValues(vals), xll: 405000, yll: 3390000, dx: 100, srs: "EPSG:4544", typ: "Int32", nodata: -1}, 8},
		{"Float64 1 km pixels, res 10", grid{values: vals, xll: 104.0, yll: 30.5, dx: 0.0083333333, srs: "EPSG:4326", typ: "Float64", nodata: -9999}, 10},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.g.write(t, t.TempDir(), "pop")
			res, err := raster.Aggregate(t.Context(), []string{path}, raster.Options{Resolution: tc.res})
			if err != nil {
				t.Fatal(err)
			}
			want, got := tc.g.total(), sum(res.Cells)
			if math.Abs(got-want) > 1e-9*want || math.Abs(res.Total-want) > 1e-9*want {
				t.Errorf("cells sum to %.6f, summary says %.6f, the raster holds %.6f", got, res.Total, want)
			}
			f := res.Files[0]
			nan := 0
			for _, row := range tc.g.values {
				for _, v := range row {
					if math.IsNaN(v) {
						nan++
					}
				}
			}
			if f.Pixels != 600 || f.NoDataPixels != int64(nan) || f.Zero == 0 {
				t.Errorf("pixels %d, nodata %d, zero %d; want 600, %d, >0", f.Pixels, f.NoDataPixels, f.Zero, nan)
			}
			for c := range res.Cells {
				if c.Resolution() != tc.res {
					t.Fatalf("cell %s at resolution %d", c, c.Resolution())
				}
			}
		})
	}
}

func intValues(v [][]float64) [][]float64 {
	out := make([][]float64, len(v))
	for r, row := range v {
		out[r] = make([]float64, len(row))
		for c, x := range row {
			out[r][c] = math.Round(x)
		}
	}
	return out
}

// sampleSplit divides v over the cells by sampling the lon/lat box on an n×n grid of
// sub-cell centres: an estimate of the area split independent of the clipping code.
func sampleSplit(lon0, lat0, d float64, n, res int, v float64) map[h3.Cell]float64 {
	out := map[h3.Cell]float64{}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			ll := h3.LatLng{Lat: lat0 + (float64(j)+0.5)*d/float64(n), Lng: lon0 + (float64(i)+0.5)*d/float64(n)}
			out[h3.LatLngToCell(ll, res)] += v / float64(n*n)
		}
	}
	return out
}

// TestAreaSplit puts 1000 people in one pixel and checks how they are shared: by the
// pixel's area in each cell (estimated by sampling 400×400 points), not all to the cell of
// its centre; and whole to the cell when the pixel lies inside one.
func TestAreaSplit(t *testing.T) {
	testenv.RequireGDAL(t)
	const v = 1000.0
	centre := h3.CellToLatLng(h3.LatLngToCell(h3.LatLng{Lat: 30.66, Lng: 104.07}, 8))
	cases := []struct {
		name           string
		lon, lat, size float64
		res            int
	}{
		{"pixel across cell edges", 104.0701, 30.6602, 0.002, 9},
		{"pixel larger than the cells", 104.0701, 30.6602, 0.004, 11},
		{"pixel inside one cell", centre.Lng - 0.0005, centre.Lat - 0.0005, 0.001, 8},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := grid{values: values(3, 3, func(c, r int) float64 {
				if c == 1 && r == 1 {
					return v
				}
				return 0
			}), xll: tc.lon - tc.size, yll: tc.lat - tc.size, dx: tc.size, srs: "EPSG:4326", typ: "Float64", nodata: -9999}
			res, err := raster.Aggregate(t.Context(), []string{g.write(t, t.TempDir(), "one")}, raster.Options{Resolution: tc.res})
			if err != nil {
				t.Fatal(err)
			}
			want := sampleSplit(tc.lon, tc.lat, tc.size, 400, tc.res, v)
			for c, w := range want {
				if got := res.Cells[c]; math.Abs(got-w) > 0.005*v {
					t.Errorf("cell %s: %.2f people, the pixel's area share gives %.2f", c, got, w)
				}
			}
			for c, got := range res.Cells {
				if _, ok := want[c]; !ok && got > 0.005*v {
					t.Errorf("cell %s: %.2f people, but the pixel does not reach it", c, got)
				}
			}
			if len(want) == 1 {
				for c, w := range want {
					if math.Abs(res.Cells[c]-v) > 1e-9 || math.Abs(w-v) > 1e-6 || len(res.Cells) != 1 {
						t.Errorf("one cell should hold all %v people: %v", w, res.Cells)
					}
				}
			} else if len(want) < 3 {
				t.Fatalf("the pixel meets only %d cells: the case does not test a split", len(want))
			}
		})
	}
}

// TestProjectedPlace checks where the people of a UTM raster land: their cells'
// population-weighted centre is within 20 m of the raster's centre as gdaltransform
// (PROJ) reads it.
func TestProjectedPlace(t *testing.T) {
	testenv.RequireGDAL(t)
	g := grid{values: values(20, 20, func(c, r int) float64 { return 10 }), xll: 405000, yll: 3390000, dx: 100, srs: "EPSG:32648", typ: "Int16", nodata: -32768}
	res, err := raster.Aggregate(t.Context(), []string{g.write(t, t.TempDir(), "utm")}, raster.Options{Resolution: 11})
	if err != nil {
		t.Fatal(err)
	}
	lon, lat := projWGS84(t, "EPSG:32648", 406000, 3391000)
	var wx, wy, w float64
	for c, p := range res.Cells {
		ll := h3.CellToLatLng(c)
		wx, wy, w = wx+ll.Lng*p, wy+ll.Lat*p, w+p
	}
	dx := (wx/w - lon) * 111320 * math.Cos(lat*math.Pi/180)
	dy := (wy/w - lat) * 110574
	if d := math.Hypot(dx, dy); d > 20 || math.Abs(w-4000) > 1e-6 {
		t.Errorf("people centred %.1f m from the raster's centre (%.5f, %.5f), total %.3f", d, lon, lat, w)
	}
}

func TestSumOfRasters(t *testing.T) {
	testenv.RequireGDAL(t)
	dir := t.TempDir()
	a := grid{values: values(10, 10, func(c, r int) float64 { return float64(c + r) }), xll: 104.05, yll: 30.62, dx: 0.001, srs: "EPSG:4326", typ: "Float32", nodata: -9999}
	b := grid{values: values(10, 10, func(c, r int) float64 { return 2 }), xll: 104.053, yll: 30.621, dx: 0.001, srs: "EPSG:4326", typ: "Float32", nodata: -9999}
	pa, pb := a.write(t, dir, "a"), b.write(t, dir, "b")
	both, err := raster.Aggregate(t.Context(), []string{pa, pb}, raster.Options{Resolution: 10})
	if err != nil {
		t.Fatal(err)
	}
	ra, err := raster.Aggregate(t.Context(), []string{pa}, raster.Options{Resolution: 10})
	if err != nil {
		t.Fatal(err)
	}
	rb, err := raster.Aggregate(t.Context(), []string{pb}, raster.Options{Resolution: 10})
	if err != nil {
		t.Fatal(err)
	}
	for c, v := range both.Cells {
		if w := ra.Cells[c] + rb.Cells[c]; math.Abs(v-w) > 1e-9 {
			t.Errorf("cell %s: %.6f summed, %.6f + %.6f apart", c, v, ra.Cells[c], rb.Cells[c])
		}
	}
	if want := a.total() + b.total(); math.Abs(both.Total-want) > 1e-9 || len(both.Files) != 2 {
		t.Errorf("total %.3f of %d files, want %.3f of 2", both.Total, len(both.Files), want)
	}
}

func TestRasterErrors(t *testing.T) {
	testenv.RequireGDAL(t)
	dir := t.TempDir()
	ok := grid{values: values(2, 2, func(c, r int) float64 { return 1 }), xll: 104, yll: 30.6, dx: 0.001, srs: "EPSG:4326", typ: "Float32", nodata: -9999}.write(t, dir, "ok")
	noCRS := grid{values: values(2, 2, func(c, r int) float64 { return 1 }), xll: 104, yll: 30.6, dx: 0.001, typ: "Float32", nodata: -9999}.write(t, dir, "nocrs")
	offEarth := grid{values: values(2, 2, func(c, r int) float64 { return 1 }), xll: 410000, yll: 3390000, dx: 100, srs: "EPSG:4326", typ: "Float32", nodata: -9999}.write(t, dir, "metres")
	text := writeText(t, dir, "notes.tif", "not a raster")
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	cases := []struct {
		name  string
		ctx   context.Context
		paths []string
		res   int
		code  geo.ErrorCode
		wants []string
	}{
		{"no CRS", t.Context(), []string{ok, noCRS}, 10, geo.EINVALID, []string{"nocrs.tif", "states no coordinate system", "-a_srs"}},
		{"not a raster", t.Context(), []string{text}, 10, geo.EINVALID, []string{"notes.tif: GDAL cannot read it"}},
		{"metres read as degrees", t.Context(), []string{offEarth}, 10, geo.EINVALID, []string{"metres.tif", "not a place on Earth"}},
		{"missing file", t.Context(), []string{filepath.Join(dir, "gone.tif")}, 10, geo.EINVALID, []string{"gone.tif"}},
		{"resolution", t.Context(), []string{ok}, 16, geo.EINVALID, []string{"resolution 16"}},
		{"no file", t.Context(), nil, 10, geo.EINVALID, []string{"no population raster"}},
		{"cancelled", cancelled, []string{ok}, 10, geo.EUNAVAILABLE, []string{"cancelled"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := raster.Aggregate(tc.ctx, tc.paths, raster.Options{Resolution: tc.res})
			if err == nil {
				t.Fatal("no error")
			}
			if geo.ErrorCodeOf(err) != tc.code {
				t.Errorf("code %q, want %q: %v", geo.ErrorCodeOf(err), tc.code, err)
			}
			for _, w := range tc.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestNegativeCountsWarned(t *testing.T) {
	testenv.RequireGDAL(t)
	g := grid{values: values(3, 1, func(c, r int) float64 { return float64(c) - 1 }), xll: 104, yll: 30.6, dx: 0.001, srs: "EPSG:4326", typ: "Float32", nodata: -9999}
	res, err := raster.Aggregate(t.Context(), []string{g.write(t, t.TempDir(), "neg")}, raster.Options{Resolution: 10})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files[0].Negative != 1 || res.Total != 1 || !strings.Contains(strings.Join(res.Warnings, "\n"), "1 pixels hold negative counts") {
		t.Errorf("negative %d, total %v, warnings %q", res.Files[0].Negative, res.Total, res.Warnings)
	}
}
