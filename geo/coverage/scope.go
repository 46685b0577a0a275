package coverage

// Scopes of a ScopeSummary.
const (
	ScopeDistrict  = "district"
	ScopeStreet    = "street"
	ScopeCommunity = "community"
)

// ScopeSummary is the coverage of one facility set (Kind, Key) over one community, one
// street or the whole district (Scope ScopeDistrict, Code ""); Name is the community's or
// street's name ("" unknown).
type ScopeSummary struct {
	Scope, Code, Name string
	Kind, Key         string
	Summary
}
