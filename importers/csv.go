package importers

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// readCSVBytes reads a delimited text table: a header row, then one record per row.
// Blank rows are skipped; a malformed row is a Reject.
func readCSVBytes(b *builder, data []byte, res *Result) error {
	text, enc, err := decodeText(b.file, data, b.spec.encoding)
	if err != nil {
		return err
	}
	res.Encoding = enc
	if len(bytes.TrimSpace(text)) == 0 {
		return geo.Errorf(geo.EINVALID, "%s: the file is empty", b.file)
	}
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = sniffDelimiter(text)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	if err := checkFieldLengths(b.file, text, r.Comma, b.spec.limits.MaxFieldBytes); err != nil {
		return err
	}
	cols, err := b.readCSVHeader(r)
	if err != nil {
		return err
	}
	b.progress.start(int64(len(text)))
	b.reserve(min(bytes.Count(text, []byte{'\n'}), len(text)/8))
	for num := 1; ; num++ {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			b.rejectRecord(num, perr.StartLine, "", "", "malformed CSV row: "+perr.Err.Error())
			continue
		}
		if err != nil {
			return geo.WrapError(geo.EINVALID, err, "%s: cannot read the file", b.file)
		}
		b.progress.report(r.InputOffset())
		if blank(row) {
			continue
		}
		line, _ := r.FieldPos(0)
		if err := b.add(&record{num: num, line: line, cols: cols, vals: row}); err != nil {
			return err
		}
	}
}

// readCSVHeader reads the first non-blank row as the header (after title rows, see
// isTitleRow) and finds the kind's fields.
func (b *builder) readCSVHeader(r *csv.Reader) (*columns, error) {
	var titleErr error // why the first title row is no header
	for titles := 0; ; {
		row, err := r.Read()
		if errors.Is(err, io.EOF) && titleErr != nil {
			return nil, titleErr // rows of one value each, none a header
		}
		if errors.Is(err, io.EOF) {
			return nil, geo.Errorf(geo.EINVALID, "%s: the file is empty", b.file)
		}
		if err != nil {
			return nil, geo.WrapError(geo.EINVALID, err, "%s: cannot read the header row", b.file)
		}
		if blank(row) {
			continue
		}
		cols, err := b.header(append([]string(nil), row...))
		if err != nil && isTitleRow(row) && titles < maxTitleRows {
			titles++
			titleErr = cmp.Or(titleErr, err)
			continue
		}
		return cols, err
	}
}

// maxTitleRows is how many title rows may stand above a table's header.
const maxTitleRows = 3

// isTitleRow reports whether a row that is no usable header holds a single value, like
// the title ("庐阳区党群服务站点一览表") many spreadsheets carry above the header.
func isTitleRow(row []string) bool {
	n := 0
	for _, v := range row {
		if strings.TrimSpace(v) != "" {
			n++
		}
	}
	return n == 1
}

// header resolves the fields among a table's header and checks the required ones and the
// caller's mapping.
func (b *builder) header(header []string) (*columns, error) {
	for i := range header {
		header[i] = trimHeader(header[i])
	}
	cols := b.spec.resolve(header)
	for f, col := range b.spec.overrides {
		if col != "" && b.spec.uses[f] && cols.idx[f] < 0 {
			return nil, geo.Errorf(geo.EINVALID, "%s: column %q (mapped to field %s) is not in the header (columns: %s)",
				b.file, col, fieldKeys[f], joinNames(header))
		}
	}
	if err := b.spec.checkRequired(b.file, cols, header); err != nil {
		return nil, err
	}
	return cols, nil
}

// sniffDelimiter picks ',', ';' or tab: whichever the first line holds most of outside
// quotes (',' on a tie).
func sniffDelimiter(text []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, c := range text {
		if c == '\n' && !quoted {
			break
		}
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}
