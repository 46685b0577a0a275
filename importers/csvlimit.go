package importers

import (
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/guard"
)

// checkFieldLengths refuses delimited text holding a field longer than max bytes
// (Limits.MaxFieldBytes), naming the line it starts on, before encoding/csv builds that
// field in memory. It follows encoding/csv's quoting: a field is quoted when it starts
// with '"', "" inside it is a quote, and a quoted field may span lines.
func checkFieldLengths(file string, text []byte, comma rune, max int) error {
	if line := longFieldLine(text, byte(comma), max); line > 0 {
		return geo.Errorf(geo.EINVALID, "%s line %d: a field is longer than %s, the limit against hostile files (Limits.MaxFieldBytes); a quote that is never closed makes the rest of the file one field; if the file is genuine, raise that limit",
			file, line, guard.Bytes(int64(max)))
	}
	return nil
}

// longFieldLine returns the line on which the first field longer than max bytes starts,
// or 0.
func longFieldLine(text []byte, comma byte, max int) int {
	line, start, n := 1, 1, 0
	quoted, fresh := false, true // inside a quoted field; at the start of a field
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case quoted && c == '"' && i+1 < len(text) && text[i+1] == '"':
			i++
			n += 2
			continue
		case quoted && c == '"':
			quoted = false
		case quoted:
			if c == '\n' {
				line++
			}
		case c == comma || c == '\n':
			if c == '\n' {
				line++
			}
			n, fresh, start = 0, true, line
			continue
		case c == '"' && fresh:
			quoted = true
		}
		fresh = false
		if n++; n > max {
			return start
		}
	}
	return 0
}
