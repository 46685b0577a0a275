package importers

import (
	"strings"

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
