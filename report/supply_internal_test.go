package report

import (
	"math"
	"testing"

	"github.com/uber/h3-go/v4"
)

// TestCoarsen: 49 resolution-10 cells under one resolution-8 cell, capped at 10, are drawn
// on their 7 resolution-9 parents; residents and the population-weighted sum are kept,
// an all-off-network parent is off, a parent without residents takes the plain mean.
func TestCoarsen(t *testing.T) {
	top := h3.LatLngToCell(h3.LatLng{Lat: 30.66, Lng: 104.06}, 8)
	kids := top.Children(10)
	offParent, emptyParent := kids[0].Parent(9), kids[len(kids)-1].Parent(9)
	var cells []mapCell
	var pop, weighted float64
	emptyN, emptySum := 0.0, 0.0
	for i, k := range kids {
		m := mapCell{cell: k, value: float64(i % 5), pop: float64(i%3 + 1)}
		switch k.Parent(9) {
		case offParent:
			m.off, m.value = true, 0
		case emptyParent:
			m.pop = 0
			emptyN, emptySum = emptyN+1, emptySum+m.value
		}
		pop += m.pop
		weighted += m.value * m.pop
		cells = append(cells, m)
	}
	if same, res := coarsen(cells, len(cells)); res != 0 || len(same) != len(cells) {
		t.Fatalf("coarsen under the cap gave %d cells at resolution %d, want them unchanged", len(same), res)
	}
	got, res := coarsen(cells, 10)
	if res != 9 || len(got) != 7 {
		t.Fatalf("coarsen gave %d cells at resolution %d, want 7 at 9", len(got), res)
	}
	var gotPop, gotWeighted float64
	for _, m := range got {
		gotPop += m.pop
		gotWeighted += m.value * m.pop
		if m.off != (m.cell == offParent) {
			t.Errorf("parent %v off %v", m.cell, m.off)
		}
		if m.cell == emptyParent && math.Abs(m.value-emptySum/emptyN) > 1e-12 {
			t.Errorf("the parent without residents has %g, want the plain mean %g", m.value, emptySum/emptyN)
		}
	}
	if math.Abs(gotPop-pop) > 1e-9 || math.Abs(gotWeighted-weighted) > 1e-9 {
		t.Errorf("residents %g, weighted sum %g; want %g and %g kept", gotPop, gotWeighted, pop, weighted)
	}
}
