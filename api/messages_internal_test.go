package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/internal/formatscan"
)

// TestCatalogueCoversEveryMessage reads the package's source and checks that every
// literal format given to paramError, apiErrorf and text has a Chinese entry.
func TestCatalogueCoversEveryMessage(t *testing.T) {
	formats := formatscan.Formats(t, func(call *ast.CallExpr) ast.Expr {
		if id, ok := call.Fun.(*ast.Ident); ok && len(call.Args) >= 2 {
			switch id.Name {
			case "paramError", "apiErrorf", "text":
				return call.Args[1]
			}
		}
		return nil
	})
	for _, f := range formats {
		if zh := zhFormat(f.Text); zh == f.Text {
			t.Errorf("%s: no Chinese text for %q", f.Pos, f.Text)
		} else if strings.Count(zh, "%") != strings.Count(f.Text, "%") {
			t.Errorf("%s: %q and %q differ in their verbs", f.Pos, f.Text, zh)
		}
	}
	if len(formats) < 40 {
		t.Errorf("found only %d messages; is the scan still finding the calls?", len(formats))
	}
}

func TestParseLangWord(t *testing.T) {
	tests := []struct {
		in   string
		want lang
		ok   bool
	}{
		{"zh", langZH, true}, {"zh-CN", langZH, true}, {"ZH_hans", langZH, true}, {"zh-TW", langZH, true},
		{"en", langEN, true}, {"en-GB", langEN, true}, {"fr", "", false}, {"", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got, ok := parseLangWord(tc.in); got != tc.want || ok != tc.ok {
				t.Errorf("parseLangWord(%q) = %q %v, want %q %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestRejectsInChinese: a refused upload's message follows the language; its records
// (file, line, field) stay as they are.
func TestRejectsInChinese(t *testing.T) {
	err := importError(&district.RejectedError{File: "a.csv", Rejects: []importers.Reject{{File: "a.csv", Record: 2, Line: 3, Field: "lat", Reason: "latitude out of range"}}})
	for _, tc := range []struct {
		l    lang
		want string
	}{{langEN, "a.csv: 1 bad record(s), first: "}, {langZH, "a.csv：1 条记录有误，第一条："}} {
		status, d := describe(err, "", tc.l)
		if status != 422 || !strings.HasPrefix(d.Message, tc.want) || len(d.Rejects) != 1 || d.Rejects[0].Field != "lat" {
			t.Errorf("%s: describe = %d %+v, want 422 %q… with the reject", tc.l, status, d, tc.want)
		}
	}
}

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
