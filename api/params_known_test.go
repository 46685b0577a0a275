package api_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestUnknownQueryParameters checks that a query parameter the operation does not take
// is refused with 400 naming it (limit= where k= is meant is not silently a k of 1), and
// that every parameter the OpenAPI document gives, lang= everywhere, is taken.
func TestUnknownQueryParameters(t *testing.T) {
	s := memoryServer(t)
	at := pointQuery(node(2, 7))
	tests := []struct {
		name, target string
		status       int
		has          string // in the error message
	}{
		{"limit for k", "/api/v1/nearest?" + at + "&level=community&limit=3", http.StatusBadRequest, `parameter "limit": /api/v1/nearest does not take this parameter; it takes`},
		{"typo", "/api/v1/coverage?level=community&minute=10", http.StatusBadRequest, `parameter "minute"`},
		{"first of two, alphabetically", "/api/v1/gaps?level=community&zz=1&aa=2", http.StatusBadRequest, `parameter "aa"`},
		{"on a route without parameters", "/healthz?verbose=1", http.StatusBadRequest, `parameter "verbose"`},
		{"documented ones", "/api/v1/nearest?" + at + "&level=community&k=2&geometry=true&crs=wgs84", http.StatusOK, ""},
		{"lang on every route", "/api/v1/nearest?" + at + "&level=community&lang=zh", http.StatusOK, ""},
		{"lang on a route without parameters", "/healthz?lang=en", http.StatusOK, ""},
		{"an import's form field in the query", "/api/v1/imports/stations?mode=upsert&nosuch=1", http.StatusBadRequest, `parameter "nosuch"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			method := http.MethodGet
			if strings.HasPrefix(tc.target, "/api/v1/imports/") {
				method = http.MethodPost
			}
			status, body := do(t, s.Handler(), method, tc.target, nil, nil)
			if status != tc.status {
				t.Fatalf("%d %s, want %d", status, body, tc.status)
			}
			if tc.has == "" {
				return
			}
			if code, msg := errorOf(t, body); code != "invalid" || !strings.Contains(msg, tc.has) {
				t.Errorf("%s %q, want invalid with %q", code, msg, tc.has)
			}
		})
	}
}
