package assess

import (
	"context"

	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
	"github.com/lifecircle/lifecircle/geo/supply"
)

// CommunitySupply is one community's supply within reach beside its own figures in the
// standards check: floor area (m² per 100 households) and staff (per 1 000 households)
// within Minutes' walk by 2SFCA, each with the rule it was judged against.
type CommunitySupply struct {
	Minutes          float64
	FloorArea, Staff SupplyUnit
	FloorRule        SupplyRule
	StaffRule        SupplyRule
}

// StandardsSupply computes, for every community (by code), its floor area and staff
// within minutes' walk (2SFCA over every counted station), judged against rules' ratios
// as Supply does. Errors are Supply's.
func StandardsSupply(ctx context.Context, e *engine.Engine, rules *standards.Rules, minutes float64) (map[string]CommunitySupply, error) {
	q := SupplyQuery{Minutes: minutes, Method: supply.Method2SFCA}
	reps, err := SupplyEach(ctx, e, q, rules, ResourceFloorArea, ResourceStaff)
	if err != nil {
		return nil, err
	}
	floor, staff := reps[0], reps[1]
	out := make(map[string]CommunitySupply, len(floor.Communities))
	for i, u := range floor.Communities {
		out[u.Code] = CommunitySupply{Minutes: minutes, FloorArea: u, Staff: staff.Communities[i], FloorRule: floor.Rule, StaffRule: staff.Rule}
	}
	return out, nil
}
