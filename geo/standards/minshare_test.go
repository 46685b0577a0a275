package standards_test

import (
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/standards"
)

func TestParseMinShare(t *testing.T) {
	cases := []struct {
		name    string
		field   string // inserted after "nested": false,
		want    float64
		wantErr string
	}{
		{"absent", ``, 0, ""},
		{"given", `"min_share": 0.8,`, 0.8, ""},
		{"all residents", `"min_share": 1,`, 1, ""},
		{"above one", `"min_share": 90,`, 0, `"min_share" is 90`},
		{"negative", `"min_share": -0.5,`, 0, `"min_share" is -0.5`},
		{"not a number", `"min_share": "0.9",`, 0, `field "min_share" must be a number`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(minimal, `"nested": false,`, `"nested": false,`+tc.field, 1)
			r, err := standards.Parse([]byte(src))
			if tc.wantErr != "" {
				if geo.ErrorCodeOf(err) != geo.EINVALID || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want EINVALID containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if r.MinShare != tc.want {
				t.Errorf("MinShare = %g, want %g", r.MinShare, tc.want)
			}
		})
	}
}
