package api

import "github.com/lifecircle/lifecircle/data"

// The wire format of GET /api/v1/circles.

// circlesAnswer lists the named service circles of the server's circle file.
type circlesAnswer struct {
	Name    string       `json:"name"`
	Circles []circleJSON `json:"circles"`
}

// namedJSON is what a circle, a facility of a circle and a supply rule are known by: the
// key and the names in Chinese and English.
type namedJSON struct {
	Key    string `json:"key"`
	NameZH string `json:"name_zh"`
	NameEN string `json:"name_en"`
}

// circleJSON is one circle: what a map's selector shows and sends as circle=key.
type circleJSON struct {
	namedJSON
	Minutes    num                  `json:"minutes"`
	Source     string               `json:"source"`
	Check      bool                 `json:"check"`
	Note       string               `json:"note"`
	Facilities []circleFacilityJSON `json:"facilities"`
}

type circleFacilityJSON struct {
	namedJSON
	Categories []string `json:"categories"`
	Levels     []string `json:"levels"`
}

func circlesOut(f *data.CircleFile) circlesAnswer {
	out := circlesAnswer{Name: f.Name, Circles: make([]circleJSON, len(f.Circles))}
	for i, c := range f.Circles {
		cj := circleJSON{namedJSON: namedJSON{c.Key, c.NameZH, c.NameEN}, Minutes: num(c.Minutes), Source: c.Source,
			Check: c.Check, Note: c.Note, Facilities: make([]circleFacilityJSON, len(c.Facilities))}
		for j, fa := range c.Facilities {
			fj := circleFacilityJSON{namedJSON: namedJSON{fa.Key, fa.NameZH, fa.NameEN}, Categories: append([]string{}, fa.Categories...), Levels: []string{}}
			for _, l := range fa.Levels {
				fj.Levels = append(fj.Levels, string(l))
			}
			cj.Facilities[j] = fj
		}
		out.Circles[i] = cj
	}
	return out
}
