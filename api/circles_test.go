package api_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"testing"

	"github.com/lifecircle/lifecircle/data"
)

// TestCoverageOfACircle checks circle= against the per-cell answers of its facilities: a
// circle of a supermarket and a pharmacy holds the residents of the cells where both are
// within its minutes, and a one-facility circle of every station level equals level=any.
func TestCoverageOfACircle(t *testing.T) {
	o := testOptions(t)
	f, err := data.ParseCircles("test.json", []byte(`{"name": "test", "circles": [
		{"key": "shops", "name_zh": "购物圈", "minutes": 15, "source": "test",
		 "facilities": [{"key": "super", "categories": ["supermarket"]}, {"key": "pharm", "categories": ["pharmacy"]}]},
		{"key": "party", "name_zh": "党群圈", "minutes": 6, "source": "test",
		 "facilities": [{"key": "st", "levels": ["district", "street", "community", "compound", "building"]}]}]}`), o.Categories)
	if err != nil {
		t.Fatal(err)
	}
	o.Circles = f
	s := engineServer(t, o, testData())
	minutes := func(cat string) map[string]float64 {
		body := getOK(t, s.Handler(), "/api/v1/coverage/cells?format=csv&category="+cat)
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]float64{}
		for _, r := range rows[1:] {
			m, err := strconv.ParseFloat(r[3], 64)
			if err != nil {
				m = 1e9
			}
			out[r[0]] = m
			pop, _ := strconv.ParseFloat(r[5], 64)
			out[r[0]+"/pop"] = pop
		}
		return out
	}
	sup, ph := minutes("supermarket"), minutes("pharmacy")
	want := 0.0
	for k, m := range sup {
		if len(k) > 4 && k[len(k)-4:] == "/pop" {
			continue
		}
		if m <= 15 && ph[k] <= 15 {
			want += sup[k+"/pop"]
		}
	}
	type cov struct {
		Target  struct{ Kind, Key string } `json:"target"`
		Minutes float64                    `json:"minutes"`
		Total   struct {
			PopulationWithin float64 `json:"population_within"`
		} `json:"total"`
	}
	_, body := get(t, s.Handler(), "/api/v1/coverage?circle=shops")
	got := decode[cov](t, body)
	if got.Target.Kind != "circle" || got.Target.Key != "shops" || got.Minutes != 15 || !near(got.Total.PopulationWithin, want, 1e-6) || want == 0 {
		t.Errorf("circle shops: %+v, want %v residents within 15 min of both", got, want)
	}
	_, a := get(t, s.Handler(), "/api/v1/coverage?circle=party")
	_, b := get(t, s.Handler(), "/api/v1/coverage?level=any&minutes=6")
	if pa, pb := decode[cov](t, a).Total.PopulationWithin, decode[cov](t, b).Total.PopulationWithin; pa != pb || pa == 0 {
		t.Errorf("circle party: %v residents, level=any 6 min: %v", pa, pb)
	}
	code, body := get(t, s.Handler(), "/api/v1/gaps?circle=nope")
	if _, msg := errorOf(t, body); code != http.StatusBadRequest || !containsFold(msg, "known: shops, party") {
		t.Errorf("unknown circle: %d %s", code, msg)
	}
}
