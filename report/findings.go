package report

import (
	"strconv"

	"github.com/lifecircle/lifecircle/geo/health"
)

// findingsView is the data health check on the first page: the counts by severity, then
// the errors and the warnings (infos are counted, not listed).
type findingsView struct {
	Errors, Warnings, Infos int
	Rows                    []findingRow
}

type findingRow struct {
	Error                                    bool
	Severity, Code, Subject, Figure, Message string
}

// findingsOf formats in's findings in d's language; nil when the check was not run.
func findingsOf(in Input, d dict) *findingsView {
	if !in.Checked {
		return nil
	}
	s := health.Summarise(in.Findings)
	v := &findingsView{Errors: s.Errors, Warnings: s.Warnings, Infos: s.Infos}
	for _, f := range in.Findings {
		if f.Severity != health.SeverityError && f.Severity != health.SeverityWarning {
			continue
		}
		msg := f.MessageZH
		if d.lang == LangEN {
			msg = f.MessageEN
		}
		v.Rows = append(v.Rows, findingRow{Error: f.Severity == health.SeverityError,
			Severity: d.T["sev_"+string(f.Severity)], Code: string(f.Code), Subject: subjectOf(f.Subject),
			Figure: strconv.FormatFloat(f.Figure, 'g', 4, 64) + " " + f.Unit, Message: msg})
	}
	return v
}

// subjectOf names a finding's subject: its kind, then ID and name when given.
func subjectOf(s health.Subject) string {
	out := s.Kind
	if s.ID != "" {
		out += " " + s.ID
	}
	if s.Name != "" {
		out += " " + s.Name
	}
	return out
}
