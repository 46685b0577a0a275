package siting

import (
	"fmt"
	"slices"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/walk"
)

// change is a validated Change, by facility set index.
type change struct {
	added   map[int][]walk.Snap // snaps of the facilities added to each set
	removed map[string]bool     // ids of removed stations and outlets
	touched map[int]bool        // sets that lose a facility
}

// sets returns the indexes of every set the change touches, ascending.
func (ch change) sets() []int {
	var ks []int
	for k := range ch.added {
		ks = append(ks, k)
	}
	for k := range ch.touched {
		if _, ok := ch.added[k]; !ok {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	return ks
}

// changeOf validates c and files its facilities by set.
func changeOf(e *engine.Engine, c Change) (change, error) {
	ch := change{added: map[int][]walk.Snap{}, removed: map[string]bool{}, touched: map[int]bool{}}
	switch {
	case len(c.Add) == 0 && len(c.Remove) == 0:
		return ch, geo.Errorf(geo.EINVALID, "the scenario changes nothing: give facilities to add or ids to remove")
	case len(c.Add) > MaxAdd:
		return ch, geo.Errorf(geo.EINVALID, "%d facilities to add: a scenario may add at most %d", len(c.Add), MaxAdd)
	case len(c.Remove) > MaxRemove:
		return ch, geo.Errorf(geo.EINVALID, "%d facilities to remove: a scenario may remove at most %d", len(c.Remove), MaxRemove)
	}
	for i, a := range c.Add {
		if err := addFacility(e, ch, i, a); err != nil {
			return ch, err
		}
	}
	return ch, removeFacilities(e, ch, c.Remove)
}

// addFacility validates the i-th added facility and files its snap under its sets.
func addFacility(e *engine.Engine, ch change, i int, a Addition) error {
	what := fmt.Sprintf("added facility %d", i+1)
	if a.Name != "" {
		what += fmt.Sprintf(" (%s)", a.Name)
	}
	targets := []engine.Target{{Kind: a.Kind, Key: a.Key}}
	switch a.Kind {
	case engine.KindLevel:
		if !geo.Level(a.Key).Valid() {
			return geo.Errorf(geo.EINVALID, "%s: level %q is not one of district, street, community, compound, building", what, a.Key)
		}
		targets = append(targets, engine.Target{Kind: engine.KindLevel, Key: engine.AnyLevel})
	case engine.KindCategory:
	default:
		return geo.Errorf(geo.EINVALID, "%s: kind %q must be %q (a station) or %q (an outlet)", what, a.Kind, engine.KindLevel, engine.KindCategory)
	}
	ks := make([]int, len(targets))
	for j, t := range targets {
		k, err := setIndex(e, t)
		if err != nil {
			return geo.WrapError(geo.ErrorCodeOf(err), err, "%s", what)
		}
		ks[j] = k
	}
	s, err := e.SnapOnNetwork(a.Point, what)
	if err != nil {
		return err
	}
	for _, k := range ks {
		ch.added[k] = append(ch.added[k], s)
	}
	return nil
}

// removeFacilities marks the stations and outlets with the given ids, and the sets that
// lose them; ids that name neither are ENOTFOUND.
func removeFacilities(e *engine.Engine, ch change, ids []string) error {
	for _, id := range ids {
		ch.removed[id] = true
	}
	found := map[string]bool{}
	for _, s := range e.Stations {
		if ch.removed[s.ID] {
			found[s.ID] = true
			touch(e, ch, engine.Target{Kind: engine.KindLevel, Key: string(s.Level)})
			touch(e, ch, engine.Target{Kind: engine.KindLevel, Key: engine.AnyLevel})
		}
	}
	for _, o := range e.Outlets {
		if ch.removed[o.ID] {
			found[o.ID] = true
			touch(e, ch, engine.Target{Kind: engine.KindCategory, Key: o.Category})
		}
	}
	var unknown []string
	for _, id := range ids {
		if !found[id] && !slices.Contains(unknown, id) {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	return geo.Errorf(geo.ENOTFOUND, "no station or outlet has the id%s %s", plural(len(unknown)), quoteList(unknown, 10))
}

// touch marks t's set, when it has one, as losing a facility.
func touch(e *engine.Engine, ch change, t engine.Target) {
	if k, ok := e.SetIndex(t); ok {
		ch.touched[k] = true
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// quoteList quotes up to most items, comma-separated, and says how many more there are.
func quoteList(items []string, most int) string {
	var b strings.Builder
	for i, s := range items {
		if i == most {
			fmt.Fprintf(&b, " and %d more", len(items)-most)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", s)
	}
	return b.String()
}
