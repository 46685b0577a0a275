package engine

import (
	"sync"

	"github.com/lifecircle/lifecircle/geo/walk"
)

// FieldK is how many nearest facilities the cached nearest fields keep per node: queries
// for at most this many are answered from a field, larger ones by a search.
const FieldK = 3

// maxFields bounds how many targets keep a nearest field (each about 12·FieldK bytes per
// walk node: 36 MB on a million nodes).
const maxFields = 8

// fieldCache builds a target's nearest field on its first query and keeps the most
// recently built ones.
type fieldCache struct {
	mu      sync.Mutex
	entries map[Target]*fieldEntry
	order   []Target // oldest first
}

type fieldEntry struct {
	once sync.Once
	kf   *walk.KField
}

// field returns t's nearest field, building it (once, even under concurrent queries).
func (c *fieldCache) field(e *Engine, t Target) *walk.KField {
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[Target]*fieldEntry{}
	}
	en, ok := c.entries[t]
	if !ok {
		en = &fieldEntry{}
		c.entries[t] = en
		c.order = append(c.order, t)
		if len(c.order) > maxFields {
			delete(c.entries, c.order[0])
			c.order = c.order[1:]
		}
	}
	c.mu.Unlock()
	en.once.Do(func() {
		_, snaps := e.Facilities(t)
		en.kf = e.Graph.NearestField(snaps, FieldK, e.Options.MaxMinutes*60)
	})
	return en.kf
}
