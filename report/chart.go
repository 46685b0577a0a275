package report

import (
	"fmt"
	"html/template"
	"strings"
)

// barRow is one bar of a coverage chart: a label and the shares (0–1) within each
// threshold, thresholds ascending, so each share is at least the one before.
type barRow struct {
	Label  string
	Shares []float64
}

// Chart layout in SVG units.
const (
	chartWidth  = 1000
	chartLabelW = 260
	chartBarW   = 640
	chartRowH   = 20
)

// barChart draws one horizontal bar per row, the thresholds' shares overlaid from the
// widest (the longest time, lightest) to the narrowest (darkest), with the longest time's
// share written after the bar, and a legend of the thresholds on top.
func barChart(rows []barRow, thresholds []string, d dict) template.HTML {
	if len(rows) == 0 {
		return ""
	}
	top := 30.0
	h := top + float64(len(rows))*chartRowH + 8
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart" viewBox="0 0 %d %s" role="img" aria-label="%s">`, chartWidth, num(h), template.HTMLEscapeString(d.T["chart"]))
	for i, t := range thresholds {
		x := float64(chartLabelW + i*120)
		fmt.Fprintf(&sb, `<rect class="b%d" x="%s" y="6" width="18" height="12"/>`, barClass(i, len(thresholds)), num(x))
		fmt.Fprintf(&sb, `<text class="lg" x="%s" y="17">≤ %s %s</text>`, num(x+24), t, d.T["min"])
	}
	for g := 0; g <= 4; g++ {
		x := float64(chartLabelW) + float64(g)*chartBarW/4
		fmt.Fprintf(&sb, `<path class="grid" d="M%s %sV%s"/>`, num(x), num(top-4), num(h-6))
	}
	for r, row := range rows {
		y := top + float64(r)*chartRowH
		fmt.Fprintf(&sb, `<text class="lg" x="%d" y="%s" text-anchor="end">%s</text>`, chartLabelW-8, num(y+13), template.HTMLEscapeString(row.Label))
		for i := len(row.Shares) - 1; i >= 0; i-- {
			w := clamp01(row.Shares[i]) * chartBarW
			fmt.Fprintf(&sb, `<rect class="b%d" x="%d" y="%s" width="%s" height="14"/>`, barClass(i, len(row.Shares)), chartLabelW, num(y+2), num(w))
		}
		if n := len(row.Shares); n > 0 {
			fmt.Fprintf(&sb, `<text class="lg" x="%s" y="%s">%s</text>`, num(chartLabelW+chartBarW+6), num(y+13), pct(row.Shares[n-1]))
		}
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// barClass picks the colour of threshold i of n: the shortest time darkest (b0), the
// longest lightest (b2).
func barClass(i, n int) int {
	if n <= 1 {
		return 0
	}
	return i * 2 / (n - 1)
}

func clamp01(v float64) float64 {
	switch {
	case !(v > 0):
		return 0
	case v > 1:
		return 1
	}
	return v
}
