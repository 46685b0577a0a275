package api

import (
	"encoding/json"
	"math"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/internal/csvout"
)

// The one encoder of the API's answers: every JSON, GeoJSON and CSV body goes out through
// writeJSON, writeGeoJSON or writeCSV, which alone set the content types. The shapes they
// encode are the tagged wire types of the wire_*.go files; their numbers are num, so NaN
// and ±Inf are JSON null and empty CSV cells. CSV goes through internal/csvout, the
// project's one CSV writer (byte order mark, formula injection defused).

// Content types of the answers.
const (
	mimeJSON    = "application/json"
	mimeGeoJSON = "application/geo+json"
	mimeCSV     = "text/csv; charset=utf-8"
)

// num is a float that encodes NaN and ±Inf as JSON null (encoding/json refuses them).
type num float64

// MarshalJSON implements json.Marshaler.
func (n num) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

// nums converts fs to nums; never nil, so that an empty list encodes as [].
func nums(fs []float64) []num {
	out := make([]num, len(fs))
	for i, f := range fs {
		out[i] = num(f)
	}
	return out
}

// csvNum formats a float for CSV: empty for NaN and infinities.
func csvNum(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// writeJSON answers v as compact JSON followed by a newline, with the given status (error
// answers use it too).
func writeJSON(c echo.Context, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return geo.WrapError(geo.EINTERNAL, err, "encode JSON")
	}
	return c.Blob(status, mimeJSON, append(b, '\n'))
}

// writeGeoJSON answers v (a GeoJSON object) as compact JSON, without a final newline, with
// the GeoJSON media type.
func writeGeoJSON(c echo.Context, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return geo.WrapError(geo.EINTERNAL, err, "encode GeoJSON")
	}
	return c.Blob(http.StatusOK, mimeGeoJSON, b)
}

// writeCSV answers rows (header first) as a CSV attachment through the project's CSV
// writer: UTF-8 with a byte order mark so that Excel shows Chinese names right, lines
// ended with \n, and names or ids that a spreadsheet would run as a formula defused.
func writeCSV(c echo.Context, filename string, rows [][]string) error {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, mimeCSV)
	h.Set(echo.HeaderContentDisposition, `attachment; filename="`+filename+`"`)
	c.Response().WriteHeader(http.StatusOK)
	return csvout.WriteAll(c.Response(), rows, csvout.Options{})
}
