package report

import (
	"math"
	"strconv"
	"strings"
)

// count formats a number of residents (or any count) rounded to a whole number, with
// thousands separators: 175272.4 → "175,272". NaN and ±Inf give "—".
func count(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	s := strconv.FormatInt(int64(math.Round(math.Abs(v))), 10)
	var b strings.Builder
	if v <= -0.5 {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// pct formats a share (0–1) as a percentage with one decimal: 0.9531 → "95.3%". NaN and
// ±Inf give "—".
func pct(share float64) string {
	if math.IsNaN(share) || math.IsInf(share, 0) {
		return "—"
	}
	return strconv.FormatFloat(100*share, 'f', 1, 64) + "%"
}

// minutes formats walk minutes with one decimal; +Inf (not reached within the search
// limit of maxMin minutes) gives ">maxMin" and NaN "—".
func minutes(v, maxMin float64) string {
	switch {
	case math.IsNaN(v):
		return "—"
	case math.IsInf(v, 1):
		return ">" + strconv.FormatFloat(maxMin, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// plain formats v with the given decimals and no separators, for CSV: NaN gives "",
// +Inf (not reached within maxMin minutes) ">maxMin".
func plain(v float64, decimals int, maxMin float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, -1):
		return ""
	case math.IsInf(v, 1):
		return ">" + strconv.FormatFloat(maxMin, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

// minuteLabel formats a threshold in minutes: 15 → "15".
func minuteLabel(m float64) string { return strconv.FormatFloat(m, 'f', -1, 64) }
