package geo

import (
	"strings"
	"unicode"
)

// UnitRef names a unit (a community with a boundary) that attribute rows may join to.
type UnitRef struct{ Code, Name, ParentCode string }

// AttributeRow is how a row of an attribute table names its unit.
type AttributeRow struct {
	File       string
	Record     int
	Code, Name string
	ParentCode string // the parent unit's code (a community's street code)
}

// unitSuffixes are the words division names end in that the two sides of a join write
// differently (水西门社区居民委员会 / 水西门社区 / 水西门); longest first.
var unitSuffixes = []string{"社区居民委员会", "居民委员会", "村民委员会", "社区居委会", "居委会", "村委会", "社区"}

// NormalizeUnitName folds a division name for matching: full-width forms to half-width,
// no spaces, and without the suffixes of unitSuffixes ("水西门社区居委会" → "水西门").
func NormalizeUnitName(s string) string {
	var sb strings.Builder
	for _, r := range s {
		switch {
		case r == '\u3000' || unicode.IsSpace(r):
			continue
		case r >= '\uff01' && r <= '\uff5e':
			r -= 0xfee0
		}
		sb.WriteRune(unicode.ToLower(r))
	}
	out := sb.String()
	for _, suf := range unitSuffixes {
		if t := strings.TrimSuffix(out, suf); t != "" && t != out {
			out = t
			break
		}
	}
	return out
}

// MatchAttributes finds the unit each row lands on: the unit with the row's code, else
// the one unit under the row's parent whose normalised name is the row's. It returns one
// unit index per row (-1: none). A row whose name fits two units, or two rows landing on
// one unit, is an EINVALID error naming them.
func MatchAttributes(units []UnitRef, rows []AttributeRow) ([]int, error) {
	byCode := make(map[string]int, len(units))
	byName := make(map[[2]string][]int, len(units))
	for i, u := range units {
		byCode[u.Code] = i
		k := [2]string{u.ParentCode, NormalizeUnitName(u.Name)}
		byName[k] = append(byName[k], i)
	}
	out := make([]int, len(rows))
	taken := make(map[int]int, len(rows))
	for j, r := range rows {
		out[j] = -1
		i, ok := byCode[r.Code]
		if !ok && r.Name != "" {
			cands := byName[[2]string{r.ParentCode, NormalizeUnitName(r.Name)}]
			if len(cands) > 1 {
				a, b := units[cands[0]], units[cands[1]]
				return nil, Errorf(EINVALID, "%s record %d: %q (street %s) matches two units by name: %s %s and %s %s; give the row its code",
					r.File, r.Record, r.Name, r.ParentCode, a.Code, a.Name, b.Code, b.Name)
			}
			i, ok = 0, len(cands) == 1
			if ok {
				i = cands[0]
			}
		}
		if !ok {
			continue
		}
		if prev, dup := taken[i]; dup {
			return nil, Errorf(EINVALID, "%s records %d and %d both land on unit %s %s", r.File, rows[prev].Record, r.Record, units[i].Code, units[i].Name)
		}
		taken[i], out[j] = j, i
	}
	return out, nil
}
