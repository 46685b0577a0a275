package api

import (
	"fmt"
	"math"
	"strconv"
)

// The CSV tables of the API. By default (and for lang=en) a CSV keeps the English
// headers and full precision, as JSON does. With lang=zh it is made for reading in a
// spreadsheet: Chinese headers, residents rounded to whole persons, minutes to 0.1,
// shares written as percent to 0.1 (the header says %), areas to whole m², true/false as
// 是/否. Codes, ids, names and coordinates are never changed.

// colKind says how a CSV column's numbers are written for lang=zh.
type colKind int

const (
	colText    colKind = iota // text, ids, codes: as they are
	colCount                  // whole numbers: as they are
	colPersons                // residents: whole persons
	colMinutes                // minutes: 0.1
	colShare                  // a share in [0, 1]: percent, 0.1
	colArea                   // m²: whole
	colExact                  // coordinates and other numbers: full precision
	colBool                   // true/false; 是/否
)

// csvCol is one column: its English and Chinese header and its kind.
type csvCol struct {
	en, zh string
	kind   colKind
}

// csvTable collects the rows of one CSV answer in one language.
type csvTable struct {
	l    lang
	cols []csvCol
	rows [][]string
}

// newCSVTable starts a table with its header row in l.
func newCSVTable(l lang, cols []csvCol) *csvTable {
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = c.en
		if l == langZH {
			head[i] = c.zh
		}
	}
	return &csvTable{l: l, cols: cols, rows: [][]string{head}}
}

// add appends one row; each value is a string, int, bool or float64, written as its
// column's kind says.
func (t *csvTable) add(vals ...any) {
	row := make([]string, len(vals))
	for i, v := range vals {
		row[i] = t.cell(t.cols[i].kind, v)
	}
	t.rows = append(t.rows, row)
}

func (t *csvTable) cell(kind colKind, v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case bool:
		if t.l == langZH {
			if x {
				return "是"
			}
			return "否"
		}
		return strconv.FormatBool(x)
	case float64:
		if t.l == langZH {
			return readableNum(kind, x)
		}
		return csvNum(x)
	}
	return fmt.Sprint(v)
}

// readableNum rounds f as lang=zh writes a column of kind; empty for NaN and ±Inf.
func readableNum(kind colKind, f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	switch kind {
	case colPersons, colArea:
		return strconv.FormatFloat(math.Round(f)+0, 'f', 0, 64)
	case colMinutes:
		return strconv.FormatFloat(math.Round(f*10)/10+0, 'f', 1, 64)
	case colShare:
		return strconv.FormatFloat(math.Round(f*1000)/10+0, 'f', 1, 64)
	}
	return csvNum(f)
}
