package postgis

import (
	"container/list"
	"context"
	"sync"
	"time"

	"github.com/lifecircle/lifecircle/geo"
)

// DefaultTileCacheSize is the number of tiles a TileCache keeps when asked for 0.
const DefaultTileCacheSize = 4096

// tileFetchTimeout bounds one shared tile query: it runs on behalf of every caller
// waiting for that tile, so it is not tied to the first caller's context.
const tileFetchTimeout = 30 * time.Second

// TileSource makes vector tiles; *DB is one.
type TileSource interface {
	Tile(ctx context.Context, z, x, y int) ([]byte, error)
}

// TileCache keeps the most recently used vector tiles of a TileSource in memory, keyed by
// z/x/y. Concurrent requests for a tile not yet cached share one query; errors are not
// cached. Reset empties it (call it after an import changes what tiles show). Its methods
// are safe for concurrent use.
type TileCache struct {
	src TileSource
	max int

	mu       sync.Mutex
	gen      uint64                    // bumped by Reset; fetches of an older generation are not kept
	order    *list.List                // of *tileEntry, most recently used first
	entries  map[tileKey]*list.Element // cached tiles
	inflight map[tileKey]*tileFetch    // tiles being fetched
}

type tileKey struct{ z, x, y int }

type tileEntry struct {
	key  tileKey
	data []byte
}

// tileFetch is one query shared by every caller that asked for its tile meanwhile.
type tileFetch struct {
	done chan struct{}
	data []byte
	err  error
}

// NewTileCache returns a cache of up to maxTiles tiles (DefaultTileCacheSize when
// maxTiles ≤ 0) in front of src.
func NewTileCache(src TileSource, maxTiles int) *TileCache {
	if maxTiles <= 0 {
		maxTiles = DefaultTileCacheSize
	}
	return &TileCache{src: src, max: maxTiles, order: list.New(),
		entries: make(map[tileKey]*list.Element), inflight: make(map[tileKey]*tileFetch)}
}

// Get returns tile z/x/y (see DB.Tile for its content and the EINVALID errors), from
// memory when it is there. The bytes returned are shared: callers must not modify them.
// A cancelled ctx returns EUNAVAILABLE without stopping a query other callers wait for.
func (c *TileCache) Get(ctx context.Context, z, x, y int) ([]byte, error) {
	if err := checkTile(z, x, y); err != nil {
		return nil, err
	}
	k := tileKey{z, x, y}
	c.mu.Lock()
	if el, ok := c.entries[k]; ok {
		c.order.MoveToFront(el)
		data := el.Value.(*tileEntry).data
		c.mu.Unlock()
		return data, nil
	}
	f, ok := c.inflight[k]
	if !ok {
		f = &tileFetch{done: make(chan struct{})}
		c.inflight[k] = f
		go c.fetch(context.WithoutCancel(ctx), k, f, c.gen)
	}
	c.mu.Unlock()
	select {
	case <-f.done:
		return f.data, f.err
	case <-ctx.Done():
		return nil, geo.WrapError(geo.EUNAVAILABLE, ctx.Err(), "vector tile %d/%d/%d: cancelled", z, x, y)
	}
}

// fetch queries tile k for everyone waiting on f and keeps it unless the cache was reset
// meanwhile.
func (c *TileCache) fetch(ctx context.Context, k tileKey, f *tileFetch, gen uint64) {
	ctx, cancel := context.WithTimeout(ctx, tileFetchTimeout)
	defer cancel()
	f.data, f.err = c.src.Tile(ctx, k.z, k.x, k.y)
	c.mu.Lock()
	if c.inflight[k] == f {
		delete(c.inflight, k)
	}
	if f.err == nil && gen == c.gen {
		c.put(k, f.data)
	}
	c.mu.Unlock()
	close(f.done)
}

// put stores a tile, evicting the least recently used beyond max. c.mu must be held.
func (c *TileCache) put(k tileKey, data []byte) {
	if el, ok := c.entries[k]; ok {
		el.Value.(*tileEntry).data = data
		c.order.MoveToFront(el)
		return
	}
	c.entries[k] = c.order.PushFront(&tileEntry{key: k, data: data})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.entries, last.Value.(*tileEntry).key)
	}
}

// Reset forgets every cached tile; queries running now are not kept either.
func (c *TileCache) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.order.Init()
	clear(c.entries)
	clear(c.inflight)
}

// Len returns the number of tiles cached.
func (c *TileCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
