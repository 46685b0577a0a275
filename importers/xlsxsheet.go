package importers

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/guard"
)

// The sheet size Excel allows.
const (
	xlsxMaxRows    = 1 << 20
	xlsxMaxColumns = 1 << 14 // XFD
)

// sheetReader streams the rows of one worksheet.
type sheetReader struct {
	w      *workbook
	what   string // names the sheet in errors
	row    int    // the current row's number
	cells  []string
	cell   cellState
	onDim  func(rows int)
	onRow  func(row int, cells []string) error
	inCell bool
}

// cellState is the cell being read.
type cellState struct {
	ref, typ  string
	col       int // 1-based
	v         strings.Builder
	is        richText
	inV, inIS bool
}

// rows calls onRow with each row of the sheet that has cells — its number and its cells'
// raw values (numbers as written, shared and inline strings as text), a blank for each
// missing cell before the last — and onDim with the sheet's row count when it declares
// one.
func (w *workbook) rows(s sheetRef, onDim func(int), onRow func(int, []string) error) error {
	f := w.find(s.part)
	if f == nil {
		return geo.Errorf(geo.EINVALID, "%s: unreadable XLSX workbook: sheet %q has no worksheet part; the workbook is damaged", w.file, guard.Echo(s.name, 40))
	}
	r := &sheetReader{w: w, what: fmt.Sprintf("sheet %q (%s)", guard.Echo(s.name, 40), s.part), onDim: onDim, onRow: onRow}
	return w.walk(f, r.what, r.token)
}

func (r *sheetReader) token(tok xml.Token) error {
	switch x := tok.(type) {
	case xml.StartElement:
		return r.start(x)
	case xml.CharData:
		return r.text(x)
	case xml.EndElement:
		return r.end(x)
	}
	return nil
}

func (r *sheetReader) start(se xml.StartElement) error {
	c := &r.cell
	switch {
	case c.inIS:
		c.is.mark(se.Name.Local, true)
	case se.Name.Local == "dimension":
		if _, last, _ := strings.Cut(attr(se, "ref"), ":"); last != "" {
			if _, row, ok := cellRef(last); ok {
				r.onDim(row)
			}
		}
	case se.Name.Local == "row":
		return r.startRow(attr(se, "r"))
	case se.Name.Local == "c":
		return r.startCell(attr(se, "r"), attr(se, "t"))
	case se.Name.Local == "v" && r.inCell:
		c.inV = true
	case se.Name.Local == "is" && r.inCell:
		c.inIS = true
		c.is.reset()
	}
	return nil
}

func (r *sheetReader) startRow(ref string) error {
	n := r.row + 1
	if ref != "" {
		v, err := strconv.Atoi(ref)
		if err != nil || v <= r.row || v > xlsxMaxRows {
			return r.damaged("row number %q after row %d", guard.Echo(ref, 20), r.row)
		}
		n = v
	}
	r.row, r.cells = n, nil
	return nil
}

func (r *sheetReader) startCell(ref, typ string) error {
	col := len(r.cells) + 1
	if ref != "" {
		c, _, ok := cellRef(ref)
		if !ok || c < len(r.cells)+1 {
			return r.damaged("cell reference %q in row %d", guard.Echo(ref, 20), r.row)
		}
		col = c
	}
	if col > xlsxMaxColumns {
		return r.damaged("cell %q beyond column XFD", guard.Echo(ref, 20))
	}
	r.inCell = true
	r.cell.ref, r.cell.typ, r.cell.col = ref, typ, col
	r.cell.v.Reset()
	r.cell.inV, r.cell.inIS = false, false
	return nil
}

func (r *sheetReader) text(b []byte) error {
	c := &r.cell
	var err error
	switch {
	case c.inIS:
		err = c.is.text(b, r.w.lim.MaxFieldBytes)
	case c.inV:
		if c.v.Len()+len(b) > r.w.lim.MaxFieldBytes {
			err = errTooLong
		}
		c.v.Write(b)
	}
	if err != nil {
		return limitError(r.w.file, &guard.LimitError{What: "cell " + c.ref + " of " + r.what, Max: int64(r.w.lim.MaxFieldBytes)}, "MaxFieldBytes")
	}
	return nil
}

func (r *sheetReader) end(ee xml.EndElement) error {
	c := &r.cell
	switch {
	case c.inIS && ee.Name.Local == "is":
		c.inIS = false
	case c.inIS:
		c.is.mark(ee.Name.Local, false)
	case ee.Name.Local == "v":
		c.inV = false
	case ee.Name.Local == "c" && r.inCell:
		r.inCell = false
		v, err := r.value()
		if err != nil {
			return err
		}
		if v != "" {
			for len(r.cells) < c.col-1 {
				r.cells = append(r.cells, "")
			}
			r.cells = append(r.cells, v)
		}
	case ee.Name.Local == "row":
		if len(r.cells) > 0 {
			return r.onRow(r.row, r.cells)
		}
	}
	return nil
}

// value is the cell's raw value: a shared string, an inline string, else <v> as written.
func (r *sheetReader) value() (string, error) {
	c := &r.cell
	switch c.typ {
	case "inlineStr":
		return unescapeXstring(c.is.String()), nil
	case "s":
		s := strings.TrimSpace(c.v.String())
		if s == "" {
			return "", nil
		}
		if i, err := strconv.Atoi(s); err == nil && i >= 0 && i < len(r.w.shared) {
			return r.w.shared[i], nil
		}
		ref := c.ref
		if ref == "" {
			ref = fmt.Sprintf("in row %d, column %d", r.row, c.col)
		}
		return "", geo.Errorf(geo.EINVALID, "%s: unreadable XLSX workbook: %s cell %s points to shared string %q, but the table has %d entries; the workbook is damaged",
			r.w.file, r.what, guard.Echo(ref, 20), guard.Echo(s, 20), len(r.w.shared))
	}
	return c.v.String(), nil
}

func (r *sheetReader) damaged(format string, args ...any) error {
	return geo.Errorf(geo.EINVALID, "%s: unreadable XLSX workbook: %s has %s; the workbook is damaged", r.w.file, r.what, fmt.Sprintf(format, args...))
}

// cellRef reads an A1 reference: 1-based column and row.
func cellRef(ref string) (col, row int, ok bool) {
	i := 0
	for ; i < len(ref) && i < 4; i++ {
		ch := ref[i] &^ 0x20 // upper case
		if ch < 'A' || ch > 'Z' {
			break
		}
		col = col*26 + int(ch-'A'+1)
	}
	if i == 0 || i == 4 {
		return 0, 0, false
	}
	row, err := strconv.Atoi(ref[i:])
	if err != nil || row < 1 || row > xlsxMaxRows {
		return 0, 0, false
	}
	return col, row, true
}
