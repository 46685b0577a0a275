package osmimport_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"
)

// The bundled central Chengdu extract: every closed way and multipolygon relation tagged
// with a building kind that can house residents is read, with its levels, counted
// independently by scanning the file with osmpbf.
func TestChengduBuildings(t *testing.T) {
	path := filepath.Join("..", "..", "data", "osm", "chengdu-central.osm.pbf")
	res := read(t, path)
	want, withLevels := scanBuildings(t, path)
	got := map[string]geo.Building{}
	levels := 0
	for _, b := range res.Buildings {
		got[b.ID] = b
		if b.Levels > 0 {
			levels++
		}
	}
	t.Logf("%d buildings that can house residents, %d (%.1f %%) with building:levels", len(got), levels, 100*float64(levels)/float64(max(1, len(got))))
	if len(got) != len(want) || levels != withLevels {
		t.Errorf("read %d buildings, %d with levels; the file has %d, %d", len(got), levels, len(want), withLevels)
	}
	for id, lv := range want {
		b, ok := got[id]
		if !ok {
			t.Errorf("building %s not read", id)
			continue
		}
		if b.Levels != lv || len(b.Polygon) == 0 {
			t.Errorf("building %s: levels %g, %d polygons; want levels %g and a polygon", id, b.Levels, len(b.Polygon), lv)
		}
	}
	if res.Stats.Buildings != int64(len(got)) || res.Stats.BuildingsWithLevels != int64(levels) {
		t.Errorf("stats say %d buildings, %d with levels", res.Stats.Buildings, res.Stats.BuildingsWithLevels)
	}
}

// scanBuildings returns the ids (osm:w…, osm:r…) of the closed ways and multipolygon
// relations tagged with a building kind geo.IsBuildingKind accepts, with their integer
// building:levels (0 when absent).
func scanBuildings(tb testing.TB, path string) (map[string]float64, int) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := osmpbf.New(context.Background(), f, 1)
	defer sc.Close()
	out := map[string]float64{}
	n := 0
	for sc.Scan() {
		var tags osm.Tags
		var id string
		switch o := sc.Object().(type) {
		case *osm.Way:
			if len(o.Nodes) < 4 || o.Nodes[0].ID != o.Nodes[len(o.Nodes)-1].ID {
				continue
			}
			tags, id = o.Tags, "osm:w"+strconv.FormatInt(int64(o.ID), 10)
		case *osm.Relation:
			if o.Tags.Find("type") != "multipolygon" {
				continue
			}
			tags, id = o.Tags, "osm:r"+strconv.FormatInt(int64(o.ID), 10)
		default:
			continue
		}
		if !geo.IsBuildingKind(tags.Find("building")) {
			continue
		}
		lv, _ := strconv.Atoi(tags.Find("building:levels"))
		out[id] = float64(max(lv, 0))
		if lv > 0 {
			n++
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out, n
}
