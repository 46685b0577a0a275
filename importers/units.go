package importers

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// levelNames name the division levels by the length of their code.
var levelNames = map[int]string{2: "province", 4: "city", 6: "district (county)", 9: "street (township)", 12: "community (village)"}

// unitCode reads a division code of a unit at the level whose codes have n digits (6
// district, 9 street, 12 community) as DataV, the NBS and civil-affairs tables write it:
// n digits, or the 12-digit form padded with zeros ("340103000000" for the district
// 340103), or a spreadsheet number ("340103.0"). It returns the n-digit code ("" when
// empty, ok true); any other code is rejected naming its level (ok false).
func (c *rowCheck) unitCode(col, val string, n int, what string) (code string, ok bool) {
	code = strings.TrimSpace(toHalfWidth(val))
	if i := strings.Index(code, "."); i > 0 && strings.Trim(code[i+1:], "0") == "" {
		code = code[:i]
	}
	if code == "" {
		return "", true
	}
	if !allDigits(code) {
		return c.divisionCode(col, val, n, what) // its messages for text and scientific notation
	}
	if len(code) == 12 && n < 12 && strings.Trim(code[n:], "0") == "" {
		code = code[:n]
	}
	if len(code) == n {
		return code, true
	}
	c.fail(col, val, fmt.Sprintf("%s must be the %d-digit division code (or its 12-digit form ending in zeros): %s", what, n, codeLevel(code)))
	return "", false
}

// codeLevel says which level a code of digits belongs to, for a message.
func codeLevel(code string) string {
	short := strings.TrimRight(code, "0")
	if len(code) == 12 {
		for _, n := range []int{2, 4, 6, 9} {
			if len(short) <= n {
				return fmt.Sprintf("%s is the 12-digit form of a %s code", code, levelNames[n])
			}
		}
	}
	if lvl, ok := levelNames[len(code)]; ok {
		return fmt.Sprintf("%s is a %s code (%d digits)", code, lvl, len(code))
	}
	return fmt.Sprintf("%s has %d digits, which is no division level (6 district, 9 street, 12 community)", code, len(code))
}

// parentText returns a parent code as text: DataV writes it as an object {"adcode": 510100}.
func parentText(val string) string {
	if !strings.HasPrefix(val, "{") {
		return val
	}
	var p struct {
		Adcode json.Number `json:"adcode"`
	}
	if json.Unmarshal([]byte(val), &p) != nil {
		return val
	}
	return p.Adcode.String()
}

// parentCode reads field f, the n-digit code of the parent of the unit whose code (of
// digits digits) is code, with unitCode; an empty field is code's first n digits.
func (c *rowCheck) parentCode(code string, digits int, f field, n int, what string) (parent string, ok bool) {
	col, val := c.rec.get(f)
	parent, ok = c.unitCode(col, val, n, what)
	if ok && parent == "" && len(code) == digits {
		parent = code[:n]
	}
	return parent, ok
}

// district validates a district record: a unique 6-digit code, its name, the parent
// city's code if given, and its boundary.
func (c *rowCheck) district() geo.District {
	code := c.unitID(6, "district code")
	pcol, pval := c.rec.get(fDistrictCode)
	parent, _ := c.unitCode(pcol, parentText(pval), 6, "parent (city) code")
	v := geo.District{Code: code, Name: c.text(fName), ParentCode: parent, Level: c.text(fLevel), Source: "file"}
	c.area()
	return v
}

// placeDistrict sets a checked district's boundary, converted to WGS84.
func placeDistrict(v *geo.District, e *entry) { v.Boundary = e.area }

// street validates a street record: a unique 9-digit code, its name, its district's
// 6-digit code (the code's first 6 digits when not given) and an optional boundary.
func (c *rowCheck) street() geo.Street {
	code := c.unitID(9, "street code")
	dist, ok := c.parentCode(code, 9, fDistrictCode, 6, "district code")
	if ok && dist != "" && len(code) == 9 && code[:6] != dist {
		dcol, dval := c.rec.get(fDistrictCode)
		c.fail(dcol, dval, fmt.Sprintf("street %s does not lie in district %s: its first 6 digits are %s", code, dist, code[:6]))
	}
	v := geo.Street{Code: code, Name: c.text(fName), DistrictCode: dist}
	c.area()
	return v
}

// placeStreet sets a checked street's boundary, converted to WGS84.
func placeStreet(v *geo.Street, e *entry) { v.Boundary = e.area }

// unitID reads the record's own division code (n digits), required and unique.
func (c *rowCheck) unitID(n int, what string) string {
	col, val := c.rec.get(fID)
	if val == "" {
		val = c.rec.fid
	}
	code, ok := c.unitCode(col, val, n, what)
	switch {
	case ok && code == "":
		c.fail(col, "", fmt.Sprintf("missing %s (the %d-digit division code)", what, n))
	case ok:
		c.unique(col, code, what)
	}
	return code
}

// extras returns the record's non-empty values of the columns no field uses, by column
// name (nil when none): an attribute table's other columns.
func (c *rowCheck) extras() map[string]string {
	var out map[string]string
	for _, x := range c.rec.cols.extra {
		if x.idx >= len(c.rec.vals) {
			continue
		}
		if v := strings.TrimSpace(c.rec.vals[x.idx]); v != "" {
			if out == nil {
				out = make(map[string]string, len(c.rec.cols.extra))
			}
			out[x.name] = v
		}
	}
	return out
}
