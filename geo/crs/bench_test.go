package crs_test

import (
	"testing"

	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/paulmach/orb"
)

// benchPoint is central Hefei (lon, lat) in WGS84, converted to each system as needed.
var benchPoint = orb.Point{117.2272, 31.8206}

func benchConv(b *testing.B, in orb.Point, conv func(orb.Point) orb.Point) {
	b.Helper()
	var out orb.Point
	for b.Loop() {
		out = conv(in)
	}
	if out == (orb.Point{}) {
		b.Fatal("conversion returned the zero point")
	}
}

func BenchmarkWGS84ToGCJ02(b *testing.B) { benchConv(b, benchPoint, crs.WGS84ToGCJ02) }

func BenchmarkGCJ02ToWGS84(b *testing.B) {
	benchConv(b, crs.WGS84ToGCJ02(benchPoint), crs.GCJ02ToWGS84)
}

func BenchmarkGCJ02ToBD09(b *testing.B) {
	benchConv(b, crs.WGS84ToGCJ02(benchPoint), crs.GCJ02ToBD09)
}

func BenchmarkBD09ToGCJ02(b *testing.B) {
	benchConv(b, crs.WGS84ToBD09(benchPoint), crs.BD09ToGCJ02)
}

func BenchmarkWGS84ToBD09(b *testing.B) { benchConv(b, benchPoint, crs.WGS84ToBD09) }

func BenchmarkBD09ToWGS84(b *testing.B) {
	benchConv(b, crs.WGS84ToBD09(benchPoint), crs.BD09ToWGS84)
}
