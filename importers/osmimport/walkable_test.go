package osmimport_test

import (
	"testing"

	"github.com/lifecircle/lifecircle/importers/osmimport"
	"github.com/paulmach/osm"
)

func tags(kv ...string) osm.Tags {
	var t osm.Tags
	for i := 0; i+1 < len(kv); i += 2 {
		t = append(t, osm.Tag{Key: kv[i], Value: kv[i+1]})
	}
	return t
}

func TestWalkable(t *testing.T) {
	cases := []struct {
		name string
		tags osm.Tags
		want bool
	}{
		{"residential", tags("highway", "residential"), true},
		{"footway", tags("highway", "footway"), true},
		{"steps", tags("highway", "steps"), true},
		{"corridor", tags("highway", "corridor"), true},
		{"primary_link", tags("highway", "primary_link"), true},
		{"road", tags("highway", "road"), true},
		{"bridleway", tags("highway", "bridleway"), true},
		{"oneway ignored", tags("highway", "tertiary", "oneway", "yes"), true},
		{"no highway", tags("waterway", "river"), false},
		{"no tags", nil, false},
		{"bus_stop", tags("highway", "bus_stop"), false},
		{"construction", tags("highway", "construction"), false},
		{"proposed", tags("highway", "proposed"), false},
		{"motorway", tags("highway", "motorway"), false},
		{"motorway foot=yes", tags("highway", "motorway", "foot", "yes"), true},
		{"motorway_link foot=designated", tags("highway", "motorway_link", "foot", "designated"), true},
		{"trunk", tags("highway", "trunk"), false},
		{"trunk foot=permissive", tags("highway", "trunk", "foot", "permissive"), true},
		{"trunk_link foot=no", tags("highway", "trunk_link", "foot", "no"), false},
		{"trunk foot=use_sidepath", tags("highway", "trunk", "foot", "use_sidepath"), false},
		{"footway foot=no", tags("highway", "footway", "foot", "no"), false},
		{"service access=private", tags("highway", "service", "access", "private"), false},
		{"service access=no", tags("highway", "service", "access", "no"), false},
		{"service access=private foot=yes", tags("highway", "service", "access", "private", "foot", "yes"), true},
		{"path access=no foot=designated", tags("highway", "path", "access", "no", "foot", "designated"), true},
		{"service access=destination", tags("highway", "service", "access", "destination"), true},
		{"residential foot=use_sidepath", tags("highway", "residential", "foot", "use_sidepath"), true},
		{"access=private foot=no", tags("highway", "path", "access", "private", "foot", "no"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := osmimport.Walkable(c.tags); got != c.want {
				t.Errorf("Walkable(%v) = %v, want %v", c.tags, got, c.want)
			}
		})
	}
}
