package guard

import (
	"github.com/lifecircle/lifecircle/geo"
)

// Recover, deferred by a reader, turns a panic into an internal error (geo.EINTERNAL)
// naming the file, in *err. A panic is a bug of the reader or of a library it uses, never
// the file's fault alone, so it is not reported as bad input.
func Recover(file string, err *error) {
	if r := recover(); r != nil {
		*err = geo.Errorf(geo.EINTERNAL, "%s: internal error while reading the file (a bug; please report it with the file): %s",
			file, Echo(panicText(r), 200))
	}
}

func panicText(r any) string {
	switch v := r.(type) {
	case error:
		return v.Error()
	case string:
		return v
	}
	return "unexpected panic"
}
