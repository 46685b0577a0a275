package api

import "github.com/lifecircle/lifecircle/geo/health"

// The wire format of GET /api/v1/diagnostics (JSON).

// diagnosticsAnswer is the data health check of the district the server answers from:
// the count of findings by severity, then every finding (errors first). Note, when not
// empty, says what the check could not know.
type diagnosticsAnswer struct {
	Region   string             `json:"region"` // the region answered for
	Summary  diagnosticsSummary `json:"summary"`
	Findings []findingJSON      `json:"findings"`
	Note     string             `json:"note,omitempty"`
}

type diagnosticsSummary struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// findingJSON is one finding: Figure, in Unit, is the number its severity was decided on;
// Count, when not zero, how many items it gathers.
type findingJSON struct {
	Code      string      `json:"code"`
	Severity  string      `json:"severity"`
	Subject   subjectJSON `json:"subject"`
	Figure    num         `json:"figure"`
	Unit      string      `json:"unit"`
	Count     int         `json:"count,omitempty"`
	MessageZH string      `json:"message_zh"`
	MessageEN string      `json:"message_en"`
}

type subjectJSON struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
	Name string `json:"name"`
}

func diagnosticsOut(fs []health.Finding, s health.Summary, note string) diagnosticsAnswer {
	out := diagnosticsAnswer{Summary: diagnosticsSummary{Errors: s.Errors, Warnings: s.Warnings, Infos: s.Infos},
		Findings: make([]findingJSON, len(fs)), Note: note}
	for i, f := range fs {
		out.Findings[i] = findingJSON{Code: string(f.Code), Severity: string(f.Severity),
			Subject: subjectJSON{Kind: f.Subject.Kind, ID: f.Subject.ID, Name: f.Subject.Name},
			Figure:  num(f.Figure), Unit: f.Unit, Count: f.Count, MessageZH: f.MessageZH, MessageEN: f.MessageEN}
	}
	return out
}
