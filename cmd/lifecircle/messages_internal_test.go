package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// verbsOf lists a format's verbs ("%d", "%[2]s" as "%s" …), %% left out.
func verbsOf(f string) []string {
	vs := regexp.MustCompile(`%(\[\d+\])?[-+# 0-9.]*[a-zA-Z]`).FindAllString(strings.ReplaceAll(f, "%%", ""), -1)
	for i, v := range vs {
		vs[i] = regexp.MustCompile(`\[\d+\]`).ReplaceAllString(v, "")
	}
	return vs
}

// TestSummariesHaveChinese reads the command's source and checks that every literal
// format given to say has a Chinese entry with as many verbs.
func TestSummariesHaveChinese(t *testing.T) {
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
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "say" {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			en, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			seen++
			zh := zhSummary(en)
			switch {
			case zh == "":
				t.Errorf("%s: no Chinese for %q", fset.Position(lit.Pos()), en)
			case len(verbsOf(zh)) != len(verbsOf(en)):
				t.Errorf("%s: %q and %q differ in their verbs", fset.Position(lit.Pos()), en, zh)
			}
			return true
		})
	}
	if seen < 10 {
		t.Errorf("found only %d summaries; is the scan still finding the calls?", seen)
	}
}

func TestSay(t *testing.T) {
	tests := []struct {
		name, lang, want string
	}{
		{"Chinese, arguments reordered", langZH, "路网：1 个节点、2 条边；站点 3 个、网点 4 个；H3 第 10 级网格 5 个\n"},
		{"English", langEN, "network: 1 nodes, 2 edges; 3 stations, 4 outlets; 5 cells at H3 resolution 10\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &Config{Lang: tc.lang}
			got := c.say("network: %d nodes, %d edges; %d stations, %d outlets; %d cells at H3 resolution %d\n", 1, 2, 3, 4, 5, 10)
			if got != tc.want {
				t.Errorf("say = %q, want %q", got, tc.want)
			}
		})
	}
}
