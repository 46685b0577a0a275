package ogr

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// The GDAL tools this package runs.
const (
	toolOgrinfo       = "ogrinfo"
	toolOgr2ogr       = "ogr2ogr"
	toolGdaltransform = "gdaltransform"
	toolGdalsrsinfo   = "gdalsrsinfo"
)

// LookTools checks that GDAL's command-line tools are installed, returning an
// EUNAVAILABLE *geo.Error naming the missing one and the Debian package otherwise.
func LookTools() error {
	for _, t := range []string{toolOgrinfo, toolOgr2ogr, toolGdaltransform, toolGdalsrsinfo} {
		if _, err := exec.LookPath(t); err != nil {
			return geo.WrapError(geo.EUNAVAILABLE, err, "GDAL's %s is not installed (Debian package gdal-bin): Shapefile, GeoPackage, FileGDB and KML files cannot be read", t)
		}
	}
	return nil
}

// maxStderr bounds how much of a tool's standard error goes into a message.
const maxStderr = 2000

// run runs a GDAL tool and returns its standard output. A failure is an EINVALID error
// naming file, with the tool's messages; a cancelled context is EUNAVAILABLE.
func run(ctx context.Context, file, tool string, args ...string) ([]byte, error) {
	out, msg, err := runTool(ctx, tool, args...)
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return nil, geo.WrapError(geo.EUNAVAILABLE, ctx.Err(), "%s: cancelled", file)
	case errors.As(err, &ee):
		return nil, geo.Errorf(geo.EINVALID, "%s: GDAL cannot read it (%s: %s)", file, tool, msg)
	case err != nil:
		return nil, geo.WrapError(geo.EUNAVAILABLE, err, "%s: cannot run GDAL's %s", file, tool)
	}
	return out, nil
}

// runTool runs a GDAL tool and returns its standard output and, condensed, its messages
// (standard error, then standard output, where some tools print their failures).
func runTool(ctx context.Context, tool string, args ...string) ([]byte, string, error) {
	cmd := exec.CommandContext(ctx, tool, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		return nil, gdalMessage(stderr.String() + "\n" + stdout.String()), err
	}
	return stdout.Bytes(), "", nil
}

// gdalMessage condenses a GDAL tool's standard error: the list of drivers it tried is
// dropped, lines are joined, and the text is cut at maxStderr.
func gdalMessage(stderr string) string {
	var keep []string
	for _, l := range strings.Split(stderr, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "-> ") {
			continue
		}
		keep = append(keep, l)
	}
	msg := strings.Join(keep, " ")
	if msg == "" {
		msg = "no message"
	}
	if len(msg) > maxStderr {
		msg = msg[:maxStderr] + "…"
	}
	return msg
}

// gdalWarnings returns the "Warning N: …" lines of a GDAL tool's standard error.
func gdalWarnings(stderr string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "Warning ") {
			out = append(out, "GDAL: "+l)
		}
	}
	return out
}
