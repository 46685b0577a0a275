package report_test

import (
	"bytes"
	stdhtml "html"
	"regexp"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/report"
)

func TestHTML(t *testing.T) {
	cases := []struct {
		name     string
		lang     string
		headings []string // section titles, written by hand
		noCentre string   // how the street table says street B has no centre
		farShare string   // C3's tooltip: all its residents are beyond 15 minutes
		attr     string   // the OpenStreetMap licence line in the language
	}{
		{"chinese", report.LangZH, []string{"1 概况", "2 党群服务网络图", "3 各街道（乡镇）党群服务网络", "4 步行覆盖率",
			"5 到最近党群服务站点的步行时间", "6 覆盖缺口", "7 配套标准达标情况"}, `<td class="bad">否</td>`, "远村 100.0%", "地图数据 © OpenStreetMap 贡献者（ODbL）"},
		{"english", report.LangEN, []string{"1 Summary", "2 Map of the station network", "3 The network by street",
			"4 Walking coverage", "5 Walking time to the nearest station", "6 Gaps", "7 Compliance with the planning standards"},
			`<td class="bad">no</td>`, "远村 100.0%", "Map data © OpenStreetMap contributors (ODbL)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := report.HTML(&buf, fixtureInput(t, tc.lang)); err != nil {
				t.Fatal(err)
			}
			html := buf.String()
			golden(t, "network-report."+tc.lang+".html", buf.Bytes())
			if text := stdhtml.UnescapeString(html); !strings.Contains(text, fixtureFormula) {
				t.Errorf("the report lacks the formula %s", fixtureFormula)
			}
			for _, want := range append(tc.headings, "南街道", "北街道", tc.noCentre,
				"测试区 &lt;报告&gt; &amp; 网络", "商圈党群服务站 &lt;b&gt;&amp;", tc.attr) {
				if !strings.Contains(html, want) {
					t.Errorf("the report lacks %q", want)
				}
			}
			for _, bad := range []string{"http://", "https://", "<script", "url(", "@import", "<报告>", "<b>&"} {
				if strings.Contains(html, bad) {
					t.Errorf("the report contains %q: it must be self-contained and escaped", bad)
				}
			}
			if n := strings.Count(html, "<svg"); n < 2 {
				t.Errorf("%d inline SVG elements, want at least the two maps", n)
			}
			paths := regexp.MustCompile(`<path class="cm [a-z0-9]+" d="M[^"]+"><title>([^<]*)</title>`).FindAllStringSubmatch(html, -1)
			if len(paths) != 3 {
				t.Fatalf("%d community paths on the map, want one for each of the 3 communities", len(paths))
			}
			if !strings.Contains(html, `<path class="cm s4" d=`) || !strings.Contains(html, "<title>"+tc.farShare+"</title>") {
				t.Errorf("the off-network community C3 should be drawn in the darkest class with %q", tc.farShare)
			}
		})
	}
}

func TestHTMLRejectsBadInput(t *testing.T) {
	good := fixtureInput(t, report.LangZH)
	noEngine := good
	noEngine.Engine = nil
	badLang := good
	badLang.Lang = "fr"
	cases := []struct {
		name string
		in   report.Input
	}{
		{"no engine", noEngine},
		{"unknown language", badLang},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := report.HTML(&bytes.Buffer{}, tc.in)
			if geo.ErrorCodeOf(err) != geo.EINVALID {
				t.Errorf("HTML = %v, want an EINVALID error", err)
			}
		})
	}
}

func TestCollectNeedsComputedEngine(t *testing.T) {
	nodes, edges := network()
	e, err := newUncomputed(nodes, edges)
	if err != nil {
		t.Fatal(err)
	}
	_, err = report.Collect(e, report.CollectOptions{})
	if geo.ErrorCodeOf(err) != geo.EUNAVAILABLE {
		t.Errorf("Collect before Compute = %v, want EUNAVAILABLE", err)
	}
	if _, err := report.Collect(nil, report.CollectOptions{}); geo.ErrorCodeOf(err) != geo.EINVALID {
		t.Errorf("Collect(nil) = %v, want EINVALID", err)
	}
}
