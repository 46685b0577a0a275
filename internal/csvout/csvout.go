package csvout

import (
	"encoding/csv"
	"io"
)

// BOM is the UTF-8 byte order mark every file starts with.
const BOM = "\ufeff"

// Options say how lines end.
type Options struct {
	// CRLF ends lines with \r\n (RFC 4180, what Excel writes); false ends them with \n.
	CRLF bool
}

// WriteAll writes the BOM, then rows (the header first), each cell passed through Cell
// and quoted as encoding/csv does. rows is not modified. A write error is returned as it
// is, for the caller to name the file or answer.
func WriteAll(w io.Writer, rows [][]string, o Options) error {
	if _, err := io.WriteString(w, BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = o.CRLF
	var safe []string
	for _, row := range rows {
		safe = safe[:0]
		for _, c := range row {
			safe = append(safe, Cell(c))
		}
		if err := cw.Write(safe); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Cell defuses one cell: text that starts with '=', '+', '-', '@', a tab or a carriage
// return, which a spreadsheet would take for a formula (=HYPERLINK(…), +cmd|…, @SUM(…),
// -2+3), gets a leading single quote, so the spreadsheet shows it as text. Numbers stay
// numbers: a cell that is a plain decimal number with a minus sign ("-3.5", "-0.25",
// "-1e-3"; no "Inf", "NaN", hex or digit separators), as the project writes negative
// numbers, is left as it is — it cannot hold a formula. Everything else, empty cells
// and Chinese text included, is unchanged.
func Cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '@', '\t', '\r':
		return "'" + s
	case '-':
		if PlainNumber(s[1:]) {
			return s
		}
		return "'" + s
	}
	return s
}

// PlainNumber reports whether s is digits with an optional decimal point and optional
// exponent: "3", "3.5", ".5", "3.", "1e-3", "2.5E+10". A byte loop: the importers call it
// on every numeric field.
func PlainNumber(s string) bool {
	i, digits := digitsAt(s, 0)
	if i < len(s) && s[i] == '.' {
		var frac int
		i, frac = digitsAt(s, i+1)
		digits += frac
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		var exp int
		if i, exp = digitsAt(s, i); exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// digitsAt returns the index after the run of ASCII digits starting at i, and its length.
func digitsAt(s string, i int) (int, int) {
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	return j, j - i
}
