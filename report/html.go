package report

import (
	"bufio"
	"embed"
	"html/template"
	"io"
	"path/filepath"

	"github.com/lifecircle/lifecircle/geo"
)

//go:embed templates/report.html.tmpl templates/report.css
var templateFS embed.FS

// HTMLFile is the name HTML gives the report inside a directory.
const HTMLFile = "network-report.html"

// HTML writes the network report as one self-contained HTML page: inline CSS sized for
// A4 printing (one section per page), tables, and maps and charts as inline SVG, with
// nothing fetched from the network. Maps project WGS84 (lon, lat) with a local
// equirectangular projection (x scaled by cos of the mid latitude); populations are
// residents and times walking minutes. Text is in in.Lang (Chinese by default) and every
// value is HTML-escaped.
func HTML(w io.Writer, in Input) error {
	if err := in.check(); err != nil {
		return err
	}
	lang, _ := CheckLang(in.Lang)
	d := newDict(lang).withRules(in.Rules)
	t, err := parseTemplate()
	if err != nil {
		return err
	}
	css, err := templateFS.ReadFile("templates/report.css")
	if err != nil {
		return geo.WrapError(geo.EINTERNAL, err, "report stylesheet")
	}
	p := newPage(in, d)
	p.CSS = template.CSS(css)
	bw := bufio.NewWriter(w)
	if err := t.Execute(bw, p); err != nil {
		return geo.WrapError(geo.EINTERNAL, err, "render the HTML report")
	}
	return bw.Flush()
}

// HTMLTo writes the HTML report to dir/network-report.html (see HTML) and returns the
// file's path.
func HTMLTo(dir string, in Input) (string, error) {
	path := filepath.Join(dir, HTMLFile)
	err := writeFile(path, func(w io.Writer) error { return HTML(w, in) })
	return path, err
}

// covTableArgs is what the template's "covtable" is given: the page and one table's rows.
type covTableArgs struct {
	P    page
	Rows []coverageRow
}

func parseTemplate() (*template.Template, error) {
	funcs := template.FuncMap{"tableArgs": func(p page, rows []coverageRow) covTableArgs { return covTableArgs{P: p, Rows: rows} }}
	t, err := template.New("report.html.tmpl").Funcs(funcs).ParseFS(templateFS, "templates/report.html.tmpl")
	if err != nil {
		return nil, geo.WrapError(geo.EINTERNAL, err, "report template")
	}
	return t, nil
}
