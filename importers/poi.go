package importers

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/internal/csvout"
	"github.com/paulmach/orb"
)

// POIService is a map service whose POI exports import outlets recognises.
type POIService string

// The services, with the CRS their coordinates are in unless --crs says otherwise.
const (
	POIAmap    POIService = "amap"    // id,name,type,typecode,address,location,pname,cityname,adname; GCJ-02
	POIBaidu   POIService = "baidu"   // uid,name,tag,location (or lng,lat); BD-09
	POITencent POIService = "tencent" // id,title,category,location (or lng,lat); GCJ-02
)

// defaultCRS is the CRS a service's exports are in.
func (s POIService) defaultCRS() crs.System {
	if s == POIBaidu {
		return crs.BD09
	}
	return crs.GCJ02
}

// Unmapped is a POI whose type maps to no category (left out, counted, listed).
type Unmapped struct {
	Record int
	ID     string
	Name   string
	Type   string // the Amap typecode (with its type text) or the tag path
	Point  orb.Point
}

// poiRow is one POI of an export, as text.
type poiRow struct {
	num                 int
	id, name, typ, code string
	loc, lng, lat       string
}

// poiService tells the service from a header's column names ("" when none fits).
func poiService(cols map[string]bool) POIService {
	switch {
	case cols["typecode"] && cols["location"]:
		return POIAmap
	case cols["uid"] && cols["tag"] && (cols["location"] || cols["lng"] && cols["lat"]):
		return POIBaidu
	case cols["title"] && cols["category"] && (cols["location"] || cols["lng"] && cols["lat"]):
		return POITencent
	}
	return ""
}

func rowOf(svc POIService, num int, m map[string]string) poiRow {
	r := poiRow{num: num, loc: m["location"], lng: m["lng"], lat: m["lat"]}
	switch svc {
	case POIAmap:
		r.id, r.name, r.typ, r.code = m["id"], m["name"], m["type"], m["typecode"]
	case POIBaidu:
		r.id, r.name, r.typ = m["uid"], m["name"], m["tag"]
	case POITencent:
		r.id, r.name, r.typ = m["id"], m["title"], m["category"]
	}
	if r.lng == "" && r.lat == "" {
		if lng, lat, ok := strings.Cut(r.loc, ","); ok {
			r.lng, r.lat = strings.TrimSpace(lng), strings.TrimSpace(lat)
		}
	}
	return r
}

// poiOutlets turns the rows into outlets in res: coordinates from sys to WGS84, the
// category from the typecode or tag; a bad location is a Reject, an unmapped type an
// Unmapped.
func poiOutlets(name string, svc POIService, sys crs.System, rows []poiRow, cats *geo.Categories, res *Result) {
	field := "location"
	seen := map[string]int{}
	for _, r := range rows {
		if first, dup := seen[r.id]; dup && r.id != "" {
			res.Rejects = append(res.Rejects, Reject{File: name, Record: r.num, Field: "id", Value: shorten(r.id),
				Reason: fmt.Sprintf("the same id as record %d", first)})
			continue
		}
		seen[r.id] = r.num
		lng, err1 := strconv.ParseFloat(r.lng, 64)
		lat, err2 := strconv.ParseFloat(r.lat, 64)
		if err1 != nil || err2 != nil || lng < -180 || lng > 180 || lat < -90 || lat > 90 {
			res.Rejects = append(res.Rejects, Reject{File: name, Record: r.num, Field: field, Value: shorten(r.loc + r.lng + "," + r.lat),
				Reason: "not a lng,lat pair of degrees"})
			continue
		}
		p := crs.ToWGS84(sys, orb.Point{lng, lat})
		key, ok := "", false
		typ := r.typ
		switch svc {
		case POIAmap:
			key, ok = cats.MatchAmap(r.code)
			typ = strings.TrimSpace(r.code + " " + r.typ)
		case POITencent:
			key, ok = cats.MatchTencent(r.typ)
		default:
			key, ok = cats.MatchTag(r.typ)
		}
		if !ok {
			res.Unmapped = append(res.Unmapped, Unmapped{Record: r.num, ID: r.id, Name: r.name, Type: typ, Point: p})
			continue
		}
		id := r.id
		if id == "" {
			id = fmt.Sprintf("%s-%d", svc, r.num)
		}
		res.Outlets = append(res.Outlets, geo.Outlet{ID: id, Name: r.name, Category: key, Point: p, Source: "file"})
		res.Records = append(res.Records, r.num)
	}
	res.Read = len(rows)
}

// UnmappedByType counts the unmapped POIs by type, most frequent first.
func UnmappedByType(us []Unmapped) (types []string, counts []int) {
	n := map[string]int{}
	for _, u := range us {
		if n[u.Type] == 0 {
			types = append(types, u.Type)
		}
		n[u.Type]++
	}
	sort.SliceStable(types, func(i, j int) bool { return n[types[i]] > n[types[j]] })
	for _, t := range types {
		counts = append(counts, n[t])
	}
	return types, counts
}

// WriteUnmapped writes the unmapped POIs as CSV (record, id, name, type, lon, lat WGS84)
// through internal/csvout.
func WriteUnmapped(w io.Writer, us []Unmapped) error {
	rows := [][]string{{"record", "id", "name", "type", "lon", "lat"}}
	for _, u := range us {
		rows = append(rows, []string{strconv.Itoa(u.Record), u.ID, u.Name, u.Type,
			strconv.FormatFloat(u.Point[0], 'f', 7, 64), strconv.FormatFloat(u.Point[1], 'f', 7, 64)})
	}
	if err := csvout.WriteAll(w, rows, csvout.Options{}); err != nil {
		return geo.WrapError(geo.EINTERNAL, err, "writing the unmapped POIs")
	}
	return nil
}
