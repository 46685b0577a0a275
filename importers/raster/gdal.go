package raster

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os/exec"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// runGDAL runs a GDAL tool; a failure is EINVALID naming file with the tool's messages.
func runGDAL(ctx context.Context, file, tool string, args ...string) ([]byte, error) {
	stdout, stderr, err := gdalTool(ctx, nil, tool, args...)
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return nil, geo.WrapError(geo.EUNAVAILABLE, ctx.Err(), "%s: cancelled", file)
	case errors.As(err, &ee):
		return nil, geo.Errorf(geo.EINVALID, "%s: GDAL cannot read it (%s: %s)", file, tool, condense(stderr+"\n"+string(stdout)))
	case err != nil:
		return nil, geo.WrapError(geo.EUNAVAILABLE, err, "%s: cannot run GDAL's %s (Debian package gdal-bin)", file, tool)
	}
	return stdout, nil
}

// gdalTool runs a GDAL tool, its standard input stdin (nil for none), and returns its
// standard output and error.
func gdalTool(ctx context.Context, stdin io.Reader, tool string, args ...string) ([]byte, string, error) {
	cmd := exec.CommandContext(ctx, tool, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, &stdout, &stderr
	err := cmd.Run()
	return stdout.Bytes(), stderr.String(), err
}

func condense(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			keep = append(keep, l)
		}
	}
	msg := strings.Join(keep, " ")
	if len(msg) > 2000 {
		msg = msg[:2000] + "…"
	}
	return msg
}
