package report

import (
	"fmt"
	"html/template"
	"math"
	"strings"

	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/standards"
	"github.com/paulmach/orb"
)

// The grid map's classes: households per grid worker against the rule's bound (up to two
// thirds of it, up to it, up to one and a half times it, beyond), then grids without a
// worker, then grids whose load is not known (no worker count, no households, no rule).
const (
	gridClassNoWorker = 4
	gridClassUnknown  = 5
)

// gridLoadBound is the bound of the households-per-grid-worker rule
// (standards.Ratio.UpperBound); false without a rule or a bound.
func gridLoadBound(q *standards.Ratio) (float64, bool) {
	if q == nil {
		return 0, false
	}
	return q.UpperBound()
}

// gridClass is a grid's class on the map.
func gridClass(r assess.GridRow, bound float64, hasBound bool) int {
	switch {
	case r.WorkersGiven && r.Workers == 0:
		return gridClassNoWorker
	case !hasBound || !r.WorkersGiven || math.IsNaN(r.HouseholdsPerWorker):
		return gridClassUnknown
	case r.HouseholdsPerWorker <= bound*2/3:
		return 0
	case r.HouseholdsPerWorker <= bound:
		return 1
	case r.HouseholdsPerWorker <= bound*1.5:
		return 2
	}
	return 3
}

// gridsMap draws the grids shaded by households per grid worker against the rule, the
// grids without a worker marked, over the community outlines; fitted to the grids.
func gridsMap(in Input, d dict) template.HTML {
	rep, e := in.Grids, in.Engine
	var b orb.Bound
	for i, g := range e.Grids {
		if i == 0 {
			b = g.Polygon.Bound()
		} else {
			b = b.Union(g.Polygon.Bound())
		}
	}
	c := newCanvas(b, mapWidth, mapMaxHeight, mapPad)
	var sb strings.Builder
	svgOpen(&sb, c, 60, d.T["gridMap"])
	communityOutlines(&sb, in, c)
	bound, hasBound := gridLoadBound(rep.LoadRule)
	rows := map[string]assess.GridRow{}
	for _, r := range rep.Grids {
		rows[r.Code] = r
	}
	for _, g := range e.Grids {
		r := rows[g.Code]
		p := pathData{tol: simplifyTol}
		p.multiPolygon(c, g.Polygon)
		label := g.Name + " " + g.Code
		if !math.IsNaN(r.HouseholdsPerWorker) {
			label += fmt.Sprintf(d.T["gridMapTip"], count(r.HouseholdsPerWorker))
		}
		fmt.Fprintf(&sb, `<path class="gd g%d" d="%s"><title>%s</title></path>`, gridClass(r, bound, hasBound), p.String(), template.HTMLEscapeString(label))
	}
	scaleBar(&sb, c, d)
	gridsLegend(&sb, c, d, bound, hasBound)
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// gridsLegend explains the classes below the map, in households per grid worker.
func gridsLegend(sb *strings.Builder, c canvas, d dict, bound float64, hasBound bool) {
	f := func(v float64) string { return num(math.Round(v)) }
	labels := []string{"≤ " + f(bound*2/3), f(bound*2/3) + "–" + f(bound), f(bound) + "–" + f(bound*1.5), "> " + f(bound*1.5), d.T["gridNoWorker"], d.T["noData"]}
	title := d.T["legendGrids"]
	if !hasBound {
		labels[0], labels[1], labels[2], labels[3] = "—", "—", "—", "—"
		title = d.T["legendGridsNoRule"]
	}
	var classes []string
	for k := 0; k <= gridClassUnknown; k++ {
		classes = append(classes, fmt.Sprintf("gd g%d", k))
	}
	swatches(sb, c.MapH+22, title, classes, labels)
}
