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
	cells := make([]mapCell, len(r.Cells))
	for i, cell := range r.Cells {
		cells[i] = mapCell{cell: in.Engine.Cells[cell.Cell].H3, value: cellPerHouseholds(cell, pph, r.Rule), pop: cell.Population, off: cell.OffNetwork}
	}
	cells, coarse := coarsen(cells, supplyMapMaxCells)
	classes := make([][]h3.Cell, supplyClasses+1) // the last one: off-network
	names := make([]string, supplyClasses+1)
	for k := range names {
		names[k] = supplyClassName(k)
	}
	for _, m := range cells {
		k := supplyClasses
		if !m.off {
			k = supplyClass(m.value, r.Rule.Min)
		}
		classes[k] = append(classes[k], m.cell)
	}
	svg := cellMap(in, d, c, d.T["supplyMap"], classes, names, func(sb *strings.Builder) { supplyLegend(sb, c, d, r, pph, names) })
	what, std := d.T["supplyWhatFloor"], fmt.Sprintf(d.T["supplyFloorStdShort"], num(r.Rule.Min))
	if r.Query.Resource == assess.ResourceStaff {
		what, std = d.T["supplyWhatStaff"], fmt.Sprintf(d.T["supplyStaffStdShort"], plain(r.Rule.Min, 2, 0))
	}
	note := fmt.Sprintf(d.T["supplyMapNote"], minuteLabel(f.Minutes), what, plain(pph, 2, 0), std)
	if coarse > 0 {
		note += fmt.Sprintf(d.T["supplyMapCoarse"], len(r.Cells), coarse, len(cells))
	}
	return svg, note
}

// supplyMapMaxCells is how many cells the supply map draws at most: a larger district is
// drawn on coarser H3 cells, each the population-weighted mean of the cells under it
// (coarsen), and the caption says so — the page stays light (the 1M-node district's
// 62 000 cells would add 1.6 MB).
const supplyMapMaxCells = 20000

// mapCell is one cell of the supply map: its figure per households, residents and
// whether it is off the walk network.
type mapCell struct {
	cell       h3.Cell
	value, pop float64
	off        bool
}

// coarsen returns cells unchanged (and 0) when there are at most max, else the cells'
// parents at the finest H3 resolution giving at most max of them (and that resolution):
// each parent's value is the population-weighted mean of its cells' (the plain mean
// when they have no residents), off-network cells counting 0 as in the units' means; a
// parent is off the network when all its cells are.
func coarsen(cells []mapCell, max int) ([]mapCell, int) {
	if len(cells) <= max || len(cells) == 0 {
		return cells, 0
	}
	for res := cells[0].cell.Resolution() - 1; res >= 0; res-- {
		if ps := parentsAt(cells, res); len(ps) <= max || res == 0 {
			return ps, res
		}
	}
	return cells, 0
}

// parentsAt groups cells under their parents at resolution res, in first-seen order (see
// coarsen for the values).
func parentsAt(cells []mapCell, res int) []mapCell {
	at := map[h3.Cell]int{}
	var out []mapCell
	var n, plainSum []float64
	for _, m := range cells {
		p := m.cell.Parent(res)
		k, ok := at[p]
		if !ok {
			k = len(out)
			at[p] = k
			out, n, plainSum = append(out, mapCell{cell: p, off: true}), append(n, 0), append(plainSum, 0)
		}
		v := m.value
		if m.off {
			v = 0
		}
		out[k].value += v * m.pop
		out[k].pop += m.pop
		out[k].off = out[k].off && m.off
		n[k]++
		plainSum[k] += v
	}
	for k := range out {
		if out[k].pop > 0 {
			out[k].value /= out[k].pop
		} else {
			out[k].value = plainSum[k] / n[k]
		}
	}
	return out
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
