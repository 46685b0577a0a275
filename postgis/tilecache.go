package postgis

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"

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
// z/x/y (an LRU of github.com/hashicorp/golang-lru). Concurrent requests for a tile not
// yet cached share one query (golang.org/x/sync/singleflight); errors are not cached.
// Reset empties it (call it after an import changes what tiles show). Its methods are
// safe for concurrent use.
type TileCache struct {
	src    TileSource
	tiles  *lru.Cache[tileKey, []byte]
	flight singleflight.Group

	mu  sync.Mutex    // orders Reset against keeping a fetched tile
	gen atomic.Uint64 // bumped by Reset; fetches of an older generation are not kept
}

type tileKey struct{ z, x, y int }

// NewTileCache returns a cache of up to maxTiles tiles (DefaultTileCacheSize when
// maxTiles ≤ 0) in front of src.
func NewTileCache(src TileSource, maxTiles int) *TileCache {
	if maxTiles <= 0 {
		maxTiles = DefaultTileCacheSize
	}
	tiles, _ := lru.New[tileKey, []byte](maxTiles) // fails only for a size ≤ 0
	return &TileCache{src: src, tiles: tiles}
}

// Get returns tile z/x/y (see DB.Tile for its content and the EINVALID errors), from
// memory when it is there. The bytes returned are shared: callers must not modify them.
// A cancelled ctx returns EUNAVAILABLE without stopping a query other callers wait for.
func (c *TileCache) Get(ctx context.Context, z, x, y int) ([]byte, error) {
	if err := checkTile(z, x, y); err != nil {
		return nil, err
	}
	k := tileKey{z, x, y}
	if data, ok := c.tiles.Get(k); ok {
		return data, nil
	}
	gen := c.gen.Load()
	shared := context.WithoutCancel(ctx)
	ch := c.flight.DoChan(flightKey(gen, k), func() (any, error) {
		return c.fetch(shared, k, gen)
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		return r.Val.([]byte), nil
	case <-ctx.Done():
		return nil, geo.WrapError(geo.EUNAVAILABLE, ctx.Err(), "vector tile %d/%d/%d: cancelled", z, x, y)
	}
}

// fetch queries tile k for everyone waiting on it and keeps it unless the cache was reset
// since generation gen.
func (c *TileCache) fetch(ctx context.Context, k tileKey, gen uint64) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, tileFetchTimeout)
	defer cancel()
	data, err := c.src.Tile(ctx, k.z, k.x, k.y)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.gen.Load() == gen {
		c.tiles.Add(k, data)
	}
	c.mu.Unlock()
	return data, nil
}

// flightKey names the shared query of tile k in generation gen, so that callers after a
// Reset start a query of their own.
func flightKey(gen uint64, k tileKey) string {
	b := strconv.AppendUint(nil, gen, 10)
	for _, v := range [3]int{k.z, k.x, k.y} {
		b = strconv.AppendInt(append(b, '/'), int64(v), 10)
	}
	return string(b)
}

// Reset forgets every cached tile; queries running now are not kept either.
func (c *TileCache) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen.Add(1)
	c.tiles.Purge()
}

// Len returns the number of tiles cached.
func (c *TileCache) Len() int { return c.tiles.Len() }
