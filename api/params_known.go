package api

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo"
)

// alwaysKnown are query parameters every route reads: lang= words the error messages.
var alwaysKnown = []string{"lang"}

// knownParams maps "METHOD path" (echo's form, :name for a path parameter) to the query
// parameters the OpenAPI document gives the operation, sorted; routes it does not
// describe (tiles, the web map's files) are not in it.
func knownParams(doc []byte) (map[string][]string, error) {
	_, ops, err := docOperations(doc)
	if err != nil {
		return nil, err
	}
	form, err := formFields(doc)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]string, len(ops))
	for _, o := range ops {
		names := append(append([]string(nil), alwaysKnown...), form[o.Method+" "+o.Path]...)
		for _, p := range o.Params {
			if p.In == "query" {
				names = append(names, p.Name)
			}
		}
		sort.Strings(names)
		out[o.Method+" "+echoPath(o.Path)] = slices.Compact(names)
	}
	return out, nil
}

// formFields maps "METHOD path" (OpenAPI's form) to the fields of the operation's
// multipart/form-data body: the handlers read them with FormValue, which takes the query
// too.
func formFields(doc []byte) (map[string][]string, error) {
	var d struct {
		Paths map[string]map[string]struct {
			RequestBody struct {
				Content map[string]struct {
					Schema struct {
						Properties map[string]json.RawMessage `json:"properties"`
					} `json:"schema"`
				} `json:"content"`
			} `json:"requestBody"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, geo.WrapError(geo.EINTERNAL, err, "read the OpenAPI document")
	}
	out := map[string][]string{}
	for path, methods := range d.Paths {
		for method, op := range methods {
			for name := range op.RequestBody.Content["multipart/form-data"].Schema.Properties {
				if name != "file" {
					key := strings.ToUpper(method) + " " + path
					out[key] = append(out[key], name)
				}
			}
		}
	}
	return out, nil
}

// echoPath turns an OpenAPI path (/regions/{region}) into echo's (/regions/:region).
func echoPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			parts[i] = ":" + s[1:len(s)-1]
		}
	}
	return strings.Join(parts, "/")
}

// rejectUnknownParams answers 400 for a query parameter the route's operation does not
// take (limit= where k= is meant, say), naming it and the ones it takes, instead of
// answering as if it were not there.
func (s *Server) rejectUnknownParams(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		known, ok := s.queryParams[c.Request().Method+" "+c.Path()]
		if !ok {
			return next(c)
		}
		var unknown []string
		for name := range c.Request().URL.Query() {
			if i := sort.SearchStrings(known, name); i == len(known) || known[i] != name {
				unknown = append(unknown, name)
			}
		}
		if len(unknown) == 0 {
			return next(c)
		}
		sort.Strings(unknown)
		return paramError(unknown[0], "%s does not take this parameter; it takes %s", c.Path(), strings.Join(known, ", "))
	}
}
