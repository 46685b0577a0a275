package district

import (
	"context"

	"github.com/lifecircle/lifecircle/geo"
)

// StationStore changes the status of stored stations. *postgis.DB is one.
type StationStore interface {
	// ConfirmStations marks the stations with ids (every candidate when all) confirmed
	// and says how many changed; an unknown id is ENOTFOUND and changes nothing.
	ConfirmStations(ctx context.Context, ids []string, all bool) (int, error)
}

// Confirmed is what ConfirmStations did.
type Confirmed struct {
	Confirmed int // stations whose status went from candidate to confirmed
}

// ConfirmStations confirms candidate stations by id, or all of them: confirmed stations
// count in the next computation (recompute to see them in the answers). Giving both ids
// and all, or neither, is EINVALID.
func ConfirmStations(ctx context.Context, st StationStore, ids []string, all bool) (Confirmed, error) {
	if all && len(ids) > 0 {
		return Confirmed{}, geo.Errorf(geo.EINVALID, "give station ids or all, not both")
	}
	if !all && len(ids) == 0 {
		return Confirmed{}, geo.Errorf(geo.EINVALID, "give the ids of the stations to confirm, or all")
	}
	for i, id := range ids {
		if id == "" {
			return Confirmed{}, geo.Errorf(geo.EINVALID, "station id %d is empty", i+1)
		}
	}
	n, err := st.ConfirmStations(ctx, ids, all)
	return Confirmed{Confirmed: n}, err
}
