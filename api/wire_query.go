package api

import (
	"fmt"

	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// The wire format of GET /api/v1/nearest (JSON), /route and /isochrone (GeoJSON).

// nearestAnswer is GET /api/v1/nearest: the point asked about and the facilities nearest on
// foot, all in the request's crs. When fewer than k were found while more exist, the rest
// lie beyond the searches' bound: Beyond, BoundMinutes and the notes say so (absent
// otherwise).
type nearestAnswer struct {
	nearestFrom
	Region       string       `json:"region"` // the region answered for
	Results      []nearestHit `json:"results"`
	Beyond       bool         `json:"beyond,omitempty"`
	BoundMinutes num          `json:"bound_minutes,omitempty"`
	Note         string       `json:"note,omitempty"`
	NoteZH       string       `json:"note_zh,omitempty"`
}

// nearestFrom heads a /nearest answer: the crs, the point asked about and the target.
type nearestFrom struct {
	CRS    string     `json:"crs"`
	From   [2]num     `json:"from"`
	Target targetJSON `json:"target"`
}

// nearestHit is one facility in a /nearest answer.
type nearestHit struct {
	ID       string            `json:"id"`
	Name     string            `json:"name"`
	Category string            `json:"category,omitempty"`
	Level    string            `json:"level,omitempty"`
	Minutes  num               `json:"minutes"`
	Metres   num               `json:"metres"`
	Lon      num               `json:"lon"`
	Lat      num               `json:"lat"`
	Source   string            `json:"source,omitempty"`
	Region   string            `json:"region,omitempty"` // a facility of a neighbouring region (the halo); absent: the region's own
	Path     *geojson.Geometry `json:"path,omitempty"`   // LineString, with geometry=true
}

// nearestOut is the answer of hits for k asked of a set of total facilities searched up to
// boundMin minutes.
func nearestOut(sys crs.System, from orb.Point, t engine.Target, hits []engine.NearestHit, withPath bool, k, total int, boundMin float64) nearestAnswer {
	ans := nearestAnswer{nearestFrom: nearestFromOut(sys, from, t), Results: make([]nearestHit, len(hits))}
	for i, h := range hits {
		ans.Results[i] = nearestHitOut(sys, h, withPath)
	}
	if len(hits) < k && total > len(hits) {
		ans.Beyond, ans.BoundMinutes = true, num(boundMin)
		ans.Note = fmt.Sprintf("found %d of the %d asked for: %d more facilities of this kind exist but are not reached on foot within the %g-minute search bound", len(hits), k, total-len(hits), boundMin)
		ans.NoteZH = fmt.Sprintf("请求 %d 个，只找到 %d 个：此类另有 %d 个设施，但在 %g 分钟的搜索上限内步行到不了", k, len(hits), total-len(hits), boundMin)
	}
	return ans
}

// nearestCircleAnswer is GET /api/v1/nearest with circle=: for each facility of the
// circle, in its order, the facilities of its targets nearest on foot (the names of the
// circle's facilities are those of GET /api/v1/circles).
type nearestCircleAnswer struct {
	nearestFrom
	Region       string               `json:"region"` // the region answered for
	Facilities   []nearestCircleGroup `json:"facilities"`
	BoundMinutes num                  `json:"bound_minutes"`
}

// nearestCircleGroup is one facility of a circle: its nearest outlets or stations, how
// many there are, and whether fewer than k were found while more exist beyond the bound.
type nearestCircleGroup struct {
	Facility string       `json:"facility"`
	Results  []nearestHit `json:"results"`
	Total    int          `json:"total"`
	Beyond   bool         `json:"beyond"`
}

// nearestCircleOut is the answer of circle c's facilities' k nearest, searched up to
// boundMin minutes.
func nearestCircleOut(sys crs.System, from orb.Point, t engine.Target, groups []assess.CircleNearest, withPath bool, k int, boundMin float64) nearestCircleAnswer {
	ans := nearestCircleAnswer{nearestFrom: nearestFromOut(sys, from, t), Facilities: make([]nearestCircleGroup, len(groups)),
		BoundMinutes: num(boundMin)}
	for i, g := range groups {
		out := nearestCircleGroup{Facility: g.Facility, Results: make([]nearestHit, len(g.Hits)), Total: g.Total,
			Beyond: len(g.Hits) < k && g.Total > len(g.Hits)}
		for j, h := range g.Hits {
			out.Results[j] = nearestHitOut(sys, h, withPath)
		}
		ans.Facilities[i] = out
	}
	return ans
}

func nearestFromOut(sys crs.System, from orb.Point, t engine.Target) nearestFrom {
	return nearestFrom{CRS: string(sys), From: outPair(sys, from), Target: targetOut(t)}
}

func nearestHitOut(sys crs.System, h engine.NearestHit, withPath bool) nearestHit {
	pt := outPoint(sys, h.Point)
	out := nearestHit{ID: h.ID, Name: h.Name, Minutes: num(h.Minutes), Metres: num(h.Metres), Lon: num(pt[0]), Lat: num(pt[1]), Source: h.Source,
		Region: string(h.Region)}
	if h.Kind == engine.KindCategory {
		out.Category = h.Key
	} else {
		out.Level = h.Key
	}
	if withPath {
		out.Path = geometry(outLine(sys, h.Path))
	}
	return out
}

// routeProps are the properties of GET /api/v1/route's Feature (its geometry is the path).
type routeProps struct {
	Minutes num    `json:"minutes"`
	Metres  num    `json:"metres"`
	From    [2]num `json:"from"`
	To      [2]num `json:"to"`
	CRS     string `json:"crs"`
}

func routeOut(sys crs.System, from, to orb.Point, w engine.Walk) feature {
	props := routeProps{Minutes: num(w.Minutes), Metres: num(w.Metres), From: outPair(sys, from), To: outPair(sys, to), CRS: string(sys)}
	return newFeature("", outLine(sys, w.Path), props)
}

// bandProps is one threshold of GET /api/v1/isochrone (the feature's geometry is the
// area reached).
type bandProps struct {
	Minutes    num `json:"minutes"`
	Cells      int `json:"cells"`
	Population num `json:"population"`
}

func isochroneOut(sys crs.System, bands []engine.Band) featureCollection {
	return newCollection(sys, outEach(bands, func(b engine.Band) feature {
		return newFeature("", outMulti(sys, b.Polygon), bandProps{Minutes: num(b.Minutes), Cells: b.Cells, Population: num(b.Population)})
	}))
}
