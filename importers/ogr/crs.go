package ogr

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/paulmach/orb"
)

// effective is the CRS the coordinates are read in, as Open decides it.
type effective struct {
	ref        crs.Ref
	name       string // for messages
	geographic bool
	datum      crs.Datum
	srs        string // for gdaltransform's -s_srs
	prjFault   string // what is wrong with the .prj when the CRS is assumed because of it
}

// setCRS decides the CRS to read in (the caller's, the file's, or WGS 84 when the file
// states none), checks that the coordinates can be in it, and notes the warnings.
func (l *Layer) setCRS(ctx context.Context, opts Options) error {
	if l.Count == 0 {
		return geo.Errorf(geo.EINVALID, "%s: layer %q has no features", l.File, l.Name)
	}
	eff, err := l.decideCRS(ctx, opts.CRS)
	if err != nil {
		return err
	}
	if err := l.checkExtent(ctx, eff, opts.Near); err != nil {
		return err
	}
	if s := crs.ShiftOf(eff.datum); s.Warn() {
		l.warn(fmt.Sprintf("%s: %s is on the %s datum. %s", l.File, eff.name, eff.datum, s.Text))
	}
	return nil
}

// decideCRS sets l.CRS, l.Output and the -s_srs of the conversion.
func (l *Layer) decideCRS(ctx context.Context, over crs.Ref) (effective, error) {
	src := l.SourceCRS
	fileEff := effective{ref: crs.EPSG(src.EPSG), name: src.Describe(), geographic: src.Geographic, datum: src.Datum, srs: src.srsArg()}
	if src.EPSG == 0 {
		fileEff.ref = crs.Ref{}
	}
	l.Output = crs.WGS84
	switch {
	case over.IsZero() && src.Known():
		l.CRS = fileEff.ref
		return fileEff, nil
	case over.IsZero():
		l.CRS, l.srcSRS = crs.RefWGS84, "EPSG:4326"
		fault := prjFault(l.shp)
		why := fault
		if why == "" {
			why = "the file states no CRS (no .prj or srs)"
		}
		l.warn(l.File + ": " + why + ": its coordinates are read as WGS 84 lon/lat; give --crs (gcj02 for Amap/Tencent, bd09 for Baidu, EPSG:N for projected metres) if they are not")
		return effective{ref: crs.RefWGS84, name: crs.RefWGS84.Describe(), geographic: true, datum: crs.DatumWGS84, srs: "EPSG:4326", prjFault: fault}, nil
	case over.IsOffset():
		return l.offsetCRS(over, fileEff), nil
	}
	eff, err := describeEPSG(ctx, l.File, over)
	if err != nil {
		return effective{}, err
	}
	l.CRS, l.srcSRS = over, over.String()
	if src.Known() && src.EPSG != over.EPSG {
		l.warn(fmt.Sprintf("%s: the file states %s; its coordinates are read as %s, as given", l.File, src.Describe(), eff.name))
	}
	return eff, nil
}

// offsetCRS handles --crs gcj02/bd09: lon/lat in an offset system PROJ does not know. A
// projected file CRS is kept for the projection (Amap's tiles are GCJ-02 in Web
// Mercator), the lon/lat that come out being GCJ-02/BD-09.
func (l *Layer) offsetCRS(over crs.Ref, fileEff effective) effective {
	l.CRS, l.Output = over, over.Offset
	if l.SourceCRS.Known() && !l.SourceCRS.Geographic {
		l.warn(fmt.Sprintf("%s: the file's projection %s is undone by PROJ and the lon/lat it gives are taken as %s, as given", l.File, l.SourceCRS.Describe(), over.Offset))
		fileEff.ref = over
		return fileEff
	}
	l.srcSRS = "EPSG:4326"
	if l.SourceCRS.Known() && l.SourceCRS.EPSG != 4326 {
		l.warn(fmt.Sprintf("%s: the file states %s; its lon/lat are taken as %s, as given", l.File, l.SourceCRS.Describe(), over.Offset))
	}
	return effective{ref: over, name: over.Describe(), geographic: true, datum: over.Family().Datum}
}

// describeEPSG returns what is known of an EPSG code given with --crs: from geo/crs's
// tables, else from GDAL (gdalsrsinfo), which also says whether PROJ knows the code.
func describeEPSG(ctx context.Context, file string, r crs.Ref) (effective, error) {
	if f := r.Family(); f.Known() {
		return effective{ref: r, name: r.Describe(), geographic: f.Geographic(), datum: f.Datum, srs: r.String()}, nil
	}
	out, msg, err := runTool(ctx, toolGdalsrsinfo, "--single-line", "-o", "wkt2", r.String())
	switch {
	case ctx.Err() != nil:
		return effective{}, geo.WrapError(geo.EUNAVAILABLE, ctx.Err(), "%s: cancelled", file)
	case err != nil:
		return effective{}, geo.Errorf(geo.EINVALID, "%s: PROJ does not know the coordinate system %s given with --crs (gdalsrsinfo: %s)", file, r, msg)
	}
	s := ParseWKT(strings.TrimSpace(string(out)))
	name := r.String()
	if s.Name != "" {
		name += " (" + s.Name + ")"
	}
	return effective{ref: r, name: name, geographic: s.Geographic, datum: s.Datum, srs: r.String()}, nil
}

// checkExtent reads the extent in WGS 84 and checks it with crs.Plausible (CheckExtent).
func (l *Layer) checkExtent(ctx context.Context, eff effective, near *orb.Point) error {
	c := crs.ExtentCheck{Stated: eff.ref, Name: eff.name, Geographic: eff.geographic, Extent: l.Extent, Near: near}
	srs := eff.srs
	if eff.geographic && (eff.ref.EPSG == 4326 || eff.ref.IsOffset()) {
		srs = ""
	}
	c, err := CheckExtent(ctx, c, srs)
	l.WGS84 = c.WGS84
	switch {
	case err != nil && eff.prjFault != "":
		return geo.WrapError(geo.EINVALID, err, "%s: %s, so its coordinates were read as WGS 84 lon/lat", l.File, eff.prjFault)
	case err != nil:
		return geo.WrapError(geo.EINVALID, err, "%s", l.File)
	}
	return nil
}

// CheckExtent has PROJ (gdaltransform) read c.Extent from srs (the stated CRS as GDAL takes
// it; "" for lon/lat that needs no transformation, or when only c.WGS84 as given is known) into c.WGS84 — Unplaced when it reads
// none of its points — and checks it with crs.Plausible; when the coordinates cannot be in
// the CRS, PROJ also reads the extent's centre in each of crs.Candidates (c.Readings) for
// the message's other readings. It returns c so filled and Plausible's error (EINVALID),
// or the error of a transformation GDAL refuses.
func CheckExtent(ctx context.Context, c crs.ExtentCheck, srs string) (crs.ExtentCheck, error) {
	switch {
	case srs == "" && c.Geographic:
		c.WGS84 = c.Extent
	case srs == "": // PROJ cannot be asked: c.WGS84 stays as given
	default:
		b, err := transformBound(ctx, srs, c.Extent)
		if err != nil {
			return c, err
		}
		c.WGS84, c.Unplaced = b, b.IsZero() && !c.Geographic
	}
	if crs.Implausible(c) == "" {
		return c, nil
	}
	c.Readings = map[string]orb.Point{}
	centre := c.Extent.Center()
	for _, cand := range crs.Candidates(c) {
		if b, err := transformBound(ctx, cand.SRS, orb.Bound{Min: centre, Max: centre}); err == nil && !b.IsZero() {
			c.Readings[cand.SRS] = b.Min
		}
	}
	return c, crs.Plausible(c)
}

// transformBound reads b's corners and centre, in srs's units, as WGS 84 (lon, lat) with
// gdaltransform (PROJ). Points PROJ cannot transform are left out; none at all is the zero
// Bound.
func transformBound(ctx context.Context, srs string, b orb.Bound) (orb.Bound, error) {
	pts := []orb.Point{b.Min, b.Max, {b.Min[0], b.Max[1]}, {b.Max[0], b.Min[1]}, b.Center()}
	var in bytes.Buffer
	for _, p := range pts {
		fmt.Fprintf(&in, "%.10g %.10g\n", p[0], p[1])
	}
	cmd := exec.CommandContext(ctx, toolGdaltransform, "-s_srs", srs, "-t_srs", "EPSG:4326", "-output_xy")
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return orb.Bound{}, fmt.Errorf("GDAL cannot transform from its CRS to WGS 84 (gdaltransform: %s)", gdalMessage(stderr.String()))
	}
	var got orb.MultiPoint
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) != 2 {
			continue
		}
		x, ex := strconv.ParseFloat(f[0], 64)
		y, ey := strconv.ParseFloat(f[1], 64)
		if ex == nil && ey == nil {
			got = append(got, orb.Point{x, y})
		}
	}
	if len(got) == 0 {
		return orb.Bound{}, nil
	}
	return got.Bound(), nil
}
