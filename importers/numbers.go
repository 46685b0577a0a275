package importers

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/lifecircle/lifecircle/internal/csvout"
)

// units that may trail a number harmlessly, longest first.
var numberUnits = []string{"平方米", "平米", "m²", "m2", "㎡", "户", "人", "个", "名", "°", "度"}

// parseNumber reads a number as planners write it: "1234.5", "1,234", "1 234", full-width
// "１２３", with a harmless trailing unit ("120 m²", "120平方米", "300户", "25人", "31.8°").
// Thousands separators must group three digits. It returns false for anything else,
// including NaN, infinities and hexadecimal.
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(toHalfWidth(s))
	for _, u := range numberUnits {
		if strings.HasSuffix(s, u) {
			s = strings.TrimSpace(strings.TrimSuffix(s, u))
			break
		}
	}
	s = groupSeparators(s)
	if strings.Contains(s, ",") {
		if !validGrouping(s) {
			return 0, false
		}
		s = strings.ReplaceAll(s, ",", "")
	}
	if !plainDecimal(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// toHalfWidth maps full-width ASCII (U+FF01–U+FF5E) to ASCII and the ideographic space
// to a space.
func toHalfWidth(s string) string {
	if isASCII(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xff01 && r <= 0xff5e:
			return r - 0xfee0
		case r == 0x3000:
			return ' '
		case r == '。':
			return '.'
		}
		return r
	}, s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// groupSeparators turns spaces between digits ("1 234", with any Unicode space) into
// commas, so that both kinds of grouping are checked alike; other spaces stay.
func groupSeparators(s string) string {
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	r := []rune(s)
	var sb strings.Builder
	for i, c := range r {
		if unicode.IsSpace(c) && i > 0 && i < len(r)-1 && isDigit(r[i-1]) && isDigit(r[i+1]) {
			sb.WriteByte(',')
			continue
		}
		sb.WriteRune(c)
	}
	return sb.String()
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// validGrouping checks "[sign]d{1,3}(,ddd)+[.digits]".
func validGrouping(s string) bool {
	s = strings.TrimLeft(s, "+-")
	intPart, _, _ := strings.Cut(s, ".")
	groups := strings.Split(intPart, ",")
	if len(groups[0]) < 1 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// plainDecimal checks "[sign]digits[.digits][e[sign]digits]" with at least one digit
// before the exponent (csvout.PlainNumber after the sign).
func plainDecimal(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	return csvout.PlainNumber(s)
}
