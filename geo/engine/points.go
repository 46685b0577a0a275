package engine

import (
	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

func stationPoints(ss []geo.Station) []orb.Point {
	ps := make([]orb.Point, len(ss))
	for i, s := range ss {
		ps[i] = s.Point
	}
	return ps
}

func outletPoints(os []geo.Outlet) []orb.Point {
	ps := make([]orb.Point, len(os))
	for i, o := range os {
		ps[i] = o.Point
	}
	return ps
}
