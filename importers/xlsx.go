package importers

import (
	"cmp"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// readXLSX reads one sheet (Options.Sheet, or the first) of a workbook as a table: the
// first non-blank row is the header. Cell values are read raw, so long codes are not
// turned into numbers in scientific notation. The workbook is streamed (openWorkbook).
func readXLSX(b *builder, data []byte) error {
	b.xlsx = true
	w, err := openWorkbook(b.file, data, b.spec.limits)
	if err != nil {
		return err
	}
	sheet, err := b.pickSheet(w.sheets)
	if err != nil {
		return err
	}
	t := tableReader{b: b, sheet: sheet.name}
	onDim := func(rows int) {
		b.progress.start(int64(rows))
		b.reserve(min(rows, len(data)))
	}
	if err := w.rows(sheet, onDim, t.row); err != nil {
		return err
	}
	switch {
	case t.cols == nil && t.titleErr != nil:
		return t.titleErr // rows of one value each, none a header
	case t.cols == nil:
		return geo.Errorf(geo.EINVALID, "%s: sheet %q is empty", b.file, sheet.name)
	}
	return nil
}

// tableReader reads the header (after title rows, see isTitleRow) and the records of a
// sheet, row by row.
type tableReader struct {
	b                 *builder
	sheet             string
	cols              *columns
	headerRow, titles int
	titleErr          error // why the first title row is no header
}

func (t *tableReader) row(row int, cells []string) error {
	b := t.b
	if blank(cells) {
		return nil
	}
	if t.cols == nil {
		cols, err := b.header(append([]string(nil), cells...))
		if err != nil {
			if isTitleRow(cells) && t.titles < maxTitleRows {
				t.titles++
				t.titleErr = cmp.Or(t.titleErr, err)
				return nil
			}
			return err
		}
		t.cols, t.headerRow = cols, row
		return nil
	}
	b.progress.report(int64(row))
	return b.add(&record{num: row - t.headerRow, line: row, cols: t.cols, vals: cells})
}

// pickSheet returns Options.Sheet, checked, or the first sheet.
func (b *builder) pickSheet(sheets []sheetRef) (sheetRef, error) {
	if len(sheets) == 0 {
		return sheetRef{}, geo.Errorf(geo.EINVALID, "%s: the workbook has no sheets", b.file)
	}
	if b.spec.sheet == "" {
		return sheets[0], nil
	}
	names := make([]string, len(sheets))
	for i, s := range sheets {
		if strings.EqualFold(strings.TrimSpace(s.name), strings.TrimSpace(b.spec.sheet)) {
			return s, nil
		}
		names[i] = s.name
	}
	return sheetRef{}, geo.Errorf(geo.EINVALID, "%s: no sheet %q in the workbook (sheets: %s)", b.file, b.spec.sheet, joinNames(names))
}
