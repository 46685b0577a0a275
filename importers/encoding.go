package importers

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/lifecircle/lifecircle/geo"
)

// bom is the UTF-8 byte order mark Excel writes at the start of "CSV UTF-8" files.
const bom = "\xef\xbb\xbf"

// decodeText returns data as UTF-8 without a byte order mark, and the name of the encoding
// it was read in. want is Options.Encoding: "" or "auto" detects (BOM → UTF-8 or UTF-16;
// valid UTF-8 → UTF-8; anything else → GB18030, a superset of GBK).
func decodeText(name string, data []byte, want string) ([]byte, string, error) {
	switch strings.ToLower(strings.TrimSpace(want)) {
	case "", "auto":
		return decodeAuto(name, data)
	case "utf-8", "utf8":
		data = bytes.TrimPrefix(data, []byte(bom))
		if off := invalidUTF8(data); off >= 0 {
			return nil, "", geo.Errorf(geo.EINVALID,
				"%s: not valid UTF-8 at byte %d: the file may be GBK (try encoding gbk or auto)", name, off)
		}
		return data, "utf-8", nil
	case "gbk", "gb2312", "cp936":
		return decodeWith(name, data, simplifiedchinese.GBK, "gbk")
	case "gb18030":
		return decodeWith(name, data, simplifiedchinese.GB18030, "gb18030")
	}
	return nil, "", geo.Errorf(geo.EINVALID, "unknown encoding %q: use auto, utf-8, gbk or gb18030", want)
}

func decodeAuto(name string, data []byte) ([]byte, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte(bom)):
		return data[len(bom):], "utf-8", nil
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
		return decodeWith(name, data, dec, "utf-16")
	case utf8.Valid(data):
		return data, "utf-8", nil
	}
	return decodeWith(name, data, simplifiedchinese.GB18030, "gb18030")
}

func decodeWith(name string, data []byte, enc encoding.Encoding, label string) ([]byte, string, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", geo.WrapError(geo.EINVALID, err, "%s: cannot decode the file as %s", name, label)
	}
	return bytes.TrimPrefix(out, []byte(bom)), label, nil
}

// invalidUTF8 returns the byte offset of the first invalid UTF-8 sequence, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}
