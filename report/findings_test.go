package report_test

import (
	"bytes"
	stdhtml "html"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo/health"
	"github.com/lifecircle/lifecircle/report"
)

// The first page counts the data health check's findings by severity and lists the
// errors and warnings (not the infos) in the report's language; unchecked, it says nothing.
func TestHTMLShowsTheFindings(t *testing.T) {
	fs := []health.Finding{
		{Code: health.CodeFacilityOutsideStudyArea, Severity: health.SeverityError, Subject: health.Subject{Kind: "station", ID: "S9"},
			Figure: 27.9, Unit: "km", MessageZH: "远站坐标有误", MessageEN: "far station: wrong coordinates"},
		{Code: health.CodeStaleDerivedRows, Severity: health.SeverityWarning, Subject: health.Subject{Kind: "derived", ID: "street"},
			Figure: 2, Unit: "rows", MessageZH: "派生街道已过时", MessageEN: "derived streets out of date"},
		{Code: health.CodeChecksNeedCompute, Severity: health.SeverityInfo, Subject: health.Subject{Kind: "engine"},
			Figure: 2, Unit: "checks", MessageZH: "尚未计算", MessageEN: "not computed yet"},
	}
	tests := []struct {
		name       string
		lang       string
		checked    bool
		want, deny []string
	}{
		{"chinese", report.LangZH, true, []string{"数据体检", "错误 1 项，警告 1 项，提示 1 项", "远站坐标有误", "派生街道已过时", "站点 S9", "27.9 km"},
			[]string{"尚未计算", "far station"}},
		{"english", report.LangEN, true, []string{"Data health check", "1 errors, 1 warnings, 1 infos", "far station: wrong coordinates", "derived streets out of date", "station S9"},
			[]string{"not computed yet", "远站坐标有误"}},
		{"not checked", report.LangZH, false, nil, []string{"数据体检", "远站坐标有误"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := fixtureInput(t, tc.lang)
			in.Findings, in.Checked = fs, tc.checked
			var buf bytes.Buffer
			if err := report.HTML(&buf, in); err != nil {
				t.Fatal(err)
			}
			first := stdhtml.UnescapeString(firstSection(t, buf.String()))
			for _, w := range tc.want {
				if !strings.Contains(first, w) {
					t.Errorf("the first page lacks %q", w)
				}
			}
			for _, d := range tc.deny {
				if strings.Contains(buf.String(), d) {
					t.Errorf("the report shows %q", d)
				}
			}
		})
	}
}

// firstSection is the report's first section (the summary page).
func firstSection(tb testing.TB, html string) string {
	tb.Helper()
	start := strings.Index(html, `<section id="summary"`)
	if start < 0 {
		tb.Fatalf("no summary section in %d bytes", len(html))
	}
	end := strings.Index(html[start:], "</section>")
	if end < 0 {
		tb.Fatalf("the summary section does not end")
	}
	return html[start : start+end]
}
