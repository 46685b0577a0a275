package district

import (
	"os"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/assess"
	"github.com/lifecircle/lifecircle/geo/engine"
)

// LoadCircles reads the circle file at path ("" the bundled data/circles.json) and checks
// it against cats (data.ParseCircles).
func LoadCircles(path string, cats *geo.Categories) (*data.CircleFile, error) {
	if path == "" {
		return data.ParseCircles(data.CirclesName, data.Circles(), cats)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, geo.WrapError(geo.EINVALID, err, "circle file %s", path)
	}
	return data.ParseCircles(path, b, cats)
}

// CircleOf turns a circle of a circle file into the assessments' circle: each facility's
// categories and levels become its targets.
func CircleOf(c data.Circle) assess.Circle {
	out := assess.Circle{Key: c.Key, NameZH: c.NameZH, NameEN: c.NameEN, Minutes: c.Minutes}
	for _, f := range c.Facilities {
		cf := assess.CircleFacility{Key: f.Key}
		for _, k := range f.Categories {
			cf.Targets = append(cf.Targets, engine.Target{Kind: engine.KindCategory, Key: k})
		}
		for _, l := range f.Levels {
			cf.Targets = append(cf.Targets, engine.Target{Kind: engine.KindLevel, Key: string(l)})
		}
		out.Facilities = append(out.Facilities, cf)
	}
	return out
}

// FindCircle returns the circle key of f as the assessments' circle; ok is false for an
// unknown key, and known lists the file's keys in order.
func FindCircle(f *data.CircleFile, key string) (c assess.Circle, ok bool, known []string) {
	for _, dc := range f.Circles {
		if dc.Key == key {
			return CircleOf(dc), true, nil
		}
		known = append(known, dc.Key)
	}
	return assess.Circle{}, false, known
}
