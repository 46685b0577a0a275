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
