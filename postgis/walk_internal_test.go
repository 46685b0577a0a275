package postgis

import (
	"reflect"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

func TestLineStringWKBMatchesOrb(t *testing.T) {
	tests := []struct {
		name string
		ls   orb.LineString
	}{
		{"two points", orb.LineString{{104.06, 30.66}, {104.07, 30.67}}},
		{"bent", orb.LineString{{104.06, 30.66}, {104.061, 30.6612}, {104.0625, 30.6608}, {104.064, 30.661}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := wkb.Marshal(tc.ls)
			if err != nil {
				t.Fatal(err)
			}
			got, err := lineStringWKB(b)
			if err != nil || !reflect.DeepEqual(got, tc.ls) {
				t.Errorf("got %v, %v; want %v", got, err, tc.ls)
			}
		})
	}
	if _, err := lineStringWKB([]byte{1, 2, 3}); err == nil {
		t.Error("garbage decoded without error")
	}
	b, _ := wkb.Marshal(orb.Point{1, 2})
	if _, err := lineStringWKB(b); err == nil {
		t.Error("a point decoded as a line")
	}
}
