package report

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/uber/h3-go/v4"
)

// supplyClasses is the number of value classes of the supply map (supplyClass); one more
// class holds the off-network cells.
const supplyClasses = 5

// supplyMap draws every cell shaded by the resource within reach (floor area, else
// staff), expressed per households at the district's persons per household and classed
// against the standard's figure; community outlines and the stations as dots. It returns
// the SVG and the caption.
func supplyMap(in Input, f *SupplyFigures, d dict, c canvas) (template.HTML, string) {
	r := supplyMapReport(f)
	pph := r.Total.PersonsPerHousehold
	classes := make([][]h3.Cell, supplyClasses+1) // the last one: off-network
	names := make([]string, supplyClasses+1)
	for k := range names {
		names[k] = supplyClassName(k)
	}
	for _, cell := range r.Cells {
		k := supplyClasses
		if !cell.OffNetwork {
			k = supplyClass(cellPerHouseholds(cell, pph, r.Rule), r.Rule.Min)
		}
		classes[k] = append(classes[k], in.Engine.Cells[cell.Cell].H3)
	}
	svg := cellMap(in, d, c, d.T["supplyMap"], classes, names, func(sb *strings.Builder) { supplyLegend(sb, c, d, r, pph, names) })
	what, std := d.T["supplyWhatFloor"], fmt.Sprintf(d.T["supplyFloorStdShort"], num(r.Rule.Min))
	if r.Query.Resource == assess.ResourceStaff {
		what, std = d.T["supplyWhatStaff"], fmt.Sprintf(d.T["supplyStaffStdShort"], plain(r.Rule.Min, 2, 0))
	}
	return svg, fmt.Sprintf(d.T["supplyMapNote"], minuteLabel(f.Minutes), what, plain(pph, 2, 0), std)
}

// supplyClassName is the CSS class of map class k.
func supplyClassName(k int) string {
	if k == supplyClasses {
		return "aoff"
	}
	return fmt.Sprintf("a%d", k)
}

// supplyLegend explains the classes below the map, in the rule's unit.
func supplyLegend(sb *strings.Builder, c canvas, d dict, r *assess.SupplyReport, pph float64, classes []string) {
	y := c.MapH + 22
	title := fmt.Sprintf(d.T["legendSupplyFloor"], minuteLabel(r.Query.Minutes), plain(pph, 2, 0))
	f := func(v float64) string { return num(v) }
	if r.Query.Resource == assess.ResourceStaff {
		title = fmt.Sprintf(d.T["legendSupplyStaff"], minuteLabel(r.Query.Minutes), plain(pph, 2, 0))
		f = func(v float64) string { return plain(v, 2, 0) }
	}
	m := r.Rule.Min
	swatches(sb, y, title, classes, []string{d.T["supplyNone"], "< " + f(m/2), f(m/2) + "–" + f(m), f(m) + "–" + f(2*m), "≥ " + f(2*m), d.T["offNetwork"]})
	legendDot(sb, y, d)
}

// communityOutlines draws every community boundary as a thin line.
func communityOutlines(sb *strings.Builder, in Input, c canvas) {
	for _, cm := range in.Engine.Communities {
		p := pathData{tol: simplifyTol}
		p.multiPolygon(c, cm.Boundary)
		if s := p.String(); s != "" {
			fmt.Fprintf(sb, `<path class="outline" d="%s"/>`, s)
		}
	}
}
