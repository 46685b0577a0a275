package postgis

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/lifecircle/lifecircle/geo"
)

// TestImportError maps database errors as PostgreSQL reports them during an import.
func TestImportError(t *testing.T) {
	rows := [][]any{{3, "s1"}, {7, "s2"}}
	tests := []struct {
		name string
		err  error
		code geo.ErrorCode
		want string
	}{
		{"COPY data error names the record and field",
			mapError(&pgconn.PgError{Code: "22021", Message: `invalid byte sequence for encoding "UTF8": 0x00`, Where: "COPY tmp_stations, line 2, column name"}, "copy stations"),
			geo.EINVALID, `s.csv record 7: field name: the database refused the stations: invalid byte sequence for encoding "UTF8": 0x00`},
		{"COPY context without a column",
			&pgconn.PgError{Code: "22P02", Message: "bad value", Where: "COPY tmp_stations, line 1"},
			geo.EINVALID, "s.csv record 3: the database refused the stations: bad value"},
		{"line beyond the rows names the file only",
			&pgconn.PgError{Code: "22021", Message: "bad", Where: "COPY tmp_stations, line 9, column name"},
			geo.EINVALID, "s.csv: field name: the database refused"},
		{"limit exceeded on insert",
			mapError(&pgconn.PgError{Code: "54000", Message: "index row size 2720 exceeds btree version 4 maximum 2704"}, "insert stations"),
			geo.EINVALID, "s.csv: the database refused the stations: index row size 2720"},
		{"connection lost keeps its code",
			mapError(&pgconn.PgError{Code: "08006", Message: "connection failure"}, "insert stations"),
			geo.EUNAVAILABLE, "s.csv: storing the stations failed"},
		{"other errors are internal, named",
			mapError(&pgconn.PgError{Code: "XX000", Message: "internal"}, "insert stations"),
			geo.EINTERNAL, "s.csv: storing the stations failed"},
		{"geo errors pass", geo.Errorf(geo.EINVALID, "c.geojson feature 2: invalid polygon"), geo.EINVALID, "c.geojson feature 2"},
		{"other errors pass", fmt.Errorf("plain"), geo.EINTERNAL, "plain"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := importError(tc.err, "s.csv", stationSpec, rows)
			if geo.ErrorCodeOf(err) != tc.code || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v (%s), want %s saying %q", err, geo.ErrorCodeOf(err), tc.code, tc.want)
			}
		})
	}
	if importError(nil, "s.csv", stationSpec, rows) != nil {
		t.Error("nil error mapped to an error")
	}
}
