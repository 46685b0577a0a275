package importers

import (
	"github.com/lifecircle/lifecircle/geo"
)

// community validates a community record: a unique 12-digit code, the street code (the
// code's first 9 digits when not given), counts, and an optional boundary.
func (c *rowCheck) community() geo.Community {
	code := c.unitID(12, "community code")
	scol, sval := c.rec.get(fStreetCode)
	street, ok := c.unitCode(scol, sval, 9, "street code")
	if ok && street == "" && len(code) == 12 {
		street = code[:9]
	}
	v := geo.Community{
		Code: code, Name: c.text(fName), StreetCode: street, StreetName: c.text(fStreetName),
		Households: c.count(fHouseholds), Population: c.count(fPopulation), Workers: c.count(fWorkers),
		ServiceAreaM2: c.amount(fArea), Source: "file", // Boundary: set from the checked area
		Attrs: c.extras(),
	}
	c.area()
	return v
}

// station validates a station record: id, level (geo.ParseLevel), counts and its point.
func (c *rowCheck) station() geo.Station {
	s := geo.Station{
		ID: c.id(), Name: c.text(fName), ParentCode: c.text(fParent), Address: c.text(fAddress),
		FloorAreaM2: c.amount(fArea), Staff: c.count(fStaff), Source: "file",
	}
	col, val := c.rec.get(fLevel)
	if val == "" {
		c.fail(col, "", "missing station level (district, street, community, compound or building; 区级/街道/社区/小区/楼宇)")
	} else if lvl, err := geo.ParseLevel(val); err != nil {
		c.fail(col, val, geo.ErrorMessage(err))
	} else {
		s.Level = lvl
	}
	c.point()
	return s
}

// outlet validates an outlet record: id, category (Categories.Resolve) and its point.
func (c *rowCheck) outlet() geo.Outlet {
	o := geo.Outlet{ID: c.id(), Name: c.text(fName), Source: "file"}
	col, val := c.rec.get(fCategory)
	if val == "" {
		c.fail(col, "", "missing category")
	} else if key, err := c.b.spec.categories.Resolve(val); err != nil {
		c.fail(col, val, geo.ErrorMessage(err))
	} else {
		o.Category = key
	}
	c.point()
	return o
}

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
