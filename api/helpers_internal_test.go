package api

import (
	"encoding/json"
	"testing"
)

// wantCase is a named case whose answer, got, the table computes.
type wantCase struct{ name, got, want string }

// checkCases runs each case as a subtest: got must be want.
func checkCases(t *testing.T, cases []wantCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

// jsonOf is v as JSON; an error to marshal fails the test.
func jsonOf(tb testing.TB, v any) string {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatalf("marshal %#v: %v", v, err)
	}
	return string(b)
}
