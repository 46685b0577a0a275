package postgis_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/postgis"
)

// countingSource makes a tile naming its z/x/y and the call number, counting calls per tile;
// tiles with z = failZoom fail, and while gate is non-nil every call waits for it.
type countingSource struct {
	mu       sync.Mutex
	calls    map[string]int
	total    atomic.Int64
	blocked  atomic.Int64 // calls that reached the gate
	gate     chan struct{}
	failZoom int
}

func newCountingSource() *countingSource {
	return &countingSource{calls: map[string]int{}, failZoom: -1}
}

func (s *countingSource) Tile(ctx context.Context, z, x, y int) ([]byte, error) {
	if s.gate != nil {
		s.blocked.Add(1)
		<-s.gate
	}
	n := s.total.Add(1)
	key := fmt.Sprintf("%d/%d/%d", z, x, y)
	s.mu.Lock()
	s.calls[key]++
	s.mu.Unlock()
	if z == s.failZoom {
		return nil, geo.Errorf(geo.EUNAVAILABLE, "database down")
	}
	return []byte(fmt.Sprintf("%s#%d", key, n)), nil
}

// gatedSource is a countingSource whose calls wait at its gate until release, which may
// be called more than once and is called when the test ends.
func gatedSource(tb testing.TB) (src *countingSource, release func()) {
	src = newCountingSource()
	src.gate = make(chan struct{})
	var open sync.Once
	release = func() { open.Do(func() { close(src.gate) }) }
	tb.Cleanup(release)
	return src, release
}

// waiting returns how many calls have reached the gate.
func (s *countingSource) waiting() int { return int(s.blocked.Load()) }

func (s *countingSource) callsFor(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[key]
}

func getTile(tb testing.TB, c *postgis.TileCache, z, x, y int) string {
	tb.Helper()
	b, err := c.Get(context.Background(), z, x, y)
	if err != nil {
		tb.Fatalf("Get %d/%d/%d: %v", z, x, y, err)
	}
	return string(b)
}

func TestTileCacheKeepsRecentTiles(t *testing.T) {
	tests := []struct {
		name      string
		gets      [][3]int // in order
		max       int
		wantCalls map[string]int // source calls per tile after the gets
	}{
		{"repeat is a hit", [][3]int{{1, 0, 0}, {1, 0, 0}, {1, 0, 0}}, 2, map[string]int{"1/0/0": 1}},
		{"distinct keys by z, x and y", [][3]int{{1, 0, 1}, {1, 1, 0}, {2, 0, 1}, {1, 0, 1}}, 8,
			map[string]int{"1/0/1": 1, "1/1/0": 1, "2/0/1": 1}},
		{"least recently used is evicted", [][3]int{{1, 0, 0}, {1, 1, 0}, {1, 0, 0}, {1, 1, 1}, {1, 0, 0}, {1, 1, 0}}, 2,
			map[string]int{"1/0/0": 1, "1/1/0": 2, "1/1/1": 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := newCountingSource()
			c := postgis.NewTileCache(src, tc.max)
			for _, g := range tc.gets {
				got := getTile(t, c, g[0], g[1], g[2])
				if want := fmt.Sprintf("%d/%d/%d#", g[0], g[1], g[2]); got[:len(want)] != want {
					t.Fatalf("Get %v = %q", g, got)
				}
			}
			for k, want := range tc.wantCalls {
				if n := src.callsFor(k); n != want {
					t.Errorf("source calls for %s = %d, want %d", k, n, want)
				}
			}
			if c.Len() > tc.max {
				t.Errorf("Len %d beyond max %d", c.Len(), tc.max)
			}
		})
	}
}

func TestTileCacheReset(t *testing.T) {
	src := newCountingSource()
	c := postgis.NewTileCache(src, 0)
	first := getTile(t, c, 3, 1, 2)
	if getTile(t, c, 3, 1, 2) != first {
		t.Fatal("second Get was not served from the cache")
	}
	c.Reset()
	if c.Len() != 0 {
		t.Fatalf("Len after Reset = %d", c.Len())
	}
	if again := getTile(t, c, 3, 1, 2); again == first || src.callsFor("3/1/2") != 2 {
		t.Errorf("after Reset got %q (calls %d); want a fresh tile", again, src.callsFor("3/1/2"))
	}
}

func TestTileCacheSharesOneQuery(t *testing.T) {
	src, release := gatedSource(t)
	c := postgis.NewTileCache(src, 0)
	const callers = 8
	var wg sync.WaitGroup
	got := make([]string, callers)
	errs := make([]error, callers)
	for i := range callers {
		wg.Go(func() {
			b, err := c.Get(context.Background(), 5, 3, 4)
			got[i], errs[i] = string(b), err
		})
	}
	time.Sleep(50 * time.Millisecond) // let every caller reach the cache before the query ends
	release()
	wg.Wait()
	if n := src.callsFor("5/3/4"); n != 1 {
		t.Errorf("source called %d times for one tile, want 1", n)
	}
	for i := range got {
		if errs[i] != nil || got[i] != got[0] {
			t.Errorf("caller %d got %q (%v), caller 0 %q", i, got[i], errs[i], got[0])
		}
	}
}

func TestTileCacheErrors(t *testing.T) {
	src := newCountingSource()
	src.failZoom = 4
	c := postgis.NewTileCache(src, 0)
	for range 2 {
		if _, err := c.Get(context.Background(), 4, 0, 0); geo.ErrorCodeOf(err) != geo.EUNAVAILABLE {
			t.Fatalf("error %v, want the source's EUNAVAILABLE", err)
		}
	}
	if n := src.callsFor("4/0/0"); n != 2 {
		t.Errorf("failed tile queried %d times, want 2 (errors are not cached)", n)
	}
	if _, err := c.Get(context.Background(), 2, 4, 0); geo.ErrorCodeOf(err) != geo.EINVALID {
		t.Errorf("x beyond the zoom: error %v, want EINVALID", err)
	}
	if src.total.Load() != 2 {
		t.Errorf("an invalid tile reached the source")
	}
}

func TestTileCacheCancelledCaller(t *testing.T) {
	src, release := gatedSource(t)
	c := postgis.NewTileCache(src, 0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Get(ctx, 6, 1, 1)
	if geo.ErrorCodeOf(err) != geo.EUNAVAILABLE || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Get: %v, want EUNAVAILABLE wrapping context.Canceled", err)
	}
	release() // the shared query still finishes and is kept for the next caller
	if got := getTile(t, c, 6, 1, 1); src.callsFor("6/1/1") != 1 {
		t.Errorf("got %q after %d queries, want the first query's tile", got, src.callsFor("6/1/1"))
	}
}

// TestTileCacheResetDuringQuery checks that a query running when the cache is reset is
// not kept, and that callers after the Reset do not wait for it but query again.
func TestTileCacheResetDuringQuery(t *testing.T) {
	src, release := gatedSource(t)
	c := postgis.NewTileCache(src, 0)
	var wg sync.WaitGroup
	var before, after string
	wg.Go(func() { before = getTile(t, c, 7, 2, 3) })
	waitForQueries(t, src, 1)
	c.Reset()
	wg.Go(func() { after = getTile(t, c, 7, 2, 3) })
	waitForQueries(t, src, 2) // the caller after the Reset does not join the running query
	release()
	wg.Wait()
	if n := src.callsFor("7/2/3"); n != 2 || before == after {
		t.Fatalf("%d queries, tiles %q before and %q after the Reset; want 2 distinct queries", n, before, after)
	}
	if got := getTile(t, c, 7, 2, 3); got != after || src.callsFor("7/2/3") != 2 {
		t.Errorf("cached %q after %d queries, want the tile queried after the Reset, %q", got, src.callsFor("7/2/3"), after)
	}
}

// waitForQueries waits up to 5 s until n source calls have reached the gate.
func waitForQueries(tb testing.TB, src *countingSource, n int) {
	tb.Helper()
	for deadline := time.Now().Add(5 * time.Second); src.waiting() < n; {
		if time.Now().After(deadline) {
			tb.Fatalf("%d source queries started, want %d", src.waiting(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestTileCacheResetDropsRunningQuery checks that a tile whose query was running when the
// cache was reset is answered to its caller but not kept.
func TestTileCacheResetDropsRunningQuery(t *testing.T) {
	src, release := gatedSource(t)
	c := postgis.NewTileCache(src, 0)
	var wg sync.WaitGroup
	var got string
	wg.Go(func() { got = getTile(t, c, 8, 5, 5) })
	waitForQueries(t, src, 1)
	c.Reset()
	release()
	wg.Wait()
	if got == "" || c.Len() != 0 {
		t.Fatalf("caller got %q; %d tiles kept after the Reset, want 0", got, c.Len())
	}
	if again := getTile(t, c, 8, 5, 5); again == got || src.callsFor("8/5/5") != 2 {
		t.Errorf("next Get %q after %d queries, want a new query", again, src.callsFor("8/5/5"))
	}
}
