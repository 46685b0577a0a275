package engine

import (
	"fmt"
	"math"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/walk"
	"github.com/paulmach/orb"
)

// NearestHit is one facility reached on foot from a point.
type NearestHit struct {
	Facility
	Minutes float64
	Metres  float64
	Path    orb.LineString // the walk (lon, lat), when asked for
}

// MaxK bounds how many nearest facilities one query may ask for.
const MaxK = 50

// Nearest returns the k facilities of t nearest by walking time from p (lon, lat WGS84),
// nearest first, within the engine's max minutes; with paths when withPath. A point off
// the walk network is an EUNPROCESSABLE error naming its distance.
func (e *Engine) Nearest(p orb.Point, t Target, k int, withPath bool) ([]NearestHit, error) {
	if err := e.CheckTarget(t); err != nil {
		return nil, err
	}
	if k < 1 || k > MaxK {
		return nil, geo.Errorf(geo.EINVALID, "k = %d: ask for 1 to %d facilities", k, MaxK)
	}
	from, err := e.SnapOnNetwork(p, "the point")
	if err != nil {
		return nil, err
	}
	fs, targets := e.nearestTargets(t)
	if targets == nil {
		return nil, nil
	}
	var hits []walk.Hit
	if withPath || k > FieldK {
		hits = e.Graph.NearestIn(from, targets, k, e.Options.MaxMinutes*60, withPath)
	} else {
		hits = e.fields.field(e, t).Nearest(from, k)
	}
	out := make([]NearestHit, 0, len(hits))
	for _, h := range hits {
		out = append(out, NearestHit{Facility: fs[h.Index], Minutes: h.Seconds / 60, Metres: h.Metres, Path: h.Path})
	}
	return out, nil
}

// Walk is a route on foot.
type Walk struct {
	Minutes float64
	Metres  float64
	Path    orb.LineString // (lon, lat) WGS84, from the start point to the end point
}

// Route returns the quickest walk from a to b (lon, lat WGS84). Either point off the walk
// network is EUNPROCESSABLE; points the network does not join are ENOTFOUND.
func (e *Engine) Route(a, b orb.Point) (Walk, error) {
	sa, err := e.SnapOnNetwork(a, "the start")
	if err != nil {
		return Walk{}, err
	}
	sb, err := e.SnapOnNetwork(b, "the end")
	if err != nil {
		return Walk{}, err
	}
	r, ok := e.Graph.Route(sa, sb)
	if !ok {
		return Walk{}, geo.Errorf(geo.ENOTFOUND, "no walking route joins the two points (they lie on separate parts of the network)")
	}
	return Walk{Minutes: r.Seconds / 60, Metres: r.Metres, Path: r.Path}, nil
}

func offNetworkMessage(what string, d, limit float64) string {
	if math.IsInf(d, 1) {
		return fmt.Sprintf("%s is not near any walkable way", what)
	}
	return fmt.Sprintf("%s is %.0f m from the nearest walkable way (more than %.0f m: off the walk network)", what, d, limit)
}
