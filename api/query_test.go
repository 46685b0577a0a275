package api_test

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"testing"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
)

type nearestJSON struct {
	CRS     string     `json:"crs"`
	From    [2]float64 `json:"from"`
	Results []struct {
		ID       string  `json:"id"`
		Level    string  `json:"level"`
		Category string  `json:"category"`
		Minutes  float64 `json:"minutes"`
		Metres   float64 `json:"metres"`
		Lon      float64 `json:"lon"`
		Lat      float64 `json:"lat"`
		Path     *struct {
			Type        string       `json:"type"`
			Coordinates [][2]float64 `json:"coordinates"`
		} `json:"path"`
	} `json:"results"`
}

// offset moves p east and north by the given metres.
func offset(p orb.Point, eastM, northM float64) orb.Point {
	dLat := 1 / (geo.EarthRadiusM * math.Pi / 180)
	return orb.Point{p[0] + eastM*dLat/math.Cos(p[1]*math.Pi/180), p[1] + northM*dLat}
}

func TestNearest(t *testing.T) {
	s, _ := dbServer(t)
	tests := []struct {
		name    string
		from    orb.Point
		target  string
		wantIDs []string
		wantM   []float64 // hand-computed walking metres, access legs included
	}{
		{"community station 500 m down a street", node(2, 7), "level=community", []string{"st-comm"}, []float64{500}},
		{"access leg of 30 m, then 550 m along the street", offset(node(2, 7), 30, 50), "level=community", []string{"st-comm"}, []float64{30 + 550}},
		{"supermarket by category", node(0, 0), "category=supermarket", []string{"o-super"}, []float64{500}},
		{"category by its Chinese name", node(0, 9), "category=" + url.QueryEscape("超市"), []string{"o-super"}, []float64{400}},
		{"level in Chinese", node(8, 3), "level=" + url.QueryEscape("街道"), []string{"st-street"}, []float64{500}},
		{"any level, two at 600 m", node(5, 5), "level=any", []string{"st-comm", "st-street"}, []float64{600, 600}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := getOK(t, s.Handler(), "/api/v1/nearest?"+pointQuery(tc.from)+"&"+tc.target+"&k=3")
			got := decode[nearestJSON](t, body)
			if len(got.Results) != len(tc.wantIDs) {
				t.Fatalf("got %d results, want %d: %s", len(got.Results), len(tc.wantIDs), body)
			}
			for i, r := range got.Results {
				if len(tc.wantIDs) == 1 && r.ID != tc.wantIDs[i] {
					t.Errorf("result %d = %s, want %s", i, r.ID, tc.wantIDs[i])
				}
				if !near(r.Metres, tc.wantM[i], 0.5) || !near(r.Minutes*60, tc.wantM[i]/speedMS, 0.5) {
					t.Errorf("result %d: %.2f m, %.3f min; want %.1f m, %.3f min", i, r.Metres, r.Minutes, tc.wantM[i], tc.wantM[i]/speedMS/60)
				}
			}
		})
	}
}

func TestNearestGeometry(t *testing.T) {
	s := memoryServer(t)
	body := getOK(t, s.Handler(), "/api/v1/nearest?"+pointQuery(node(2, 7))+"&level=community&geometry=true")
	r := decode[nearestJSON](t, body).Results[0]
	if r.Path == nil || r.Path.Type != "LineString" || len(r.Path.Coordinates) < 2 {
		t.Fatalf("no LineString path: %s", body)
	}
	var ls orb.LineString
	for _, c := range r.Path.Coordinates {
		ls = append(ls, orb.Point(c))
	}
	if l := geo.LineLengthM(ls); !near(l, 500, 0.5) {
		t.Errorf("path is %.2f m long, want 500", l)
	}
	if ls[0] != node(2, 7) && geo.HaversineM(ls[0], node(2, 7)) > 0.01 {
		t.Errorf("path starts at %v, want the query point %v", ls[0], node(2, 7))
	}
}

type routeJSON struct {
	Type     string `json:"type"`
	Geometry struct {
		Type        string       `json:"type"`
		Coordinates [][2]float64 `json:"coordinates"`
	} `json:"geometry"`
	Properties struct {
		Minutes float64 `json:"minutes"`
		Metres  float64 `json:"metres"`
	} `json:"properties"`
}

func TestRoute(t *testing.T) {
	s, _ := dbServer(t)
	tests := []struct {
		name     string
		from, to orb.Point
		wantM    float64
	}{
		{"straight 1 km north", node(0, 0), node(0, 10), 1000},
		{"400 m east and 300 m north", node(3, 1), node(7, 4), 700},
		{"same point", node(4, 4), node(4, 4), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := getOK(t, s.Handler(), "/api/v1/route?from="+pairQuery(tc.from)+"&to="+pairQuery(tc.to))
			r := decode[routeJSON](t, body)
			if r.Type != "Feature" {
				t.Errorf("type %q, want Feature", r.Type)
			}
			if !near(r.Properties.Metres, tc.wantM, 0.5) || !near(r.Properties.Minutes*60, tc.wantM/speedMS, 0.5) {
				t.Errorf("%.2f m %.3f min, want %.1f m %.3f min", r.Properties.Metres, r.Properties.Minutes, tc.wantM, tc.wantM/speedMS/60)
			}
			if tc.wantM > 0 && (r.Geometry.Type != "LineString" || len(r.Geometry.Coordinates) < 2) {
				t.Errorf("geometry %+v", r.Geometry)
			}
		})
	}
}

type collectionJSON struct {
	Type     string `json:"type"`
	Total    *int   `json:"total"`
	Next     string `json:"next"`
	CRS      string `json:"crs"`
	Features []struct {
		ID       string `json:"id"`
		Geometry *struct {
			Type        string         `json:"type"`
			Coordinates rawCoordinates `json:"coordinates"`
		} `json:"geometry"`
		Properties map[string]any `json:"properties"`
	} `json:"features"`
}

type rawCoordinates = any

func TestIsochrone(t *testing.T) {
	s, _ := dbServer(t)
	body := getOK(t, s.Handler(), "/api/v1/isochrone?"+pointQuery(node(5, 5))+"&minutes=60,5,10")
	fc := decode[collectionJSON](t, body)
	if fc.Type != "FeatureCollection" || len(fc.Features) != 3 {
		t.Fatalf("want 3 features: %s", body)
	}
	prev := -1.0
	for i, f := range fc.Features {
		m, pop := f.Properties["minutes"].(float64), f.Properties["population"].(float64)
		if want := []float64{5, 10, 60}[i]; m != want {
			t.Errorf("band %d: %v minutes, want %v", i, m, want)
		}
		if pop < prev {
			t.Errorf("band %d: population %.1f shrinks from %.1f", i, pop, prev)
		}
		if f.Geometry == nil || f.Geometry.Type != "MultiPolygon" {
			t.Errorf("band %d: geometry %+v", i, f.Geometry)
		}
		prev = pop
	}
	// An hour reaches every corner of a 1 km grid: every resident is inside.
	if !near(prev, westPop+eastPop, 1e-6) {
		t.Errorf("60-minute population %.3f, want %d", prev, westPop+eastPop)
	}
}

// TestBadParameters checks every bad parameter gets a 4xx JSON error naming it.
func TestBadParameters(t *testing.T) {
	s := memoryServer(t)
	p := pointQuery(node(5, 5))
	far := pointQuery(offset(node(5, 10), 0, 800))
	tests := []struct {
		name, target string
		status       int
		mention      string
	}{
		{"nearest without lon", "/api/v1/nearest?lat=30.66&level=any", 400, `"lon"`},
		{"nearest lon not a number", "/api/v1/nearest?lon=abc&lat=30.66&level=any", 400, `"lon"`},
		{"nearest lon NaN", "/api/v1/nearest?lon=NaN&lat=30.66&level=any", 400, `"lon"`},
		{"nearest lon out of range", "/api/v1/nearest?lon=200&lat=30.66&level=any", 400, `"lon"`},
		{"nearest lat out of range", "/api/v1/nearest?lon=104&lat=95&level=any", 400, `"lat"`},
		{"nearest neither category nor level", "/api/v1/nearest?" + p, 400, `"category"`},
		{"nearest both category and level", "/api/v1/nearest?" + p + "&level=any&category=supermarket", 400, `"category"`},
		{"nearest unknown category", "/api/v1/nearest?" + p + "&category=casino", 400, `"category"`},
		{"nearest unknown level", "/api/v1/nearest?" + p + "&level=province", 400, `"level"`},
		{"nearest k over 50", "/api/v1/nearest?" + p + "&level=any&k=51", 400, `"k"`},
		{"nearest k zero", "/api/v1/nearest?" + p + "&level=any&k=0", 400, `"k"`},
		{"nearest k not a number", "/api/v1/nearest?" + p + "&level=any&k=three", 400, `"k"`},
		{"nearest geometry not a bool", "/api/v1/nearest?" + p + "&level=any&geometry=maybe", 400, `"geometry"`},
		{"nearest unknown crs", "/api/v1/nearest?" + p + "&level=any&crs=mars", 400, `"crs"`},
		{"nearest off the network", "/api/v1/nearest?" + far + "&level=any", 422, "800 m"},
		{"route without from", "/api/v1/route?to=104.06,30.66", 400, `"from"`},
		{"route from with three numbers", "/api/v1/route?from=1,2,3&to=104.06,30.66", 400, `"from"`},
		{"route to not numbers", "/api/v1/route?from=104.06,30.66&to=a,b", 400, `"to"`},
		{"route to off the network", "/api/v1/route?from=104.06,30.66&to=104.06,30.70", 422, "the end"},
		{"isochrone minutes zero", "/api/v1/isochrone?" + p + "&minutes=0", 400, `"minutes"`},
		{"isochrone minutes over 60", "/api/v1/isochrone?" + p + "&minutes=5,61", 400, `"minutes"`},
		{"isochrone minutes not numbers", "/api/v1/isochrone?" + p + "&minutes=5,abc", 400, `"minutes"`},
		{"coverage minutes below 1", "/api/v1/coverage?level=any&minutes=0.5", 400, `"minutes"`},
		{"coverage unknown format", "/api/v1/coverage?level=any&format=xml", 400, `"format"`},
		{"coverage street and community", "/api/v1/coverage?level=any&street=1&community=2", 400, `"street"`},
		{"coverage without target", "/api/v1/coverage?minutes=15", 400, `"category"`},
		{"coverage unknown community", "/api/v1/coverage?level=any&community=999999999999", 404, "999999999999"},
		{"cells bad bbox", "/api/v1/coverage/cells?level=any&bbox=1,2,3", 400, `"bbox"`},
		{"cells bbox min over max", "/api/v1/coverage/cells?level=any&bbox=105,31,104,30", 400, `"bbox"`},
		{"cells bbox latitude out of range", "/api/v1/coverage/cells?level=any&bbox=104,-95,105,31", 400, `"bbox"`},
		{"cells format json", "/api/v1/coverage/cells?level=any&format=json", 400, `"format"`},
		{"gaps limit zero", "/api/v1/gaps?level=any&limit=0", 400, `"limit"`},
		{"gaps minutes 90", "/api/v1/gaps?level=any&minutes=90", 400, `"minutes"`},
		{"network format", "/api/v1/network?format=pdf", 400, `"format"`},
		{"standards unknown community", "/api/v1/standards?community=000000000000", 404, "000000000000"},
		{"stations limit over 1000", "/api/v1/stations?limit=1001", 400, `"limit"`},
		{"stations negative offset", "/api/v1/stations?offset=-1", 400, `"offset"`},
		{"stations unknown level", "/api/v1/stations?level=province", 400, `"level"`},
		{"outlets unknown category", "/api/v1/outlets?category=casino", 400, `"category"`},
		{"communities bad bbox", "/api/v1/communities?bbox=a,b,c,d", 400, `"bbox"`},
		{"unknown endpoint", "/api/v1/nowhere", 404, "no such endpoint"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := get(t, s.Handler(), tc.target)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, body)
			}
			_, msg := errorOf(t, body)
			if !containsFold(msg, tc.mention) {
				t.Errorf("message %q does not mention %s", msg, tc.mention)
			}
		})
	}
}

func TestBadBodies(t *testing.T) {
	s := memoryServer(t)
	big := fmt.Sprintf(`{"level": "community", "exclude": [%s[104.06, 30.66]]}`, repeat("[104.06, 30.66],", 70000))
	tests := []struct {
		name, target, body string
		status             int
		mention            string
	}{
		{"malformed JSON", "/api/v1/plan/sites", `{"level": `, 400, "body"},
		{"not an object", "/api/v1/plan/sites", `[1, 2]`, 400, "body"},
		{"empty body", "/api/v1/plan/sites", ``, 400, "body"},
		{"unknown field", "/api/v1/plan/sites", `{"level": "community", "radius": 3}`, 400, `"radius"`},
		{"wrong type", "/api/v1/plan/sites", `{"level": "community", "k": "five"}`, 400, `"k"`},
		{"trailing data", "/api/v1/plan/sites", `{"level": "community"} {}`, 400, "body"},
		{"k over 50", "/api/v1/plan/sites", `{"level": "community", "k": 51}`, 400, `"k"`},
		{"minutes zero", "/api/v1/plan/sites", `{"level": "community", "minutes": 0}`, 400, `"minutes"`},
		{"neither category nor level", "/api/v1/plan/sites", `{"k": 2}`, 400, `"category"`},
		{"candidates word", "/api/v1/plan/sites", `{"level": "community", "candidates": "roads"}`, 400, `"candidates"`},
		{"candidate out of range", "/api/v1/plan/sites", `{"level": "community", "candidates": [[200, 30]]}`, 400, `"candidates[0]"`},
		{"candidate with one number", "/api/v1/plan/sites", `{"level": "community", "candidates": [[104.06]]}`, 400, `"candidates[0]"`},
		{"exclude out of range", "/api/v1/plan/sites", `{"level": "community", "exclude": [[104, 95]]}`, 400, `"exclude[0]"`},
		{"body too large", "/api/v1/plan/sites", big, 413, "too large"},
		{"scenario empty", "/api/v1/scenarios", `{}`, 400, `"add"`},
		{"scenario add without lat", "/api/v1/scenarios", `{"add": [{"lon": 104.06, "level": "community"}]}`, 400, `"add[0]"`},
		{"scenario add level any", "/api/v1/scenarios", `{"add": [{"lon": 104.06, "lat": 30.66, "level": "any"}]}`, 400, `"add[0].level"`},
		{"scenario add unknown category", "/api/v1/scenarios", `{"add": [{"lon": 104.06, "lat": 30.66, "category": "casino"}]}`, 400, `"add[0]"`},
		{"scenario remove empty id", "/api/v1/scenarios", `{"remove": [""]}`, 400, `"remove[0]"`},
		{"scenario unknown field", "/api/v1/scenarios", `{"add": [{"lon": 104.06, "lat": 30.66, "level": "community", "colour": "red"}]}`, 400, `"colour"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := postJSON(t, s.Handler(), tc.target, tc.body)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, body)
			}
			_, msg := errorOf(t, body)
			if !containsFold(msg, tc.mention) {
				t.Errorf("message %q does not mention %s", msg, tc.mention)
			}
		})
	}
}

func TestWrongMethod(t *testing.T) {
	s := memoryServer(t)
	status, body := do(t, s.Handler(), http.MethodPost, "/api/v1/nearest", nil, nil)
	if status != http.StatusMethodNotAllowed {
		t.Fatalf("status %d, want 405: %s", status, body)
	}
	if code, _ := errorOf(t, body); code != "method_not_allowed" {
		t.Errorf("code %q", code)
	}
}
