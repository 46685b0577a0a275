package api_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
)

// GET /api/v1/diagnostics lists the findings of the loaded district with the database's
// facts: here a community without a boundary (its residents the figure) and stale
// derived streets (their number), counted in the summary.
func TestDiagnosticsListsTheDefects(t *testing.T) {
	s, db, _ := seededServer(t)
	ctx := context.Background()
	const pop = 4321
	if _, err := db.ImportCommunities(ctx, postgis.Batch{Kind: "communities", FileName: "extra.csv", Mode: geo.ModeUpsert},
		[]geo.Community{{Code: "510100099001", Name: "无界社区", Population: pop}}, geo.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportStreets(ctx, postgis.Batch{Kind: "streets", FileName: "derived", Mode: geo.ModeUpsert, Source: "derived"},
		[]geo.Street{{Code: "510100098", Name: "旧派生街道"}, {Code: "510100097", Name: "另一条"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Load(ctx); err != nil {
		t.Fatal(err)
	}
	body := getOK(t, s.Handler(), "/api/v1/diagnostics")
	var ans struct {
		Summary  struct{ Errors, Warnings, Infos int }
		Findings []struct {
			Code, Severity string
			Subject        struct{ Kind, ID string }
			Figure         float64
			MessageZH      string `json:"message_zh"`
		}
	}
	if err := json.Unmarshal(body, &ans); err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"community_without_boundary/510100099001": pop, "stale_derived_rows/street": 2}
	warnings := 0
	for _, f := range ans.Findings {
		if f.Severity == "warning" {
			warnings++
		}
		if w, ok := want[f.Code+"/"+f.Subject.ID]; ok {
			if f.Figure != w || f.Severity != "warning" || f.MessageZH == "" {
				t.Errorf("%s %s: %s figure %v, want a warning of %v", f.Code, f.Subject.ID, f.Severity, f.Figure, w)
			}
			delete(want, f.Code+"/"+f.Subject.ID)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing findings %v in %s", want, body)
	}
	if ans.Summary.Warnings != warnings || ans.Summary.Errors != 0 {
		t.Errorf("summary %+v, the list holds %d warnings", ans.Summary, warnings)
	}
}
