package importers

import (
	"errors"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/guard"
)

// Limits bound what reading one file may cost, against hostile or broken files: a zip
// bomb, a 900 MB cell, a CSV whose unterminated quote makes the rest of the file one
// field. A zero field takes its default. A file over a limit is refused with an EINVALID
// error naming the file, the limit and the field to raise.
type Limits struct {
	MaxFileBytes     int64 // the file as read (CSV, GeoJSON or XLSX); default 256 MiB
	MaxUnzippedBytes int64 // an XLSX workbook's parts unpacked, all together; default 512 MiB
	MaxFieldBytes    int   // one CSV field, one XLSX cell or any one XML token of a workbook; default 16 MiB
}

// The default limits: well above the largest real district files (tens of MB of CSV or
// GeoJSON, community boundaries of a few MB in one WKT cell).
const (
	DefaultMaxFileBytes     = 256 << 20
	DefaultMaxUnzippedBytes = 512 << 20
	DefaultMaxFieldBytes    = 16 << 20
)

// withDefaults fills the zero fields.
func (l Limits) withDefaults() Limits {
	guard.Default(&l.MaxFileBytes, DefaultMaxFileBytes)
	guard.Default(&l.MaxUnzippedBytes, DefaultMaxUnzippedBytes)
	guard.Default(&l.MaxFieldBytes, DefaultMaxFieldBytes)
	return l
}

// limitError turns a *guard.LimitError from reading file into an EINVALID error naming
// the file, the limit and the Limits field that raises it; other errors are returned
// unchanged (nil for nil).
func limitError(file string, err error, field string) error {
	var le *guard.LimitError
	if !errors.As(err, &le) {
		return err
	}
	return geo.Errorf(geo.EINVALID, "%s: %s is longer than %s, the limit against hostile files (Limits.%s); if the file is genuine, raise that limit",
		file, le.What, guard.Bytes(le.Max), field)
}
