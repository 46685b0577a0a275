package engine

import (
	"sync"

	"github.com/lifecircle/lifecircle/geo/coverage"
)

// summarise aggregates every facility set's coverage over the district, each street and
// each community of e.Units.
func (e *Engine) summarise() []coverage.ScopeSummary {
	streetName := func(code string) string {
		s, _ := e.Units.Street(code)
		return s.CommunityStreetName
	}
	commName := func(code string) string {
		if ci, ok := e.Units.Community(code); ok {
			return e.Communities[ci].Name
		}
		return ""
	}
	per := make([][]coverage.ScopeSummary, len(e.Results))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < max(1, e.Options.Workers); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				per[k] = e.summariseResult(e.Results[k], streetName, commName)
			}
		}()
	}
	for k := range e.Results {
		next <- k
	}
	close(next)
	wg.Wait()
	var out []coverage.ScopeSummary
	for _, p := range per {
		out = append(out, p...)
	}
	return out
}

// summariseResult summarises one facility set for the district, each street and each
// community; streetName and commName name a street or community by its code.
func (e *Engine) summariseResult(r coverage.Result, streetName, commName func(string) string) []coverage.ScopeSummary {
	var out []coverage.ScopeSummary
	for _, s := range coverage.Summarise(e.Cells, r, e.Options.ThresholdsMin, func(int) string { return "" }) {
		out = append(out, coverage.ScopeSummary{Scope: coverage.ScopeDistrict, Kind: r.Kind, Key: r.Key, Summary: s})
	}
	for _, s := range coverage.Summarise(e.Cells, r, e.Options.ThresholdsMin, e.Units.CellStreetCode) {
		if s.Group != "" {
			out = append(out, coverage.ScopeSummary{Scope: coverage.ScopeStreet, Code: s.Group, Name: streetName(s.Group), Kind: r.Kind, Key: r.Key, Summary: s})
		}
	}
	for _, s := range coverage.Summarise(e.Cells, r, e.Options.ThresholdsMin, e.Units.CellCommunityCode) {
		if s.Group != "" {
			out = append(out, coverage.ScopeSummary{Scope: coverage.ScopeCommunity, Code: s.Group, Name: commName(s.Group), Kind: r.Kind, Key: r.Key, Summary: s})
		}
	}
	return out
}
