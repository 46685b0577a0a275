package api

import (
	"testing"

	"github.com/lifecircle/lifecircle/geo/engine"
)

// TestLoadAfterDeleteIsDiscarded: a load that began before its region was dropped
// (DELETE /api/v1/regions/{region} while a start-up or retry load runs) puts neither its
// engine nor its state in place; one that began after does.
func TestLoadAfterDeleteIsDiscarded(t *testing.T) {
	tab := newRegionTable()
	e := &engine.Engine{}
	g := tab.generation("510104")
	tab.setStateAt("510104", stateLoading, "", g)
	tab.drop("510104")
	if tab.setEngineAt("510104", e, g, true) {
		t.Error("an engine loaded before the deletion was put in place")
	}
	tab.setStateAt("510104", stateFailed, "boom", g)
	if en := tab.get("510104"); en != nil {
		t.Errorf("the deleted region is back: %+v", en)
	}
	g2 := tab.generation("510104")
	if g2 == g || !tab.setEngineAt("510104", e, g2, true) || tab.get("510104").state != stateLoaded {
		t.Errorf("a load after the deletion (generation %d, was %d) was not put in place", g2, g)
	}
}
