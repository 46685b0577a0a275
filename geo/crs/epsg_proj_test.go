package crs_test

import (
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/internal/testenv"
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
