package guard_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/guard"
)

func TestXMLTokens(t *testing.T) {
	long := strings.Repeat("x", 40)
	tests := []struct {
		name string
		xml  string
		max  int
		bad  bool // a token is longer than max
	}{
		{"short tokens", `<a b="1"><c>text</c></a>`, 16, false},
		{"long text", `<a>` + long + `</a>`, 16, true},
		{"long whitespace", `<osm>` + strings.Repeat(" \n", 20) + `</osm>`, 16, true},
		{"many short text runs", strings.Repeat(`<a>0123456789</a>`, 50), 16, false},
		{"long tag", `<a b="` + long + `"/>`, 16, true},
		{"'>' inside an attribute value stays in the tag", `<a b='>>>>>>>>>>>>>>>>>>>>>>>>'/>`, 16, true},
		{"comment holding '>'", `<!--` + strings.Repeat("> ", 20) + `-->`, 16, true},
		{"short comment", `<!-- a > b --><a/>`, 16, false},
		{"CDATA holding '>'", `<![CDATA[` + strings.Repeat("]>", 20) + `]]>`, 16, true},
		{"processing instruction", `<?xml version="1.0" encoding="UTF-8"?><a/>`, 40, false},
		{"DOCTYPE with an internal subset", `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><a/>`, 40, true},
		{"DOCTYPE within the limit", `<!DOCTYPE a [<!ENTITY b "c">]><a/>`, 40, false},
		{"quoted '>' in a declaration", `<!DOCTYPE a SYSTEM "x>y"><a/>`, 40, false},
		{"declaration nesting '<' '>'", `<!X` + strings.Repeat("<a>", 20) + `>`, 16, true},
		{"comment with '>' inside a declaration", `<!X <!-- >>>> -->` + strings.Repeat("<b>", 20) + `>`, 16, true},
	}
	for _, tc := range tests {
		for _, chunked := range []bool{false, true} {
			name := tc.name
			if chunked {
				name += " (one byte at a time)"
			}
			t.Run(name, func(t *testing.T) {
				var r io.Reader = strings.NewReader(tc.xml)
				if chunked {
					r = iotest.OneByteReader(r)
				}
				out, err := io.ReadAll(&guard.XMLTokens{R: r, Max: tc.max})
				var le *guard.LimitError
				switch {
				case tc.bad && !errors.As(err, &le):
					t.Fatalf("err = %v, want a *LimitError", err)
				case tc.bad && le.Max != int64(tc.max):
					t.Errorf("limit %d in the error, want %d", le.Max, tc.max)
				case !tc.bad && err != nil:
					t.Fatalf("err = %v", err)
				case !tc.bad && string(out) != tc.xml:
					t.Errorf("read %q, want %q", out, tc.xml)
				}
			})
		}
	}
}

func TestCap(t *testing.T) {
	tests := []struct {
		name, data string
		max        int64 // the data is refused when longer
	}{
		{"under", "abc", 4},
		{"exactly", "abcd", 4},
		{"over", "abcde", 4},
		{"far over", strings.Repeat("a", 10000), 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := guard.ReadAll(iotest.HalfReader(strings.NewReader(tc.data)), tc.max, "the data")
			var le *guard.LimitError
			if int64(len(tc.data)) > tc.max {
				if !errors.As(err, &le) || le.What != "the data" || le.Max != tc.max {
					t.Fatalf("err = %v, want a *LimitError for the data at %d", err, tc.max)
				}
				if int64(len(out)) > tc.max {
					t.Errorf("read %d bytes past the cap %d", len(out), tc.max)
				}
				return
			}
			if err != nil || string(out) != tc.data {
				t.Fatalf("read %q, %v", out, err)
			}
		})
	}
}

func TestEcho(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"plain", "经度,纬度", 80, "经度,纬度"},
		{"NUL and controls", "a\x00b\x1bc", 80, `a\x00b\x1bc`},
		{"invalid UTF-8", "a\xffb", 80, `a\xffb`},
		{"zero-width space", "a\u200bb", 80, `a\u200bb`},
		{"cut", strings.Repeat("长", 100), 5, "长长长长长…"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := guard.Echo(tc.in, tc.max); got != tc.want {
				t.Errorf("Echo(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	t.Run("list of 4 KB of garbage", func(t *testing.T) {
		names := make([]string, 400)
		for i := range names {
			names[i] = "\x01garbage"
		}
		got := guard.EchoList(names, 80)
		if n := len([]rune(got)); n > 100 || !strings.Contains(got, "(400 columns)") {
			t.Errorf("EchoList gave %d runes: %q", n, got)
		}
	})
}

func TestRecover(t *testing.T) {
	tests := []struct {
		name  string
		panic any
	}{
		{"string", "boom"},
		{"error", errors.New("makeslice: cap out of range")},
		{"other", 42},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := func() (err error) {
				defer guard.Recover("grid.csv", &err)
				panic(tc.panic)
			}()
			if geo.ErrorCodeOf(err) != geo.EINTERNAL || !strings.Contains(err.Error(), "grid.csv") {
				t.Errorf("err = %v (%s), want an internal error naming grid.csv", err, geo.ErrorCodeOf(err))
			}
		})
	}
}

// FuzzXMLTokens checks XMLTokens against encoding/xml: whenever the limiter lets a token
// through, the token is no longer than the limit.
func FuzzXMLTokens(f *testing.F) {
	for _, seed := range []string{`<a b="1">text</a>`, `<!DOCTYPE x [<!ENTITY a "<>">]><x/>`, `<!--c--><![CDATA[d]]><?p q?>`, `<!X <!-- > --><b>>`} {
		f.Add([]byte(seed), uint8(8))
	}
	f.Fuzz(func(t *testing.T, data []byte, max uint8) {
		limit := int(max%64) + 1
		d := xml.NewDecoder(&guard.XMLTokens{R: bytes.NewReader(data), Max: limit})
		d.Strict = false
		var prev int64
		for {
			tok, err := d.RawToken()
			if err != nil {
				return // a limit, malformed XML or the end
			}
			if span := d.InputOffset() - prev; span > int64(limit) {
				t.Fatalf("token %T of %d bytes (%q) let through a limit of %d", tok, span, data[prev:d.InputOffset()], limit)
			}
			prev = d.InputOffset()
		}
	})
}
