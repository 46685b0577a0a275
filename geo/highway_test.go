package geo_test

import (
	"slices"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
)

func TestHighwayClass(t *testing.T) {
	cases := []struct {
		highway geo.Highway
		want    geo.RoadClass
	}{
		{"motorway", geo.RoadMajor}, {"motorway_link", geo.RoadMajor}, {"trunk", geo.RoadMajor},
		{"trunk_link", geo.RoadMajor}, {"primary", geo.RoadMajor}, {"primary_link", geo.RoadMajor},
		{"secondary", geo.RoadMajor}, {"secondary_link", geo.RoadMajor}, {"tertiary", geo.RoadMajor},
		{"tertiary_link", geo.RoadMajor},
		{"unclassified", geo.RoadMinor}, {"residential", geo.RoadMinor}, {"living_street", geo.RoadMinor},
		{"service", geo.RoadMinor}, {"pedestrian", geo.RoadMinor}, {"road", geo.RoadMinor},
		{"footway", geo.RoadPath}, {"path", geo.RoadPath}, {"track", geo.RoadPath},
		{"cycleway", geo.RoadPath}, {"bridleway", geo.RoadPath}, {"corridor", geo.RoadPath},
		{"steps", geo.RoadSteps},
		{"construction", ""}, {"proposed", ""}, {"bus_stop", ""}, {"", ""}, {"Primary", ""},
	}
	for _, c := range cases {
		t.Run(string(c.highway), func(t *testing.T) {
			if got := c.highway.Class(); got != c.want {
				t.Errorf("Class() = %q, want %q", got, c.want)
			}
			if got := c.highway.IsMajor(); got != (c.want == geo.RoadMajor) {
				t.Errorf("IsMajor() = %v", got)
			}
			if got := c.highway.IsSteps(); got != (c.want == geo.RoadSteps) {
				t.Errorf("IsSteps() = %v", got)
			}
		})
	}
}

func TestHighwaysOf(t *testing.T) {
	all := geo.Highways()
	seen := map[geo.Highway]bool{}
	for _, h := range all {
		if seen[h] {
			t.Errorf("%s listed twice", h)
		}
		seen[h] = true
		if h.Class() == "" {
			t.Errorf("%s listed but has no class", h)
		}
	}
	total := 0
	for _, c := range []geo.RoadClass{geo.RoadMajor, geo.RoadMinor, geo.RoadPath, geo.RoadSteps} {
		hs := geo.HighwaysOf(c)
		total += len(hs)
		for _, h := range hs {
			if h.Class() != c {
				t.Errorf("HighwaysOf(%s) holds %s of class %s", c, h, h.Class())
			}
		}
	}
	if total != len(all) {
		t.Errorf("the classes hold %d values, Highways %d", total, len(all))
	}
	// Migration 00005's partial index lists the major roads in this order.
	want := []geo.Highway{"primary", "primary_link", "secondary", "secondary_link", "tertiary",
		"tertiary_link", "trunk", "trunk_link", "motorway", "motorway_link"}
	if got := geo.HighwaysOf(geo.RoadMajor); !slices.Equal(got, want) {
		t.Errorf("major roads %v, want %v", got, want)
	}
	if got := geo.HighwaysOf("no such class"); got != nil {
		t.Errorf("unknown class holds %v", got)
	}
}

func TestWalkableWay(t *testing.T) {
	cases := []struct {
		name                  string
		highway, foot, access string
		want                  bool
	}{
		{"residential", "residential", "", "", true},
		{"footway", "footway", "", "", true},
		{"steps", "steps", "", "", true},
		{"corridor", "corridor", "", "", true},
		{"primary_link", "primary_link", "", "", true},
		{"road", "road", "", "", true},
		{"no highway", "", "", "", false},
		{"bus_stop", "bus_stop", "", "", false},
		{"construction", "construction", "", "", false},
		{"motorway", "motorway", "", "", false},
		{"motorway foot=yes", "motorway", "yes", "", true},
		{"motorway_link foot=designated", "motorway_link", "designated", "", true},
		{"trunk", "trunk", "", "", false},
		{"trunk foot=permissive", "trunk", "permissive", "", true},
		{"trunk_link foot=no", "trunk_link", "no", "", false},
		{"trunk foot=use_sidepath", "trunk", "use_sidepath", "", false},
		{"footway foot=no", "footway", "no", "", false},
		{"service access=private", "service", "", "private", false},
		{"service access=no", "service", "", "no", false},
		{"service access=private foot=yes", "service", "yes", "private", true},
		{"path access=no foot=designated", "path", "designated", "no", true},
		{"service access=destination", "service", "", "destination", true},
		{"residential foot=use_sidepath", "residential", "use_sidepath", "", true},
		{"access=private foot=no", "path", "no", "private", false},
		{"motorway access=no foot=yes", "motorway", "yes", "no", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := geo.WalkableWay(geo.Highway(c.highway), c.foot, c.access); got != c.want {
				t.Errorf("WalkableWay(%q, foot %q, access %q) = %v, want %v", c.highway, c.foot, c.access, got, c.want)
			}
		})
	}
}
