package coverage

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// TestCellIndexFindsEveryCentre compares index queries, and those of the scanning
// fallback, with a scan of all cells.
func TestCellIndexFindsEveryCentre(t *testing.T) {
	b := orb.Bound{Min: orb.Point{104.05, 30.65}, Max: orb.Point{104.08, 30.67}}
	cells, err := CellsInBound(b, 10)
	if err != nil {
		t.Fatal(err)
	}
	cells = append(cells, Cell{H3: cells[0].H3, Center: orb.Point{math.NaN(), 30}}) // never found
	rng := rand.New(rand.NewPCG(7, 8))
	queries := []orb.Bound{
		b, {Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}, {Min: orb.Point{105, 31}, Max: orb.Point{106, 32}},
		{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}, {Min: orb.Point{math.NaN(), 0}, Max: orb.Point{1, 1}},
	}
	for range 200 {
		p := orb.Point{104.04 + rng.Float64()*0.05, 30.64 + rng.Float64()*0.04}
		queries = append(queries, orb.Bound{Min: p, Max: orb.Point{p[0] + rng.Float64()*0.01, p[1] + rng.Float64()*0.01}})
	}
	indexed := newCellIndex(cells)
	if indexed.grid == nil {
		t.Fatal("no grid index built")
	}
	indexes := []struct {
		name string
		ix   cellIndex
	}{{"grid", indexed}, {"scan", cellIndex{centres: indexed.centres}}}
	for _, tc := range indexes {
		t.Run(tc.name, func(t *testing.T) {
			for qi, q := range queries {
				found := map[int]int{}
				tc.ix.query(q, func(i int) { found[i]++ })
				for i, c := range cells {
					want := 0
					if validLonLat(c.Center) && q.Contains(c.Center) {
						want = 1
					}
					if found[i] != want {
						t.Errorf("query %d %v finds cell %d at %v %d times, want %d", qi, q, i, c.Center, found[i], want)
					}
				}
			}
		})
	}
}

func TestCellIndexSpreadOut(t *testing.T) {
	far := []Cell{
		{H3: h3.LatLngToCell(h3.NewLatLng(30, 104), 10), Center: orb.Point{104, 30}},
		{H3: h3.LatLngToCell(h3.NewLatLng(40, 116), 10), Center: orb.Point{116, 40}},
	}
	ix := newCellIndex(far)
	if nx, ny := ix.grid.Grid().Size(); nx*ny > 4*len(far)+1<<20 {
		t.Errorf("index of two far cells has %d × %d buckets", nx, ny)
	}
	var got []int
	ix.query(orb.Bound{Min: orb.Point{115.9, 39.9}, Max: orb.Point{116.1, 40.1}}, func(i int) { got = append(got, i) })
	if len(got) != 1 || got[0] != 1 {
		t.Errorf("query near Beijing finds %v, want [1]", got)
	}
}
