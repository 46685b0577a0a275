package api

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/importers"
)

// TestCatalogueCoversEveryMessage reads the package's source and checks that every
// literal format given to paramError, apiErrorf and text has a Chinese entry.
func TestCatalogueCoversEveryMessage(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	seen := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			id, ok := call.Fun.(*ast.Ident)
			if !ok || len(call.Args) < 2 {
				return true
			}
			var arg ast.Expr
			switch id.Name {
			case "paramError", "apiErrorf", "text":
				arg = call.Args[1]
			default:
				return true
			}
			lit, ok := arg.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			en, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			seen++
			if zh := zhFormat(en); zh == en {
				t.Errorf("%s: no Chinese text for %q", fset.Position(lit.Pos()), en)
			} else if strings.Count(zh, "%") != strings.Count(en, "%") {
				t.Errorf("%s: %q and %q differ in their verbs", fset.Position(lit.Pos()), en, zh)
			}
			return true
		})
	}
	if seen < 40 {
		t.Errorf("found only %d messages; is the scan still finding the calls?", seen)
	}
}

func TestParseLangWord(t *testing.T) {
	tests := []struct {
		in   string
		want lang
		ok   bool
	}{
		{"zh", langZH, true}, {"zh-CN", langZH, true}, {"ZH_hans", langZH, true}, {"zh-TW", langZH, true},
		{"en", langEN, true}, {"en-GB", langEN, true}, {"fr", "", false}, {"", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got, ok := parseLangWord(tc.in); got != tc.want || ok != tc.ok {
				t.Errorf("parseLangWord(%q) = %q %v, want %q %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestRejectsInChinese: a refused upload's message follows the language; its records
// (file, line, field) stay as they are.
func TestRejectsInChinese(t *testing.T) {
	err := importError(&district.RejectedError{File: "a.csv", Rejects: []importers.Reject{{File: "a.csv", Record: 2, Line: 3, Field: "lat", Reason: "latitude out of range"}}})
	for _, tc := range []struct {
		l    lang
		want string
	}{{langEN, "a.csv: 1 bad record(s), first: "}, {langZH, "a.csv：1 条记录有误，第一条："}} {
		status, d := describe(err, "", tc.l)
		if status != 422 || !strings.HasPrefix(d.Message, tc.want) || len(d.Rejects) != 1 || d.Rejects[0].Field != "lat" {
			t.Errorf("%s: describe = %d %+v, want 422 %q… with the reject", tc.l, status, d, tc.want)
		}
	}
}
