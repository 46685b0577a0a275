package standards

import (
	"fmt"

	"github.com/lifecircle/lifecircle/geo"
)

// invalid returns an EINVALID error located in the standards file.
func invalid(where, format string, args ...any) error {
	return geo.Errorf(geo.EINVALID, "standards file: %s: %s", where, fmt.Sprintf(format, args...))
}

// checkKeyed verifies items in order: item n (from 1) with key k is named "what n (k)" in
// errors, a key seen before is invalid with the message dup, and each item must pass
// check. It returns the keys.
func checkKeyed[T any](items []T, what, dup string, key func(*T) string, check func(*T, string) error) (map[string]bool, error) {
	keys := map[string]bool{}
	for i := range items {
		k := key(&items[i])
		where := fmt.Sprintf("%s %d (%q)", what, i+1, k)
		if keys[k] {
			return nil, invalid(where, "%s", dup)
		}
		keys[k] = true
		if err := check(&items[i], where); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

// check verifies the file's structure after decoding.
func (r *Rules) check() error {
	if r.Name == "" {
		return invalid("top level", `"name" is missing`)
	}
	if r.Source == "" {
		return invalid("top level", `"source" is missing: say which standard the rules come from`)
	}
	if r.Nested {
		return invalid("top level", `"nested" must be false: lifecircle checks each circle on its own`)
	}
	if len(r.Circles) == 0 {
		return invalid("top level", `"circles" is empty`)
	}
	if !(r.MinShare >= 0 && r.MinShare <= 1) {
		return invalid("top level", `"min_share" is %g; give a share of residents above 0 and at most 1 (0.9 = 90 %%), or leave it out`, r.MinShare)
	}
	circles, err := checkKeyed(r.Circles, "circle", "duplicate circle key", func(c *Circle) string { return c.Key }, (*Circle).check)
	if err != nil {
		return err
	}
	for i, n := range r.NotAssessed {
		if err := n.check(fmt.Sprintf("not_assessed entry %d (%q)", i+1, n.NameZH), circles); err != nil {
			return err
		}
	}
	return r.checkRatios()
}

// keyAndName is the error for an entry at where without its "key" or "name_zh"; nil when
// both are given.
func keyAndName(where, key, nameZH string) error {
	switch {
	case key == "":
		return invalid(where, `"key" is missing`)
	case nameZH == "":
		return invalid(where, `"name_zh" is missing`)
	}
	return nil
}

// check verifies one circle and its facilities.
func (c *Circle) check(where string) error {
	if err := keyAndName(where, c.Key, c.NameZH); err != nil {
		return err
	}
	switch {
	case c.Source == "":
		return invalid(where, `"source" is missing`)
	case !(c.Minutes > 0 && c.Minutes <= 120):
		return invalid(where, `"minutes" is %g; it must be more than 0 and at most 120`, c.Minutes)
	case c.DistanceM < 0 || c.DistanceMinM < 0:
		return invalid(where, "distances must not be negative")
	case c.DistanceMinM > 0 && c.DistanceMinM > c.DistanceM:
		return invalid(where, `"distance_min_m" (%g) is more than "distance_m" (%g)`, c.DistanceMinM, c.DistanceM)
	case len(c.Facilities) == 0:
		return invalid(where, `"facilities" is empty`)
	}
	if err := c.Residents.check(where + ", residents"); err != nil {
		return err
	}
	if err := c.Dwellings.check(where + ", dwellings"); err != nil {
		return err
	}
	_, err := checkKeyed(c.Facilities, where+", facility", "duplicate facility key in this circle", func(f *Facility) string { return f.Key }, (*Facility).check)
	return err
}

// check verifies an optional count range.
func (g *Range) check(where string) error {
	if g == nil {
		return nil
	}
	if g.Min < 0 || g.Max < g.Min {
		return invalid(where, "min %d and max %d: need 0 ≤ min ≤ max", g.Min, g.Max)
	}
	return nil
}

// check verifies one facility, without looking category keys up.
func (f *Facility) check(where string) error {
	if err := keyAndName(where, f.Key, f.NameZH); err != nil {
		return err
	}
	if len(f.Categories) == 0 && len(f.Levels) == 0 {
		return invalid(where, `give "categories" or "levels", or move the facility to "not_assessed"`)
	}
	seen := map[string]bool{}
	for _, k := range f.Categories {
		if k == "" || seen[k] {
			return invalid(where, "category %q is empty or repeated", k)
		}
		seen[k] = true
	}
	for _, l := range f.Levels {
		if !l.Valid() {
			return invalid(where, "unknown station level %q (use district, street, community, compound or building)", l)
		}
	}
	return nil
}

// check verifies one not-assessed entry; its circle must be "" or a known circle key.
func (n NotAssessed) check(where string, circles map[string]bool) error {
	switch {
	case n.NameZH == "":
		return invalid(where, `"name_zh" is missing`)
	case n.Reason == "":
		return invalid(where, `"reason" is missing: say why it cannot be assessed`)
	case n.Circle != "" && !circles[n.Circle]:
		return invalid(where, "unknown circle %q", n.Circle)
	}
	return nil
}
