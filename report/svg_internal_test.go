package report

import (
	"math"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// metres returns the WGS84 point x metres east and y metres north of (lon0, lat0).
func metres(lon0, lat0, x, y float64) orb.Point {
	mLat := geo.EarthRadiusM * math.Pi / 180
	return orb.Point{lon0 + x/(mLat*math.Cos(lat0*math.Pi/180)), lat0 + y/mLat}
}

func TestCanvasKeepsShapes(t *testing.T) {
	cases := []struct {
		name     string
		lon, lat float64
	}{
		{"Chengdu", 104.06, 30.66},
		{"Harbin", 126.63, 45.75},
		{"Sanya", 109.51, 18.25},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sw, ne := metres(tc.lon, tc.lat, 0, 0), metres(tc.lon, tc.lat, 4000, 2000)
			c := newCanvas(orb.Bound{Min: sw, Max: ne}, 1000, 1000, 20)
			x0, y0 := c.xy(sw)
			xe, ye := c.xy(metres(tc.lon, tc.lat, 1000, 0))
			xn, yn := c.xy(metres(tc.lon, tc.lat, 0, 1000))
			east, north := math.Hypot(xe-x0, ye-y0), math.Hypot(xn-x0, yn-y0)
			if math.Abs(east-north) > 0.01*north {
				t.Errorf("1 km east is %.1f units, 1 km north %.1f: the projection should keep shapes", east, north)
			}
			if yn >= y0 {
				t.Errorf("north is drawn down the page (y %.1f → %.1f)", y0, yn)
			}
			// 4 km across fills the 960 units inside the margins
			if w := 4 * east; math.Abs(w-960) > 1 {
				t.Errorf("the 4 km bound is %.1f units wide, want 960", w)
			}
			if got := c.metresPerUnit(); math.Abs(got-1000/north) > 0.01*got {
				t.Errorf("metresPerUnit = %.3f, want %.3f", got, 1000/north)
			}
		})
	}
}

func TestSimplifyRing(t *testing.T) {
	// a 100 × 50 rectangle with extra points along its edges, 0.1 off the line at most
	noisy := [][2]int64{{0, 0}, {50, 1}, {100, 0}, {100, 25}, {101, 50}, {60, 50}, {0, 50}, {0, 30}}
	cases := []struct {
		name string
		tol  float64
		want int
	}{
		{"tolerance keeps only the corners", 2, 4},
		{"no tolerance keeps everything", 0, len(noisy)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := simplifyRing(noisy, tc.tol)
			if len(got) != tc.want {
				t.Errorf("simplifyRing kept %v, want %d points", got, tc.want)
			}
		})
	}
}

func TestMergeCells(t *testing.T) {
	centre := h3.LatLngToCell(h3.NewLatLng(30.66, 104.06), 10)
	disk := h3.GridDisk(centre, 1)
	ring := h3.GridDiskDistances(centre, 1)[1] // the six neighbours
	neighbour := ring[0]
	cases := []struct {
		name  string
		cells []h3.Cell
		rings []int // vertices per ring, closing point excluded, fewest first
	}{
		{"one cell", []h3.Cell{centre}, []int{6}},
		{"two neighbours", []h3.Cell{centre, neighbour}, []int{10}},
		{"a disk of seven", disk, []int{18}},
		{"a ring around a hole", ring, []int{6, 18}},
		{"none", nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rs := mergeCells(tc.cells)
			var got []int
			for _, r := range rs {
				if !r.Closed() {
					t.Errorf("ring %v is not closed", r)
				}
				got = append(got, len(r)-1)
			}
			sort.Ints(got)
			if !slices.Equal(got, tc.rings) {
				t.Errorf("rings of %v vertices, want %v", got, tc.rings)
			}
		})
	}
}

func TestPathDataIsCompact(t *testing.T) {
	c := newCanvas(orb.Bound{Min: orb.Point{104, 30}, Max: orb.Point{104.01, 30.01}}, 1000, 1000, 0)
	p := pathData{tol: 0.4}
	p.ring(c, orb.Ring{{104, 30}, {104.01, 30}, {104.01, 30.01}, {104, 30.01}, {104, 30}})
	d := p.String()
	if !strings.HasPrefix(d, "M") || !strings.HasSuffix(d, "z") || strings.Count(d, "l") != 1 {
		t.Errorf("path %q: want one move, relative lines and a close", d)
	}
	// the square's side is the map's height, 1000 units: relative steps of ±1000 or 0
	for _, f := range strings.FieldsFunc(d[1:len(d)-1], func(r rune) bool { return r == ' ' || r == 'l' }) {
		if strings.Contains(f, ".") && len(f[strings.Index(f, ".")+1:]) > 1 {
			t.Errorf("number %q in %q has more than one decimal", f, d)
		}
	}
}
