package raster

import (
	"context"
	"runtime"
	"sync"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
	"github.com/uber/h3-go/v4"
)

// minBandRows is the fewest rows worth a worker of their own.
const minBandRows = 64

// readBands reads the pixels in contiguous bands of rows, one per core, each with its own
// reader, splitter and cells, and adds the bands' cells and counts into f and cells. The
// split of a pixel does not depend on the others, so the bands give the same cells as one
// pass (up to the order of the additions).
func (f *File) readBands(ctx context.Context, b *band, loc locator, res int, latRef float64, cells map[h3.Cell]float64) error {
	workers := max(1, min(runtime.GOMAXPROCS(0), f.Height/minBandRows))
	parts := make([]File, workers)
	found := make([]map[h3.Cell]float64, workers)
	errs := make([]error, workers)
	keep := keepRows(res, f.PixelM)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r0, r1 := w*f.Height/workers, (w+1)*f.Height/workers
			parts[w] = File{Name: f.Name, Width: f.Width, NoData: f.NoData, Type: f.Type}
			found[w] = map[h3.Cell]float64{}
			sp := newSplitter(res, latRef, found[w])
			errs[w] = parts[w].readRows(ctx, b, loc, sp, r0, r1, keep)
			sp.flush()
			parts[w].Split = sp.split
		}()
	}
	wg.Wait()
	for w, p := range parts {
		if errs[w] != nil {
			return errs[w]
		}
		f.Pixels, f.NoDataPixels, f.Negative, f.Zero = f.Pixels+p.Pixels, f.NoDataPixels+p.NoDataPixels, f.Negative+p.Negative, f.Zero+p.Zero
		f.Total, f.Split = f.Total+p.Total, f.Split+p.Split
		for c, v := range found[w] {
			cells[c] += v
		}
	}
	return nil
}

// readRows reads the rows [r0, r1) and hands each positive count to the splitter.
func (f *File) readRows(ctx context.Context, b *band, loc locator, sp *splitter, r0, r1, keep int) error {
	px, err := b.open(f.Name, r0)
	if err != nil {
		return err
	}
	defer px.close()
	vals := make([]float64, f.Width)
	top, bottom := make([]orb.Point, f.Width+1), make([]orb.Point, f.Width+1)
	for c := range top {
		top[c] = sp.frame(loc.at(float64(c), float64(r0)))
	}
	for r := r0; r < r1; r++ {
		if r%64 == 0 && ctx.Err() != nil {
			return geo.WrapError(geo.EUNAVAILABLE, ctx.Err(), "%s: cancelled", f.Name)
		}
		if err := px.next(vals); err != nil {
			return geo.WrapError(geo.EINVALID, err, "%s: row %d of the pixels cannot be read", f.Name, r+1)
		}
		for c := range bottom {
			bottom[c] = sp.frame(loc.at(float64(c), float64(r+1)))
		}
		sp.row = r
		f.addRow(sp, vals, top, bottom)
		top, bottom = bottom, top
		if r%keep == 0 {
			sp.evict(keep)
		}
	}
	return nil
}

// addRow counts one row's pixels and hands each positive one, with its corners, to sp.
func (f *File) addRow(sp *splitter, vals []float64, top, bottom []orb.Point) {
	for c, v := range vals {
		f.Pixels++
		switch {
		case isNoData(v, f.NoData, f.Type):
			f.NoDataPixels++
		case v < 0:
			f.Negative++
		case v == 0:
			f.Zero++
		default:
			f.Total += v
			sp.add([4]orb.Point{top[c], top[c+1], bottom[c+1], bottom[c]}, v)
		}
	}
}
