package formatscan

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Format is one literal format found in the source: where it stands (file:line:column)
// and its text, unquoted.
type Format struct {
	Pos  string
	Text string
}

// Formats parses the non-test Go files of the current directory and returns the string
// literals that pick finds in their calls: pick returns the argument holding a call's
// format, or nil for a call that carries none. It fails the test when a file does not
// parse.
func Formats(tb testing.TB, pick func(*ast.CallExpr) ast.Expr) []Format {
	tb.Helper()
	fset := token.NewFileSet()
	var out []Format
	for _, f := range ParseDir(tb, fset, ".") {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			lit, ok := pick(call).(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			text, err := strconv.Unquote(lit.Value)
			if err != nil {
				tb.Fatal(err)
			}
			out = append(out, Format{Pos: fset.Position(lit.Pos()).String(), Text: text})
			return true
		})
	}
	return out
}

// ParseDir parses the non-test Go files of dir into fset. It fails the test when a file
// does not parse.
func ParseDir(tb testing.TB, fset *token.FileSet, dir string) []*ast.File {
	tb.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		tb.Fatal(err)
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			tb.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}
