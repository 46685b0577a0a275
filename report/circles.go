package report

import (
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
)

// targetName names a coverage target: a named service circle by its name in the
// report's language (its key when unnamed), anything else as dict.target does.
func (in Input) targetName(d dict, t engine.Target) string {
	if t.Kind != assess.KindCircle {
		return d.target(in.Categories, t)
	}
	for _, c := range in.Circles {
		if c.Key != t.Key {
			continue
		}
		if d.lang == LangEN && c.NameEN != "" {
			return c.NameEN
		}
		if c.NameZH != "" {
			return c.NameZH
		}
	}
	return t.Key
}
