package osmimport_test

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

// syntheticCity describes a generated OSM XML city: an n×n grid of street nodes
// step degrees apart, rows and columns drawn as ways of segment nodes each, a tagged POI
// node beside every poiEvery-th grid node, a residential building (a closed way of four
// new nodes) in every buildingEvery-th cell, and every mpEvery-th building also wrapped in
// a landuse=residential multipolygon relation.
type syntheticCity struct {
	n, segment                       int
	step                             float64
	poiEvery, buildingEvery, mpEvery int
}

var syntheticHighways = []string{"residential", "footway", "service", "tertiary", "primary", "path"}

const syntheticOrigin = 104.0 // lon; lat origin is 30.0

func (c syntheticCity) gridID(row, col int) int64 { return int64(row*c.n+col) + 1 }

func (c syntheticCity) gridPoint(row, col int) orb.Point {
	return orb.Point{syntheticOrigin + float64(col)*c.step, 30.0 + float64(row)*c.step}
}

// write writes the city to path and returns its size in bytes.
func (c syntheticCity) write(tb testing.TB, path string) int64 {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, `<?xml version="1.0" encoding="UTF-8"?>`)
	fmt.Fprintln(w, `<osm version="0.6" generator="lifecircle synthetic city">`)
	c.writeNodes(w)
	c.writeStreets(w)
	c.writeBuildings(w)
	fmt.Fprintln(w, `</osm>`)
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		tb.Fatal(err)
	}
	return st.Size()
}

func writeNode(w *bufio.Writer, id int64, p orb.Point, tags ...string) {
	fmt.Fprintf(w, ` <node id="%d" version="3" timestamp="2018-05-01T10:00:00Z" changeset="58000000" uid="1234567" user="mapper" lat="%.7f" lon="%.7f"`, id, p[1], p[0])
	if len(tags) == 0 {
		fmt.Fprintln(w, "/>")
		return
	}
	fmt.Fprintln(w, ">")
	for i := 0; i+1 < len(tags); i += 2 {
		fmt.Fprintf(w, "  <tag k=\"%s\" v=\"%s\"/>\n", tags[i], tags[i+1])
	}
	fmt.Fprintln(w, " </node>")
}

// Node id ranges: grid nodes 1..n², POI nodes from 10⁸, building corners from 2·10⁸.
func (c syntheticCity) writeNodes(w *bufio.Writer) {
	for row := 0; row < c.n; row++ {
		for col := 0; col < c.n; col++ {
			writeNode(w, c.gridID(row, col), c.gridPoint(row, col))
		}
	}
	for k := 0; k < c.n*c.n; k += c.poiEvery {
		row, col := k/c.n, k%c.n
		p := c.gridPoint(row, col)
		writeNode(w, 1e8+int64(k), orb.Point{p[0] + c.step/4, p[1] + c.step/4},
			"shop", "convenience", "name", fmt.Sprintf("便利店%d", k))
	}
	for b, cell := range c.buildings() {
		for i, p := range c.buildingRing(cell) {
			writeNode(w, 2e8+int64(4*b+i), p)
		}
	}
}

// buildings returns the numbers of the cells that hold a building.
func (c syntheticCity) buildings() []int {
	var cells []int
	for k := 0; k < (c.n-1)*(c.n-1); k += c.buildingEvery {
		cells = append(cells, k)
	}
	return cells
}

// buildingRing returns the four corners of the building in the cell-th cell.
func (c syntheticCity) buildingRing(cell int) []orb.Point {
	p := c.gridPoint(cell/(c.n-1), cell%(c.n-1))
	lo, hi := c.step*0.3, c.step*0.7
	return []orb.Point{{p[0] + lo, p[1] + lo}, {p[0] + hi, p[1] + lo}, {p[0] + hi, p[1] + hi}, {p[0] + lo, p[1] + hi}}
}

func (c syntheticCity) writeStreets(w *bufio.Writer) {
	wayID := int64(1)
	for dir := 0; dir < 2; dir++ { // rows, then columns
		for line := 0; line < c.n; line++ {
			for start := 0; start < c.n-1; start += c.segment - 1 {
				fmt.Fprintf(w, " <way id=\"%d\" version=\"2\" timestamp=\"2018-05-01T10:00:00Z\" changeset=\"58000000\" uid=\"1234567\" user=\"mapper\">\n", wayID)
				for i := start; i < min(start+c.segment, c.n); i++ {
					id := c.gridID(line, i)
					if dir == 1 {
						id = c.gridID(i, line)
					}
					fmt.Fprintf(w, "  <nd ref=\"%d\"/>\n", id)
				}
				fmt.Fprintf(w, "  <tag k=\"highway\" v=\"%s\"/>\n  <tag k=\"name\" v=\"测试路%d\"/>\n </way>\n",
					syntheticHighways[line%len(syntheticHighways)], line)
				wayID++
			}
		}
	}
}

// Building ways have ids from 10⁸, multipolygon relations from 1.
func (c syntheticCity) writeBuildings(w *bufio.Writer) {
	cells := c.buildings()
	for b := range cells {
		fmt.Fprintf(w, " <way id=\"%d\" version=\"1\">\n", 1e8+int64(b))
		for i := 0; i <= 4; i++ {
			fmt.Fprintf(w, "  <nd ref=\"%d\"/>\n", 2e8+int64(4*b+i%4))
		}
		fmt.Fprintln(w, "  <tag k=\"building\" v=\"apartments\"/>\n </way>")
	}
	for b := 0; b < len(cells); b += c.mpEvery {
		fmt.Fprintf(w, " <relation id=\"%d\" version=\"1\">\n  <member type=\"way\" ref=\"%d\" role=\"outer\"/>\n", b+1, 1e8+int64(b))
		fmt.Fprintln(w, "  <tag k=\"type\" v=\"multipolygon\"/>\n  <tag k=\"landuse\" v=\"residential\"/>\n </relation>")
	}
}

// TestSyntheticCity checks the reader on a generated grid against what the grid must give:
// every grid node joins a row and a column, so the network is split at every node.
func TestSyntheticCity(t *testing.T) {
	c := syntheticCity{n: 30, segment: 7, step: 0.0005, poiEvery: 13, buildingEvery: 5, mpEvery: 4}
	path := filepath.Join(t.TempDir(), "city.osm")
	c.write(t, path)
	res := read(t, path)
	wantEdges := 2 * c.n * (c.n - 1)
	wantLen := 0.0
	for row := 0; row < c.n; row++ {
		for col := 0; col+1 < c.n; col++ {
			wantLen += geo.HaversineM(c.gridPoint(row, col), c.gridPoint(row, col+1))
			wantLen += geo.HaversineM(c.gridPoint(col, row), c.gridPoint(col+1, row))
		}
	}
	if len(res.Edges) != wantEdges || len(res.Nodes) != c.n*c.n {
		t.Errorf("%d edges, %d nodes; want %d and %d", len(res.Edges), len(res.Nodes), wantEdges, c.n*c.n)
	}
	if math.Abs(res.Stats.WalkLengthM-wantLen) > 1e-6*wantLen {
		t.Errorf("length %.3f m, want %.3f m", res.Stats.WalkLengthM, wantLen)
	}
	buildings := len(c.buildings())
	wantMP := (buildings + c.mpEvery - 1) / c.mpEvery
	if n := (c.n*c.n + c.poiEvery - 1) / c.poiEvery; len(res.Outlets) != n {
		t.Errorf("%d outlets, want %d", len(res.Outlets), n)
	}
	if len(res.Residential) != buildings+wantMP {
		t.Errorf("%d residential areas, want %d buildings + %d multipolygons", len(res.Residential), buildings, wantMP)
	}
}
