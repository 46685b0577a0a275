package health_test

import (
	"fmt"
	"math"
	"os"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/health"
	"github.com/lifecircle/lifecircle/geo/local"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/internal/testenv"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// chengduDistricts reads the 20 real district boundaries of Chengdu (GCJ-02, converted
// to WGS84 here) as communities, coded by their 6-digit adcode padded to 12 digits.
func chengduDistricts(tb testing.TB) []geo.Community {
	tb.Helper()
	raw, err := os.ReadFile(testenv.SharedData(tb, "admin/chengdu-districts-gcj02.json"))
	if err != nil {
		tb.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(raw)
	if err != nil {
		tb.Fatal(err)
	}
	var out []geo.Community
	for _, f := range fc.Features {
		mp, ok := f.Geometry.(orb.MultiPolygon)
		if !ok {
			tb.Fatalf("district %v: geometry %T, want a MultiPolygon", f.Properties["adcode"], f.Geometry)
		}
		mp = mp.Clone()
		for _, poly := range mp {
			for _, r := range poly {
				for i := range r {
					r[i] = crs.GCJ02ToWGS84(r[i])
				}
			}
		}
		out = append(out, geo.Community{Code: fmt.Sprintf("%.0f000000", f.Properties.MustFloat64("adcode")), Name: f.Properties.MustString("name"), Boundary: mp, Source: "file"})
	}
	return out
}

// sampledOutsideShare estimates the share of mp's area outside the box b by a 120 × 120
// grid of sample points over mp's bounding box, each weighed by cos(lat) (the area of a
// lon/lat sample cell).
func sampledOutsideShare(mp orb.MultiPolygon, b orb.Bound) float64 {
	mb := mp.Bound()
	const n = 120
	var in, out float64
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			p := orb.Point{mb.Min[0] + (float64(i)+0.5)/n*(mb.Max[0]-mb.Min[0]), mb.Min[1] + (float64(j)+0.5)/n*(mb.Max[1]-mb.Min[1])}
			if !planar.MultiPolygonContains(mp, p) {
				continue
			}
			w := math.Cos(p[1] * math.Pi / 180)
			if b.Contains(p) {
				in += w
			} else {
				out += w
			}
		}
	}
	return out / (in + out)
}

// TestChengduDistrictsOutsideTheExtract takes Chengdu's 20 districts as units on the
// central extract: the five central ones cross it, the others lie wholly outside. Shares
// are checked against a sampled estimate, distances against the nearest node.
func TestChengduDistrictsOutsideTheExtract(t *testing.T) {
	res := chengdu(t)
	districts := chengduDistricts(t)
	d := engine.Data{Communities: districts}
	fs := check(t, load(t, d, res.Nodes, res.Edges, engine.Options{}), health.Facts{})
	// the extent: the network's box widened by the 500 m snap distance
	b := networkBound(res)
	padLat := 500 / degLatM
	padLon := 500 / local.MetresPerDegreeLon(b.Max[1]+padLat)
	ext := orb.Bound{Min: orb.Point{b.Min[0] - padLon, b.Min[1] - padLat}, Max: orb.Point{b.Max[0] + padLon, b.Max[1] + padLat}}
	maxEdge := 0.0
	for _, e := range res.Edges {
		maxEdge = max(maxEdge, e.LengthM)
	}
	crossing, wholly := 0, 0
	for _, c := range districts {
		outside := withCode(fs, health.CodeUnitOutsideStudyArea)
		var got []health.Finding
		for _, f := range outside {
			if f.Subject.ID == c.Code {
				got = append(got, f)
			}
		}
		if !c.Boundary.Bound().Intersects(ext) {
			wholly++
			if len(got) != 1 || got[0].Severity != health.SeverityError || got[0].Unit != health.UnitKm {
				t.Errorf("%s %s lies wholly outside: findings %+v, want one error in km", c.Code, c.Name, got)
				continue
			}
			ctr, _ := planar.CentroidArea(c.Boundary)
			node := nearestNodeM(res, ctr) / 1000
			if f := got[0].Figure; f > node+1e-9 || f < node-maxEdge/1000 {
				t.Errorf("%s %s: %.3f km from the network, its centre is %.3f km from the nearest node (edges up to %.0f m)", c.Code, c.Name, f, node, maxEdge)
			}
			continue
		}
		crossing++
		share := sampledOutsideShare(c.Boundary, ext)
		t.Logf("%s %s: sampled %.3f outside the extract; findings %d", c.Code, c.Name, share, len(got))
		for _, f := range got {
			t.Logf("  %s %.4f %s", f.Severity, f.Figure, f.Unit)
		}
		switch {
		case share > 0.53:
			if len(got) != 1 {
				t.Errorf("%s %s: findings %+v, want one", c.Code, c.Name, got)
				continue
			}
			if share > 0.995 {
				// all but a sliver outside (99 % or more): an error, in km
				if got[0].Unit != health.UnitKm || got[0].Severity != health.SeverityError {
					t.Errorf("%s %s: %.3f outside, finding %+v, want an error in km", c.Code, c.Name, share, got[0])
				}
				continue
			}
			if share > 0.985 {
				continue // too near the 99 % line for the sampled estimate to tell
			}
			if got[0].Unit != health.UnitShare || got[0].Severity != health.SeverityWarning {
				t.Errorf("%s %s: finding %+v, want a warning of the share outside", c.Code, c.Name, got[0])
			}
			near(t, c.Name+" share outside", got[0].Figure, share, 0.02)
		case share < 0.47 && len(got) != 0:
			t.Errorf("%s %s: %.3f outside, findings %+v, want none", c.Code, c.Name, share, got)
		}
	}
	if crossing < 5 || wholly == 0 {
		t.Errorf("%d districts cross the extract and %d lie outside; the data README says it lies across the five central ones", crossing, wholly)
	}
}

// TestHefeiCommunitiesWithoutBoundary imports the real Hefei division list (names and
// codes, no geometry): every community lacks a boundary and a population.
func TestHefeiCommunitiesWithoutBoundary(t *testing.T) {
	res := chengdu(t)
	hf, err := importers.ReadFile(t.Context(), importers.KindCommunities, testenv.SharedData(t, "admin/hefei-luyang-feidong-communities.csv"), importers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	comms := hf.Communities
	if len(comms) == 0 {
		t.Fatal("no community read")
	}
	fs := check(t, load(t, engine.Data{Communities: comms}, res.Nodes, res.Edges, engine.Options{}), health.Facts{})
	if n := len(withCode(fs, health.CodeCommunityWithoutBoundary)); n != len(comms) {
		t.Errorf("%d community_without_boundary findings, want one per community (%d)", n, len(comms))
	}
	f := about(t, fs, health.CodeCommunityWithoutBoundary, comms[0].Code)
	if f.Figure != 0 || f.Unit != health.UnitResidents || f.Severity != health.SeverityWarning || f.Subject.Name != comms[0].Name {
		t.Errorf("finding %+v", f)
	}
	all := about(t, fs, health.CodePopulationMissing, health.UnitCommunities)
	if all.Figure != float64(len(comms)) || all.Count != len(comms) || all.Subject.Kind != health.SubjectDistrict {
		t.Errorf("finding %+v, want one for the district's %d communities", all, len(comms))
	}

	// one community with its residents: its figure, and the others listed one by one
	comms[0].Population = 4321
	fs = check(t, load(t, engine.Data{Communities: comms}, res.Nodes, res.Edges, engine.Options{}), health.Facts{})
	if f := about(t, fs, health.CodeCommunityWithoutBoundary, comms[0].Code); f.Figure != 4321 {
		t.Errorf("finding %+v, want its 4321 residents", f)
	}
	if n := len(withCode(fs, health.CodePopulationMissing)); n != len(comms)-1 {
		t.Errorf("%d population_missing findings, want %d", n, len(comms)-1)
	}
}
