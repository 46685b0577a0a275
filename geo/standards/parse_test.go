package standards_test

import (
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/standards"
)

// minimal is a small valid standards file; the error cases below each break one thing.
const minimal = `{
  "name": "test rules",
  "source": "hand-written",
  "nested": false,
  "circles": [
    {"key": "5min", "name_zh": "五分钟", "minutes": 5, "distance_m": 300, "source": "GB 50180",
     "residents": {"min": 5000, "max": 12000},
     "facilities": [
       {"key": "kindergarten", "name_zh": "幼儿园", "categories": ["kindergarten"], "required": true},
       {"key": "station", "name_zh": "社区服务站", "levels": ["community"], "required": true}
     ]}
  ],
  "not_assessed": [{"circle": "5min", "name_zh": "公共厕所", "reason": "no category"}],
  "ratios": [{"key": "hh_per_worker", "name_zh": "户数", "applies_to": "community",
              "warn_above": 300, "unit": "households", "source": "seed 000"}]
}`

func TestParseMinimal(t *testing.T) {
	r, err := standards.Parse([]byte(minimal))
	if err != nil {
		t.Fatalf("Parse(minimal): %v", err)
	}
	c, ok := r.Circle("5min")
	if !ok || len(c.Facilities) != 2 || c.Seconds() != 300 {
		t.Fatalf("circle 5min = %+v, %v; want 2 facilities and 300 s", c, ok)
	}
	if got := c.Facilities[1].Levels; len(got) != 1 || got[0] != geo.LevelCommunity {
		t.Errorf("station levels = %v, want [community]", got)
	}
	if len(r.NotAssessed) != 1 || r.NotAssessed[0].Circle != "5min" {
		t.Errorf("not_assessed = %+v", r.NotAssessed)
	}
	q, ok := r.Ratio("hh_per_worker")
	if !ok || q.WarnAbove == nil || *q.WarnAbove != 300 || q.Min != nil {
		t.Errorf("ratio = %+v, %v; want warn_above 300 only", q, ok)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name     string
		old, new string // replacement applied to minimal
		want     string // substring of the error message
	}{
		{"not JSON", `"name": "test rules",`, `"name": "test rules"`, "line 3, column 3"},
		{"wrong type", `"minutes": 5,`, `"minutes": "5",`, `line 6, column 59: field "circles.minutes" must be a number`},
		{"wrong type in list", `"levels": ["community"]`, `"levels": [3]`, `line 10, column 69: field "circles.facilities.levels" must be text`},
		{"unknown field", `"minutes": 5,`, `"minuts": 5,`, "minuts"},
		{"trailing data", `"seed 000"}]
}`, `"seed 000"}]
} {}`, "after the top-level object"},
		{"no name", `"name": "test rules",`, ``, `"name" is missing`},
		{"no source", `"source": "hand-written",`, ``, `"source" is missing`},
		{"nested", `"nested": false`, `"nested": true`, "nested"},
		{"no circles", `"circles": [`, `"circles": [], "x": [`, "unknown field"},
		{"zero minutes", `"minutes": 5,`, `"minutes": 0,`, `circle 1 ("5min"): "minutes" is 0`},
		{"too many minutes", `"minutes": 5,`, `"minutes": 500,`, `"minutes" is 500`},
		{"distance range", `"distance_m": 300,`, `"distance_m": 300, "distance_min_m": 400,`, `"distance_min_m" (400)`},
		{"bad residents", `"max": 12000`, `"max": 10`, "residents"},
		{"circle without source", `"source": "GB 50180",`, ``, `circle 1 ("5min"): "source" is missing`},
		{"facility without category or level", `"categories": ["kindergarten"], `, ``, `facility 1 ("kindergarten"): give "categories" or "levels"`},
		{"repeated category", `["kindergarten"]`, `["kindergarten", "kindergarten"]`, `"kindergarten" is empty or repeated`},
		{"duplicate facility", `"key": "station"`, `"key": "kindergarten"`, "duplicate facility key"},
		{"bad level", `"levels": ["community"]`, `"levels": ["province"]`, `unknown station level "province"`},
		{"not assessed unknown circle", `{"circle": "5min", "name_zh": "公共厕所"`, `{"circle": "6min", "name_zh": "公共厕所"`, `unknown circle "6min"`},
		{"not assessed without reason", `"reason": "no category"`, `"reason": ""`, `"reason" is missing`},
		{"ratio without bound", `"warn_above": 300, `, ``, "at least one of"},
		{"ratio bad scope", `"applies_to": "community"`, `"applies_to": "city"`, `"applies_to" is "city"`},
		{"ratio bounds reversed", `"warn_above": 300, `, `"min": 5, "max": 1, `, `"min" (5) is more than "max" (1)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(minimal, tc.old) {
				t.Fatalf("test case: %q not in the minimal file", tc.old)
			}
			in := strings.Replace(minimal, tc.old, tc.new, 1)
			_, err := standards.Parse([]byte(in))
			if err == nil {
				t.Fatalf("Parse succeeded; want an error containing %q", tc.want)
			}
			if code := geo.ErrorCodeOf(err); code != geo.EINVALID {
				t.Errorf("error code %q, want %q (%v)", code, geo.EINVALID, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

func TestParseEmpty(t *testing.T) {
	for _, in := range []string{"", "   ", "{", "[]", "{}"} {
		t.Run(in, func(t *testing.T) {
			if _, err := standards.Parse([]byte(in)); geo.ErrorCodeOf(err) != geo.EINVALID {
				t.Errorf("Parse(%q) error %v, want EINVALID", in, err)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	cats, err := geo.ParseCategories([]byte(`[{"key": "kindergarten", "name_zh": "幼儿园", "name_en": "kindergarten", "osm": []},
		{"key": "bank", "name_zh": "银行", "name_en": "bank", "osm": []}]`))
	if err != nil {
		t.Fatalf("ParseCategories: %v", err)
	}
	cases := []struct {
		name string
		doc  string
		cats *geo.Categories
		want string // "" for no error
	}{
		{"known categories", minimal, cats, ""},
		{"unknown category", strings.Replace(minimal, `["kindergarten"]`, `["kindergarden"]`, 1), cats,
			`circle 1 ("5min"), facility 1 ("kindergarten"): unknown category "kindergarden" (known: bank, kindergarten)`},
		{"no category set", minimal, nil, "no category set"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := standards.Parse([]byte(tc.doc))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			err = r.Validate(tc.cats)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("Validate: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("Validate error %v, want one containing %q", err, tc.want)
			case tc.want != "" && geo.ErrorCodeOf(err) != geo.EINVALID:
				t.Errorf("Validate error code %q, want %q", geo.ErrorCodeOf(err), geo.EINVALID)
			}
		})
	}
}
