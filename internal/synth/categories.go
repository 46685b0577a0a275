package synth

import (
	"maps"
	"slices"
	"strings"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
)

// placement says where outlets of a category stand.
type placement uint8

const (
	onStreet   placement = iota // ground floors along the arterials, clustered on shopping streets
	inCompound                  // inside residential compounds (schools, clinics, canteens …)
	inPark                      // in park blocks (parks, sports grounds)
)

// categorySpec is how the generator treats one outlet category: how common it is
// (relative weight), where it stands and how its outlets are named. What a category is —
// its key, its names, its OSM tags — is the category file's (data/categories.json).
type categorySpec struct {
	weight float64
	place  placement
	suffix string
}

// DefaultCategories returns the category keys of the bundled category file
// (data/categories.json), in its order: the default of Config.Categories. It returns nil
// only if the bundled file did not parse, which the data package's tests rule out;
// Generate then says so.
func DefaultCategories() []string {
	cats, err := bundledCategories()
	if err != nil {
		return nil
	}
	return cats.Keys()
}

// bundledCategories parses the bundled category file.
func bundledCategories() (*geo.Categories, error) {
	cats, err := geo.ParseCategories(data.Categories())
	if err != nil {
		return nil, geo.WrapError(geo.EINTERNAL, err, "synth: the bundled category file")
	}
	return cats, nil
}

// categoryTags returns OSM tags that mark an outlet of the category key as the category file
// has it: its first tag match, each key with its first value ("a|b": a; "*": yes), in key
// order. None for a key the file does not know or matches by name only.
func categoryTags(cats *geo.Categories, key string) [][2]string {
	c, ok := cats.Get(key)
	if !ok || len(c.Match) == 0 {
		return nil
	}
	m := c.Match[0]
	out := make([][2]string, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v, _, _ := strings.Cut(m[k], "|")
		if v == "*" {
			v = "yes"
		}
		out = append(out, [2]string{k, v})
	}
	return out
}

// specOf returns the generator's parameters of a category key. Keys it does not know are
// ordinary street shops named 便民服务点. elderly_canteen, hospital, police and
// middle_school are deliberately rare.
func specOf(key string) categorySpec {
	switch key {
	case "supermarket":
		return categorySpec{6, onStreet, "超市"}
	case "convenience":
		return categorySpec{14, onStreet, "便利店"}
	case "vegetable_market":
		return categorySpec{3, inCompound, "菜市场"}
	case "bank":
		return categorySpec{5, onStreet, "农商银行"}
	case "post_office":
		return categorySpec{1, onStreet, "邮政所"}
	case "parcel_point":
		return categorySpec{8, inCompound, "快递驿站"}
	case "pharmacy":
		return categorySpec{6, onStreet, "大药房"}
	case "clinic":
		return categorySpec{5, inCompound, "社区卫生服务站"}
	case "hospital":
		return categorySpec{0.6, onStreet, "医院"}
	case "kindergarten":
		return categorySpec{3, inCompound, "幼儿园"}
	case "primary_school":
		return categorySpec{1.2, inCompound, "小学"}
	case "middle_school":
		return categorySpec{0.7, inCompound, "中学"}
	case "elderly_care":
		return categorySpec{1.2, inCompound, "日间照料中心"}
	case "elderly_canteen":
		return categorySpec{0.25, inCompound, "社区老年食堂"}
	case "canteen":
		return categorySpec{1.5, inCompound, "社区食堂"}
	case "barber":
		return categorySpec{8, onStreet, "理发店"}
	case "laundry":
		return categorySpec{4, onStreet, "洗衣店"}
	case "repair":
		return categorySpec{4, onStreet, "维修店"}
	case "park":
		return categorySpec{1.5, inPark, "公园"}
	case "sports":
		return categorySpec{3, inPark, "全民健身中心"}
	case "library_culture":
		return categorySpec{0.8, onStreet, "图书馆"}
	case "police":
		return categorySpec{0.4, onStreet, "派出所"}
	}
	return categorySpec{3, onStreet, "便民服务点"}
}
