package report

import (
	"fmt"
	"html/template"
	"math"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/uber/h3-go/v4"
)

// Map layout, in SVG units: the map is mapWidth across (A4 portrait at 96 dpi is about
// 700 px inside the margins, so a unit prints at ≈ 0.19 mm) and at most mapMaxHeight
// down; the legend sits below it.
const (
	mapWidth     = 1000
	mapMaxHeight = 1100
	mapPad       = 20
	simplifyTol  = 0.4 // units: outlines are simplified to within this
)

// mapCanvas fits the study area: the street and community boundaries and the cell
// centres, else the walk network's extent.
func mapCanvas(e *engine.Engine) canvas {
	var b orb.Bound
	have := false
	grow := func(bb orb.Bound) {
		if !have {
			b, have = bb, true
			return
		}
		b = b.Union(bb)
	}
	for _, c := range e.Communities {
		if len(c.Boundary) > 0 {
			grow(c.Boundary.Bound())
		}
	}
	for _, s := range e.Streets {
		if len(s.Boundary) > 0 {
			grow(s.Boundary.Bound())
		}
	}
	for _, c := range e.Cells {
		grow(orb.Bound{Min: c.Center, Max: c.Center})
	}
	if !have && e.Graph != nil {
		b = e.Graph.Bounds()
	}
	return newCanvas(b, mapWidth, mapMaxHeight, mapPad)
}

// svgOpen starts a map's svg element with room for legendH units of legend below the map.
func svgOpen(sb *strings.Builder, c canvas, legendH float64, label string) {
	fmt.Fprintf(sb, `<svg class="map" viewBox="0 0 %s %s" role="img" aria-label="%s">`,
		num(c.Width), num(c.MapH+legendH), template.HTMLEscapeString(label))
	fmt.Fprintf(sb, `<rect class="frame" x="0" y="0" width="%s" height="%s"/>`, num(c.Width), num(c.MapH))
}

// shareClass returns the class (0–4) of a share of residents beyond the threshold.
func shareClass(share float64) int {
	switch {
	case share < 0.05:
		return 0
	case share < 0.2:
		return 1
	case share < 0.4:
		return 2
	case share < 0.6:
		return 3
	}
	return 4
}

// beyondShare is the share of a community's residents (of its area when it has none)
// not within the threshold; false when it has no cells.
func beyondShare(r assess.CoverageRow) (float64, bool) {
	switch {
	case r.Cells == 0:
		return 0, false
	case r.Population > 0:
		return r.PopulationBeyond / r.Population, true
	}
	return 1 - r.AreaShare, true
}

// networkMap draws the district: communities shaded by the share of residents beyond
// in.GapMinutes of any station, street outlines and labels, and the stations by level.
func networkMap(in Input, d dict, c canvas) template.HTML {
	var sb strings.Builder
	svgOpen(&sb, c, 110, d.T["mapNetwork"])
	rows := map[string]assess.CoverageRow{}
	if rep, ok := in.coverageOf(anyStation(), in.GapMinutes); ok {
		for _, r := range rep.Communities {
			rows[r.Code] = r
		}
	}
	for _, cm := range in.Engine.Communities {
		if len(cm.Boundary) == 0 {
			continue
		}
		class, label := "nd", cm.Name
		if share, ok := beyondShare(rows[cm.Code]); ok {
			class, label = fmt.Sprintf("s%d", shareClass(share)), cm.Name+" "+pct(share)
		}
		p := pathData{tol: simplifyTol}
		p.multiPolygon(c, cm.Boundary)
		fmt.Fprintf(&sb, `<path class="cm %s" d="%s"><title>%s</title></path>`, class, p.String(), template.HTMLEscapeString(label))
	}
	streets := streetOutlines(in.Engine)
	for _, s := range streets {
		p := pathData{tol: simplifyTol}
		p.multiPolygon(c, s.outline)
		fmt.Fprintf(&sb, `<path class="street" d="%s"/>`, p.String())
	}
	for _, s := range streets { // names above the centroid, clear of a centre's symbol there
		x, y := c.xy(s.label)
		fmt.Fprintf(&sb, `<text class="lbl" x="%s" y="%s">%s</text>`, num(x), num(y-10), template.HTMLEscapeString(s.name))
	}
	drawStations(&sb, in.Engine.Stations, c, true)
	scaleBar(&sb, c, d)
	networkLegend(&sb, c, d, in.GapMinutes)
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// streetOutline is one street's outline and the point its name is written at.
type streetOutline struct {
	name    string
	outline orb.MultiPolygon
	label   orb.Point
}

// streetOutlines returns each street's boundary, or, for a street without one, the outline
// of its communities' cells; in the order of e.Streets, then streets only named on
// communities.
func streetOutlines(e *engine.Engine) []streetOutline {
	cellsOf := map[string][]h3.Cell{}
	for i, ci := range e.CellComm {
		if ci >= 0 {
			code := e.Communities[ci].StreetCode
			cellsOf[code] = append(cellsOf[code], e.Cells[i].H3)
		}
	}
	var out []streetOutline
	seen := map[string]bool{}
	add := func(code, name string, boundary orb.MultiPolygon) {
		if code == "" || seen[code] {
			return
		}
		seen[code] = true
		if len(boundary) == 0 {
			for _, r := range mergeCells(cellsOf[code]) {
				boundary = append(boundary, orb.Polygon{r})
			}
		}
		if len(boundary) == 0 {
			return
		}
		out = append(out, streetOutline{name: name, outline: boundary, label: labelPoint(boundary)})
	}
	for _, s := range e.Streets {
		add(s.Code, s.Name, s.Boundary)
	}
	for _, c := range e.Communities {
		add(c.StreetCode, c.StreetName, nil)
	}
	return out
}

// labelPoint is where a polygon's name goes: the centroid of its largest part.
func labelPoint(mp orb.MultiPolygon) orb.Point {
	best, area := orb.Point{}, -1.0
	for _, p := range mp {
		ctr, a := planar.CentroidArea(p)
		if a = math.Abs(a); a > area {
			best, area = ctr, a
		}
	}
	return best
}

// drawStations draws the stations that fall on the map, lower levels first so the
// district and street centres stay on top: as level symbols, or as plain dots when
// symbols is false.
func drawStations(sb *strings.Builder, st []geo.Station, c canvas, symbols bool) {
	levels := geo.Levels()
	for i := len(levels) - 1; i >= 0; i-- {
		for _, s := range st {
			if s.Level != levels[i] || !c.inside(s.Point) {
				continue
			}
			x, y := c.xy(s.Point)
			if !symbols {
				fmt.Fprintf(sb, `<circle class="dot" cx="%s" cy="%s" r="2.2"/>`, num(x), num(y))
				continue
			}
			stationSymbol(sb, s.Level, x, y, s.Name)
		}
	}
}

// stationSymbol draws one station's symbol centred at (x, y), with its name as a tooltip
// ("" for none).
func stationSymbol(sb *strings.Builder, l geo.Level, x, y float64, name string) {
	title := ""
	if name != "" {
		title = "<title>" + template.HTMLEscapeString(name) + "</title>"
	}
	cls := "st-" + string(l)
	switch l {
	case geo.LevelDistrict:
		fmt.Fprintf(sb, `<path class="%s" d="%s">%s</path>`, cls, starPath(x, y, 12, 5), title)
	case geo.LevelStreet:
		fmt.Fprintf(sb, `<rect class="%s" x="%s" y="%s" width="11" height="11">%s</rect>`, cls, num(x-5.5), num(y-5.5), title)
	case geo.LevelCommunity:
		fmt.Fprintf(sb, `<circle class="%s" cx="%s" cy="%s" r="4.6">%s</circle>`, cls, num(x), num(y), title)
	case geo.LevelCompound:
		fmt.Fprintf(sb, `<circle class="%s" cx="%s" cy="%s" r="3">%s</circle>`, cls, num(x), num(y), title)
	default:
		fmt.Fprintf(sb, `<path class="%s" d="M%s %sl5 5-5 5-5-5z">%s</path>`, cls, num(x), num(y-5), title)
	}
}

// starPath is a five-pointed star of outer radius ro and inner radius ri at (x, y).
func starPath(x, y, ro, ri float64) string {
	var b strings.Builder
	for k := 0; k < 10; k++ {
		r := ro
		if k%2 == 1 {
			r = ri
		}
		a := -math.Pi/2 + float64(k)*math.Pi/5
		if k == 0 {
			b.WriteByte('M')
		} else {
			b.WriteByte('L')
		}
		b.WriteString(num(x + r*math.Cos(a)))
		b.WriteByte(' ')
		b.WriteString(num(y + r*math.Sin(a)))
	}
	b.WriteByte('z')
	return b.String()
}

// scaleBar draws a round-length scale bar in the map's lower left corner and a north mark
// in its upper right.
func scaleBar(sb *strings.Builder, c canvas, d dict) {
	mpu := c.metresPerUnit()
	length := 50.0
	for _, l := range []float64{100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000} {
		if l/mpu <= 180 {
			length = l
		}
	}
	w := length / mpu
	x0, y0 := 14.0, c.MapH-14
	label := fmt.Sprintf("%g m", length)
	if length >= 1000 {
		label = fmt.Sprintf("%g km", length/1000)
	}
	fmt.Fprintf(sb, `<path class="scale" d="M%s %sv5h%sv-5"/>`, num(x0), num(y0-5), num(w))
	fmt.Fprintf(sb, `<text class="small" x="%s" y="%s">%s</text>`, num(x0+w+6), num(y0), label)
	fmt.Fprintf(sb, `<text class="north" x="%s" y="30">▲ %s</text>`, num(c.Width-60), d.T["north"])
}

// networkLegend explains the shading and the station symbols below the map.
func networkLegend(sb *strings.Builder, c canvas, d dict, minutes float64) {
	y := c.MapH + 22
	swatches(sb, y, fmt.Sprintf(d.T["legendBeyond"], minuteLabel(minutes)), []string{"cm s0", "cm s1", "cm s2", "cm s3", "cm s4", "cm nd"},
		[]string{"0–5%", "5–20%", "20–40%", "40–60%", "60–100%", d.T["noData"]})
	y += 56
	for i, l := range geo.Levels() {
		x := float64(i) * 170
		stationSymbol(sb, l, x+12, y, "")
		fmt.Fprintf(sb, `<text class="lg" x="%s" y="%s">%s %s</text>`, num(x+27), num(y+5), l.Tier(), template.HTMLEscapeString(d.T["short_"+string(l)]))
	}
	fmt.Fprintf(sb, `<path class="street" d="M%s %sh26"/>`, num(860), num(y))
	fmt.Fprintf(sb, `<text class="lg" x="%s" y="%s">%s</text>`, num(892), num(y+5), template.HTMLEscapeString(d.T["streetOutline"]))
}
