package osmimport

import (
	"strconv"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/osm"
)

// feature is what an OSM element is for lifecircle, decided from its tags once so that the
// tags need not be kept.
type feature struct {
	typ         osm.Type // node, way or relation
	id          int64
	name        string
	address     string
	station     bool
	level       geo.Level
	category    string // outlet category key; empty when a station or no category
	residential string // "landuse", "building" or ""
	community   bool
	building    string  // building=* value when geo.IsBuildingKind, else ""
	levels      float64 // building:levels, 0 when absent or not a positive number
	code        string  // community division code (or the OSM id when none)
}

// wanted reports whether the element becomes any geo value.
func (f *feature) wanted() bool {
	return f.station || f.category != "" || f.residential != "" || f.community || f.building != ""
}

// point reports whether the element becomes a point (station or outlet).
func (f *feature) point() bool { return f.station || f.category != "" }

// osmID returns the element's id as lifecircle writes it: "osm:n123", "osm:w456", "osm:r789".
func (f *feature) osmID() string {
	prefix := "osm:n"
	switch f.typ {
	case osm.TypeWay:
		prefix = "osm:w"
	case osm.TypeRelation:
		prefix = "osm:r"
	}
	return prefix + strconv.FormatInt(f.id, 10)
}

// classifier decides what elements are; it holds the read-only category set and station
// rules.
type classifier struct {
	cats     *geo.Categories
	stations *StationRules
}

// classify reads an element's tags. area says whether the element can be a polygon (a way
// or a multipolygon relation); residential land and communities are polygons only.
func (c classifier) classify(typ osm.Type, id int64, tags osm.Tags, area bool) feature {
	f := feature{typ: typ, id: id}
	if len(tags) == 0 {
		return f
	}
	f.name = nameOf(tags)
	if level, ok := c.stations.Candidate(f.name); ok {
		f.station, f.level = true, level
		f.address = addressOf(tags)
	} else if c.cats != nil {
		f.category, _ = c.matchCategory(tags)
	}
	if area {
		f.residential = residentialKind(tags)
		f.community = communityBoundary(tags)
		if b := tags.Find("building"); geo.IsBuildingKind(b) {
			f.building, f.levels = b, buildingLevels(tags.Find("building:levels"))
		}
		if f.community {
			f.code = communityCode(tags)
		}
	}
	return f
}

// matchCategory returns the outlet category of an element: by the categories' name rules
// (小学, 菜市场 …) and else their OSM tag matches (geo.Categories.MatchNamed).
func (c classifier) matchCategory(tags osm.Tags) (string, bool) {
	return c.cats.MatchNamed(tags.Map())
}

// residentialKind returns "landuse" for landuse=residential, "building" for residential
// buildings (residential, apartments, house, dormitory) and "" otherwise.
func residentialKind(tags osm.Tags) string {
	if tags.Find("landuse") == "residential" {
		return "landuse"
	}
	switch tags.Find("building") {
	case "residential", "apartments", "house", "dormitory":
		return "building"
	}
	return ""
}

// buildingLevels reads building:levels ("6", "5.5"; the first of "5;6"): 0 when absent,
// not a number or not in (0, 300].
func buildingLevels(v string) float64 {
	if i := strings.IndexByte(v, ';'); i >= 0 {
		v = v[:i]
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || !(n > 0) || n > 300 {
		return 0
	}
	return n
}

// communityBoundary reports whether the tags are those of a community-level administrative
// boundary: boundary=administrative with admin_level 8, 9 or 10.
func communityBoundary(tags osm.Tags) bool {
	if tags.Find("boundary") != "administrative" {
		return false
	}
	switch tags.Find("admin_level") {
	case "8", "9", "10":
		return true
	}
	return false
}

// communityCode returns the division code tagged on a boundary, or "" (the caller then
// uses the OSM id).
func communityCode(tags osm.Tags) string {
	for _, k := range []string{"ref:gb", "ref:GB", "ref:cn", "ref:CN", "gb:code", "ref"} {
		if v := tags.Find(k); v != "" {
			return v
		}
	}
	return ""
}

// nameOf returns the element's name, preferring the Chinese one.
func nameOf(tags osm.Tags) string {
	for _, k := range []string{"name", "name:zh", "name:zh-Hans", "official_name"} {
		if v := tags.Find(k); v != "" {
			return v
		}
	}
	return ""
}

// addressOf returns addr:full, or addr:street with addr:housenumber.
func addressOf(tags osm.Tags) string {
	if v := tags.Find("addr:full"); v != "" {
		return v
	}
	return tags.Find("addr:street") + tags.Find("addr:housenumber")
}
