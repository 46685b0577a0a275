package importers

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Bounds on text the database stores. An id is a key (a B-tree index entry must stay
// under 2.7 KB); names and addresses are read by people.
const (
	maxIDRunes   = 256
	maxTextRunes = 1000
)

// textProblem says what is wrong with a text value the database would store, or "": a
// NUL byte (PostgreSQL text cannot hold one), invalid UTF-8, or more than max runes.
func textProblem(val string, max int) string {
	switch {
	case strings.IndexByte(val, 0) >= 0:
		return "holds a NUL byte (binary data?), which text cannot hold"
	case !utf8.ValidString(val):
		return "is not valid UTF-8"
	}
	if n := utf8.RuneCountInString(val); n > max {
		return fmt.Sprintf("is too long: %d characters, at most %d", n, max)
	}
	return ""
}

// checkText rejects the record for each field whose text the database could not store
// (textProblem) and reports whether all were sound. Geometry is bounded by
// Limits.MaxFieldBytes and parsed, not stored as text.
func (c *rowCheck) checkText() bool {
	ok := true
	for f := range numFields {
		if !c.b.spec.uses[f] || f == fGeometry {
			continue
		}
		col, val := c.rec.get(f)
		max := maxTextRunes
		if f == fID {
			max = maxIDRunes
		}
		if reason := textProblem(val, max); reason != "" {
			c.fail(col, val, fieldKeys[f]+" "+reason)
			ok = false
		}
	}
	if reason := textProblem(c.rec.fid, maxIDRunes); reason != "" {
		c.fail("id", c.rec.fid, "feature id "+reason)
		ok = false
	}
	return ok
}
