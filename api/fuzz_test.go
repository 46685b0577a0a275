package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// fuzzTargets are the endpoints FuzzQuery sends arbitrary query strings (and, for POST,
// bodies) to.
var fuzzTargets = []struct{ method, path string }{
	{"GET", "/api/v1/nearest"}, {"GET", "/api/v1/route"}, {"GET", "/api/v1/isochrone"},
	{"GET", "/api/v1/coverage"}, {"GET", "/api/v1/coverage/cells"}, {"GET", "/api/v1/gaps"},
	{"GET", "/api/v1/network"}, {"GET", "/api/v1/standards"}, {"GET", "/api/v1/stations"},
	{"GET", "/api/v1/outlets"}, {"GET", "/api/v1/communities"},
	{"GET", "/api/v1/supply"}, {"GET", "/api/v1/supply/cells"},
	{"POST", "/api/v1/plan/sites"}, {"POST", "/api/v1/scenarios"},
}

// FuzzQuery checks that no query string or body makes the server answer 5xx or panic, and
// that every error answer is the JSON error shape. The seed corpus is in
// testdata/fuzz/FuzzQuery; run it longer with
//
//	go test ./api -run '^$' -fuzz FuzzQuery -fuzztime 60s
func FuzzQuery(f *testing.F) {
	seeds := []struct {
		target      uint8
		query, body string
	}{
		{0, "lon=104.0621&lat=30.6645&level=any&k=3&geometry=true", ""},
		{0, "lon=104.0621&lat=30.6645&category=supermarket&crs=gcj02", ""},
		{1, "from=104.06,30.66&to=104.065,30.665&crs=bd09", ""},
		{2, "lon=104.0621&lat=30.6645&minutes=1,60,5", ""},
		{3, "level=community&minutes=15&format=geojson&community=510104001001", ""},
		{4, "category=pharmacy&bbox=104.06,30.66,104.07,30.67&format=csv", ""},
		{5, "level=any&minutes=7&limit=3&format=json", ""},
		{6, "format=csv", ""},
		{7, "community=510104001002&format=csv", ""},
		{8, "level=street&limit=1&offset=1&bbox=104,30,105,31", ""},
		{10, "street=510104001&crs=gcj02", ""},
		{11, "crs=gcj02", `{"level": "community", "minutes": 5, "k": 2, "candidates": [[104.065, 30.662]], "exclude": [[104.06, 30.66]]}`},
		{11, "", `{"category": "supermarket", "k": 50, "minutes": 60, "candidates": "cells"}`},
		{12, "", `{"add": [{"lon": 104.068, "lat": 30.662, "level": "community", "name": "新站"}], "remove": ["st-street"]}`},
		{12, "", `{"add": [{"lon": 104.068, "lat": 30.662, "category": "pharmacy"}]}`},
	}
	for _, s := range seeds {
		f.Add(s.target, s.query, s.body)
	}
	s := memoryServer(f)
	f.Fuzz(func(t *testing.T, target uint8, query, body string) {
		ep := fuzzTargets[int(target)%len(fuzzTargets)]
		req := httptest.NewRequest(ep.method, ep.path, strings.NewReader(body))
		req.URL.RawQuery = query
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s?%s %q: %d %s", ep.method, ep.path, query, body, rec.Code, rec.Body.Bytes())
		}
		if rec.Code >= 400 {
			var e struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
				t.Fatalf("%s %s?%s: %d is not a JSON error: %s", ep.method, ep.path, query, rec.Code, rec.Body.Bytes())
			}
		}
		if rec.Code == http.StatusOK && rec.Body.Len() == 0 {
			t.Fatalf("%s %s?%s: empty 200", ep.method, ep.path, query)
		}
	})
}
