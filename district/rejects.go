package district

import (
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers"
)

// RejectedError is a file refused because some of its records are bad and the import did
// not ask to skip them: nothing was stored. Rejects lists every bad record, in file order
// (at least one); the adapters word the refusal for their callers (a flag, a form field).
type RejectedError struct {
	File    string
	Rejects []importers.Reject
	err     *geo.Error
}

func newRejectedError(file string, rejects []importers.Reject) *RejectedError {
	return &RejectedError{File: file, Rejects: rejects, err: geo.Errorf(geo.EUNPROCESSABLE,
		"%s: %d bad record(s), first: %s; nothing was imported", file, len(rejects), rejects[0].String())}
}

// Error implements error.
func (e *RejectedError) Error() string { return e.err.Error() }

// Unwrap returns the EUNPROCESSABLE *geo.Error the refusal is.
func (e *RejectedError) Unwrap() error { return e.err }
