package main_test

import (
	"strings"
	"testing"
)

// TestSummaryLanguage imports the same file with the default language (Chinese), with
// --lang en, and with a language the command does not speak.
func TestSummaryLanguage(t *testing.T) {
	_, url := newDB(t)
	tests := []struct {
		name string
		args []string
		code int
		want string // a part of standard output, or of standard error when code != 0
	}{
		{"default Chinese", nil, 0, "读取 "},
		{"English", []string{"--lang", "en"}, 0, "inserted "},
		{"English before the command", []string{"--lang=en"}, 0, "replaced "},
		{"unknown language", []string{"--lang", "fr"}, 2, "--lang"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{}, tc.args...), "import", "stations", fixture("stations-wgs84.csv"))
			code, out, errOut := run(t, url, args...)
			got := out
			if tc.code != 0 {
				got = errOut
			}
			if code != tc.code || !strings.Contains(got, tc.want) {
				t.Errorf("exit %d, want %d; output %q lacks %q (stderr %q)", code, tc.code, got, tc.want, errOut)
			}
		})
	}
}
