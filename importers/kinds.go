package importers

import (
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// community validates a community record: a unique 12-digit code, the street code (the
// code's first 9 digits when not given), counts, and an optional boundary.
func (c *rowCheck) community() geo.Community {
	code := c.unitID(12, "community code")
	street, _ := c.parentCode(code, 12, fStreetCode, 9, "street code")
	v := geo.Community{
		Code: code, Name: c.text(fName), StreetCode: street, StreetName: c.text(fStreetName),
		Households: c.count(fHouseholds), Population: c.count(fPopulation), Workers: c.count(fWorkers),
		ServiceAreaM2: c.amount(fArea), Source: "file", // Boundary: set from the checked area
		Attrs: c.extras(),
	}
	c.area()
	return v
}

// placeCommunity sets a checked community's boundary, converted to WGS84.
func placeCommunity(v *geo.Community, e *entry) { v.Boundary = e.area }

// parsed reads the required field f with parse: an empty value fails with missing, one
// parse refuses with parse's message; both give the zero value.
func parsed[T any](c *rowCheck, f field, missing string, parse func(string) (T, error)) T {
	var zero T
	col, val := c.rec.get(f)
	if val == "" {
		c.fail(col, "", missing)
		return zero
	}
	v, err := parse(val)
	if err != nil {
		c.fail(col, val, geo.ErrorMessage(err))
		return zero
	}
	return v
}

// station validates a station record: id, level (geo.ParseLevel), counts and its point.
func (c *rowCheck) station() geo.Station {
	s := geo.Station{
		ID: c.id(), Name: c.text(fName), ParentCode: c.text(fParent), Address: c.text(fAddress),
		FloorAreaM2: c.amount(fArea), Staff: c.count(fStaff), Source: "file",
	}
	s.Level = parsed(c, fLevel, "missing station level (district, street, community, compound or building; 区级/街道/社区/小区/楼宇)", geo.ParseLevel)
	c.point()
	return s
}

// placeStation sets a checked station's point, converted to WGS84.
func placeStation(v *geo.Station, e *entry) { v.Point = e.point }

// outlet validates an outlet record: id, category (Categories.Resolve) and its point.
func (c *rowCheck) outlet() geo.Outlet {
	o := geo.Outlet{ID: c.id(), Name: c.text(fName), Source: "file"}
	o.Category = parsed(c, fCategory, "missing category", c.b.spec.categories.Resolve)
	c.point()
	return o
}

// placeOutlet sets a checked outlet's point, converted to WGS84.
func placeOutlet(v *geo.Outlet, e *entry) { v.Point = e.point }

// compound validates a compound record: id, the community's 12-digit code if given,
// counts and its polygon.
func (c *rowCheck) compound() geo.Compound {
	col, val := c.rec.get(fCommunityCode)
	community, _ := c.divisionCode(col, val, 12, "community code")
	v := geo.Compound{
		ID: c.id(), Name: c.text(fName), CommunityCode: community,
		Households: c.count(fHouseholds), Population: c.count(fPopulation),
		Source: "file", // Polygon: set from the checked area
	}
	c.area()
	return v
}

// placeCompound sets a checked compound's polygon, converted to WGS84.
func placeCompound(v *geo.Compound, e *entry) { v.Polygon = e.area }

// grid validates a grid record: its own code (required, unique), its community's
// 12-digit code (required), counts, grid workers (an empty cell is "not given", 0 is
// none) and its polygon.
func (c *rowCheck) grid() geo.Grid {
	col, val := c.rec.get(fID)
	if val == "" {
		val = c.rec.fid
	}
	code := strings.TrimSpace(toHalfWidth(val))
	if code == "" {
		c.fail(col, "", "missing grid code (网格编码)")
	} else {
		c.unique(col, code, "grid code")
	}
	ccol, cval := c.rec.get(fCommunityCode)
	community, ok := c.divisionCode(ccol, cval, 12, "community code")
	if ok && community == "" {
		c.fail(ccol, "", "missing community code (社区编码): every grid lies in one community")
	}
	_, wval := c.rec.get(fWorkers)
	v := geo.Grid{
		Code: code, Name: c.text(fName), CommunityCode: community,
		Households: c.count(fHouseholds), Population: c.count(fPopulation),
		Workers: c.count(fWorkers), WorkersGiven: strings.TrimSpace(wval) != "",
		Source: "file", // Polygon: set from the checked area
	}
	c.area()
	return v
}

// placeGrid sets a checked grid's polygon, converted to WGS84.
func placeGrid(v *geo.Grid, e *entry) { v.Polygon = e.area }
