package api_test

import (
	"bytes"
	"fmt"
	"maps"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/lifecircle/lifecircle/api"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/lifecircle/lifecircle/postgis/postgistest"
)

// upload builds a multipart body with the file and form fields.
func upload(tb testing.TB, filename string, content []byte, fields map[string]string) (*bytes.Buffer, string) {
	tb.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			tb.Fatal(err)
		}
	}
	if filename != "" {
		f, err := w.CreateFormFile("file", filename)
		if err != nil {
			tb.Fatal(err)
		}
		f.Write(content)
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return &buf, w.FormDataContentType()
}

func postUpload(tb testing.TB, s *api.Server, kind, token, filename string, content []byte, fields map[string]string) (int, []byte) {
	tb.Helper()
	body, ctype := upload(tb, filename, content, fields)
	h := map[string]string{"Content-Type": ctype}
	if token != "" {
		h["Authorization"] = "Bearer " + token
	}
	return do(tb, s.Handler(), http.MethodPost, "/api/v1/imports/"+kind, body, h)
}

func stationCSV(rows ...string) []byte {
	b := "id,name,level,lon,lat\n"
	for _, r := range rows {
		b += r + "\n"
	}
	return []byte(b)
}

// tableCounts is postgistest.Counts: the rows of each table.
func tableCounts(tb testing.TB, db *postgis.DB) map[string]int64 { return postgistest.Counts(tb, db) }

func TestWriteEndpointsNeedTheToken(t *testing.T) {
	off := memoryServer(t)
	offOpts := testOptions(t)
	offOpts.Token = ""
	noToken, err := api.New(offOpts)
	if err != nil {
		t.Fatal(err)
	}
	noToken.SetEngine(off.Engine())
	tests := []struct {
		name   string
		s      *api.Server
		header string
		status int
		code   string
	}{
		{"no token configured", noToken, "Bearer anything", 403, "forbidden"},
		{"no Authorization header", off, "", 401, "unauthorized"},
		{"wrong scheme", off, "Basic " + testToken, 401, "unauthorized"},
		{"wrong token", off, "Bearer nope", 401, "unauthorized"},
		{"token prefix", off, "Bearer " + testToken[:4], 401, "unauthorized"},
		// The right token gets past the check; without a database the compute is 503.
		{"right token", off, "Bearer " + testToken, 503, "unavailable"},
	}
	for _, tc := range tests {
		for _, path := range []string{"/api/v1/compute", "/api/v1/imports/stations"} {
			t.Run(tc.name+" "+path, func(t *testing.T) {
				h := map[string]string{}
				if tc.header != "" {
					h["Authorization"] = tc.header
				}
				status, body := do(t, tc.s.Handler(), http.MethodPost, path, nil, h)
				want, wantCode := tc.status, tc.code
				if path == "/api/v1/imports/stations" && want == 503 {
					want, wantCode = 400, "invalid" // past the check: no file in the body
				}
				if status != want {
					t.Fatalf("status %d, want %d: %s", status, want, body)
				}
				if code, _ := errorOf(t, body); code != wantCode {
					t.Errorf("code %q, want %q", code, wantCode)
				}
			})
		}
	}
}

func TestImportUpload(t *testing.T) {
	s, db := dbServer(t)
	p, q := node(9, 1), node(1, 9)
	good := stationCSV(fmt.Sprintf("st-new,新社区党群服务站,社区,%.8f,%.8f", p[0], p[1]), fmt.Sprintf("st-new2,小区站,小区,%.8f,%.8f", q[0], q[1]))
	bad := stationCSV(fmt.Sprintf("st-x,站,社区,%.8f,%.8f", p[0], p[1]), "st-y,站,社区,104.06,95.5")
	tests := []struct {
		name       string
		kind, file string
		content    []byte
		fields     map[string]string
		status     int
		mention    string
		addedRows  int64
	}{
		{"bad record refuses the file", "stations", "s.csv", bad, map[string]string{"mode": "upsert"}, 422, "95.5", 0},
		{"empty file", "stations", "s.csv", []byte{}, nil, 400, "empty", 0},
		{"unknown kind", "parks", "s.csv", good, nil, 400, `"kind"`, 0},
		{"bad mode", "stations", "s.csv", good, map[string]string{"mode": "append"}, 400, `"mode"`, 0},
		{"bad crs", "stations", "s.csv", good, map[string]string{"crs": "mars"}, 400, `"crs"`, 0},
		{"bad skip_invalid", "stations", "s.csv", good, map[string]string{"skip_invalid": "perhaps"}, 400, `"skip_invalid"`, 0},
		{"no file", "stations", "", nil, nil, 400, `"file"`, 0},
		{"skip_invalid loads the good record", "stations", "s.csv", bad, map[string]string{"mode": "upsert", "skip_invalid": "true"}, 200, "", 1},
		{"good file upserted", "stations", "s.csv", good, map[string]string{"mode": "upsert"}, 200, "", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := tableCounts(t, db)
			status, body := postUpload(t, s, tc.kind, testToken, tc.file, tc.content, tc.fields)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, body)
			}
			after := tableCounts(t, db)
			if got := after["stations"] - before["stations"]; got != tc.addedRows {
				t.Errorf("stations rows +%d, want +%d", got, tc.addedRows)
			}
			if status != http.StatusOK {
				if !maps.Equal(before, after) {
					t.Errorf("a refused import changed the database: %v → %v", before, after)
				}
				if _, msg := errorOf(t, body); !containsFold(msg, tc.mention) {
					t.Errorf("message %q does not mention %s", msg, tc.mention)
				}
			}
		})
	}
}

func TestImportRejectsListed(t *testing.T) {
	s, _ := dbServer(t)
	bad := stationCSV("a,站,社区,104.06,95.5", "b,站,省级,104.06,30.66")
	status, body := postUpload(t, s, "stations", testToken, "bad.csv", bad, nil)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d: %s", status, body)
	}
	e := decode[struct {
		Error struct {
			Rejects []struct {
				Record int    `json:"record"`
				Field  string `json:"field"`
			} `json:"rejects"`
		} `json:"error"`
	}](t, body)
	if len(e.Error.Rejects) != 2 || e.Error.Rejects[0].Record != 1 || e.Error.Rejects[1].Record != 2 {
		t.Errorf("rejects %+v, want records 1 and 2", e.Error.Rejects)
	}
}

func TestUploadTooLarge(t *testing.T) {
	o := testOptions(t)
	o.MaxUploadBytes = 1000
	s, err := api.New(o)
	if err != nil {
		t.Fatal(err)
	}
	status, body := postUpload(t, s, "stations", testToken, "s.csv", bytes.Repeat([]byte("x"), 5000), nil)
	if status != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d: %s", status, body)
	}
	errorOf(t, body)
}

func TestComputeSwapsTheEngine(t *testing.T) {
	s, _ := dbServer(t)
	before := s.Engine()
	p := node(9, 9)
	status, body := postUpload(t, s, "stations", testToken, "s.csv",
		stationCSV(fmt.Sprintf("st-late,后来的站,building,%.8f,%.8f", p[0], p[1])), map[string]string{"mode": "upsert"})
	if status != http.StatusOK {
		t.Fatalf("import: %d %s", status, body)
	}
	if _, body := get(t, s.Handler(), "/api/v1/stations?level=building"); len(decode[collectionJSON](t, body).Features) != 0 {
		t.Fatalf("the engine changed before compute: %s", body)
	}
	status, body = do(t, s.Handler(), http.MethodPost, "/api/v1/compute", nil, map[string]string{"Authorization": "Bearer " + testToken})
	if status != http.StatusOK {
		t.Fatalf("compute: %d %s", status, body)
	}
	if sum := decode[api.ComputeSummary](t, body); sum.Stations != 3 || sum.Cells == 0 {
		t.Errorf("summary %+v, want 3 stations", sum)
	}
	if s.Engine() == before {
		t.Error("the engine was not swapped")
	}
	_, body = get(t, s.Handler(), "/api/v1/nearest?"+pointQuery(node(9, 5))+"&level=building")
	if r := decode[nearestJSON](t, body).Results; len(r) != 1 || r[0].ID != "st-late" || !near(r[0].Metres, 400, 0.5) {
		t.Errorf("nearest building station after compute: %s", body)
	}
}

// TestQueriesDuringRecompute keeps asking while a recompute runs and swaps the engine:
// every answer is a whole answer from the old or the new engine.
func TestQueriesDuringRecompute(t *testing.T) {
	s, _ := dbServer(t)
	done := make(chan int, 1)
	go func() {
		status, _ := do(t, s.Handler(), http.MethodPost, "/api/v1/compute", nil, map[string]string{"Authorization": "Bearer " + testToken})
		done <- status
	}()
	target := "/api/v1/nearest?" + pointQuery(node(2, 7)) + "&level=community"
	for asked := 0; ; asked++ {
		select {
		case status := <-done:
			if status != http.StatusOK {
				t.Fatalf("compute: %d", status)
			}
			return
		default:
		}
		status, body := get(t, s.Handler(), target)
		if r := decode[nearestJSON](t, body).Results; status != http.StatusOK || len(r) != 1 || !near(r[0].Metres, 500, 0.5) {
			t.Fatalf("query %d during the recompute: %d %s", asked, status, body)
		}
	}
}
