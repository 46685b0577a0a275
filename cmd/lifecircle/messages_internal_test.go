package main

import (
	"go/ast"
	"regexp"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/internal/formatscan"
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
	formats := formatscan.Formats(t, func(call *ast.CallExpr) ast.Expr {
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "say" && len(call.Args) > 0 {
			return call.Args[0]
		}
		return nil
	})
	for _, f := range formats {
		zh := zhSummary(f.Text)
		switch {
		case zh == "":
			t.Errorf("%s: no Chinese for %q", f.Pos, f.Text)
		case len(verbsOf(zh)) != len(verbsOf(f.Text)):
			t.Errorf("%s: %q and %q differ in their verbs", f.Pos, f.Text, zh)
		}
	}
	if len(formats) < 10 {
		t.Errorf("found only %d summaries; is the scan still finding the calls?", len(formats))
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
