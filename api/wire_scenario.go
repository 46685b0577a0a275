package api

import "github.com/lifecircle/lifecircle/geo/siting"

// The wire format of POST /api/v1/scenarios.

// scenarioAnswer holds one entry per facility set the scenario touches.
type scenarioAnswer struct {
	Region  string               `json:"region"` // the region answered for
	Targets []scenarioTargetJSON `json:"targets"`
}

type scenarioTargetJSON struct {
	Target      kindKeyJSON       `json:"target"`
	Thresholds  []num             `json:"thresholds"` // minutes
	District    scenarioRowJSON   `json:"district"`
	Communities []scenarioRowJSON `json:"communities"` // only those whose coverage changes
}

// scenarioRowJSON is the coverage of the district (code "") or a community before and
// after, as shares at each threshold.
type scenarioRowJSON struct {
	Code            string `json:"code"`
	Name            string `json:"name"`
	Population      num    `json:"population"`
	Before          []num  `json:"before"`
	After           []num  `json:"after"`
	GainedResidents num    `json:"gained_residents"`
}

func scenarioOut(res siting.ScenarioResult) scenarioAnswer {
	out := scenarioAnswer{Targets: make([]scenarioTargetJSON, len(res.Targets))}
	for i, t := range res.Targets {
		cs := make([]scenarioRowJSON, len(t.Communities))
		for j, r := range t.Communities {
			cs[j] = scenarioRowOut(r)
		}
		out.Targets[i] = scenarioTargetJSON{Target: kindKeyOut(t.Target), Thresholds: nums(t.Thresholds),
			District: scenarioRowOut(t.District), Communities: cs}
	}
	return out
}

func scenarioRowOut(r siting.ScenarioRow) scenarioRowJSON {
	return scenarioRowJSON{Code: r.Code, Name: r.Name, Population: num(r.Population), Before: nums(r.Before),
		After: nums(r.After), GainedResidents: num(r.GainedResidents)}
}
