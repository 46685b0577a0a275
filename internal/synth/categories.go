package synth

// placement says where outlets of a category stand.
type placement uint8

const (
	onStreet   placement = iota // ground floors along the arterials, clustered on shopping streets
	inCompound                  // inside residential compounds (schools, clinics, canteens …)
	inPark                      // in park blocks (parks, sports grounds)
)

// categorySpec is how the generator treats one outlet category: how common it is
// (relative weight), where it stands, how its outlets are named and tagged in OSM.
type categorySpec struct {
	weight float64
	place  placement
	suffix string
	tags   [][2]string // OSM tags for WriteOSMXML, besides name
}

// DefaultCategories returns the 22 category keys of data/categories.json, the default of
// Config.Categories.
func DefaultCategories() []string {
	return []string{
		"supermarket", "convenience", "vegetable_market", "bank", "post_office", "parcel_point",
		"pharmacy", "clinic", "hospital", "kindergarten", "primary_school", "middle_school",
		"elderly_care", "elderly_canteen", "canteen", "barber", "laundry", "repair", "park",
		"sports", "library_culture", "police",
	}
}

// specOf returns the spec of a category key. Keys it does not know are treated as
// ordinary street shops named 便民服务点 and tagged only with lifecircle:category.
// elderly_canteen, hospital, police and middle_school are deliberately rare.
func specOf(key string) categorySpec {
	t := func(kv ...string) [][2]string {
		out := make([][2]string, 0, len(kv)/2)
		for k := 0; k+1 < len(kv); k += 2 {
			out = append(out, [2]string{kv[k], kv[k+1]})
		}
		return out
	}
	switch key {
	case "supermarket":
		return categorySpec{6, onStreet, "超市", t("shop", "supermarket")}
	case "convenience":
		return categorySpec{14, onStreet, "便利店", t("shop", "convenience")}
	case "vegetable_market":
		return categorySpec{3, inCompound, "菜市场", t("amenity", "marketplace")}
	case "bank":
		return categorySpec{5, onStreet, "农商银行", t("amenity", "bank")}
	case "post_office":
		return categorySpec{1, onStreet, "邮政所", t("amenity", "post_office")}
	case "parcel_point":
		return categorySpec{8, inCompound, "快递驿站", t("amenity", "parcel_locker")}
	case "pharmacy":
		return categorySpec{6, onStreet, "大药房", t("amenity", "pharmacy", "healthcare", "pharmacy")}
	case "clinic":
		return categorySpec{5, inCompound, "社区卫生服务站", t("amenity", "clinic", "healthcare", "clinic")}
	case "hospital":
		return categorySpec{0.6, onStreet, "医院", t("amenity", "hospital", "healthcare", "hospital")}
	case "kindergarten":
		return categorySpec{3, inCompound, "幼儿园", t("amenity", "kindergarten")}
	case "primary_school":
		return categorySpec{1.2, inCompound, "小学", t("amenity", "school", "isced:level", "1")}
	case "middle_school":
		return categorySpec{0.7, inCompound, "中学", t("amenity", "school", "isced:level", "2")}
	case "elderly_care":
		return categorySpec{1.2, inCompound, "日间照料中心", t("amenity", "social_facility", "social_facility", "day_care", "social_facility:for", "senior")}
	case "elderly_canteen":
		return categorySpec{0.25, inCompound, "社区老年食堂", t("amenity", "canteen", "social_facility:for", "senior")}
	case "canteen":
		return categorySpec{1.5, inCompound, "社区食堂", t("amenity", "canteen")}
	case "barber":
		return categorySpec{8, onStreet, "理发店", t("shop", "hairdresser")}
	case "laundry":
		return categorySpec{4, onStreet, "洗衣店", t("shop", "laundry")}
	case "repair":
		return categorySpec{4, onStreet, "维修店", t("shop", "repair")}
	case "park":
		return categorySpec{1.5, inPark, "公园", t("leisure", "park")}
	case "sports":
		return categorySpec{3, inPark, "全民健身中心", t("leisure", "sports_centre")}
	case "library_culture":
		return categorySpec{0.8, onStreet, "图书馆", t("amenity", "library")}
	case "police":
		return categorySpec{0.4, onStreet, "派出所", t("amenity", "police")}
	}
	return categorySpec{3, onStreet, "便民服务点", nil}
}
