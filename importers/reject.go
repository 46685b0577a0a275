package importers

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/ogr"
	"github.com/lifecircle/lifecircle/internal/csvout"
)

// Reject is one problem with one record of a file: which file, which record (1-based data
// row or feature number), which physical line (CSV; the sheet row for XLSX; 0 for
// GeoJSON), which field (the column or property as named in the file), its value and
// what is wrong.
type Reject struct {
	File   string
	Record int
	Line   int
	Field  string
	Value  string
	Reason string
}

// maxValueRunes bounds how much of a value a Reject repeats (a polygon can be megabytes).
const maxValueRunes = 80

// String reads like `stations.csv line 14 (record 13): field "lat" = "91.2": latitude out
// of range [-90, 90]`.
func (r Reject) String() string {
	var sb strings.Builder
	sb.WriteString(r.File)
	switch {
	case r.Line > 0 && strings.EqualFold(filepath.Ext(r.File), ".xlsx"):
		fmt.Fprintf(&sb, " row %d (record %d)", r.Line, r.Record)
	case r.Line > 0:
		fmt.Fprintf(&sb, " line %d (record %d)", r.Line, r.Record)
	case r.Record > 0 && isGeoJSONName(r.File):
		fmt.Fprintf(&sb, " feature %d", r.Record)
	case r.Record > 0:
		fmt.Fprintf(&sb, " record %d", r.Record)
	}
	sb.WriteString(": ")
	if r.Field != "" {
		fmt.Fprintf(&sb, "field %q", r.Field)
		if r.Value != "" {
			fmt.Fprintf(&sb, " = %q", r.Value)
		}
		sb.WriteString(": ")
	}
	sb.WriteString(r.Reason)
	return sb.String()
}

// isGeoJSONName reports whether name's records are features: GeoJSON, and the GIS files
// read through importers/ogr (a Shapefile's "x.shp feature 13").
func isGeoJSONName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".geojson" || ext == ".json" || ogr.Handles(name)
}

// shorten cuts a value to maxValueRunes runes, marking the cut with "…".
func shorten(s string) string {
	if utf8.RuneCountInString(s) <= maxValueRunes {
		return s
	}
	r := []rune(s)
	return string(r[:maxValueRunes]) + "…"
}

// WriteRejects writes rejects as a CSV report with the columns file, record, line, field,
// value, reason — UTF-8 with a byte order mark so that Excel shows the Chinese right
// (internal/csvout: cells Excel would run as a formula get a leading apostrophe).
func WriteRejects(w io.Writer, rejects []Reject) error {
	rows := [][]string{{"file", "record", "line", "field", "value", "reason"}}
	for _, r := range rejects {
		rows = append(rows, []string{r.File, strconv.Itoa(r.Record), strconv.Itoa(r.Line), r.Field, r.Value, r.Reason})
	}
	if err := csvout.WriteAll(w, rows, csvout.Options{}); err != nil {
		return geo.WrapError(geo.EINTERNAL, err, "writing the reject report")
	}
	return nil
}
