package derive

import (
	"fmt"
	"hash/fnv"
	"sort"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// IllustrativeStations places a made-up "1+N+N+X" station network over communities, for
// demonstrations on extracts that have no station list, so that its counts follow the
// district's streets: one district centre per district (the first six digits of the
// street codes) in its most populous community, one street centre per street in its most
// populous community, a community station in about four communities of five (chosen by a
// hash of the code, so the same input gives the same network and some communities visibly
// lack one), a compound station in the largest residential areas, and building stations
// at some named banks and supermarkets. districtNames names the districts by code (a
// missing name is left out). Every station is named once with the 示例 prefix and has
// Source "illustrative": it is not data. Points are WGS84 (lon, lat).
func IllustrativeStations(comms []geo.Community, districtNames map[string]string, residential []geo.ResidentialArea, outlets []geo.Outlet) []geo.Station {
	if len(comms) == 0 {
		return nil
	}
	var out []geo.Station
	add := func(level geo.Level, parent, name string, p orb.Point) {
		out = append(out, geo.Station{ID: fmt.Sprintf("demo-%s-%03d", level, len(out)+1), Name: name, Level: level,
			ParentCode: parent, Point: p, Source: "illustrative"})
	}
	byPop := append([]geo.Community(nil), comms...)
	sort.SliceStable(byPop, func(i, j int) bool { return byPop[i].Population > byPop[j].Population })
	seen := map[string]bool{}
	for _, c := range byPop {
		if d := districtOf(c); !seen["d"+d] {
			seen["d"+d] = true
			add(geo.LevelDistrict, d, illustrativeName(orDefault(districtNames[d], "区级"), "党群服务中心"), inside(c.Boundary, 0))
		}
		if c.StreetCode != "" && !seen[c.StreetCode] {
			seen[c.StreetCode] = true
			add(geo.LevelStreet, c.StreetCode, illustrativeName(orDefault(c.StreetName, c.StreetCode), "党群服务中心"), inside(c.Boundary, 1))
		}
	}
	for _, c := range comms {
		if hash(c.Code)%5 != 0 {
			add(geo.LevelCommunity, c.Code, illustrativeName(orDefault(c.Name, c.Code), "党群服务站"), inside(c.Boundary, 2))
		}
	}
	addCompounds(residential, add)
	n := 0
	for _, o := range outlets {
		name := strings.TrimSpace(o.Name)
		if name != "" && (o.Category == "bank" || o.Category == "supermarket") && hash(o.ID)%3 == 0 && n < 12 {
			add(geo.LevelBuilding, "", illustrativeName("楼宇党群服务站（"+name+"）", ""), o.Point)
			n++
		}
	}
	return out
}

// districtOf is the district code of a community: its street code's first six digits.
func districtOf(c geo.Community) string {
	return c.StreetCode[:min(6, len(c.StreetCode))]
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func addCompounds(residential []geo.ResidentialArea, add func(geo.Level, string, string, orb.Point)) {
	rs := append([]geo.ResidentialArea(nil), residential...)
	sort.SliceStable(rs, func(i, j int) bool { return planar.Area(rs[i].Polygon) > planar.Area(rs[j].Polygon) })
	for i := 0; i < len(rs) && i < 20; i++ {
		add(geo.LevelCompound, "", fmt.Sprintf("%s小区党群服务站%02d", IllustrativeMark, i+1), inside(rs[i].Polygon, 0))
	}
}

// inside returns a point inside mp: its centroid when that is inside, else the centre of
// one of its rings' vertices nudged by k (so stations of different levels in the same
// community do not coincide).
func inside(mp orb.MultiPolygon, k int) orb.Point {
	c, _ := planar.CentroidArea(mp)
	if planar.MultiPolygonContains(mp, c) {
		return orb.Point{c[0] + float64(k)*0.0004, c[1]}
	}
	if len(mp) > 0 && len(mp[0]) > 0 && len(mp[0][0]) > 2 {
		r := mp[0][0]
		a, b := r[0], r[len(r)/2]
		return orb.Point{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2}
	}
	return c
}

func hash(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}
