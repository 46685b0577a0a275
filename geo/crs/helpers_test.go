package crs_test

import (
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
)

// checkRejected checks that parse (named fn in messages) rejects each of inputs with an
// EINVALID error naming the input and every one of mention (the forms it suggests).
func checkRejected[T any](t *testing.T, fn string, parse func(string) (T, error), inputs, mention []string) {
	t.Helper()
	for _, in := range inputs {
		t.Run("reject "+in, func(t *testing.T) {
			got, err := parse(in)
			if err == nil {
				t.Fatalf("%s(%q) = %+v, want an error", fn, in, got)
			}
			if code := geo.ErrorCodeOf(err); code != geo.EINVALID {
				t.Errorf("%s(%q) error code %q, want %q", fn, in, code, geo.EINVALID)
			}
			for _, w := range append([]string{in}, mention...) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%s(%q) error %q does not mention %q", fn, in, err, w)
				}
			}
		})
	}
}
