package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers"
)

func TestDescribe(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		code   string
		msg    string // a part of the message
	}{
		{"invalid", geo.Errorf(geo.EINVALID, "parameter %q: bad", "k"), 400, "invalid", `"k"`},
		{"unprocessable", geo.Errorf(geo.EUNPROCESSABLE, "612 m off"), 422, "unprocessable", "612 m"},
		{"not found", geo.Errorf(geo.ENOTFOUND, "no such community"), 404, "not_found", "community"},
		{"conflict", geo.Errorf(geo.ECONFLICT, "busy"), 409, "conflict", "busy"},
		{"unavailable", geo.Errorf(geo.EUNAVAILABLE, "database down"), 503, "unavailable", "database"},
		{"internal hides its text", geo.WrapError(geo.EINTERNAL, errors.New("pq: secret"), "query"), 500, "internal", "internal error"},
		{"plain error hides its text", errors.New("secret"), 500, "internal", "internal error"},
		{"wrapped geo error", fmt.Errorf("load: %w", geo.Errorf(geo.EINVALID, "bad file")), 400, "invalid", "bad file"},
		{"echo 404", echo.ErrNotFound, 404, "not_found", "no such endpoint"},
		{"echo 405", echo.ErrMethodNotAllowed, 405, "method_not_allowed", "not allowed"},
		{"echo 413", echo.ErrStatusRequestEntityTooLarge, 413, "too_large", "too large"},
		{"max bytes", &http.MaxBytesError{Limit: 10}, 413, "too_large", "too large"},
		{"deadline", context.DeadlineExceeded, 503, "unavailable", "too long"},
		{"rejects", &rejectsError{err: geo.Errorf(geo.EUNPROCESSABLE, "2 bad"), rejects: []importers.Reject{{File: "a.csv", Record: 1, Reason: "x"}}}, 422, "unprocessable", "2 bad"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, d := describe(tc.err, "limits", langEN)
			if status != tc.status || d.Code != tc.code || !strings.Contains(d.Message, tc.msg) {
				t.Errorf("describe = %d %+v, want %d %s …%s…", status, d, tc.status, tc.code, tc.msg)
			}
			if strings.Contains(d.Message, "secret") {
				t.Errorf("message leaks the cause: %q", d.Message)
			}
		})
	}
}

// TestPanicIsA500 checks the recovery: a handler that panics gives the JSON error, 500.
func TestPanicIsA500(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.echo.GET("/boom", func(echo.Context) error { panic("boom") })
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/boom", nil))
	var body errorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || rec.Code != 500 || body.Error.Code != "internal" {
		t.Errorf("panic: %d %s", rec.Code, rec.Body.Bytes())
	}
}
