package raster_test

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/uber/h3-go/v4"
)

// grid is a raster to write: values row by row from the top, the lower-left corner and
// the cell size in the CRS's units.
type grid struct {
	values       [][]float64
	xll, yll, dx float64
	srs, typ     string  // e.g. "EPSG:4326", "Float32"; srs "" writes no CRS
	nodata       float64 // written for NaN values
}

// write makes a GeoTIFF through an ESRI ASCII grid and gdal_translate, and returns its path.
func (g grid) write(tb testing.TB, dir, name string) string {
	tb.Helper()
	var sb strings.Builder
	nd := g.nodata
	if math.IsNaN(nd) {
		nd = -9999
	}
	fmt.Fprintf(&sb, "ncols %d\nnrows %d\nxllcorner %.10f\nyllcorner %.10f\ncellsize %.10f\nNODATA_value %g\n",
		len(g.values[0]), len(g.values), g.xll, g.yll, g.dx, nd)
	for _, row := range g.values {
		for i, v := range row {
			if i > 0 {
				sb.WriteByte(' ')
			}
			if math.IsNaN(v) {
				v = nd
			}
			sb.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		}
		sb.WriteByte('\n')
	}
	asc := filepath.Join(dir, name+".asc")
	if err := os.WriteFile(asc, []byte(sb.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	tif := filepath.Join(dir, name+".tif")
	args := []string{"-q", "-ot", g.typ}
	if g.srs != "" {
		args = append(args, "-a_srs", g.srs)
	}
	tool := "gdal_translate"
	if math.IsNaN(g.nodata) { // NaN as nodata: gdalwarp on the same grid rewrites the -9999 pixels
		tool, args = "gdalwarp", []string{"-q", "-ot", g.typ, "-s_srs", g.srs, "-srcnodata", "-9999", "-dstnodata", "nan"}
	}
	out, err := exec.Command(tool, append(args, asc, tif)...).CombinedOutput()
	if err != nil {
		tb.Fatalf("%s: %v\n%s", tool, err, out)
	}
	return tif
}

// total is the sum of the grid's counts, nodata (NaN) and negatives left out.
func (g grid) total() float64 {
	t := 0.0
	for _, row := range g.values {
		for _, v := range row {
			if !math.IsNaN(v) && v > 0 {
				t += v
			}
		}
	}
	return t
}

func sum(cells map[h3.Cell]float64) float64 {
	t := 0.0
	for _, v := range cells {
		t += v
	}
	return t
}

func values(w, h int, f func(c, r int) float64) [][]float64 {
	out := make([][]float64, h)
	for r := range out {
		out[r] = make([]float64, w)
		for c := range out[r] {
			out[r][c] = f(c, r)
		}
	}
	return out
}

// writeText writes text to the file name in dir and returns its path.
func writeText(tb testing.TB, dir, name, text string) string {
	tb.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// projWGS84 has gdaltransform (PROJ) read the point (x, y) of srs as WGS 84 (lon, lat).
func projWGS84(tb testing.TB, srs string, x, y float64) (lon, lat float64) {
	tb.Helper()
	cmd := exec.Command("gdaltransform", "-s_srs", srs, "-t_srs", "EPSG:4326", "-output_xy")
	cmd.Stdin = strings.NewReader(fmt.Sprintf("%.10g %.10g\n", x, y))
	out, err := cmd.Output()
	if err != nil {
		tb.Fatal(err)
	}
	f := strings.Fields(string(out))
	lon, _ = strconv.ParseFloat(f[0], 64)
	lat, _ = strconv.ParseFloat(f[1], 64)
	return lon, lat
}
