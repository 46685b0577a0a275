package engine

import "github.com/lifecircle/lifecircle/geo/coverage"

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
	var out []ScopeSummary
	for _, r := range e.Results {
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
	}
	return out
}
