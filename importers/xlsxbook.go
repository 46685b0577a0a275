package importers

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/guard"
)

// workbook is an XLSX workbook opened for streaming: its ZIP directory, its sheets in
// order and its shared strings. It is read with encoding/xml directly rather than with
// excelize. Measured with excelize v2.11.1, Options{UnzipSizeLimit: 512 MiB,
// UnzipXMLSizeLimit: 16 MiB} and its streaming Rows()/Columns() iterator (one child
// process each, /usr/bin/time): the 900 MB-cell bomb is refused by UnzipSizeLimit at once
// (0.06 s, 9 MB RSS), but no option bounds one cell, so a cell under that limit is held
// whole — 100 MB: 15.2 s, 786 MB RSS; 400 MB: 58.9 s, 3.11 GB RSS, over the 1.5 GB cap
// (this reader: 1.7 s / 77 MB and 2.2 s / 78 MB, refused at 16 MiB) — and Rows() reports
// no error for a sheet with an entity declaration (the billion-laughs row reads as "S1"
// and nothing after), malformed XML (the row reads as empty) or a shared-string index out
// of range (a blank cell; only GetCellValue, not Rows, checks it). Here every
// part's unpacked size counts against Limits.MaxUnzippedBytes (from the ZIP directory,
// which archive/zip holds every entry to), every XML token and cell against
// Limits.MaxFieldBytes; malformed XML, entity declarations and bad shared-string indexes
// are errors naming the part and the cell.
type workbook struct {
	file   string
	zr     *zip.Reader
	lim    Limits
	sheets []sheetRef
	shared []string
}

// sheetRef is a sheet's name and its worksheet part.
type sheetRef struct{ name, part string }

// openWorkbook reads the workbook's directory, sheet list and shared strings.
func openWorkbook(file string, data []byte, lim Limits) (*workbook, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, geo.WrapError(geo.EINVALID, err, "%s: unreadable XLSX workbook: not a valid ZIP archive", file)
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > uint64(lim.MaxUnzippedBytes) || total > uint64(lim.MaxUnzippedBytes) {
			return nil, geo.Errorf(geo.EINVALID, "%s: the workbook unpacks to more than %s, the limit against zip bombs (Limits.MaxUnzippedBytes); if the file is genuine, raise that limit",
				file, guard.Bytes(lim.MaxUnzippedBytes))
		}
	}
	w := &workbook{file: file, zr: zr, lim: lim}
	if err := w.readSheets(); err != nil {
		return nil, err
	}
	if err := w.readShared(); err != nil {
		return nil, err
	}
	return w, nil
}

// partName is a ZIP entry's name as a lower-case, slash-separated part name.
func partName(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, "\\", "/"), "/"))
}

func (w *workbook) find(part string) *zip.File {
	for _, f := range w.zr.File {
		if partName(f.Name) == part {
			return f
		}
	}
	return nil
}

// walk streams the XML of a part token by token through visit; what names the part in
// errors ("sheet "站点" (xl/worksheets/sheet1.xml)").
func (w *workbook) walk(f *zip.File, what string, visit func(xml.Token) error) error {
	rc, err := f.Open()
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "%s: unreadable XLSX workbook: %s cannot be unpacked", w.file, what)
	}
	defer rc.Close()
	d := xml.NewDecoder(&guard.XMLTokens{R: rc, Max: w.lim.MaxFieldBytes, What: "one cell or XML token of " + what})
	var open []string // the elements open, for RawToken does not match end tags
	for {
		tok, err := d.RawToken() // Token's namespace handling costs two thirds of the time
		if errors.Is(err, io.EOF) && len(open) > 0 {
			err = fmt.Errorf("the XML ends inside <%s>", open[len(open)-1])
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err == nil {
			open, err = nest(open, tok)
		}
		if err != nil {
			if lerr := limitError(w.file, err, "MaxFieldBytes"); lerr != err {
				return lerr
			}
			return geo.WrapError(geo.EINVALID, err, "%s: unreadable XLSX workbook: the XML of %s is malformed (near line %d); the workbook is damaged",
				w.file, what, lineOf(err, d))
		}
		if dir, ok := tok.(xml.Directive); ok {
			return geo.Errorf(geo.EINVALID, "%s: refused XLSX workbook: %s holds an XML declaration (%s), which spreadsheet programs never write; its entities could expand to gigabytes (a \"billion laughs\" file)",
				w.file, what, guard.Echo(string(dir), 40))
		}
		if err := visit(tok); err != nil {
			return err
		}
	}
}

// nest follows the open elements, checking that each end tag closes the last one open.
func nest(open []string, tok xml.Token) ([]string, error) {
	switch t := tok.(type) {
	case xml.StartElement:
		return append(open, t.Name.Space+":"+t.Name.Local), nil
	case xml.EndElement:
		name := t.Name.Space + ":" + t.Name.Local
		if len(open) == 0 || open[len(open)-1] != name {
			return open, fmt.Errorf("</%s> closes no open element", strings.TrimPrefix(name, ":"))
		}
		return open[:len(open)-1], nil
	}
	return open, nil
}

func lineOf(err error, d *xml.Decoder) int {
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		return syn.Line
	}
	line, _ := d.InputPos()
	return line
}

// readSheets reads the sheet names (xl/workbook.xml) and their parts (its relationships).
func (w *workbook) readSheets() error {
	f := w.find("xl/workbook.xml")
	if f == nil {
		return geo.Errorf(geo.EINVALID, "%s: unreadable XLSX workbook: it has no xl/workbook.xml (is it an Excel workbook?)", w.file)
	}
	var ids []string // relationship id of each sheet
	err := w.walk(f, "the workbook (xl/workbook.xml)", func(tok xml.Token) error {
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "sheet" {
			w.sheets = append(w.sheets, sheetRef{name: attr(se, "name")})
			ids = append(ids, attr(se, "id"))
		}
		return nil
	})
	if err != nil {
		return err
	}
	targets := map[string]string{}
	if f := w.find("xl/_rels/workbook.xml.rels"); f != nil {
		err := w.walk(f, "the workbook relationships (xl/_rels/workbook.xml.rels)", func(tok xml.Token) error {
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Relationship" {
				target := strings.ReplaceAll(attr(se, "Target"), "\\", "/")
				if !strings.HasPrefix(target, "/") {
					target = "xl/" + target
				}
				targets[attr(se, "Id")] = partName(path.Clean(target))
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for i := range w.sheets {
		w.sheets[i].part = targets[ids[i]]
	}
	return nil
}

// readShared reads the shared-string table, each entry the text of its runs (phonetic
// runs left out), at most Limits.MaxFieldBytes.
func (w *workbook) readShared() error {
	f := w.find("xl/sharedstrings.xml")
	if f == nil {
		return nil
	}
	var t richText
	return w.walk(f, "the shared strings (xl/sharedStrings.xml)", func(tok xml.Token) error {
		switch x := tok.(type) {
		case xml.StartElement:
			if x.Name.Local == "si" {
				t.reset()
			}
			t.mark(x.Name.Local, true)
		case xml.CharData:
			if err := t.text(x, w.lim.MaxFieldBytes); err != nil {
				return limitError(w.file, &guard.LimitError{What: "one shared string", Max: int64(w.lim.MaxFieldBytes)}, "MaxFieldBytes")
			}
		case xml.EndElement:
			t.mark(x.Name.Local, false)
			if x.Name.Local == "si" {
				w.shared = append(w.shared, unescapeXstring(t.String()))
			}
		}
		return nil
	})
}

// richText gathers the text of <t> elements, outside phonetic runs (<rPh>).
type richText struct {
	strings.Builder
	inT, inPhonetic bool
}

func (t *richText) reset() { t.Reset(); t.inT, t.inPhonetic = false, false }

// mark notes the start (in) or end of an element named local.
func (t *richText) mark(local string, in bool) {
	switch local {
	case "t":
		t.inT = in
	case "rPh":
		t.inPhonetic = in
	}
}

func (t *richText) text(b []byte, max int) error {
	if !t.inT || t.inPhonetic {
		return nil
	}
	if t.Len()+len(b) > max {
		return errTooLong
	}
	t.Write(b)
	return nil
}

var errTooLong = errors.New("too long")

// unescapeXstring decodes the _xHHHH_ escapes of OOXML strings (ST_Xstring), e.g.
// "_x000D_" for a carriage return.
func unescapeXstring(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if v, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				sb.WriteRune(rune(v))
				i += 7
				continue
			}
		}
		sb.WriteByte(s[i])
		i++
	}
	return sb.String()
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
