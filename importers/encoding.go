package importers

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	utf16 "golang.org/x/text/encoding/unicode"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/guard"
)

// bom is the UTF-8 byte order mark Excel writes at the start of "CSV UTF-8" files.
const bom = "\xef\xbb\xbf"

// decodeText returns data as UTF-8 without a byte order mark, and the name of the encoding
// it was read in. want is Options.Encoding: "" or "auto" detects (BOM → UTF-8 or UTF-16;
// valid UTF-8 → UTF-8; anything else → GB18030, a superset of GBK). The whole file must be
// in the one encoding: bytes invalid in it, or lines in UTF-8 among GBK ones (which would
// be stored as mojibake), are an EINVALID error naming the line.
func decodeText(name string, data []byte, want string) ([]byte, string, error) {
	switch strings.ToLower(strings.TrimSpace(want)) {
	case "", "auto":
		return decodeAuto(name, data)
	case "utf-8", "utf8":
		data = bytes.TrimPrefix(data, []byte(bom))
		if line, off := invalidUTF8Line(data); line > 0 {
			return nil, "", geo.Errorf(geo.EINVALID,
				"%s line %d: not valid UTF-8 at byte %d: the file may be GBK (try encoding gbk or auto)", name, line, off)
		}
		return data, "utf-8", nil
	case "gbk", "gb2312", "cp936":
		return decodeGBK(name, data, simplifiedchinese.GBK, "gbk")
	case "gb18030":
		return decodeGBK(name, data, simplifiedchinese.GB18030, "gb18030")
	}
	return nil, "", geo.Errorf(geo.EINVALID, "unknown encoding %q: use auto, utf-8, gbk or gb18030", guard.Echo(want, guard.EchoRunes))
}

func decodeAuto(name string, data []byte) ([]byte, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte(bom)):
		if line, off := invalidUTF8Line(data[len(bom):]); line > 0 {
			return nil, "", geo.Errorf(geo.EINVALID,
				"%s line %d: not valid UTF-8 at byte %d, though the file starts with a UTF-8 byte order mark (GBK text pasted into a UTF-8 file?): save the whole file again as UTF-8",
				name, line, off+len(bom))
		}
		return data[len(bom):], "utf-8", nil
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		dec := utf16.UTF16(utf16.LittleEndian, utf16.ExpectBOM)
		return decodeWith(name, data, dec, "utf-16")
	case utf8.Valid(data):
		return data, "utf-8", nil
	}
	return decodeGBK(name, data, simplifiedchinese.GB18030, "gb18030")
}

// decodeGBK decodes data, which is not all UTF-8, as GBK or GB18030, refusing a file that
// also holds UTF-8 lines.
func decodeGBK(name string, data []byte, enc encoding.Encoding, label string) ([]byte, string, error) {
	if u, other := utf8Lines(data); u > 0 && other > 0 {
		return nil, "", geo.Errorf(geo.EINVALID,
			"%s: the file mixes encodings: line %d is UTF-8 Chinese, line %d is not UTF-8 (GBK?); read as %s the UTF-8 lines would be garbled: save the whole file in one encoding",
			name, u, other, label)
	} else if u > 0 {
		return nil, "", geo.Errorf(geo.EINVALID,
			"%s: encoding %s was asked for, but the file is UTF-8 (line %d holds UTF-8 Chinese) and would be garbled: use encoding auto or utf-8",
			name, label, u)
	}
	return decodeWith(name, data, enc, label)
}

// decodeWith decodes data, refusing bytes the encoding cannot decode (the decoder would
// make them U+FFFD) by line.
func decodeWith(name string, data []byte, enc encoding.Encoding, label string) ([]byte, string, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", geo.WrapError(geo.EINVALID, err, "%s: cannot decode the file as %s", name, label)
	}
	if bytes.ContainsRune(out, utf8.RuneError) {
		return nil, "", undecodable(name, data, enc, label)
	}
	return bytes.TrimPrefix(out, []byte(bom)), label, nil
}

// undecodable names the first line of data that does not decode in enc.
func undecodable(name string, data []byte, enc encoding.Encoding, label string) error {
	if label == "utf-16" { // lines are not byte lines in UTF-16
		return geo.Errorf(geo.EINVALID, "%s: not valid UTF-16 (an unpaired surrogate, or an odd number of bytes): the file is damaged", name)
	}
	for i, line := range bytes.SplitAfter(data, []byte{'\n'}) {
		out, err := enc.NewDecoder().Bytes(line)
		if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
			if err := mixedLine(name, line, i+1, label); err != nil {
				return err
			}
			return geo.Errorf(geo.EINVALID,
				"%s line %d: bytes that are not valid %s (%s): the file is damaged or in another encoding",
				name, i+1, strings.ToUpper(label), guard.Echo(string(bytes.TrimRight(line, "\r\n")), 40))
		}
	}
	return geo.Errorf(geo.EINVALID, "%s: bytes that are not valid %s", name, strings.ToUpper(label))
}

// mixedLine refuses a line that mixes UTF-8 Chinese and GBK text (a GeoJSON file is
// often one line): it holds a run of UTF-8 Chinese and its first byte that is not UTF-8
// starts a GBK character. It is nil for a line that does not.
func mixedLine(name string, line []byte, n int, label string) error {
	run, runEnd := utf8ChineseRun(line)
	_, bad := invalidUTF8Line(line)
	if run < 0 || bad < 0 || !startsGBK(line[bad:]) {
		return nil
	}
	return geo.Errorf(geo.EINVALID,
		"%s line %d: the file mixes encodings: %q (byte %d of the line) is UTF-8 Chinese, but byte %d is not UTF-8 (GBK?); read as %s the UTF-8 text would be garbled: save the whole file in one encoding",
		name, n, string(line[run:runEnd]), run, bad, strings.ToUpper(label))
}

// startsGBK reports whether b starts with a GBK double-byte character: a lead byte
// 0x81–0xFE, a trail byte 0x40–0xFE other than 0x7F.
func startsGBK(b []byte) bool {
	return len(b) >= 2 && b[0] >= 0x81 && b[0] != 0xff && b[1] >= 0x40 && b[1] != 0x7f && b[1] != 0xff
}

// utf8ChineseRun returns the first run of at least two Chinese characters in UTF-8 (a
// GBK text practically never holds one) as byte offsets [start, end) (end at most 10
// characters on), or -1, -1.
func utf8ChineseRun(data []byte) (start, end int) {
	start = -1
	for i := 0; i <= len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if size == 3 && unicode.Is(unicode.Han, r) {
			if start < 0 {
				start = i
			}
			i += size
			continue
		}
		if start >= 0 && i-start >= 6 {
			return start, min(i, start+30)
		}
		start = -1
		i++
	}
	return -1, -1
}

// invalidUTF8Line returns the line (from 1) and byte offset of the first invalid UTF-8
// sequence, or 0, -1.
func invalidUTF8Line(b []byte) (line, off int) {
	line = 1
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			if b[i] == '\n' {
				line++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, i
		}
		i += size
	}
	return 0, -1
}

// utf8Lines returns the first line that is valid UTF-8 holding Chinese (only CJK and
// full-width characters beyond ASCII) and the first line that is not valid UTF-8; 0 for
// none. A GBK line is practically never valid UTF-8 of that kind.
func utf8Lines(data []byte) (utf8Line, otherLine int) {
	for i, line := 0, 1; i < len(data) && (utf8Line == 0 || otherLine == 0); line++ {
		end := bytes.IndexByte(data[i:], '\n')
		if end < 0 {
			end = len(data) - i
		}
		text := data[i : i+end]
		switch {
		case !utf8.Valid(text):
			if otherLine == 0 {
				otherLine = line
			}
		case utf8Line == 0 && chineseUTF8(text):
			utf8Line = line
		}
		i += end + 1
	}
	return utf8Line, otherLine
}

// chineseUTF8 reports whether valid UTF-8 text holds a Chinese character and no
// non-ASCII character outside the CJK and full-width blocks.
func chineseUTF8(text []byte) bool {
	han := false
	for _, r := range string(text) {
		switch {
		case r < utf8.RuneSelf:
		case unicode.Is(unicode.Han, r):
			han = true
		case r >= 0x3000 && r <= 0x303f, r >= 0xff00 && r <= 0xffef, r == '·', r == '—', r == '“', r == '”', r == '‘', r == '’', r == '…':
		default:
			return false
		}
	}
	return han
}
