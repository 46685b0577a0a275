package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestTextTableAligns checks that the columns line up in terminal columns whatever the
// cells hold: long study-area names, Chinese (two columns a character), numbers to the
// right.
func TestTextTableAligns(t *testing.T) {
	tests := []struct {
		name string
		rows [][]any
		want string
	}{
		{"ascii", [][]any{{"510104", "-", 12}, {"510105", "-", 3456}},
			"region  name  rows\n510104  -       12\n510105  -     3456\n"},
		{"chinese and a long name", [][]any{{"510104", "锦江区", 1}, {"study-area-north-of-the-river", "成华区试点", 22}},
			"region                         name        rows\n510104                         锦江区         1\nstudy-area-north-of-the-river  成华区试点    22\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb := &textTable{header: []string{"region", "name", "rows"}, right: []bool{false, false, true}}
			for _, r := range tc.rows {
				tb.add(r...)
			}
			var b bytes.Buffer
			tb.write(&b)
			if b.String() != tc.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tc.want)
			}
			lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			for _, l := range lines[1:] {
				if displayWidth(l) != displayWidth(lines[0]) {
					t.Errorf("line %q is %d columns wide, the header %d", l, displayWidth(l), displayWidth(lines[0]))
				}
			}
		})
	}
}
