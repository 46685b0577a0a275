package geo

import "time"

// SourceCount is how many rows of one kind the store holds from one source ("file",
// "osm", "derived" …; "" for the tables without a source column).
type SourceCount struct {
	Kind   string // the table: communities, streets, stations …
	Source string
	Rows   int64
}

// LastImport is the newest committed import of one kind.
type LastImport struct {
	Kind     string
	FileName string
	At       time.Time // when it finished (or started, when not recorded)
	Read     int
	Inserted int
	Updated  int
	Deleted  int
}

// LastRun is the newest compute run's record.
type LastRun struct {
	ID            int64
	Started       time.Time
	Finished      time.Time
	Resolution    int
	SpeedKmh      float64
	MaxMinutes    float64
	ThresholdsMin []int32
	Cells         int
}

// StoreStatus is what the store holds: rows per kind and source, the last import of each
// kind and the last compute run (nil: never computed).
type StoreStatus struct {
	Counts  []SourceCount
	Imports []LastImport
	Run     *LastRun
	// Server notes settings of the database server that work against lifecircle (each a
	// sentence saying what to do), none when all is well.
	Server []string
}

// CoverageStale reports whether the last compute is older than the newest import (or
// there is none while something was imported): its coverage does not show the data.
func (s StoreStatus) CoverageStale() bool {
	if len(s.Imports) == 0 {
		return false
	}
	if s.Run == nil {
		return true
	}
	for _, im := range s.Imports {
		if im.At.After(s.Run.Started) {
			return true
		}
	}
	return false
}
