package district

import (
	"context"

	"github.com/lifecircle/lifecircle/geo"
)

// StatusStore says what the store holds. *postgis.DB is one.
type StatusStore interface {
	Status(ctx context.Context) (geo.StoreStatus, error)
}

// Status reads what the store holds: the rows of each kind by source, the last import of
// each kind and the last compute run; its CoverageStale says whether that run predates
// the newest import.
func Status(ctx context.Context, st StatusStore) (geo.StoreStatus, error) {
	return st.Status(ctx)
}
