package importers_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/importers"
)

// Records lets the database layer name a value's record in its own messages, so it must
// skip the rejected ones.
func TestRecordsSkipRejects(t *testing.T) {
	tests := []struct {
		name string
		csv  string
		want []int
	}{
		{"all good", "id,name,level,lon,lat\na,A,street,117.28,31.88\nb,B,community,117.27,31.87\n", []int{1, 2}},
		{"second bad", "id,name,level,lon,lat\na,A,street,117.28,31.88\nb,B,planet,117.27,31.87\nc,C,community,117.26,31.86\n", []int{1, 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := importers.Read(context.Background(), importers.KindStations, "s.csv", strings.NewReader(tc.csv), importers.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(res.Records, tc.want) || len(res.Stations) != len(tc.want) {
				t.Errorf("records %v for %d stations, want %v", res.Records, len(res.Stations), tc.want)
			}
		})
	}
}
