package geo

import (
	"regexp"
	"strings"
)

// Region is the unit every stored row belongs to: a county-level division's 6-digit code
// (510104) or, for an ad-hoc study area, a name of letters (any script), digits, '-' and
// '_' (up to 64 characters, starting with a letter or digit; not all digits). Importing, recomputing or deleting one region never touches
// another's rows.
type Region string

// DefaultRegion is the region of commands and requests that name none.
const DefaultRegion Region = "default"

var (
	divisionCodeRe = regexp.MustCompile(`^[0-9]{6}$`)
	regionNameRe   = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}_-]{0,63}$`)
)

// ParseRegion checks a region given by a user: a 6-digit division code or a study-area
// name; "" is DefaultRegion. Anything else is EINVALID, saying what a region may be.
func ParseRegion(s string) (Region, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return DefaultRegion, nil
	}
	if divisionCodeRe.MatchString(s) || (regionNameRe.MatchString(s) && !allDigits(s)) {
		return Region(s), nil
	}
	return "", Errorf(EINVALID, "region %q: want a 6-digit division code (510104) or a study-area name of letters, digits, '-' and '_' that starts with a letter or digit (up to 64)", s)
}

// String returns the region as stored.
func (r Region) String() string { return string(r) }

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// RegionInfo is what the database holds of one region.
type RegionInfo struct {
	Region    Region
	Name      string   // the districts' names, or the region itself for a study area
	Districts []string // the 6-digit codes of its districts (none: a study area without boundaries)
	Rows      int64    // its rows over every table
	Computed  bool     // whether it has a compute run
	Cells     int      // cells of its last compute run (0: none)
}
