package api

import "github.com/lifecircle/lifecircle/data"

// The wire format of GET /api/v1/circles.

// circlesAnswer lists the named service circles of the server's circle file.
type circlesAnswer struct {
	Name    string       `json:"name"`
	Circles []circleJSON `json:"circles"`
}

// circleJSON is one circle: what a map's selector shows and sends as circle=key.
type circleJSON struct {
	Key        string               `json:"key"`
	NameZH     string               `json:"name_zh"`
	NameEN     string               `json:"name_en"`
	Minutes    num                  `json:"minutes"`
	Source     string               `json:"source"`
	Check      bool                 `json:"check"`
	Note       string               `json:"note"`
	Facilities []circleFacilityJSON `json:"facilities"`
}

type circleFacilityJSON struct {
	Key        string   `json:"key"`
	NameZH     string   `json:"name_zh"`
	NameEN     string   `json:"name_en"`
	Categories []string `json:"categories"`
	Levels     []string `json:"levels"`
}

func circlesOut(f *data.CircleFile) circlesAnswer {
	out := circlesAnswer{Name: f.Name, Circles: make([]circleJSON, len(f.Circles))}
	for i, c := range f.Circles {
		cj := circleJSON{Key: c.Key, NameZH: c.NameZH, NameEN: c.NameEN, Minutes: num(c.Minutes), Source: c.Source,
			Check: c.Check, Note: c.Note, Facilities: make([]circleFacilityJSON, len(c.Facilities))}
		for j, fa := range c.Facilities {
			fj := circleFacilityJSON{Key: fa.Key, NameZH: fa.NameZH, NameEN: fa.NameEN, Categories: append([]string{}, fa.Categories...), Levels: []string{}}
			for _, l := range fa.Levels {
				fj.Levels = append(fj.Levels, string(l))
			}
			cj.Facilities[j] = fj
		}
		out.Circles[i] = cj
	}
	return out
}
