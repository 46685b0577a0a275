package api_test

import (
	"testing"

	"github.com/lifecircle/lifecircle/api"
)

// supplyMemoryServer serves the test district from memory with the stations' floor area
// and staff and the communities' households recorded (the west community's only: the
// east one's persons per household is the default).
func supplyMemoryServer(tb testing.TB) *api.Server {
	tb.Helper()
	d := testData()
	d.Communities[0].Households = 2000
	d.Stations[0].FloorAreaM2, d.Stations[0].Staff = 450, 6
	d.Stations[1].FloorAreaM2 = 1200
	return engineServer(tb, testOptions(tb), d)
}

// goldenSupplyCases are asked of supplyMemoryServer: the supply endpoints and circle=.
func goldenSupplyCases() []goldenCase {
	return []goldenCase{
		getCase("supply-default", "/api/v1/supply", 200, ctJSON),
		getCase("supply-staff-8min", "/api/v1/supply?resource=staff&minutes=8", 200, ctJSON),
		getCase("supply-e2sfca-zones", "/api/v1/supply?method=e2sfca&decay=zones&zones=4:1,8:0.5&minutes=8", 200, ctJSON),
		getCase("supply-level-street-geojson", "/api/v1/supply?level=street&format=geojson", 200, ctGeoJSON),
		getCase("supply-csv-zh", "/api/v1/supply?format=csv&lang=zh", 200, ctCSV),
		getCase("supply-cells-json-e2sfca", "/api/v1/supply/cells?format=json&method=e2sfca&minutes=6", 200, ctJSON),
		getCase("supply-cells-bbox-geojson", "/api/v1/supply/cells?bbox="+pairQuery(node(0, 0))+","+pairQuery(node(2, 2)), 200, ctGeoJSON),
		getCase("supply-cells-csv", "/api/v1/supply/cells?format=csv&minutes=5", 200, ctCSV),
		getCase("circles", "/api/v1/circles", 200, ctJSON),
		getCase("coverage-circle-party-15min", "/api/v1/coverage?circle=party_15min", 200, ctJSON),
		getCase("coverage-circle-gb50180-5min-csv", "/api/v1/coverage?circle=gb50180_5min&minutes=10&format=csv", 200, ctCSV),
		getCase("gaps-circle-health-json", "/api/v1/gaps?circle=health_15min&format=json&limit=2", 200, ctJSON),
		getCase("error-coverage-unknown-circle", "/api/v1/coverage?circle=nope", 400, ctJSON),
		getCase("error-gaps-circle-and-category", "/api/v1/gaps?circle=party_15min&category=supermarket", 400, ctJSON),
		getCase("standards-with-supply", "/api/v1/standards?supply=true&supply_minutes=10", 200, ctJSON),
		getCase("error-standards-supply-csv", "/api/v1/standards?supply=true&format=csv", 400, ctJSON),
		getCase("error-supply-unknown-resource", "/api/v1/supply?resource=volume", 400, ctJSON),
		getCase("error-supply-decay-without-e2sfca", "/api/v1/supply?decay=gaussian", 400, ctJSON),
		getCase("error-supply-zones-not-ending-at-minutes", "/api/v1/supply?method=e2sfca&decay=zones&zones=5:1,10:0.5", 400, ctJSON),
	}
}
