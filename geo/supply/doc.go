// Package supply measures the service resource within walking reach of residents with the
// two-step floating catchment area method (2SFCA; Luo & Wang 2003) and its enhanced,
// distance-decayed variant (E2SFCA; Luo & Qi 2009, Dai 2010). The supply S_j of a
// station is a quantity such as its floor area (m²) or its staff; the demand P_i of a
// cell is its residents.
//
//	step 1, each station j:  R_j = S_j / Σ_i P_i·W(t_ij)   over cells i with t_ij ≤ T
//	step 2, each cell i:     A_i = Σ_j R_j·W(t_ij)         over stations j with t_ij ≤ T
//
// t_ij is the walking time from station j to the centre of cell i under the walking model
// of docs/model.md (both access legs included), from one bounded search per station on
// the walk graph (geo/walk); W is 1 for 2SFCA and a Gaussian decay for E2SFCA (see
// Decay). A_i is supply per resident (m² or staff per person); Aggregate turns it into a
// unit's population-weighted mean and the standards' figures per 100 or 1 000
// households, judged against the caller's rule values.
//
// Coordinates are (lon, lat) in WGS84 degrees; times are seconds, supply is in the
// caller's unit (m² or persons).
//
// supply may import geo, geo/walk, orb and h3-go. It never imports pgx, echo or net/http.
package supply
