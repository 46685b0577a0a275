package district

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// RegionStore lists the regions a store holds. *postgis.DB is one (whatever region it is
// scoped to: the list covers them all).
type RegionStore interface {
	// Regions lists them with their rows counted (a read of every table).
	Regions(ctx context.Context) ([]geo.RegionInfo, error)
	// KnownRegions lists them without the row counts: cheap enough for every command.
	KnownRegions(ctx context.Context) ([]geo.RegionInfo, error)
}

// RegionDeleter removes the rows of the region it is scoped to (Region) in one
// transaction, saying how many went from each table. *postgis.DB scoped with InRegion is
// one.
type RegionDeleter interface {
	RegionStore
	Region() geo.Region
	DeleteRegion(ctx context.Context) (map[string]int64, error)
}

// Regions lists the regions that hold rows, by region: their names, districts, rows, and
// whether and how many cells they were computed on.
func Regions(ctx context.Context, st RegionStore) ([]geo.RegionInfo, error) {
	rs, err := st.Regions(ctx)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(rs, func(a, b geo.RegionInfo) int { return strings.Compare(string(a.Region), string(b.Region)) })
	return rs, nil
}

// FindRegion returns the region r of the store's list; ENOTFOUND naming the regions it
// holds when r holds no rows.
func FindRegion(ctx context.Context, st RegionStore, r geo.Region) (geo.RegionInfo, error) {
	rs, err := Regions(ctx, st)
	return regionIn(rs, err, r)
}

// findKnownRegion is FindRegion from the cheap list (KnownRegions: no rows counted).
func findKnownRegion(ctx context.Context, st RegionStore, r geo.Region) (geo.RegionInfo, error) {
	rs, err := st.KnownRegions(ctx)
	return regionIn(rs, err, r)
}

// regionIn returns region r of the list rs (read with err); ENOTFOUND naming the regions
// there are when it is not among them.
func regionIn(rs []geo.RegionInfo, err error, r geo.Region) (geo.RegionInfo, error) {
	if err != nil {
		return geo.RegionInfo{}, err
	}
	for _, ri := range rs {
		if ri.Region == r {
			return ri, nil
		}
	}
	return geo.RegionInfo{}, geo.Errorf(geo.ENOTFOUND, "region %s holds no rows (%s)", r, RegionList(rs))
}

// TableRows is how many rows of one table a deletion removed.
type TableRows struct {
	Table string
	Rows  int64
}

// RegionDeletion is one region's deletion: what the region held before, and (Done) the
// rows removed per table, by table name.
type RegionDeletion struct {
	Info   geo.RegionInfo
	Done   bool // false: not confirmed, nothing deleted
	Tables []TableRows
	Rows   int64 // the rows removed over every table
}

// DeleteRegion removes every row of st's region in one transaction; every other region's
// rows stay as they were. A region that holds no rows is ENOTFOUND (naming the regions
// there are). Unless confirmed, nothing is deleted and the deletion (Done false) says what
// the region holds, for the caller to ask for confirmation.
func DeleteRegion(ctx context.Context, st RegionDeleter, confirmed bool) (*RegionDeletion, error) {
	find := FindRegion // what the region holds, rows counted, for the caller to confirm
	if confirmed {
		find = findKnownRegion // the deletion counts what it removes
	}
	info, err := find(ctx, st, st.Region())
	if err != nil {
		return nil, err
	}
	d := &RegionDeletion{Info: info}
	if !confirmed {
		return d, nil
	}
	rows, err := st.DeleteRegion(ctx)
	if err != nil {
		return nil, err
	}
	d.Done = true
	for t, n := range rows {
		d.Tables = append(d.Tables, TableRows{t, n})
		d.Rows += n
	}
	slices.SortFunc(d.Tables, func(a, b TableRows) int { return strings.Compare(a.Table, b.Table) })
	return d, nil
}

// RegionUse is what a command does with its region, which decides how a region left
// unnamed is chosen (ChooseRegion).
type RegionUse int

const (
	// ReadRegion reads or computes what the region holds (compute, check, report …).
	ReadRegion RegionUse = iota
	// FeedRegion changes what the region holds (imports, confirming stations).
	FeedRegion
)

// RegionChoice is the region a command works on.
type RegionChoice struct {
	Region geo.Region
	// Only: no region was named, the default region holds no rows, and this is the only
	// region the store holds, so a reading command works on it.
	Only bool
}

// ChooseRegion decides the region a command works on. A named region (named true) is
// used as it is — except that a reading command (ReadRegion) naming a region that holds
// no rows while others do is EINVALID listing them (a mistyped code would otherwise read
// as an empty region) — and so is r (geo.DefaultRegion) when it holds rows or the store holds no
// region at all. When r was not named, holds no rows and the store holds other regions,
// working on the empty default region would answer about nothing: a reading command
// (ReadRegion) takes the store's only region, and otherwise the choice is EINVALID,
// listing the regions the store holds.
func ChooseRegion(ctx context.Context, st RegionStore, r geo.Region, named bool, use RegionUse) (RegionChoice, error) {
	rs, err := st.KnownRegions(ctx)
	if err != nil {
		return RegionChoice{}, err
	}
	if named {
		if use == ReadRegion && len(rs) > 0 && !slices.ContainsFunc(rs, func(ri geo.RegionInfo) bool { return ri.Region == r }) {
			// a mistyped region would otherwise read as an empty one ("import an extract")
			return RegionChoice{}, geo.Errorf(geo.EINVALID, "region %s holds no rows; the database holds %s", r, RegionList(rs))
		}
		return RegionChoice{Region: r}, nil
	}
	if len(rs) == 0 || slices.ContainsFunc(rs, func(ri geo.RegionInfo) bool { return ri.Region == r }) {
		return RegionChoice{Region: r}, nil
	}
	if use == ReadRegion && len(rs) == 1 {
		return RegionChoice{Region: rs[0].Region, Only: true}, nil
	}
	what := "name the region to work on"
	if use == FeedRegion {
		what = fmt.Sprintf("name the region to change with --region (--region %s to start it)", r)
	}
	return RegionChoice{}, geo.Errorf(geo.EINVALID, "region %s holds no rows and the database holds %d other region(s): %s; %s",
		r, len(rs), RegionList(rs), what)
}

// RegionList names the regions for a message: "510104 锦江区 (1200 rows), 510105 青羊区
// (900 rows)", or "none".
func RegionList(rs []geo.RegionInfo) string {
	if len(rs) == 0 {
		return "the database holds no region"
	}
	parts := make([]string, len(rs))
	for i, ri := range rs {
		name := ""
		if ri.Name != "" && ri.Name != string(ri.Region) {
			name = " " + ri.Name
		}
		parts[i] = ri.Region.String() + name
		if ri.Rows > 0 { // a cheap listing (KnownRegions) counts no rows: none said rather than 0
			parts[i] += fmt.Sprintf(" (%d rows)", ri.Rows)
		}
	}
	return strings.Join(parts, ", ")
}
