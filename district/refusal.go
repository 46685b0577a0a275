package district

import (
	"errors"

	"github.com/lifecircle/lifecircle/geo/health"
)

// Refusal is Recompute's refusal to compute on data the health check finds errors in: an
// EUNPROCESSABLE geo.Error (errors.As finds it) that also carries every finding of the
// check, so that an answer can list them.
type Refusal struct {
	Findings []health.Finding
	err      error
}

func (r *Refusal) Error() string { return r.err.Error() }
func (r *Refusal) Unwrap() error { return r.err }

// refused is refusal(fs) carrying fs.
func refused(fs []health.Finding) error {
	return &Refusal{Findings: fs, err: refusal(fs)}
}

// RefusalOf returns the Refusal in err's chain, or nil.
func RefusalOf(err error) *Refusal {
	var r *Refusal
	if errors.As(err, &r) {
		return r
	}
	return nil
}
