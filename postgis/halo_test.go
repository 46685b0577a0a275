package postgis_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
	"github.com/paulmach/orb"
)

// haloEastOf is the point d metres east of (lon, lat) on latitude lat (WGS84), by the
// spheroid's radius of the parallel (GRS80), worked out here rather than by the code
// under test.
func haloEastOf(lon, lat, d float64) orb.Point {
	const a, e2 = 6378137.0, 0.00669438002290
	phi := lat * math.Pi / 180
	r := a * math.Cos(phi) / math.Sqrt(1-e2*math.Sin(phi)*math.Sin(phi))
	return orb.Point{lon + d/r*180/math.Pi, lat}
}

// HaloStations and HaloOutlets return the other regions' facilities within the halo of
// the region's districts (by distance from the boundary, on the spheroid), every status,
// each with its region; never the region's own, nothing for a region without districts.
func TestHaloReadsOtherRegionsNearTheDistricts(t *testing.T) {
	db, _ := postgistest.New(t)
	ctx := context.Background()
	a, b, c := db.InRegion("510104"), db.InRegion("510108"), db.InRegion("study-c")
	box := orb.MultiPolygon{{{{104, 30}, {104.02, 30}, {104.02, 30.01}, {104, 30.01}, {104, 30}}}}
	if _, err := a.ImportDistricts(ctx, geo.Batch{Kind: "districts", FileName: "a.json", Mode: geo.ModeReplace},
		[]geo.District{{Code: "510104", Name: "锦江区", Boundary: box}}, geo.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	station := func(id string, p orb.Point, st geo.Status) geo.Station {
		return geo.Station{ID: id, Name: id, Level: geo.LevelCommunity, Point: p, Status: st}
	}
	imports := []struct {
		db *postgis.DB
		ss []geo.Station
		os []geo.Outlet
	}{
		{a, []geo.Station{station("a1", orb.Point{104.01, 30.005}, geo.StatusConfirmed)}, []geo.Outlet{{ID: "ao", Category: "supermarket", Point: orb.Point{104.01, 30.005}}}},
		{b, []geo.Station{station("b-in", haloEastOf(104.02, 30.005, 2400), geo.StatusConfirmed), station("b-out", haloEastOf(104.02, 30.005, 2600), geo.StatusConfirmed),
			station("b-cand", haloEastOf(104.02, 30.005, 100), geo.StatusCandidate)},
			[]geo.Outlet{{ID: "bo-in", Category: "supermarket", Point: haloEastOf(104.02, 30.002, 2450)}, {ID: "bo-out", Category: "supermarket", Point: haloEastOf(104.02, 30.002, 2550)}}},
		{c, []geo.Station{station("c-in", orb.Point{104.01, 30.01 + 2000.0/111000}, geo.StatusConfirmed)}, nil},
	}
	for _, im := range imports {
		if _, err := im.db.ImportStations(ctx, geo.Batch{Kind: "stations", FileName: "s.csv", Mode: geo.ModeReplace}, im.ss, geo.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := im.db.ImportOutlets(ctx, geo.Batch{Kind: "outlets", FileName: "o.csv", Mode: geo.ModeReplace}, im.os, geo.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	ss, err := a.HaloStations(ctx, 2500)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range ss {
		got = append(got, string(s.Region)+"/"+s.ID+"/"+string(s.Status))
	}
	if want := []string{"510108/b-cand/candidate", "510108/b-in/confirmed", "study-c/c-in/confirmed"}; !slices.Equal(got, want) {
		t.Errorf("halo stations of 510104 = %v, want %v", got, want)
	}
	os, err := a.HaloOutlets(ctx, 2500)
	if err != nil || len(os) != 1 || os[0].ID != "bo-in" || os[0].Region != "510108" {
		t.Errorf("halo outlets of 510104 = %+v, %v; want bo-in of 510108", os, err)
	}
	if ss, err := b.HaloStations(ctx, 2500); err != nil || len(ss) != 0 {
		t.Errorf("halo stations of 510108 (no districts) = %+v, %v; want none", ss, err)
	}
	var ge *geo.Error
	if _, err := a.HaloOutlets(ctx, math.NaN()); !errors.As(err, &ge) || ge.Code != geo.EINVALID {
		t.Errorf("halo of NaN m: %v, want EINVALID", err)
	}
}
