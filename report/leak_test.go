package report_test

import (
	"bytes"
	stdhtml "html"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/report"
)

// allowedASCII are the Latin words a Chinese report may show: proper names, units,
// codes and formats. Everything else of three or more letters is English that leaked.
var allowedASCII = map[string]bool{
	"OpenStreetMap": true, "OSM": true, "ODbL": true, "GB": true, "PDF": true, "CSV": true,
	"GeoJSON": true, "HTML": true, "km": true, "H3": true, "WGS84": true, "lifecircle": true,
	"SFCA": true, // the method, 2SFCA (two-step floating catchment)
	// OpenStreetMap tags named in the standards' reasons (they are how OSM spells them)
	"amenity": true, "toilets": true, "leisure": true, "playground": true, "shop": true, "mall": true,
}

// visibleText is what a reader sees of an HTML page: the text between tags (SVG titles
// included) and the attributes a browser shows (title, alt, aria-label), without style
// and script.
func visibleText(page string) string {
	page = regexp.MustCompile(`(?s)<(style|script)\b.*?</(style|script)>`).ReplaceAllString(page, " ")
	var shown []string
	for _, m := range regexp.MustCompile(`\b(?:title|alt|aria-label)="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		shown = append(shown, m[1])
	}
	page = regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(page, " ")
	return stdhtml.UnescapeString(page + " " + strings.Join(shown, " "))
}

// englishWords returns the ASCII words of 3+ letters in text not in the allow-list, each
// once, sorted, with an example of where it stands.
func englishWords(text string) []string {
	// What a user types is not prose: a lifecircle subcommand and --flags stay as they are.
	text = regexp.MustCompile(`lifecircle( [a-z]+)+|--[a-z][a-z-]*`).ReplaceAllString(text, " ")
	seen := map[string]string{}
	re := regexp.MustCompile(`[A-Za-z][A-Za-z0-9]*`)
	for _, loc := range re.FindAllStringIndex(text, -1) {
		w := text[loc[0]:loc[1]]
		letters := len(regexp.MustCompile(`[A-Za-z]`).FindAllString(w, -1))
		if letters < 3 || allowedASCII[w] {
			continue
		}
		if _, ok := seen[w]; !ok {
			lo, hi := max(0, loc[0]-30), min(len(text), loc[1]+30)
			seen[w] = strings.Join(strings.Fields(text[lo:hi]), " ")
		}
	}
	out := make([]string, 0, len(seen))
	for w, at := range seen {
		out = append(out, w+" … "+at)
	}
	sort.Strings(out)
	return out
}

// TestChineseReportHasNoEnglish renders the network report in Chinese (the HTML the PDF
// is printed from) and fails on any English word outside the allow-list.
func TestChineseReportHasNoEnglish(t *testing.T) {
	in := fixtureInput(t, report.LangZH) // its attribution is the English OpenStreetMap line: the report translates it
	var buf bytes.Buffer
	if err := report.HTML(&buf, in); err != nil {
		t.Fatal(err)
	}
	for _, w := range englishWords(visibleText(buf.String())) {
		t.Errorf("English in the Chinese report: %s", w)
	}
}

// TestChineseCSVHasNoEnglish writes the report's CSV files in Chinese and fails on any
// English word outside the allow-list, except in the columns of codes and ids (headers
// ending 代码 or 编号), whose values are keys meant for filtering.
func TestChineseCSVHasNoEnglish(t *testing.T) {
	dir := t.TempDir()
	paths, err := report.CSV(dir, fixtureInput(t, report.LangZH))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range paths {
		rows := readCSV(t, path)
		for c, head := range rows[0] {
			if strings.HasSuffix(head, "代码") || strings.HasSuffix(head, "编号") {
				continue
			}
			var cells []string
			for _, row := range rows {
				cells = append(cells, row[c])
			}
			for _, w := range englishWords(strings.Join(cells, "\n")) {
				t.Errorf("%s, column %s: English in a Chinese CSV: %s", filepath.Base(path), head, w)
			}
		}
	}
}

// TestEnglishWordsFindsLeaks checks the checker itself on text written by hand.
func TestEnglishWordsFindsLeaks(t *testing.T) {
	tests := []struct {
		name, page string
		want       int
	}{
		{"clean", "<p>步行 5 分钟，H3 网格，OpenStreetMap（ODbL），4 km/h，500 m</p>", 0},
		{"leak in text", "<td>block</td><td>社区</td>", 1},
		{"leaks in a tooltip", `<path title="party_15min"></path>`, 2},
		{"style ignored", "<style>.cm{fill:red}</style><p>社区</p>", 0},
		{"two letters pass", "<p>N 个站点，X 个楼宇站</p>", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := englishWords(visibleText(tc.page)); len(got) != tc.want {
				t.Errorf("englishWords = %q, want %d", got, tc.want)
			}
		})
	}
}
