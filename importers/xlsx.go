package importers

import (
	"bytes"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/lifecircle/lifecircle/geo"
)

// xlsxXMLInMemory is how large a sheet's XML excelize holds in memory; larger ones it
// unpacks to a temporary file.
const xlsxXMLInMemory = 16 << 20

// readXLSX reads one sheet (Options.Sheet, or the first) of a workbook as a table: the
// first non-blank row is the header. Cell values are read raw, so long codes are not
// turned into numbers in scientific notation. checkWorkbook vets the workbook first.
func readXLSX(b *builder, data []byte) error {
	b.xlsx = true
	lim := b.spec.limits
	if err := checkWorkbook(b.file, data, lim); err != nil {
		return err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true,
		UnzipSizeLimit: lim.MaxUnzippedBytes, UnzipXMLSizeLimit: min(xlsxXMLInMemory, lim.MaxUnzippedBytes)})
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "%s: unreadable XLSX workbook", b.file)
	}
	defer f.Close()
	sheet, err := b.pickSheet(f)
	if err != nil {
		return err
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "%s: cannot read sheet %q", b.file, sheet)
	}
	defer rows.Close()
	total := sheetRows(f, sheet)
	b.progress.start(total)
	b.reserve(int(min(total, int64(len(data)))))
	return b.readRows(rows, sheet)
}

// readRows reads the header (after title rows, see isTitleRow) and the records of a sheet.
func (b *builder) readRows(rows *excelize.Rows, sheet string) error {
	var cols *columns
	headerRow, titles := 0, 0
	for row := 1; rows.Next(); row++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return geo.WrapError(geo.EINVALID, err, "%s: sheet %q row %d is unreadable", b.file, sheet, row)
		}
		if blank(cells) {
			continue
		}
		if cols == nil {
			if cols, err = b.header(cells); err != nil {
				if isTitleRow(cells) && titles < maxTitleRows {
					titles++
					continue
				}
				return err
			}
			headerRow = row
			continue
		}
		b.progress.report(int64(row))
		if err := b.add(&record{num: row - headerRow, line: row, cols: cols, vals: cells}); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return geo.WrapError(geo.EINVALID, err, "%s: sheet %q is unreadable", b.file, sheet)
	}
	if cols == nil {
		return geo.Errorf(geo.EINVALID, "%s: sheet %q is empty", b.file, sheet)
	}
	return nil
}

// pickSheet returns Options.Sheet, checked, or the first sheet.
func (b *builder) pickSheet(f *excelize.File) (string, error) {
	list := f.GetSheetList()
	if len(list) == 0 {
		return "", geo.Errorf(geo.EINVALID, "%s: the workbook has no sheets", b.file)
	}
	if b.spec.sheet == "" {
		return list[0], nil
	}
	for _, s := range list {
		if strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(b.spec.sheet)) {
			return s, nil
		}
	}
	return "", geo.Errorf(geo.EINVALID, "%s: no sheet %q in the workbook (sheets: %s)", b.file, b.spec.sheet, joinNames(list))
}

// sheetRows returns the last row of the sheet's used range (0 when unknown).
func sheetRows(f *excelize.File, sheet string) int64 {
	dim, err := f.GetSheetDimension(sheet)
	if err != nil {
		return 0
	}
	_, last, _ := strings.Cut(dim, ":")
	if last == "" {
		last = dim
	}
	if _, row, err := excelize.CellNameToCoordinates(last); err == nil {
		return int64(row)
	}
	return 0
}
