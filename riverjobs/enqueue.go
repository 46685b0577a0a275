package riverjobs

import (
	"bufio"
	"context"
	"io"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/riverqueue/river"
)

// Enqueued says what Enqueue did: jobs inserted, and regions skipped because the run
// already holds a job for them (unique by run and region).
type Enqueued struct {
	Run      string
	Inserted int
	Skipped  []geo.Region
}

// Enqueue inserts one job per region for run in one transaction (River's InsertMany);
// maxAttempts (≥ 1) bounds how often a failing region is tried before it is discarded.
func (e *Engine) Enqueue(ctx context.Context, run string, regions []geo.Region, maxAttempts int) (Enqueued, error) {
	out := Enqueued{Run: run}
	if run == "" || len(run) > 100 {
		return out, geo.Errorf(geo.EINVALID, "run name %q: want 1–100 characters", run)
	}
	if maxAttempts < 1 {
		return out, geo.Errorf(geo.EINVALID, "max attempts %d: want at least 1", maxAttempts)
	}
	params := make([]river.InsertManyParams, len(regions))
	for i, r := range regions {
		args := RegionArgs{Run: run, Region: string(r)}
		opts := args.InsertOpts()
		opts.MaxAttempts = maxAttempts
		params[i] = river.InsertManyParams{Args: args, InsertOpts: &opts}
	}
	if len(params) == 0 {
		return out, nil
	}
	res, err := e.client.InsertMany(ctx, params)
	if err != nil {
		return out, geo.WrapError(geo.EUNAVAILABLE, err, "enqueue %d region jobs", len(params))
	}
	for i, r := range res {
		if r.UniqueSkippedAsDuplicate {
			out.Skipped = append(out.Skipped, regions[i])
		} else {
			out.Inserted++
		}
	}
	return out, nil
}

// ReadRegions reads a region list: one region a line (geo.ParseRegion), blank lines and
// lines starting with # skipped, text after # dropped. A bad line is an EINVALID error
// naming name and the line; a region listed twice is an error too (it would be one job).
func ReadRegions(r io.Reader, name string) ([]geo.Region, error) {
	var out []geo.Region
	seen := map[geo.Region]int{}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text, _, _ := strings.Cut(sc.Text(), "#")
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		reg, err := geo.ParseRegion(text)
		if err != nil {
			return nil, geo.WrapError(geo.EINVALID, err, "%s:%d", name, line)
		}
		if first, dup := seen[reg]; dup {
			return nil, geo.Errorf(geo.EINVALID, "%s:%d: region %s is listed already on line %d", name, line, reg, first)
		}
		seen[reg] = line
		out = append(out, reg)
	}
	if err := sc.Err(); err != nil {
		return nil, geo.WrapError(geo.EINVALID, err, "read %s", name)
	}
	if len(out) == 0 {
		return nil, geo.Errorf(geo.EINVALID, "%s lists no region", name)
	}
	return out, nil
}

// AllRegions lists every region the database holds (postgis Regions), for run --regions all.
func AllRegions(ctx context.Context, db *postgis.DB) ([]geo.Region, error) {
	infos, err := db.Regions(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]geo.Region, len(infos))
	for i, in := range infos {
		out[i] = in.Region
	}
	if len(out) == 0 {
		return nil, geo.Errorf(geo.ENOTFOUND, "the database holds no region: import one first")
	}
	return out, nil
}
