package crs_test

import (
	"bytes"
	"fmt"
	"math"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/paulmach/orb"
)

// TestFamilyNamesMatchPROJ checks the Gauss-Krüger tables against PROJ's own database:
// every Gauss-Krüger CRS of CGCS2000, Xian 1980, Beijing 1954 and New Beijing that
// `projinfo --list-crs` names has the same name in FamilyOf, and every code FamilyOf knows
// is in PROJ's list under that name.
func TestFamilyNamesMatchPROJ(t *testing.T) {
	projinfo := testenv.RequireTool(t, "projinfo", "Debian packages proj-bin, gdal-bin")
	out, err := exec.Command(projinfo, "--list-crs", "projected,geographic_2d,allow_deprecated").Output()
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`^EPSG:(\d+) "([^"]+)"`)
	proj := map[int]string{}
	for _, l := range strings.Split(string(out), "\n") {
		if m := line.FindStringSubmatch(l); m != nil {
			code, _ := strconv.Atoi(m[1])
			proj[code] = m[2]
		}
	}
	if len(proj) < 1000 {
		t.Fatalf("projinfo listed only %d CRSs", len(proj))
	}
	gk := regexp.MustCompile(`^(CGCS2000|Xian 1980|Beijing 1954|New Beijing) / .*Gauss-Kruger`)
	checked := 0
	for code, name := range proj {
		if !gk.MatchString(name) {
			continue
		}
		checked++
		if f := crs.FamilyOf(code); f.Name != name {
			t.Errorf("EPSG:%d: PROJ says %q, FamilyOf says %q", code, name, f.Name)
		}
	}
	for code := 1; code < 33000; code++ {
		f := crs.FamilyOf(code)
		if f.Known() && proj[code] != f.Name {
			t.Errorf("EPSG:%d: FamilyOf says %q, PROJ says %q", code, f.Name, proj[code])
		}
	}
	if checked < 250 {
		t.Errorf("only %d Gauss-Kruger CRSs checked", checked)
	}
}

// TestToLonLatMatchesPROJ projects points with gdaltransform (PROJ, through the EPSG
// definitions) and reads them back with Family.ToLonLat and FromLonLat.
func TestToLonLatMatchesPROJ(t *testing.T) {
	gdaltransform := testenv.RequireTool(t, "gdaltransform", "Debian packages proj-bin, gdal-bin")
	base := map[crs.Datum]int{crs.DatumCGCS2000: 4490, crs.DatumXian80: 4610, crs.DatumBeijing54: 4214, crs.DatumNewBeijing: 4555, crs.DatumWGS84: 4326}
	pts := []orb.Point{{104.0657, 30.6595}, {103.1, 31.4}, {106.4, 29.1}}
	for _, code := range []int{4544, 4543, 4523, 4497, 4508, 2383, 2360, 2341, 2433, 2412, 21418, 21458, 21478, 4584, 4574, 4654, 4790, 32648, 32649, 3857} {
		f := crs.FamilyOf(code)
		t.Run(fmt.Sprintf("EPSG:%d", code), func(t *testing.T) {
			in := pts
			if f.Projection != crs.ProjWebMercator {
				in = nil
				for _, p := range pts {
					in = append(in, orb.Point{f.CentralMeridian + (p[0] - 105), p[1]})
				}
			}
			var stdin bytes.Buffer
			for _, p := range in {
				fmt.Fprintf(&stdin, "%.10f %.10f\n", p[0], p[1])
			}
			cmd := exec.Command(gdaltransform, "-s_srs", fmt.Sprintf("EPSG:%d", base[f.Datum]), "-t_srs", fmt.Sprintf("EPSG:%d", code), "-output_xy")
			cmd.Stdin = &stdin
			out, err := cmd.Output()
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Fields(string(out))
			if len(lines) != 2*len(in) {
				t.Fatalf("gdaltransform printed %q", out)
			}
			for i, p := range in {
				x, _ := strconv.ParseFloat(lines[2*i], 64)
				y, _ := strconv.ParseFloat(lines[2*i+1], 64)
				q, ok := f.ToLonLat(x, y)
				if !ok || math.Abs(q[0]-p[0]) > 1e-8 || math.Abs(q[1]-p[1]) > 1e-8 {
					t.Errorf("ToLonLat(%.3f, %.3f) = %v, %v; PROJ projected it from %v", x, y, q, ok, p)
				}
				fx, fy, ok := f.FromLonLat(p)
				if !ok || math.Abs(fx-x) > 1e-3 || math.Abs(fy-y) > 1e-3 {
					t.Errorf("FromLonLat(%v) = (%.4f, %.4f), PROJ says (%.4f, %.4f)", p, fx, fy, x, y)
				}
			}
		})
	}
}
