package importers

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// The formats a file can be read as.
const (
	formatCSV     = "csv"
	formatXLSX    = "xlsx"
	formatGeoJSON = "geojson"
)

// What sniffContent found at the start of a file.
const (
	sniffText   = "text"
	sniffJSON   = "json"
	sniffZip    = "zip"
	sniffBinary = "binary"
)

// magic numbers of binary files people send by mistake, with how to name them.
var magics = []struct {
	prefix, what string
}{
	{"PK\x03\x04", "a ZIP archive, perhaps an XLSX workbook"},
	{"PK\x05\x06", "an empty ZIP archive"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel .xls workbook (save it as .xlsx or CSV)"},
	{"%PDF", "a PDF document"},
	{"\x89PNG", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"\x1f\x8b", "a gzip archive (unpack it first)"},
	{"7z\xbc\xaf", "a 7-Zip archive (unpack it first)"},
	{"Rar!", "a RAR archive (unpack it first)"},
}

// sniffContent classifies the start of data: sniffZip, sniffBinary (with a description),
// sniffJSON or sniffText.
func sniffContent(data []byte) (kind, what string) {
	for _, m := range magics {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			if m.prefix == "PK\x03\x04" {
				return sniffZip, m.what
			}
			return sniffBinary, m.what
		}
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return sniffText, "UTF-16 text"
	}
	head := bytes.TrimPrefix(data, []byte(bom))
	if len(head) > 8192 {
		head = head[:8192]
	}
	control := 0
	for _, c := range head {
		switch {
		case c == 0:
			return sniffBinary, "it holds NUL bytes"
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1a:
			control++
		}
	}
	if control*100 > len(head) {
		return sniffBinary, "it holds many control characters"
	}
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		return sniffJSON, "JSON"
	}
	return sniffText, "text"
}

// detectFormat decides the format from name's extension and confirms it with the content;
// without a known extension the content decides.
func detectFormat(name string, data []byte) (string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	kind, what := sniffContent(data)
	switch ext {
	case ".csv", ".txt", ".tsv":
		if kind == sniffZip || kind == sniffBinary {
			return "", geo.Errorf(geo.EINVALID, "%s: not a CSV file: looks like binary data (%s)", name, what)
		}
		return formatCSV, nil
	case ".xlsx", ".xlsm":
		if kind != sniffZip {
			return "", geo.Errorf(geo.EINVALID, "%s: not an XLSX file: it looks like %s, not an Excel workbook", name, what)
		}
		return formatXLSX, nil
	case ".geojson", ".json":
		if kind != sniffJSON {
			return "", geo.Errorf(geo.EINVALID, "%s: not a GeoJSON file: it looks like %s, not JSON", name, what)
		}
		return formatGeoJSON, nil
	case ".xls":
		return "", geo.Errorf(geo.EINVALID, "%s: old Excel .xls files are not supported: save it as .xlsx or as CSV", name)
	}
	switch kind {
	case sniffZip:
		return formatXLSX, nil
	case sniffJSON:
		return formatGeoJSON, nil
	case sniffText:
		if ext == "" {
			return formatCSV, nil
		}
	}
	return "", geo.Errorf(geo.EINVALID, "%s: unsupported file type %q (it looks like %s): use .csv, .txt, .xlsx, .geojson or .json", name, ext, what)
}
