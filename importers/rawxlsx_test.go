package importers_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"strconv"
	"strings"
	"testing"
)

// rawSheet is the XML of a worksheet written by hand, for workbooks excelize would not
// write: body goes inside <sheetData>, and filler bytes of 'x' (streamed, never held in
// memory) may follow the prefix of the last cell.
type rawSheet struct {
	doctype string // before <worksheet>, e.g. an entity declaration
	body    string
	filler  int64 // bytes of 'x' written after body, inside an open <c><v> …
	shared  []string
}

// rawXLSX writes a minimal workbook (one sheet named "Sheet1") around s.
func rawXLSX(tb testing.TB, s rawSheet) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	if s.filler > 1<<20 { // fast enough for 900 MB of filler
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	}
	put := func(name string, parts ...string) io.Writer {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		for _, p := range parts {
			if _, err := io.WriteString(w, p); err != nil {
				tb.Fatal(err)
			}
		}
		return w
	}
	put("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`+
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`+
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	put("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+
		`<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`+
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)
	var sst strings.Builder
	for _, v := range s.shared {
		sst.WriteString("<si><t>" + v + "</t></si>")
	}
	put("xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`, sst.String(), `</sst>`)
	w := put("xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?>`, s.doctype,
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`, s.body)
	if s.filler > 0 {
		chunk := bytes.Repeat([]byte{'x'}, 1<<20)
		for left := s.filler; left > 0; left -= int64(len(chunk)) {
			if _, err := w.Write(chunk[:min(left, int64(len(chunk)))]); err != nil {
				tb.Fatal(err)
			}
		}
		io.WriteString(w, `</v></c></row>`)
	}
	io.WriteString(w, `</sheetData></worksheet>`)
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// sheetRow writes one row of inline-string cells (columns A, B, …) at row r.
func sheetRow(r int, vals ...string) string {
	var sb strings.Builder
	sb.WriteString(`<row r="` + itoa(r) + `">`)
	for i, v := range vals {
		sb.WriteString(`<c r="` + string(rune('A'+i)) + itoa(r) + `" t="inlineStr"><is><t>` + v + `</t></is></c>`)
	}
	sb.WriteString(`</row>`)
	return sb.String()
}

func itoa(i int) string { return strconv.Itoa(i) }
