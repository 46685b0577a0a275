package data_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/standards"
)

func bundledCircles(tb testing.TB) *data.CircleFile {
	tb.Helper()
	f, err := data.ParseCircles(data.CirclesName, data.Circles(), categories(tb))
	if err != nil {
		tb.Fatalf("ParseCircles(bundled): %v", err)
	}
	return f
}

// TestCirclesBundled loads the bundled file and checks the circles it must ship.
func TestCirclesBundled(t *testing.T) {
	f := bundledCircles(t)
	want := []struct {
		key, nameZH string
		minutes     float64
	}{
		{"health_15min", "15分钟健康服务圈", 15},
		{"party_15min", "15分钟党群服务圈", 15},
		{"elderly_15min", "养老服务圈", 15},
		{"gb50180_15min", "十五分钟生活圈居住区", 15},
		{"gb50180_10min", "十分钟生活圈居住区", 10},
		{"gb50180_5min", "五分钟生活圈居住区", 5},
	}
	var keys []string
	for _, c := range f.Circles {
		keys = append(keys, c.Key)
	}
	for _, w := range want {
		t.Run(w.key, func(t *testing.T) {
			i := slices.Index(keys, w.key)
			if i < 0 {
				t.Fatalf("circle %q missing (have %v)", w.key, keys)
			}
			c := f.Circles[i]
			if c.NameZH != w.nameZH || c.Minutes != w.minutes || c.Seconds() != 60*w.minutes {
				t.Errorf("%q: %s, %v min, want %s, %v min", w.key, c.NameZH, c.Minutes, w.nameZH, w.minutes)
			}
		})
	}
}

// TestCirclesSimpleSets checks the "any of" circles against what they promise.
func TestCirclesSimpleSets(t *testing.T) {
	f := bundledCircles(t)
	cases := []struct {
		key        string
		categories []string
		levels     []geo.Level
	}{
		{"health_15min", []string{"clinic", "hospital"}, nil},
		{"party_15min", nil, geo.Levels()},
		{"elderly_15min", []string{"elderly_care", "elderly_canteen"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.key, func(t *testing.T) {
			for _, c := range f.Circles {
				if c.Key != tc.key {
					continue
				}
				if len(c.Facilities) != 1 {
					t.Fatalf("%d facilities, want one any-of set", len(c.Facilities))
				}
				fa := c.Facilities[0]
				if !slices.Equal(fa.Categories, tc.categories) || !slices.Equal(fa.Levels, tc.levels) {
					t.Errorf("categories %v levels %v, want %v %v", fa.Categories, fa.Levels, tc.categories, tc.levels)
				}
				return
			}
			t.Fatalf("circle %q missing", tc.key)
		})
	}
}

// TestCirclesFollowStandards: the GB 50180 circles hold the required facilities of the
// bundled standards file, with the same categories and levels, and the same minutes.
func TestCirclesFollowStandards(t *testing.T) {
	rules, err := standards.Parse(data.Standards())
	if err != nil {
		t.Fatal(err)
	}
	f := bundledCircles(t)
	for _, pair := range [][2]string{{"gb50180_15min", "15min"}, {"gb50180_10min", "10min"}, {"gb50180_5min", "5min"}} {
		t.Run(pair[0], func(t *testing.T) {
			sc, ok := rules.Circle(pair[1])
			if !ok {
				t.Fatalf("standards circle %q missing", pair[1])
			}
			var c data.Circle
			for _, x := range f.Circles {
				if x.Key == pair[0] {
					c = x
				}
			}
			if c.Minutes != sc.Minutes {
				t.Errorf("%v minutes, the standards file says %v", c.Minutes, sc.Minutes)
			}
			var want []string
			for _, fa := range sc.Facilities {
				if fa.Required {
					want = append(want, facilityLine(fa.Key, fa.Categories, fa.Levels))
				}
			}
			var got []string
			for _, fa := range c.Facilities {
				got = append(got, facilityLine(fa.Key, fa.Categories, fa.Levels))
			}
			if !slices.Equal(got, want) {
				t.Errorf("facilities\n got %v\nwant %v", got, want)
			}
		})
	}
}

func facilityLine(key string, cats []string, levels []geo.Level) string {
	ls := make([]string, len(levels))
	for i, l := range levels {
		ls[i] = string(l)
	}
	return key + ": " + strings.Join(cats, "|") + " / " + strings.Join(ls, "|")
}

// TestCirclesPlannerCopyMistakes: a planner's copy with a mistake fails with a message
// naming the file, the circle, the facility and the key or field.
func TestCirclesPlannerCopyMistakes(t *testing.T) {
	cats := categories(t)
	bundled := string(data.Circles())
	edit := func(old, new string) string {
		if !strings.Contains(bundled, old) {
			t.Fatalf("bundled circles.json no longer holds %q: update the test", old)
		}
		return strings.Replace(bundled, old, new, 1)
	}
	cases := []struct {
		name, file string
		want       []string
	}{
		{"unknown category", edit(`"categories": ["clinic", "hospital"]`, `"categories": ["clinc", "hospital"]`),
			[]string{"my-circles.json", `circle 1 ("health_15min")`, `facility 1 ("health_facility")`, `unknown category "clinc"`, "known: bank"}},
		{"unknown level", edit(`"levels": ["street"]`, `"levels": ["streets"]`),
			[]string{`circle 4 ("gb50180_15min")`, `facility 6 ("street_service_centre")`, `unknown station level "streets"`, "district, street"}},
		{"misspelt field", edit(`"categories": ["clinic", "hospital"]`, `"categroies": ["clinic", "hospital"]`),
			[]string{"my-circles.json", `unknown field "categroies"`}},
		{"no categories or levels", edit(`, "categories": ["clinic", "hospital"]`, ``),
			[]string{`facility 1 ("health_facility")`, "give categories, levels or both"}},
		{"minutes out of range", edit(`"minutes": 10,`, `"minutes": 0,`),
			[]string{`circle 5 ("gb50180_10min")`, "minutes 0 is outside (0, 120]"}},
		{"minutes as text", edit(`"minutes": 10,`, `"minutes": "10",`),
			[]string{"my-circles.json", "line ", `field "circles.minutes"`}},
		{"duplicate circle key", edit(`"key": "elderly_15min"`, `"key": "party_15min"`),
			[]string{`circle 3 ("party_15min")`, "key also used by circle 2"}},
		{"duplicate facility key", edit(`{"key": "bank", "name_zh": "银行营业网点", "name_en": "bank branch", "categories": ["bank"]},`+"\n"+`        {"key": "post_office"`, `{"key": "bank", "name_zh": "银行营业网点", "name_en": "bank branch", "categories": ["bank"]},`+"\n"+`        {"key": "bank"`),
			[]string{`facility 10 ("bank")`, "listed twice"}},
		{"no source", edit(`"source": "GB 50180-2018 table 4.0.1 and chapter 5, as mapped by standards/gb50180-2018.json (circle 10min)"`, `"source": ""`),
			[]string{`circle 5 ("gb50180_10min")`, "source is empty"}},
		{"bad JSON", edit(`"minutes": 10,`, `"minutes": 10,,`),
			[]string{"my-circles.json", "invalid JSON", "line "}},
		{"empty", "", []string{"my-circles.json", "empty or cut short"}},
		{"no circles", `{"name": "x", "circles": []}`, []string{"my-circles.json", "no circles"}},
		{"trailing data", `{"name": "x", "circles": []} {}`, []string{"unexpected data"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := data.ParseCircles("my-circles.json", []byte(tc.file), cats)
			if geo.ErrorCodeOf(err) != geo.EINVALID {
				t.Fatalf("err = %v, want EINVALID", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
	if _, err := data.ParseCircles("x.json", data.Circles(), nil); geo.ErrorCodeOf(err) != geo.EINVALID {
		t.Errorf("no categories: err = %v, want EINVALID", err)
	}
}

// TestCirclesPlannerCopyAdds: a planner's own circle loads.
func TestCirclesPlannerCopyAdds(t *testing.T) {
	own := []byte(`{"name": "my circles", "circles": [
	  {"key": "edu_15min", "name_zh": "15分钟教育服务圈", "minutes": 15, "source": "our district plan",
	   "facilities": [{"key": "school", "categories": ["kindergarten", "primary_school"]}]}]}`)
	f, err := data.ParseCircles("mine.json", own, categories(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Circles) != 1 || f.Circles[0].Key != "edu_15min" || f.Circles[0].Seconds() != 900 {
		t.Errorf("got %+v", f.Circles)
	}
}

func TestCirclesAccessorReturnsCopies(t *testing.T) {
	first := data.Circles()
	want := bytes.Clone(first)
	for i := range first {
		first[i] = 'x'
	}
	if !bytes.Equal(data.Circles(), want) {
		t.Errorf("changing the bytes Circles() returned changed the next call's")
	}
}
