package csvout_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/internal/csvout"
)

func TestCell(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"chinese name", "西社区党群服务站", "西社区党群服务站"},
		{"chinese after equals", "=西社区", "'=西社区"},
		{"hyperlink formula", `=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{"dde through plus", `+cmd|' /C calc'!A0`, `'+cmd|' /C calc'!A0`},
		{"at function", "@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"minus arithmetic", "-2+3", "'-2+3"},
		{"minus formula", "-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"},
		{"leading tab", "\t=1+1", "'\t=1+1"},
		{"leading carriage return", "\r=1+1", "'\r=1+1"},
		{"lone minus", "-", "'-"},
		{"minus infinity is no plain number", "-Inf", "'-Inf"},
		{"minus hex is no plain number", "-0x10", "'-0x10"},
		{"minus with exponent but no digits", "-1e", "'-1e"},
		{"minus dot", "-.", "'-."},
		{"negative integer", "-3", "-3"},
		{"negative decimal", "-3.5", "-3.5"},
		{"negative fraction without zero", "-.25", "-.25"},
		{"negative with exponent", "-1e-3", "-1e-3"},
		{"negative with capital exponent", "-2.5E+10", "-2.5E+10"},
		{"positive number", "1e-3", "1e-3"},
		{"plus number is defused", "+3", "'+3"},
		{"equals inside", "a=b", "a=b"},
		{"already quoted", "'=1", "'=1"},
		{"leading space", " =1", " =1"},
		{"greater than", ">60", ">60"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := csvout.Cell(tc.in); got != tc.want {
				t.Errorf("Cell(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestWriteAll(t *testing.T) {
	rows := [][]string{
		{"id", "name", "value"},
		{`=HYPERLINK("http://x","y")`, "西社区, 东区", "-3.5"},
		{"", "@SUM(1)", ""},
	}
	tests := []struct {
		name string
		o    csvout.Options
		want string
	}{
		{"lf", csvout.Options{}, "\ufeffid,name,value\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"西社区, 东区\",-3.5\n,'@SUM(1),\n"},
		{"crlf", csvout.Options{CRLF: true}, "\ufeffid,name,value\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"西社区, 东区\",-3.5\r\n,'@SUM(1),\r\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			orig := [][]string{slices.Clone(rows[0]), slices.Clone(rows[1]), slices.Clone(rows[2])}
			var buf bytes.Buffer
			if err := csvout.WriteAll(&buf, rows, tc.o); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tc.want {
				t.Errorf("wrote %q, want %q", buf.String(), tc.want)
			}
			for i := range rows {
				if !slices.Equal(rows[i], orig[i]) {
					t.Errorf("row %d changed to %q", i, rows[i])
				}
			}
			back, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), csvout.BOM))).ReadAll()
			if err != nil || len(back) != 3 || back[1][0] != `'=HYPERLINK("http://x","y")` || back[1][2] != "-3.5" {
				t.Errorf("read back %q, %v", back, err)
			}
		})
	}
}

func TestWriteAllNoRows(t *testing.T) {
	var buf bytes.Buffer
	if err := csvout.WriteAll(&buf, nil, csvout.Options{}); err != nil || buf.String() != csvout.BOM {
		t.Errorf("wrote %q, %v; want only the BOM", buf.String(), err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteAllReportsWriteErrors(t *testing.T) {
	err := csvout.WriteAll(failingWriter{}, [][]string{{"a"}}, csvout.Options{})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("got %v, want the write error", err)
	}
}
