package api

import (
	_ "embed"
	"encoding/json"
	"html/template"
	"net/http"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo"
)

// openAPIDoc is the hand-written OpenAPI 3.1 description of every endpoint.
//
//go:embed openapi.json
var openAPIDoc []byte

// OpenAPI returns the OpenAPI 3.1 document of the API (JSON), as a fresh copy.
func OpenAPI() []byte { return append([]byte(nil), openAPIDoc...) }

func (s *Server) openAPI(c echo.Context) error {
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, openAPIDoc)
}

// docOperation is what the docs page shows of one operation.
type docOperation struct {
	Method, Path, Summary, SummaryZH, Description string
	Params                                        []docParam
	Body                                          string
}

type docParam struct {
	Name, In, Description string
	Required              bool
}

// openAPIShape is the part of the OpenAPI document the docs page reads.
type openAPIShape struct {
	Info struct {
		Title         string `json:"title"`
		Version       string `json:"version"`
		Description   string `json:"description"`
		DescriptionZH string `json:"x-description-zh"`
	} `json:"info"`
	Paths map[string]map[string]struct {
		Summary     string `json:"summary"`
		SummaryZH   string `json:"x-summary-zh"`
		Description string `json:"description"`
		Parameters  []struct {
			Ref         string `json:"$ref"`
			Name        string `json:"name"`
			In          string `json:"in"`
			Description string `json:"description"`
			Required    bool   `json:"required"`
		} `json:"parameters"`
		RequestBody *struct {
			Description string `json:"description"`
		} `json:"requestBody"`
	} `json:"paths"`
	Components struct {
		Parameters map[string]docParam `json:"parameters"`
	} `json:"components"`
}

// docOperations lists the operations of the OpenAPI document, sorted by path and method.
func docOperations(doc []byte) (openAPIShape, []docOperation, error) {
	var d openAPIShape
	if err := json.Unmarshal(doc, &d); err != nil {
		return d, nil, geo.WrapError(geo.EINTERNAL, err, "read the OpenAPI document")
	}
	var ops []docOperation
	for path, methods := range d.Paths {
		for method, op := range methods {
			o := docOperation{Method: strings.ToUpper(method), Path: path, Summary: op.Summary, SummaryZH: op.SummaryZH, Description: op.Description}
			for _, p := range op.Parameters {
				if p.Ref != "" {
					o.Params = append(o.Params, d.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")])
					continue
				}
				o.Params = append(o.Params, docParam{Name: p.Name, In: p.In, Description: p.Description, Required: p.Required})
			}
			if op.RequestBody != nil {
				o.Body = op.RequestBody.Description
			}
			ops = append(ops, o)
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].Path != ops[j].Path {
			return ops[i].Path < ops[j].Path
		}
		return ops[i].Method < ops[j].Method
	})
	return d, ops, nil
}

// docLabels are the fixed words of the docs page in one language.
type docLabels struct {
	Lang, Other, OtherName, MachineReadable, Parameter, In, Required, Yes, Description, Body, Note string
}

func docLabelsOf(l lang) docLabels {
	if l == langZH {
		return docLabels{Lang: "zh-CN", Other: "en", OtherName: "English", MachineReadable: "机器可读版本：", Parameter: "参数",
			In: "位置", Required: "必填", Yes: "是", Description: "说明", Body: "请求体：",
			Note: "各接口的详细说明与参数说明为英文；接口名称、参数名与取值以此为准。"}
	}
	return docLabels{Lang: "en", Other: "zh", OtherName: "中文", MachineReadable: "Machine-readable: ", Parameter: "parameter",
		In: "in", Required: "required", Yes: "yes", Description: "description", Body: "Body:"}
}

var docsPage = template.Must(template.New("docs").Parse(`<!doctype html>
<html lang="{{.L.Lang}}"><head><meta charset="utf-8"><title>{{.Title}} — API</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h2{margin-top:2rem;font-size:1.05rem;border-top:1px solid #ddd;padding-top:1rem}
.m{display:inline-block;min-width:3.5rem;font-weight:600;color:#fff;background:#2b6cb0;border-radius:3px;padding:0 .4rem;text-align:center}
.m.POST{background:#2f855a}
code{background:#f3f3f3;padding:0 .2rem}
table{border-collapse:collapse;width:100%;font-size:.93rem}td,th{border-bottom:1px solid #eee;text-align:left;padding:.2rem .4rem;vertical-align:top}
</style></head><body>
<h1>{{.Title}} <small>{{.Version}}</small></h1>
{{if .ZH}}<p><a href="/api/docs?lang={{.L.Other}}">{{.L.OtherName}}</a></p>
{{end}}<p>{{.Description}}</p>
{{if .ZH}}<p>{{.L.Note}}</p>
{{end}}<p>{{.L.MachineReadable}}<a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
{{range .Ops}}<h2 id="{{.Method}}{{.Path}}"><span class="m {{.Method}}">{{.Method}}</span> <code>{{.Path}}</code> — {{if and $.ZH .SummaryZH}}{{.SummaryZH}}{{else}}{{.Summary}}{{end}}</h2>
<p>{{.Description}}</p>
{{if .Params}}<table><tr><th>{{$.L.Parameter}}</th><th>{{$.L.In}}</th><th>{{$.L.Required}}</th><th>{{$.L.Description}}</th></tr>
{{range .Params}}<tr><td><code>{{.Name}}</code></td><td>{{.In}}</td><td>{{if .Required}}{{$.L.Yes}}{{end}}</td><td>{{.Description}}</td></tr>
{{end}}</table>{{end}}
{{if .Body}}<p><b>{{$.L.Body}}</b> {{.Body}}</p>{{end}}
{{end}}</body></html>
`))

// docs answers GET /api/docs: a self-contained HTML page listing every endpoint of the
// OpenAPI document, in English, or in Chinese (headings, summaries, the introduction)
// for lang=zh or an Accept-Language preferring Chinese; endpoint details stay English.
func (s *Server) docs(c echo.Context) error {
	l, err := parseLang(c.QueryParams())
	if err != nil {
		return err
	}
	if c.QueryParams().Get("lang") == "" {
		l = requestLang(c.Request())
	}
	d, ops, err := docOperations(openAPIDoc)
	if err != nil {
		return err
	}
	desc := d.Info.Description
	if l == langZH && d.Info.DescriptionZH != "" {
		desc = d.Info.DescriptionZH
	}
	var b strings.Builder
	err = docsPage.Execute(&b, map[string]any{"Title": d.Info.Title, "Version": d.Info.Version,
		"Description": desc, "Ops": ops, "L": docLabelsOf(l), "ZH": l == langZH})
	if err != nil {
		return geo.WrapError(geo.EINTERNAL, err, "render the docs page")
	}
	return c.HTML(http.StatusOK, b.String())
}
