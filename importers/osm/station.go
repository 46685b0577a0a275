package osmimport

import (
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/osm"
)

// stationNameWords make an element a station whatever its tags.
var stationNameWords = []string{"党群服务", "党群活动", "便民服务", "社区服务", "邻里中心"}

// seniorStationWords are the only name words that make a social facility for seniors a
// station (otherwise it is an elderly_care outlet).
var seniorStationWords = []string{"党群", "便民服务", "社区服务"}

// notStationWords rule out the bare 服务中心 of clinics and businesses
// (社区卫生服务中心, 汽车服务中心, 客户服务中心 …).
var notStationWords = []string{"卫生", "医", "汽车", "车辆", "售后", "客户", "客服", "物流", "快递", "维修"}

// seniorWords mark a social facility as one for seniors when its tags do not say so.
var seniorWords = []string{"养老", "老年", "敬老", "长者", "日间照料", "颐养"}

// stationLevelOf decides whether an element with these tags is a party-mass service
// station and its level. Stations are amenity=community_centre|townhall|social_facility,
// office=government and any element whose name says so (stationNameSays); a social
// facility for seniors only when its name holds 党群, 便民服务 or 社区服务. The level is the
// one StationLevel reads from the name, else street for townhalls and government offices
// and community for the rest.
func stationLevelOf(tags osm.Tags, name string) (geo.Level, bool) {
	amenity, office := tags.Find("amenity"), tags.Find("office")
	var byTag, byName bool
	if amenity == "social_facility" && seniorFacility(tags, name) {
		byName = containsAny(name, seniorStationWords)
	} else {
		byTag = amenity == "community_centre" || amenity == "townhall" ||
			amenity == "social_facility" || office == "government"
		byName = stationNameSays(name)
	}
	if !byTag && !byName {
		return "", false
	}
	if l, ok := StationLevel(name); ok {
		return l, true
	}
	if amenity == "townhall" || office == "government" {
		return geo.LevelStreet, true
	}
	return geo.LevelCommunity, true
}

// stationNameSays reports whether a name alone makes a station: it holds 党群服务,
// 党群活动, 便民服务, 社区服务 or 邻里中心; or 服务中心 together with a unit (区, 街道,
// 社区 …, see StationLevel) and no word of a clinic or a business.
func stationNameSays(name string) bool {
	if containsAny(name, stationNameWords) {
		return true
	}
	if !strings.Contains(name, "服务中心") || containsAny(name, notStationWords) {
		return false
	}
	_, ok := StationLevel(name)
	return ok
}

// seniorFacility reports whether a social facility serves seniors.
func seniorFacility(tags osm.Tags, name string) bool {
	switch tags.Find("social_facility") {
	case "nursing_home", "assisted_living":
		return true
	}
	return tags.Find("social_facility:for") == "senior" || containsAny(name, seniorWords)
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
