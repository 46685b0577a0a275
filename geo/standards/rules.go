package standards

import "github.com/lifecircle/lifecircle/geo"

// Rules is one standards file: life circles with their facilities, the facilities not
// assessed and numeric ratios. Field tags give the JSON schema (data/standards/README.md).
type Rules struct {
	Name        string        `json:"name"`
	NameZH      string        `json:"name_zh,omitempty"`
	Source      string        `json:"source"`
	SourceZH    string        `json:"source_zh,omitempty"` // the source in Chinese, for Chinese reports
	Nested      bool          `json:"nested"`              // must be false: circles are checked separately
	Notes       []string      `json:"notes,omitempty"`
	Circles     []Circle      `json:"circles"`
	NotAssessed []NotAssessed `json:"not_assessed,omitempty"`
	Ratios      []Ratio       `json:"ratios,omitempty"`
	// MinShare is the share of a community's residents (0–1] that must live within a
	// circle's minutes of a facility for the facility to count as provided; 0 (absent)
	// leaves the choice to the checker.
	MinShare float64 `json:"min_share,omitempty"`
}

// Circle is one life circle: the facilities that must be within Minutes' walk.
type Circle struct {
	Key          string     `json:"key"`
	NameZH       string     `json:"name_zh"`
	NameEN       string     `json:"name_en,omitempty"`
	Minutes      float64    `json:"minutes"`                  // walking minutes
	DistanceM    float64    `json:"distance_m,omitempty"`     // the standard's walking distance, metres (0: not given)
	DistanceMinM float64    `json:"distance_min_m,omitempty"` // lower end when the standard gives a range, metres
	Residents    *Range     `json:"residents,omitempty"`      // residents the circle serves
	Dwellings    *Range     `json:"dwellings,omitempty"`      // dwellings (households) the circle serves
	Source       string     `json:"source"`
	Check        bool       `json:"check,omitempty"` // a value here is to be verified
	Note         string     `json:"note,omitempty"`
	Facilities   []Facility `json:"facilities"`
}

// Seconds returns the circle's walking time limit in seconds.
func (c Circle) Seconds() float64 { return c.Minutes * 60 }

// Range is an inclusive range of counts.
type Range struct {
	Min   int  `json:"min"`
	Max   int  `json:"max"`
	Check bool `json:"check,omitempty"`
}

// Facility is one facility a circle requires. It is met by an outlet of any of its
// Categories or a party-mass station of any of its Levels within the circle's minutes.
type Facility struct {
	Key        string      `json:"key"`
	NameZH     string      `json:"name_zh"`
	NameEN     string      `json:"name_en,omitempty"`
	Categories []string    `json:"categories,omitempty"` // keys of data/categories.json
	Levels     []geo.Level `json:"levels,omitempty"`
	Required   bool        `json:"required"` // false: reported, but a community does not fail without it
	Check      bool        `json:"check,omitempty"`
	Source     string      `json:"source,omitempty"` // defaults to the circle's
	Note       string      `json:"note,omitempty"`
}

// NotAssessed is a facility or rule the standard asks for that lifecircle cannot check.
type NotAssessed struct {
	Circle string `json:"circle"` // a circle key, or "" for rules outside the circles
	NameZH string `json:"name_zh"`
	NameEN string `json:"name_en,omitempty"`
	Reason string `json:"reason"`
	// ReasonZH is the reason in Chinese, for Chinese reports.
	ReasonZH string `json:"reason_zh,omitempty"`
}

// Circle returns the circle with the key.
func (r *Rules) Circle(key string) (Circle, bool) {
	for _, c := range r.Circles {
		if c.Key == key {
			return c, true
		}
	}
	return Circle{}, false
}

// Ratio returns the ratio with the key.
func (r *Rules) Ratio(key string) (Ratio, bool) {
	for _, q := range r.Ratios {
		if q.Key == key {
			return q, true
		}
	}
	return Ratio{}, false
}
