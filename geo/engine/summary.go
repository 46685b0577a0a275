package engine

import (
	"sync"

	"github.com/lifecircle/lifecircle/geo/coverage"
)

// Scopes of a summary.
const (
	ScopeDistrict  = "district"
	ScopeStreet    = "street"
	ScopeCommunity = "community"
)

// ScopeSummary is the coverage of one facility set over one community, one street or the
// whole district (Code "").
type ScopeSummary struct {
	Scope, Code, Name string
	Kind, Key         string
	coverage.Summary
}

func (e *Engine) summarise() []ScopeSummary {
	streetNames := map[string]string{}
	for _, c := range e.Communities {
		if c.StreetCode != "" && streetNames[c.StreetCode] == "" {
			streetNames[c.StreetCode] = c.StreetName
		}
	}
	commGroup := func(i int) string {
		if ci := e.CellComm[i]; ci >= 0 {
			return e.Communities[ci].Code
		}
		return ""
	}
	streetGroup := func(i int) string {
		if ci := e.CellComm[i]; ci >= 0 {
			return e.Communities[ci].StreetCode
		}
		return ""
	}
	commNames := map[string]string{}
	for _, c := range e.Communities {
		commNames[c.Code] = c.Name
	}
	per := make([][]ScopeSummary, len(e.Results))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < max(1, e.Options.Workers); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				per[k] = e.summariseResult(e.Results[k], streetGroup, commGroup, streetNames, commNames)
			}
		}()
	}
	for k := range e.Results {
		next <- k
	}
	close(next)
	wg.Wait()
	var out []ScopeSummary
	for _, p := range per {
		out = append(out, p...)
	}
	return out
}

// summariseResult summarises one facility set for the district, each street and each
// community.
func (e *Engine) summariseResult(r coverage.Result, streetGroup, commGroup func(int) string, streetNames, commNames map[string]string) []ScopeSummary {
	var out []ScopeSummary
	for _, s := range coverage.Summarise(e.Cells, r, e.Options.ThresholdsMin, func(int) string { return "" }) {
		out = append(out, ScopeSummary{Scope: ScopeDistrict, Kind: r.Kind, Key: r.Key, Summary: s})
	}
	for _, s := range coverage.Summarise(e.Cells, r, e.Options.ThresholdsMin, streetGroup) {
		if s.Group != "" {
			out = append(out, ScopeSummary{Scope: ScopeStreet, Code: s.Group, Name: streetNames[s.Group], Kind: r.Kind, Key: r.Key, Summary: s})
		}
	}
	for _, s := range coverage.Summarise(e.Cells, r, e.Options.ThresholdsMin, commGroup) {
		if s.Group != "" {
			out = append(out, ScopeSummary{Scope: ScopeCommunity, Code: s.Group, Name: commNames[s.Group], Kind: r.Kind, Key: r.Key, Summary: s})
		}
	}
	return out
}
