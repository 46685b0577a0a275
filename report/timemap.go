package report

import (
	"fmt"
	"html/template"
	"math"
	"strings"

	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/uber/h3-go/v4"
)

// timeBands are the upper limits, in minutes, of the walk-time map's bands; a last band
// holds everything farther or not reached, and off-network cells have their own.
func timeBands() []float64 { return []float64{5, 10, 15, 20} }

// timeBand returns the band of a walk time in seconds: 0… len(timeBands()) for the
// bands, -1 for an off-network cell (NaN).
func timeBand(sec float32) int {
	if math.IsNaN(float64(sec)) {
		return -1
	}
	for i, m := range timeBands() {
		if float64(sec) <= m*60 {
			return i
		}
	}
	return len(timeBands())
}

// anyStationSeconds returns each cell's walk time in seconds to the nearest station of
// any level, or nil when it was not computed.
func anyStationSeconds(e *engine.Engine) []float32 {
	for _, r := range e.Results {
		if r.Kind == engine.KindLevel && r.Key == engine.AnyLevel {
			return r.Seconds
		}
	}
	return nil
}

// timeMap draws the cells coloured by walk minutes to the nearest station (each band's
// cells merged into one path), the community outlines and the stations as dots.
func timeMap(in Input, d dict, c canvas) template.HTML {
	e := in.Engine
	secs := anyStationSeconds(e)
	nb := len(timeBands()) + 1
	bands := make([][]h3.Cell, nb+1) // the last one: off-network
	names := make([]string, nb+1)
	for b := range names {
		names[b] = fmt.Sprintf("t%d", b)
	}
	names[nb] = "toff"
	for i, cell := range e.Cells {
		b := nb
		if secs != nil {
			if k := timeBand(secs[i]); k >= 0 {
				b = k
			}
		}
		bands[b] = append(bands[b], cell.H3)
	}
	return cellMap(in, d, c, d.T["mapTime"], bands, names, func(sb *strings.Builder) { timeLegend(sb, c, d) })
}

// cellMap draws a map of cells by class — each class's cells merged into one path of
// the CSS class names[k] — under the community outlines and the stations as dots, with a
// scale bar and the legend legend writes below the map.
func cellMap(in Input, d dict, c canvas, label string, classes [][]h3.Cell, names []string, legend func(*strings.Builder)) template.HTML {
	var sb strings.Builder
	svgOpen(&sb, c, 60, label)
	for k, cells := range classes {
		if len(cells) == 0 {
			continue
		}
		p := pathData{tol: simplifyTol}
		for _, r := range mergeCells(cells) {
			p.ring(c, r)
		}
		fmt.Fprintf(&sb, `<path class="%s" d="%s"/>`, names[k], p.String())
	}
	communityOutlines(&sb, in, c)
	drawStations(&sb, in.Engine.Stations, c, false)
	scaleBar(&sb, c, d)
	legend(&sb)
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// timeLegend explains the bands below the map.
func timeLegend(sb *strings.Builder, c canvas, d dict) {
	y := c.MapH + 22
	swatches(sb, y, d.T["legendTime"], []string{"t0", "t1", "t2", "t3", "t4", "toff"},
		[]string{"0–5", "5–10", "10–15", "15–20", d.T["band20"], d.T["offNetwork"]})
	legendDot(sb, y, d)
}

// swatches writes a legend: its title at y, then below it one swatch of each class with
// its label, 150 units apart.
func swatches(sb *strings.Builder, y float64, title string, classes, labels []string) {
	fmt.Fprintf(sb, `<text class="lg" x="0" y="%s">%s</text>`, num(y), template.HTMLEscapeString(title))
	for i, l := range labels {
		x := float64(i) * 150
		fmt.Fprintf(sb, `<rect class="%s" x="%s" y="%s" width="22" height="14"/>`, classes[i], num(x), num(y+10))
		fmt.Fprintf(sb, `<text class="lg" x="%s" y="%s">%s</text>`, num(x+28), num(y+22), template.HTMLEscapeString(l))
	}
}

// legendDot explains the stations' dots at the right end of a swatches row at y.
func legendDot(sb *strings.Builder, y float64, d dict) {
	fmt.Fprintf(sb, `<circle class="dot" cx="%s" cy="%s" r="2.2"/>`, num(908), num(y+17))
	fmt.Fprintf(sb, `<text class="lg" x="%s" y="%s">%s</text>`, num(916), num(y+22), template.HTMLEscapeString(d.T["stationDot"]))
}
