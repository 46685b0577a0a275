package raster

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/paulmach/orb"
)

// locator gives the (lon, lat) WGS 84 degrees of a point of the raster in pixel
// coordinates: (col, row) with pixel corners at whole numbers, (0, 0) the top-left corner.
type locator interface {
	at(col, row float64) orb.Point
}

// affine is the geotransform itself, for a raster already in EPSG:4326.
type affine [6]float64

func (g affine) at(col, row float64) orb.Point {
	return orb.Point{g[0] + col*g[1] + row*g[2], g[3] + col*g[4] + row*g[5]}
}

// grid holds the WGS 84 position of every step-th pixel corner (and the last), as PROJ
// transforms it, and interpolates bilinearly between them.
type grid struct {
	cols, rows []float64   // the control points' pixel coordinates
	pts        []orb.Point // row-major, len(cols)·len(rows)
}

// maxControlSpacing is the largest distance between control points, metres: at 2 km a
// transverse Mercator, Lambert or Mollweide grid is linear to about a centimetre.
const maxControlSpacing = 2000.0

// newGrid transforms the control points of in's pixel corners to WGS 84 with gdaltransform.
func newGrid(ctx context.Context, file string, in *info) (*grid, error) {
	size := math.Hypot(in.GT[1], in.GT[4])
	if in.CRS.Geographic {
		size *= local.MetresPerDegreeLat
	}
	step := int(math.Max(1, math.Min(64, math.Floor(maxControlSpacing/size))))
	g := &grid{cols: controls(in.Width, step), rows: controls(in.Height, step)}
	var stdin bytes.Buffer
	for _, r := range g.rows {
		for _, c := range g.cols {
			p := affine(in.GT).at(c, r)
			fmt.Fprintf(&stdin, "%.12g %.12g\n", p[0], p[1])
		}
	}
	out, stderr, err := gdalTool(ctx, &stdin, "gdaltransform", "-s_srs", srsArg(in), "-t_srs", "EPSG:4326", "-output_xy")
	if ctx.Err() != nil {
		return nil, geo.WrapError(geo.EUNAVAILABLE, ctx.Err(), "%s: cancelled", file)
	}
	if err != nil {
		return nil, geo.Errorf(geo.EINVALID, "%s: GDAL cannot transform its CRS %s to WGS 84 (gdaltransform: %s)", file, in.CRS.Describe(), condense(stderr))
	}
	if err := g.read(out); err != nil {
		return nil, geo.WrapError(geo.EINVALID, err, "%s: PROJ cannot place the raster in WGS 84 (%s)", file, in.CRS.Describe())
	}
	return g, nil
}

// controls returns 0, step, 2·step, …, n.
func controls(n, step int) []float64 {
	var out []float64
	for c := 0; c < n; c += step {
		out = append(out, float64(c))
	}
	return append(out, float64(n))
}

func (g *grid) read(out []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 2 {
			return fmt.Errorf("control point %d: %q", len(g.pts)+1, sc.Text())
		}
		x, ex := strconv.ParseFloat(f[0], 64)
		y, ey := strconv.ParseFloat(f[1], 64)
		if ex != nil || ey != nil {
			return fmt.Errorf("control point %d: %q", len(g.pts)+1, sc.Text())
		}
		g.pts = append(g.pts, orb.Point{x, y})
	}
	if len(g.pts) != len(g.cols)*len(g.rows) {
		return fmt.Errorf("%d of %d control points transformed", len(g.pts), len(g.cols)*len(g.rows))
	}
	return nil
}

func (g *grid) at(col, row float64) orb.Point {
	i, s := interval(g.cols, col)
	j, t := interval(g.rows, row)
	n := len(g.cols)
	p00, p10 := g.pts[j*n+i], g.pts[j*n+i+1]
	p01, p11 := g.pts[(j+1)*n+i], g.pts[(j+1)*n+i+1]
	return orb.Point{
		(1-t)*((1-s)*p00[0]+s*p10[0]) + t*((1-s)*p01[0]+s*p11[0]),
		(1-t)*((1-s)*p00[1]+s*p10[1]) + t*((1-s)*p01[1]+s*p11[1]),
	}
}

// interval returns the control interval [xs[i], xs[i+1]] holding x and x's fraction in it.
func interval(xs []float64, x float64) (int, float64) {
	step := xs[1] - xs[0]
	i := int(x / step)
	if i > len(xs)-2 {
		i = len(xs) - 2
	}
	if i < 0 {
		i = 0
	}
	return i, (x - xs[i]) / (xs[i+1] - xs[i])
}

// srsArg gives the raster's CRS to gdaltransform: its EPSG code, else its WKT.
func srsArg(in *info) string {
	if in.CRS.EPSG != 0 {
		return "EPSG:" + strconv.Itoa(in.CRS.EPSG)
	}
	return in.CRS.WKT
}

// newLocator returns the affine geotransform for EPSG:4326 rasters, a control grid
// through PROJ for every other CRS.
func newLocator(ctx context.Context, file string, in *info) (locator, error) {
	if in.CRS.EPSG == 4326 {
		return affine(in.GT), nil
	}
	return newGrid(ctx, file, in)
}
