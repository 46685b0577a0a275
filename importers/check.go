package importers

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// maxCount bounds counts (households, people, staff) to catch values that are no count.
const maxCount = 1e9

// maxFloorAreaM2 bounds floor areas (m²): the largest buildings have about 2·10⁶ m².
const maxFloorAreaM2 = 1e7

// rowCheck validates the fields of one record, rejecting each bad one.
type rowCheck struct {
	b   *builder
	rec *record
	e   *entry
}

// fail rejects the record for one field.
func (c *rowCheck) fail(col, val, reason string) {
	c.e.bad = true
	c.b.rejects = append(c.b.rejects, Reject{File: c.b.file, Record: c.rec.num, Line: c.rec.line,
		Field: col, Value: shorten(val), Reason: reason})
}

// text returns the field's trimmed value ("" when absent).
func (c *rowCheck) text(f field) string {
	_, v := c.rec.get(f)
	return v
}

// count reads a whole, non-negative number; empty means 0 ("not known").
func (c *rowCheck) count(f field) int {
	col, val := c.rec.get(f)
	v, ok := c.number(col, val)
	if !ok {
		return 0
	}
	switch {
	case v != math.Trunc(v):
		c.fail(col, val, "not a whole number")
	case v > maxCount:
		c.fail(col, val, "implausibly large count")
	default:
		return int(v)
	}
	return 0
}

// amount reads a non-negative floor area in m² (at most maxFloorAreaM2); empty means 0
// ("not known").
func (c *rowCheck) amount(f field) float64 {
	col, val := c.rec.get(f)
	v, ok := c.number(col, val)
	if ok && v > maxFloorAreaM2 {
		c.fail(col, val, fmt.Sprintf("implausibly large floor area (more than %.0f m²)", float64(maxFloorAreaM2)))
		return 0
	}
	return v
}

// number parses a non-negative number; empty is 0 and not ok.
func (c *rowCheck) number(col, val string) (float64, bool) {
	if val == "" {
		return 0, false
	}
	v, ok := parseNumber(val)
	switch {
	case !ok:
		c.fail(col, val, "unparseable number")
	case v < 0:
		c.fail(col, val, "must not be negative")
	default:
		return v, true
	}
	return 0, false
}

// id returns the record's id — its own, the GeoJSON feature id, or one derived from the
// file and record number ("stations:13") — and rejects it when an earlier record has it.
func (c *rowCheck) id() string {
	col, id := c.rec.get(fID)
	if id == "" {
		id = c.rec.fid
	}
	if id == "" {
		id = c.b.base + ":" + strconv.Itoa(c.rec.num)
	}
	c.unique(col, id, "id")
	return id
}

// unique rejects id when an earlier record of the file has it; what names it ("id").
func (c *rowCheck) unique(col, id, what string) {
	if first, dup := c.b.ids[id]; dup {
		c.fail(col, id, fmt.Sprintf("duplicate %s %q: %s has it too", what, id, c.b.where(first.num, first.line)))
		return
	}
	c.b.ids[id] = seenID{c.rec.num, c.rec.line}
}

// divisionCode reads an official division code of n digits from val ("" when empty),
// rejecting anything else (ok false) with a hint for codes Excel turned into numbers.
func (c *rowCheck) divisionCode(col, val string, n int, what string) (code string, ok bool) {
	code = strings.TrimSpace(toHalfWidth(val))
	if i := strings.Index(code, "."); i > 0 && strings.Trim(code[i+1:], "0") == "" {
		code = code[:i] // "340103001001.0" from a spreadsheet
	}
	switch {
	case code == "" || allDigits(code) && len(code) == n:
		return code, true
	case strings.ContainsAny(code, "eE") && strings.Contains(code, "+"):
		c.fail(col, val, fmt.Sprintf("%s is not a %d-digit division code: it looks like a number in scientific notation (format the column as text in Excel and enter the codes again)", what, n))
	default:
		c.fail(col, val, fmt.Sprintf("%s must be the %d-digit division code", what, n))
	}
	return "", false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
