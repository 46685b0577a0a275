package api

import (
	"go/ast"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/internal/formatscan"
)

// TestCatalogueCoversEveryMessage reads the package's source and checks that every
// literal format given to paramError, apiErrorf and text has a Chinese entry.
func TestCatalogueCoversEveryMessage(t *testing.T) {
	formats := formatscan.Formats(t, func(call *ast.CallExpr) ast.Expr {
		if id, ok := call.Fun.(*ast.Ident); ok && len(call.Args) >= 2 {
			switch id.Name {
			case "paramError", "apiErrorf", "text":
				return call.Args[1]
			}
		}
		return nil
	})
	for _, f := range formats {
		if zh := zhFormat(f.Text); zh == f.Text {
			t.Errorf("%s: no Chinese text for %q", f.Pos, f.Text)
		} else if strings.Count(zh, "%") != strings.Count(f.Text, "%") {
			t.Errorf("%s: %q and %q differ in their verbs", f.Pos, f.Text, zh)
		}
	}
	if len(formats) < 40 {
		t.Errorf("found only %d messages; is the scan still finding the calls?", len(formats))
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
