package geo

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Category is a kind of convenience outlet, with the OpenStreetMap tags that identify it.
type Category struct {
	Key    string     `json:"key"`
	NameZH string     `json:"name_zh"`
	NameEN string     `json:"name_en"`
	Words  []string   `json:"words,omitempty"` // other names accepted on import (中文 and English)
	Match  []TagMatch `json:"osm"`             // any one match suffices

	// Name rules, used by MatchNamed (see there): an element whose name contains one of
	// NameContains belongs to the category when its tags fit NameScope (default: Match),
	// or whatever its tags when NameOnly is set.
	NameContains []string   `json:"name_contains,omitempty"`
	NameScope    []TagMatch `json:"name_scope,omitempty"`
	NameOnly     bool       `json:"name_only,omitempty"`

	POI POICodes `json:"poi,omitempty"` // the map services' classification codes (Amap, Baidu, Tencent)
}

// TagMatch matches an OSM element when every key has the given value ("*": any value;
// "a|b": either).
type TagMatch map[string]string

// Matches reports whether tags satisfy m.
func (m TagMatch) Matches(tags map[string]string) bool {
	if len(m) == 0 {
		return false
	}
	for k, want := range m {
		got, ok := tags[k]
		if !ok {
			return false
		}
		if want == "*" {
			continue
		}
		found := false
		for _, alt := range strings.Split(want, "|") {
			if got == alt {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// Categories is the set of outlet categories, in file order.
type Categories struct {
	list  []Category
	byKey map[string]int
}

// ParseCategories reads the category file (a JSON array of Category).
func ParseCategories(b []byte) (*Categories, error) {
	var list []Category
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, WrapError(EINVALID, err, "category file")
	}
	c := &Categories{list: list, byKey: map[string]int{}}
	seen := map[string]string{}
	for i, cat := range list {
		if err := cat.validatePOI(seen); err != nil {
			return nil, err
		}
		if cat.Key == "" {
			return nil, Errorf(EINVALID, "category file: entry %d has no key", i+1)
		}
		if _, dup := c.byKey[cat.Key]; dup {
			return nil, Errorf(EINVALID, "category file: duplicate key %q", cat.Key)
		}
		c.byKey[cat.Key] = i
	}
	return c, nil
}

// All returns the categories in file order.
func (c *Categories) All() []Category { return append([]Category(nil), c.list...) }

// Keys returns the category keys in file order.
func (c *Categories) Keys() []string {
	keys := make([]string, len(c.list))
	for i, cat := range c.list {
		keys[i] = cat.Key
	}
	return keys
}

// Get returns the category with the key.
func (c *Categories) Get(key string) (Category, bool) {
	i, ok := c.byKey[key]
	if !ok {
		return Category{}, false
	}
	return c.list[i], true
}

// Resolve reads a category written as its key, its Chinese or English name or one of its
// words (case-insensitive). It returns an EINVALID error for anything else.
func (c *Categories) Resolve(s string) (string, error) {
	w := strings.ToLower(strings.TrimSpace(s))
	if _, ok := c.byKey[w]; ok {
		return w, nil
	}
	for _, cat := range c.list {
		if strings.EqualFold(cat.NameZH, w) || strings.EqualFold(cat.NameEN, w) {
			return cat.Key, nil
		}
		for _, word := range cat.Words {
			if strings.EqualFold(word, w) {
				return cat.Key, nil
			}
		}
	}
	keys := c.Keys()
	sort.Strings(keys)
	return "", Errorf(EINVALID, "unknown category %q (known: %s)", s, strings.Join(keys, ", "))
}

// MatchTags returns the key of the first category whose OSM match fits tags.
func (c *Categories) MatchTags(tags map[string]string) (string, bool) {
	for _, cat := range c.list {
		for _, m := range cat.Match {
			if m.Matches(tags) {
				return cat.Key, true
			}
		}
	}
	return "", false
}

// MatchNamed returns the key of the category an OSM element with these tags belongs to,
// trying name rules first: the first category (in file order) one of whose NameContains
// words occurs in the element's name (tag "name" or "name:zh") and whose NameScope —
// Match when NameScope is empty, any tags when NameOnly is set — fits the tags. Without
// such a category it falls back to MatchTags.
func (c *Categories) MatchNamed(tags map[string]string) (string, bool) {
	names := []string{tags["name"], tags["name:zh"]}
	for _, cat := range c.list {
		if cat.nameFits(names) && (cat.NameOnly || cat.scopeFits(tags)) {
			return cat.Key, true
		}
	}
	return c.MatchTags(tags)
}

// nameFits reports whether one of the names contains one of the category's name words.
func (cat *Category) nameFits(names []string) bool {
	for _, name := range names {
		for _, w := range cat.NameContains {
			if name != "" && w != "" && strings.Contains(name, w) {
				return true
			}
		}
	}
	return false
}

// scopeFits reports whether tags fit the category's NameScope, or Match without one.
func (cat *Category) scopeFits(tags map[string]string) bool {
	scope := cat.NameScope
	if len(scope) == 0 {
		scope = cat.Match
	}
	for _, m := range scope {
		if m.Matches(tags) {
			return true
		}
	}
	return false
}

// String describes the set for logs.
func (c *Categories) String() string { return fmt.Sprintf("%d categories", len(c.list)) }

// POICodes are the classification codes the Chinese map services' POI exports carry for a
// category: Amap typecodes (six digits, or a 2- or 4-digit prefix standing for every code
// under it, e.g. "0604" for 超级市场), Baidu tag paths ("购物;超市") and Tencent category
// paths ("购物:超市"; both read part by part, ':' and ';' alike). Check marks codes quoted
// from memory of the services' tables that should be checked against the current table;
// Sources names, per service, the table (and its date) the codes were taken from.
type POICodes struct {
	Amap    []string          `json:"amap,omitempty"`
	Tags    []string          `json:"tags,omitempty"`    // Baidu
	Tencent []string          `json:"tencent,omitempty"` // Tencent
	Check   bool              `json:"check,omitempty"`
	Sources map[string]string `json:"sources,omitempty"` // "amap", "baidu", "tencent" → table and date
}

// validatePOI checks the category's POI codes: Amap codes 2, 4 or 6 digits, tag paths
// without empty parts, and none claimed by two categories (seen holds the earlier ones).
func (cat *Category) validatePOI(seen map[string]string) error {
	for _, code := range cat.POI.Amap {
		if n := len(code); (n != 2 && n != 4 && n != 6) || strings.Trim(code, "0123456789") != "" {
			return Errorf(EINVALID, "category file: %s: Amap typecode %q is not 2, 4 or 6 digits", cat.Key, code)
		}
		if err := claim(seen, "amap:"+code, cat.Key); err != nil {
			return err
		}
	}
	if err := claimPaths(seen, "tag:", cat.Key, cat.POI.Tags); err != nil {
		return err
	}
	return claimPaths(seen, "tencent:", cat.Key, cat.POI.Tencent)
}

// claimPaths checks tag paths (no empty part) and claims each for key under prefix.
func claimPaths(seen map[string]string, prefix, key string, tags []string) error {
	for _, tag := range tags {
		path := normTag(tag)
		if path == "" || strings.Count(path, ";") != strings.Count(strings.NewReplacer(":", ";", "；", ";", "：", ";").Replace(tag), ";") {
			return Errorf(EINVALID, "category file: %s: tag path %q has an empty part", key, tag)
		}
		if err := claim(seen, prefix+path, key); err != nil {
			return err
		}
	}
	return nil
}

func claim(seen map[string]string, code, key string) error {
	if other, dup := seen[code]; dup {
		return Errorf(EINVALID, "category file: %s is given for both %s and %s", code, other, key)
	}
	seen[code] = key
	return nil
}

// normTag writes a Baidu or Tencent tag path with ';' between its parts, trimmed.
func normTag(tag string) string {
	parts := strings.FieldsFunc(tag, func(r rune) bool { return r == ';' || r == ':' || r == '；' || r == '：' })
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return strings.Join(parts, ";")
}

// MatchAmap returns the category of an Amap typecode (six digits; a POI's "050100|060400"
// list is tried code by code): the category with the longest code that is a prefix of it.
func (c *Categories) MatchAmap(typecode string) (string, bool) {
	best, key := 0, ""
	for _, code := range strings.Split(typecode, "|") {
		code = strings.TrimSpace(code)
		for _, cat := range c.list {
			for _, p := range cat.POI.Amap {
				if len(p) > best && strings.HasPrefix(code, p) {
					best, key = len(p), cat.Key
				}
			}
		}
		if key != "" {
			return key, true
		}
	}
	return "", false
}

// MatchTag returns the category of a Baidu tag path ("购物;超市"): the category with the
// longest tag path (poi.tags) that the tag starts with, part by part.
func (c *Categories) MatchTag(tag string) (string, bool) {
	return c.matchPath(tag, func(p POICodes) []string { return p.Tags })
}

// MatchTencent returns the category of a Tencent category path ("购物:超市"): the category
// with the longest path (poi.tencent) that it starts with, part by part.
func (c *Categories) MatchTencent(tag string) (string, bool) {
	return c.matchPath(tag, func(p POICodes) []string { return p.Tencent })
}

func (c *Categories) matchPath(tag string, paths func(POICodes) []string) (string, bool) {
	t := ";" + normTag(tag) + ";"
	best, key := 0, ""
	for _, cat := range c.list {
		for _, p := range paths(cat.POI) {
			p = normTag(p)
			if len(p) > best && strings.HasPrefix(t, ";"+p+";") {
				best, key = len(p), cat.Key
			}
		}
	}
	return key, key != ""
}
