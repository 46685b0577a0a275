package api

import (
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
)

// The wire format of the listings GET /api/v1/stations, /outlets and /communities
// (GeoJSON features; the paging members are featureCollection's).

type stationProps struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Level       string `json:"level"`
	Tier        string `json:"tier"`
	LevelNameZH string `json:"level_name_zh"`
	ParentCode  string `json:"parent_code,omitempty"`
	Address     string `json:"address,omitempty"`
	FloorAreaM2 num    `json:"floor_area_m2,omitempty"`
	Staff       int    `json:"staff,omitempty"`
	Source      string `json:"source"`
	Status      string `json:"status"` // confirmed, or candidate (counts nowhere until confirmed)
}

// stationOut is a station as a Point feature in sys.
func stationOut(sys crs.System, x geo.Station) feature {
	return newFeature(x.ID, outPoint(sys, x.Point), stationProps{ID: x.ID, Name: x.Name, Level: string(x.Level),
		Tier: x.Level.Tier(), LevelNameZH: x.Level.NameZH(), ParentCode: x.ParentCode, Address: x.Address,
		FloorAreaM2: num(x.FloorAreaM2), Staff: x.Staff, Source: x.Source,
		Status: string(x.StatusOrConfirmed())})
}

type outletProps struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Category string `json:"category"`
	Source   string `json:"source"`
}

// outletOut is an outlet as a Point feature in sys.
func outletOut(sys crs.System, x geo.Outlet) feature {
	return newFeature(x.ID, outPoint(sys, x.Point), outletProps{ID: x.ID, Name: x.Name, Category: x.Category, Source: x.Source})
}

type communityProps struct {
	Code          string `json:"code"`
	Name          string `json:"name"`
	StreetCode    string `json:"street_code,omitempty"`
	StreetName    string `json:"street_name,omitempty"`
	Households    int    `json:"households,omitempty"`
	Population    int    `json:"population,omitempty"`
	Workers       int    `json:"workers,omitempty"`
	ServiceAreaM2 num    `json:"service_area_m2,omitempty"`
	Source        string `json:"source"`
}

// communityOut is a community as a MultiPolygon feature (its boundary) in sys.
func communityOut(sys crs.System, x geo.Community) feature {
	return newFeature(x.Code, outMulti(sys, x.Boundary), communityProps{Code: x.Code, Name: x.Name,
		StreetCode: x.StreetCode, StreetName: x.StreetName, Households: x.Households, Population: x.Population,
		Workers: x.Workers, ServiceAreaM2: num(x.ServiceAreaM2), Source: x.Source})
}
