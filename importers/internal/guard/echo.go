package guard

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// EchoRunes is how much of a file's content a message repeats.
const EchoRunes = 80

// Echo returns s as a message may repeat it: at most max runes (marked "…" when cut), with
// control characters, invalid UTF-8 and other unprintable runes escaped as Go would quote
// them (\x00, \u200b), so that binary garbage cannot flood or garble a message.
func Echo(s string, max int) string {
	var sb strings.Builder
	runes := 0
	for i := 0; i < len(s); {
		if runes == max {
			sb.WriteString("…")
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&sb, `\x%02x`, s[i])
		case r == '\\' || strconv.IsPrint(r) || r == ' ':
			sb.WriteRune(r)
		default:
			q := strconv.QuoteRune(r)
			sb.WriteString(q[1 : len(q)-1])
		}
		i += size
		runes++
	}
	return sb.String()
}

// EchoList joins names for a message ("id, name, lon"), each echoed, the whole at most
// max runes.
func EchoList(names []string, max int) string {
	var sb strings.Builder
	for i, n := range names {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(Echo(n, max))
		if utf8.RuneCountInString(sb.String()) >= max {
			return Echo(sb.String(), max) + " (" + strconv.Itoa(len(names)) + " columns)"
		}
	}
	return sb.String()
}
