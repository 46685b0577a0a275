package importers

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/guard"
)

// checkWorkbook looks through an XLSX workbook before excelize opens it. excelize would
// unpack a zip bomb, hold a 900 MB cell in memory, read XML it cannot parse as empty
// cells and a shared-string index out of range as a blank. So this checks, streaming: the
// parts' unpacked size (Limits.MaxUnzippedBytes, from the ZIP directory, which
// archive/zip holds every entry to), every XML token of the worksheets and the shared
// strings (Limits.MaxFieldBytes), that their XML is well-formed and declares no entities,
// and that every shared-string cell points into the table.
func checkWorkbook(file string, data []byte, lim Limits) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "%s: unreadable XLSX workbook: not a valid ZIP archive", file)
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > uint64(lim.MaxUnzippedBytes) || total > uint64(lim.MaxUnzippedBytes) {
			return geo.Errorf(geo.EINVALID, "%s: the workbook unpacks to more than %s, the limit against zip bombs (Limits.MaxUnzippedBytes); if the file is genuine, raise that limit",
				file, guard.Bytes(lim.MaxUnzippedBytes))
		}
	}
	w := workbookCheck{file: file, zr: zr, lim: lim}
	names := w.sheetNames()
	shared, err := w.sharedStrings()
	if err != nil {
		return err
	}
	for _, f := range zr.File {
		if p := partName(f.Name); strings.HasPrefix(p, "xl/worksheets/") && strings.HasSuffix(p, ".xml") {
			if err := w.sheet(f, names[p], shared); err != nil {
				return err
			}
		}
	}
	return nil
}

// workbookCheck is one checkWorkbook.
type workbookCheck struct {
	file string
	zr   *zip.Reader
	lim  Limits
}

// partName is a ZIP entry's name as a lower-case, slash-separated part name.
func partName(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, "\\", "/"), "/"))
}

func (w *workbookCheck) find(part string) *zip.File {
	for _, f := range w.zr.File {
		if partName(f.Name) == part {
			return f
		}
	}
	return nil
}

// walk streams the XML of a part token by token through visit; what names the part in
// errors ("sheet "站点" (xl/worksheets/sheet1.xml)").
func (w *workbookCheck) walk(f *zip.File, what string, visit func(xml.Token) error) error {
	rc, err := f.Open()
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "%s: unreadable XLSX workbook: %s cannot be unpacked", w.file, what)
	}
	defer rc.Close()
	tokens := &guard.XMLTokens{R: rc, Max: w.lim.MaxFieldBytes, What: "one cell or XML token of " + what}
	d := xml.NewDecoder(tokens)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
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

func lineOf(err error, d *xml.Decoder) int {
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		return syn.Line
	}
	line, _ := d.InputPos()
	return line
}

// sharedStrings counts the shared-string table's entries (0 without a table).
func (w *workbookCheck) sharedStrings() (int, error) {
	f := w.find("xl/sharedstrings.xml")
	if f == nil {
		return 0, nil
	}
	n := 0
	err := w.walk(f, "the shared strings (xl/sharedStrings.xml)", func(tok xml.Token) error {
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "si" {
			n++
		}
		return nil
	})
	return n, err
}

// sheet checks one worksheet: its XML and the shared-string index of every cell of type s.
func (w *workbookCheck) sheet(f *zip.File, name string, shared int) error {
	what := partName(f.Name)
	if name != "" {
		what = strconv.Quote(name) + " (" + what + ")"
	}
	what = "sheet " + what
	var ref, typ string
	var inV bool
	var v []byte
	return w.walk(f, what, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "c":
				ref, typ, v = attr(t, "r"), attr(t, "t"), v[:0]
			case "v":
				inV = true
			}
		case xml.CharData:
			if inV {
				v = append(v, t...)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "c":
				return w.sharedIndex(what, ref, typ, v, shared)
			}
		}
		return nil
	})
}

// sharedIndex checks that a cell of type s names an entry of the shared-string table.
func (w *workbookCheck) sharedIndex(what, ref, typ string, v []byte, shared int) error {
	if typ != "s" {
		return nil
	}
	s := strings.TrimSpace(string(v))
	if i, err := strconv.Atoi(s); err == nil && i >= 0 && i < shared {
		return nil
	}
	if ref == "" {
		ref = "(no reference)"
	}
	return geo.Errorf(geo.EINVALID, "%s: unreadable XLSX workbook: %s cell %s points to shared string %q, but the table has %d entries; the workbook is damaged",
		w.file, what, guard.Echo(ref, 20), guard.Echo(s, 20), shared)
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// sheetNames maps worksheet part names to the sheet names the workbook gives them, for
// messages; parts it cannot map are named by their path.
func (w *workbookCheck) sheetNames() map[string]string {
	ids := map[string]string{} // relationship id -> sheet name
	if f := w.find("xl/workbook.xml"); f != nil {
		_ = w.walk(f, "the workbook (xl/workbook.xml)", func(tok xml.Token) error {
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "sheet" {
				ids[attr(se, "id")] = attr(se, "name")
			}
			return nil
		})
	}
	out := map[string]string{}
	if f := w.find("xl/_rels/workbook.xml.rels"); f != nil {
		_ = w.walk(f, "the workbook relationships", func(tok xml.Token) error {
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Relationship" {
				if name, ok := ids[attr(se, "Id")]; ok {
					target := strings.ReplaceAll(attr(se, "Target"), "\\", "/")
					if !strings.HasPrefix(target, "/") {
						target = "xl/" + target
					}
					out[partName(path.Clean(target))] = name
				}
			}
			return nil
		})
	}
	return out
}
