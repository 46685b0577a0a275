package ogr

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/lifecircle/lifecircle/geo"
)

// sidecar returns the path of the file beside shp with extension ext (".dbf", …), in any
// letter case, or "" when there is none.
func sidecar(shp, ext string) string {
	base := strings.TrimSuffix(shp, filepath.Ext(shp))
	for _, e := range []string{strings.ToLower(ext), strings.ToUpper(ext)} {
		if _, err := os.Stat(base + e); err == nil {
			return base + e
		}
	}
	entries, err := os.ReadDir(filepath.Dir(shp))
	if err != nil {
		return ""
	}
	want := strings.ToLower(filepath.Base(base) + ext)
	for _, e := range entries {
		if strings.ToLower(e.Name()) == want {
			return filepath.Join(filepath.Dir(shp), e.Name())
		}
	}
	return ""
}

// checkShapefile checks what GDAL lets pass silently: a .shp must have its .dbf (GDAL
// opens it without, dropping every attribute) and .shx, and the .dbf must hold one record
// per shape (GDAL pairs them by position, so a short .dbf gives later shapes the wrong or
// empty attributes). file names the input in messages.
func checkShapefile(file, shp string) error {
	name := filepath.Base(shp)
	dbf, shx := sidecar(shp, ".dbf"), sidecar(shp, ".shx")
	switch {
	case dbf == "":
		return geo.Errorf(geo.EINVALID, "%s: %s has no .dbf beside it: the attributes (names, ids) are in the .dbf; send the .shp, .shx, .dbf, .prj (and .cpg) together", file, name)
	case shx == "":
		return geo.Errorf(geo.EINVALID, "%s: %s has no .shx beside it (the index of the shapes); send the .shp, .shx, .dbf, .prj (and .cpg) together", file, name)
	}
	if err := checkShpLength(shp); err != nil {
		return geo.WrapError(geo.EINVALID, err, "%s: %s", file, name)
	}
	shapes, err := shxCount(shx)
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "%s: %s", file, filepath.Base(shx))
	}
	records, err := dbfCount(dbf)
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "%s: %s", file, filepath.Base(dbf))
	}
	if shapes != records {
		return geo.Errorf(geo.EINVALID, "%s: %s has %d shapes but %s has %d records: the files do not belong together or one is truncated, so attributes would land on the wrong shapes",
			file, name, shapes, filepath.Base(dbf), records)
	}
	return nil
}

// checkShpLength compares the file length a .shp's header states (big-endian 16-bit words
// at byte 24) with the file's size: a shorter file was cut off in transfer.
func checkShpLength(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil || binary.BigEndian.Uint32(h[0:4]) != 9994 {
		return errf("not a shapefile (no 100-byte header with file code 9994)")
	}
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if want := 2 * int64(binary.BigEndian.Uint32(h[24:28])); st.Size() < want {
		return errf("truncated: its header says %d bytes but the file has %d", want, st.Size())
	}
	return nil
}

// shxCount returns the number of shapes indexed by a .shx: 8 bytes per shape after the
// 100-byte header.
func shxCount(path string) (int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	if st.Size() < 100 || (st.Size()-100)%8 != 0 {
		return 0, errf("not a shape index: %d bytes is not a 100-byte header plus 8 bytes a shape", st.Size())
	}
	return (st.Size() - 100) / 8, nil
}

// dbfHeader is the start of a dBASE file.
type dbfHeader struct {
	Records   uint32
	HeaderLen uint16
	RecordLen uint16
	LDID      byte // language driver id (code page); 0 when the file states none
}

func readDBFHeader(path string) (dbfHeader, *os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return dbfHeader{}, nil, err
	}
	var b [32]byte
	if _, err := io.ReadFull(f, b[:]); err != nil {
		f.Close()
		return dbfHeader{}, nil, errf("not a dBASE file: shorter than its 32-byte header")
	}
	h := dbfHeader{
		Records: binary.LittleEndian.Uint32(b[4:8]), HeaderLen: binary.LittleEndian.Uint16(b[8:10]),
		RecordLen: binary.LittleEndian.Uint16(b[10:12]), LDID: b[29],
	}
	return h, f, nil
}

// dbfCount returns the record count of a .dbf, checking that the file holds them.
func dbfCount(path string) (int64, error) {
	h, f, err := readDBFHeader(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	if need := int64(h.HeaderLen) + int64(h.Records)*int64(h.RecordLen); st.Size() < need {
		return 0, errf("truncated: its header says %d records of %d bytes (%d bytes in all) but the file has %d bytes", h.Records, h.RecordLen, need, st.Size())
	}
	return int64(h.Records), nil
}

// dbfSample is how much of a .dbf's records the encoding detection reads.
const dbfSample = 4 << 20

// shapeEncoding decides the .dbf's text encoding: the caller's, else the .cpg's or the
// header's code page (GDAL honours both), else detected from the text: ASCII needs
// nothing, valid UTF-8 is UTF-8, anything else is GB18030 (a superset of GBK, as ArcGIS
// on Chinese Windows writes it). It returns GDAL's ENCODING open option value ("" to let
// GDAL decide), a description for Layer.Encoding and a warning when it guessed.
func shapeEncoding(shp, given string) (option, desc, warn string, err error) {
	switch strings.ToLower(strings.TrimSpace(given)) {
	case "", "auto":
	case "utf-8", "utf8":
		return "UTF-8", "utf-8 (given)", "", nil
	case "gbk", "cp936":
		return "CP936", "gbk (given)", "", nil
	case "gb18030":
		return "GB18030", "gb18030 (given)", "", nil
	default:
		return "", "", "", geo.Errorf(geo.EINVALID, "unknown encoding %q (use utf-8, gbk or gb18030)", given)
	}
	if cpg := sidecar(shp, ".cpg"); cpg != "" {
		b, err := os.ReadFile(cpg)
		if err == nil && strings.TrimSpace(string(b)) != "" {
			return "", strings.TrimSpace(string(b)) + " (from " + filepath.Base(cpg) + ")", "", nil
		}
	}
	dbf := sidecar(shp, ".dbf")
	h, f, err := readDBFHeader(dbf)
	if err != nil {
		return "", "", "", geo.WrapError(geo.EINVALID, err, "%s", filepath.Base(dbf))
	}
	defer f.Close()
	if h.LDID != 0 {
		return "", "code page of the .dbf header (language driver 0x" + hexByte(h.LDID) + ")", "", nil
	}
	sample := dbfText(f, h)
	switch {
	case isASCII(sample):
		return "", "ascii (the .dbf states no encoding and holds only ASCII text)", "", nil
	case utf8.Valid(trimPartialRune(sample)):
		return "UTF-8", "utf-8 (detected: the .dbf states no encoding)", "", nil
	}
	return "GB18030", "gb18030 (detected)",
		filepath.Base(dbf) + " states no encoding (no .cpg, no code page) and its text is not UTF-8: read as GB18030/GBK, as ArcGIS on Chinese Windows writes it; give the encoding if the names come out wrong", nil
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// trimPartialRune drops an incomplete UTF-8 sequence cut by the sample's end.
func trimPartialRune(b []byte) []byte {
	for i := 0; i < 3 && len(b) > 0; i++ {
		if r, _ := utf8.DecodeLastRune(b); r != utf8.RuneError {
			break
		}
		b = b[:len(b)-1]
	}
	return b
}

func hexByte(b byte) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[b>>4], digits[b&15]})
}

func errf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// dbfText returns the .dbf's text to detect the encoding from: the field names of the
// header's descriptors and the first dbfSample bytes of the records (f is just past the
// 32-byte header).
func dbfText(f *os.File, h dbfHeader) []byte {
	desc := make([]byte, max(int(h.HeaderLen)-32, 0))
	n, _ := io.ReadFull(f, desc)
	var text []byte
	for off := 0; off+32 <= n && desc[off] != 0x0D; off += 32 {
		name := desc[off : off+11]
		if i := bytes.IndexByte(name, 0); i >= 0 {
			name = name[:i]
		}
		text = append(append(text, name...), ' ')
	}
	rec, _ := io.ReadAll(io.LimitReader(f, dbfSample))
	return append(text, rec...)
}
