package report

import (
	"math"
	"testing"
)

// TestFormats checks the number formats of the tables, the CSV files and the SVG.
func TestFormats(t *testing.T) {
	cases := []struct {
		name string
		got  string
		want string
	}{
		{"count rounds and groups", count(175272.4), "175,272"},
		{"count small", count(999.5), "1,000"},
		{"count zero", count(0), "0"},
		{"count negative", count(-1234), "-1,234"},
		{"count NaN", count(math.NaN()), "—"},
		{"pct", pct(0.95312), "95.3%"},
		{"pct whole", pct(1), "100.0%"},
		{"pct NaN", pct(math.NaN()), "—"},
		{"minutes", minutes(12.345, 30), "12.3"},
		{"minutes unreached", minutes(math.Inf(1), 30), ">30"},
		{"minutes off network", minutes(math.NaN(), 30), "—"},
		{"plain", plain(12.3456, 2, 30), "12.35"},
		{"plain NaN is empty", plain(math.NaN(), 2, 30), ""},
		{"plain unreached", plain(math.Inf(1), 1, 45), ">45"},
		{"minute label", minuteLabel(15), "15"},
		// SVG numbers, written in tenths of a unit
		{"tenths zero", tenthsString(0), "0"},
		{"tenths whole", tenthsString(20), "2"},
		{"tenths fraction", tenthsString(15), "1.5"},
		{"tenths below one", tenthsString(5), ".5"},
		{"tenths negative below one", tenthsString(-5), "-.5"},
		{"tenths negative", tenthsString(-123), "-12.3"},
		{"tenths large", tenthsString(99990), "9999"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

func TestCheckLang(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"", LangZH, true}, {"zh", LangZH, true}, {"en", LangEN, true}, {"fr", "", false},
	}
	for _, tc := range cases {
		t.Run("lang "+tc.in, func(t *testing.T) {
			got, err := CheckLang(tc.in)
			if got != tc.want || (err == nil) != tc.ok {
				t.Errorf("CheckLang(%q) = %q, %v; want %q (ok %v)", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}

// Every message needs both languages, and verbs must match so Sprintf works in both.
func TestMessagesComplete(t *testing.T) {
	for key, m := range messages() {
		if m[0] == "" || m[1] == "" {
			t.Errorf("message %q lacks a language: %q", key, m)
		}
		if verbs(m[0]) != verbs(m[1]) {
			t.Errorf("message %q: verbs %q (zh) and %q (en) differ", key, verbs(m[0]), verbs(m[1]))
		}
	}
}

// verbs returns the fmt verbs of s in order, e.g. "%d%s".
func verbs(s string) string {
	var out []byte
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '%' {
			out = append(out, '%', s[i+1])
			i++
		}
	}
	return string(out)
}
