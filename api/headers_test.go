package api_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/api"
)

func TestSecurityHeadersOnEveryAnswer(t *testing.T) {
	s := memoryServer(t)
	for _, path := range []string{"/healthz", "/api/v1/stations", "/api/v1/nosuch", "/api/openapi.json"} {
		t.Run(path, func(t *testing.T) {
			rec := do2(t, s.Handler(), http.MethodGet, path, "", "")
			h := rec.Header()
			if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "worker-src 'self' blob:") || !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("Content-Security-Policy %q", csp)
			}
			if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" {
				t.Errorf("X-Content-Type-Options %q, X-Frame-Options %q", h.Get("X-Content-Type-Options"), h.Get("X-Frame-Options"))
			}
		})
	}
}

func TestPlanEndpointsRefuseNonJSON(t *testing.T) {
	s := memoryServer(t)
	body := `{"kind":"station","k":1}`
	tests := []struct {
		name, path, ct string
		want           int
	}{
		{"plan text/plain", "/api/v1/plan/sites", "text/plain", http.StatusUnsupportedMediaType},
		{"plan form", "/api/v1/plan/sites", "application/x-www-form-urlencoded", http.StatusUnsupportedMediaType},
		{"plan none", "/api/v1/plan/sites", "", http.StatusUnsupportedMediaType},
		{"scenarios text/plain", "/api/v1/scenarios", "text/plain; charset=utf-8", http.StatusUnsupportedMediaType},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do2(t, s.Handler(), http.MethodPost, tc.path, body, tc.ct)
			if rec.Code != tc.want {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.want, rec.Body)
			}
			if _, msg := errorOf(t, rec.Body.Bytes()); !strings.Contains(msg, "application/json") {
				t.Errorf("message %q does not say what to send", msg)
			}
		})
	}
	rec := do2(t, s.Handler(), http.MethodPost, "/api/v1/plan/sites", body, "application/json; charset=utf-8")
	if rec.Code == http.StatusUnsupportedMediaType {
		t.Errorf("application/json refused: %s", rec.Body)
	}
}

func do2(tb testing.TB, h http.Handler, method, target, body, ct string) *httptest.ResponseRecorder {
	tb.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// The per-request lines go to Options.AccessLog when it is set, not to Options.Log.
func TestAccessLogGoesWhereTold(t *testing.T) {
	var main, access bytes.Buffer
	o := testOptions(t)
	o.Log = slog.New(slog.NewTextHandler(&main, nil))
	o.AccessLog = slog.New(slog.NewTextHandler(&access, nil))
	s, err := api.New(o)
	if err != nil {
		t.Fatal(err)
	}
	s.SetEngine(memoryServer(t).Engine())
	do2(t, s.Handler(), http.MethodGet, "/api/v1/stations", "", "")
	if !strings.Contains(access.String(), "msg=request") || !strings.Contains(access.String(), "/api/v1/stations") {
		t.Errorf("access log %q has no line for the request", access.String())
	}
	if strings.Contains(main.String(), "msg=request") {
		t.Errorf("the main log got the request line: %q", main.String())
	}
}
