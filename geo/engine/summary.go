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
	groupings := e.groupings()
	for w := 0; w < max(1, e.Options.Workers); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			agg := coverage.NewAggregator(e.Options.ThresholdsMin, groupings...)
			for k := range next {
				if e.Options.Baseline {
					per[k] = e.summariseResult(e.Results[k], streetName, commName)
				} else {
					per[k] = e.summariseOnePass(agg, e.Results[k], streetName, commName)
				}
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

// groupings are the district (one group ""), the streets and the communities of the
// cells, for a coverage.Aggregator.
func (e *Engine) groupings() []coverage.Grouping {
	district := coverage.Grouping{Names: []string{""}, Of: make([]int32, len(e.Cells))}
	return []coverage.Grouping{district, e.codeGrouping(e.Units.CellStreetCode), e.codeGrouping(e.Units.CellCommunityCode)}
}

// codeGrouping groups the cells by code(i), "" in no group.
func (e *Engine) codeGrouping(code func(i int) string) coverage.Grouping {
	g := coverage.Grouping{Of: make([]int32, len(e.Cells))}
	index := map[string]int32{}
	for i := range e.Cells {
		c := code(i)
		if c == "" {
			g.Of[i] = -1
			continue
		}
		j, ok := index[c]
		if !ok {
			j = int32(len(g.Names))
			index[c] = j
			g.Names = append(g.Names, c)
		}
		g.Of[i] = j
	}
	return g
}

// summariseOnePass is summariseResult in one pass over the cells (agg over e.groupings()).
func (e *Engine) summariseOnePass(agg *coverage.Aggregator, r coverage.Result, streetName, commName func(string) string) []coverage.ScopeSummary {
	by := agg.Summarise(e.Cells, r)
	out := make([]coverage.ScopeSummary, 0, len(by[0])+len(by[1])+len(by[2]))
	for _, s := range by[0] {
		out = append(out, coverage.ScopeSummary{Scope: coverage.ScopeDistrict, Kind: r.Kind, Key: r.Key, Summary: s})
	}
	for _, s := range by[1] {
		out = append(out, coverage.ScopeSummary{Scope: coverage.ScopeStreet, Code: s.Group, Name: streetName(s.Group), Kind: r.Kind, Key: r.Key, Summary: s})
	}
	for _, s := range by[2] {
		out = append(out, coverage.ScopeSummary{Scope: coverage.ScopeCommunity, Code: s.Group, Name: commName(s.Group), Kind: r.Kind, Key: r.Key, Summary: s})
	}
	return out
}
