package ogr

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/guard"
)

// sniffLen is how many bytes of a file its sniffing reads.
const sniffLen = 512

// head returns up to sniffLen bytes of path without a UTF-8 byte order mark and leading
// white space.
func head(path string) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	b := make([]byte, sniffLen)
	n, _ := f.Read(b)
	return bytes.TrimLeft(bytes.TrimPrefix(b[:n], []byte("\xef\xbb\xbf")), " \t\r\n")
}

// checkKML refuses a .kml that is not XML at all (KML is XML: it starts with "<"), which
// GDAL only reports as a syntax error at offset 0.
func checkKML(file, src string) error {
	if !strings.EqualFold(filepath.Ext(src), ".kml") {
		return nil
	}
	b := head(src)
	switch {
	case len(b) == 0:
		return geo.Errorf(geo.EINVALID, "%s: not a KML file: %s is empty (or only white space)", file, filepath.Base(src))
	case b[0] != '<':
		return geo.Errorf(geo.EINVALID, "%s: not a KML file: KML is XML that starts with <?xml or <kml, but %s starts with the text \"%s\": it is something else saved with a .kml ending",
			file, filepath.Base(src), guard.Echo(firstLine(b), 40))
	}
	return nil
}

// prjFault says what is wrong with the .prj of a Shapefile that states no CRS GDAL can
// read: shp is the layer's .shp ("" when the layer is no Shapefile). It is "" when there is
// no .prj.
func prjFault(shp string) string {
	prj := ""
	if shp != "" {
		prj = sidecar(shp, ".prj")
	}
	if prj == "" {
		return ""
	}
	name := filepath.Base(prj)
	b := head(prj)
	switch {
	case len(b) == 0:
		return name + " is empty: the file states no CRS"
	case isWKT(b):
		return name + " holds WKT that GDAL cannot read (damaged or cut off?): the file states no CRS it can use"
	}
	return name + " is not a coordinate system: a .prj holds WKT such as GEOGCS[…] or PROJCS[…], but it holds the text " +
		`"` + guard.Echo(firstLine(b), 40) + `"`
}

// isWKT reports whether b starts like a WKT coordinate system: a keyword of capital
// letters and underscores, then "[" or "(".
func isWKT(b []byte) bool {
	i := 0
	for i < len(b) && (b[i] >= 'A' && b[i] <= 'Z' || b[i] == '_' || b[i] >= '0' && b[i] <= '9') {
		i++
	}
	return i >= 4 && i < len(b) && (b[i] == '[' || b[i] == '(')
}

// firstLine is b up to its first line break, as a string.
func firstLine(b []byte) string {
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		b = b[:i]
	}
	return string(b)
}
