package api

import (
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
)

// targetJSON names the facilities asked for as {"category": …}, {"level": …} or
// {"circle": …}: the answers of nearest, gaps and the coverage GeoJSON summary.
type targetJSON struct {
	Category string `json:"category,omitempty"`
	Level    string `json:"level,omitempty"`
	Circle   string `json:"circle,omitempty"`
}

func targetOut(t engine.Target) targetJSON {
	switch t.Kind {
	case engine.KindCategory:
		return targetJSON{Category: t.Key}
	case assess.KindCircle:
		return targetJSON{Circle: t.Key}
	}
	return targetJSON{Level: t.Key}
}

// kindKeyJSON names the facilities as {"kind": "category"|"level", "key": …}: the answers
// of coverage (JSON), plan/sites and scenarios.
type kindKeyJSON struct {
	Kind string `json:"kind"`
	Key  string `json:"key"`
}

func kindKeyOut(t engine.Target) kindKeyJSON { return kindKeyJSON{Kind: t.Kind, Key: t.Key} }
