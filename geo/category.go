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
	for i, cat := range list {
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
