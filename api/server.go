package api

import (
	"context"
	"github.com/lifecircle/lifecircle/data"
	"io/fs"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
	"github.com/lifecircle/lifecircle/postgis"
)

// Store is the database the server reads the district from and writes imports and
// coverage to. *postgis.DB is the production Store.
type Store interface {
	district.ImportStore
	district.ComputeStore
	district.StationStore
	Ping(ctx context.Context) error
}

// TileSource makes the base map's vector tiles (Mapbox Vector Tile bytes; none: an empty
// tile). *postgis.DB is one.
type TileSource interface {
	Tile(ctx context.Context, z, x, y int) ([]byte, error)
}

// Options configure a Server. Zero durations and sizes take the defaults noted.
type Options struct {
	Store      Store            // nil: imports and compute answer 503, the engine must be set with SetEngine
	Engine     engine.Options   // model parameters for loads and recomputes
	Categories *geo.Categories  // resolves category=… by key, Chinese or English name; nil: keys only
	Standards  *standards.Rules // rules for /api/v1/standards; nil: that endpoint answers 503
	Circles    *data.CircleFile // named service circles for circle=…; nil: the bundled data/circles.json
	Token      string           // bearer token of the write endpoints; "": they are off (403)
	CORS       []string         // allowed origins ("*" for any); none: no CORS headers
	Log        *slog.Logger     // nil: discard
	AccessLog  *slog.Logger     // one line per request; nil: Log
	Assets     fs.FS            // the web map served at / (web.Assets()); nil: no map
	Tiles      TileSource       // base-map vector tiles at /tiles/{z}/{x}/{y}.mvt, cached; nil: none

	RequestTimeout time.Duration // per request (default 30 s)
	PlanTimeout    time.Duration // POST /plan/sites and /scenarios (default 60 s)
	ComputeTimeout time.Duration // POST /compute (default 30 min)
	MaxBodyBytes   int64         // JSON bodies (default 1 MB)
	MaxUploadBytes int64         // multipart uploads (default 50 MB)
}

func (o Options) withDefaults() Options {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.AccessLog == nil {
		o.AccessLog = o.Log
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = 30 * time.Second
	}
	if o.PlanTimeout <= 0 {
		o.PlanTimeout = 60 * time.Second
	}
	if o.ComputeTimeout <= 0 {
		o.ComputeTimeout = 30 * time.Minute
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 1 << 20
	}
	if o.MaxUploadBytes <= 0 {
		o.MaxUploadBytes = 50 << 20
	}
	return o
}

// Server answers lifecircle's HTTP API from an in-memory engine, swapped atomically when a
// recompute finishes. Its methods are safe for concurrent use.
type Server struct {
	opts    Options
	log     *slog.Logger
	echo    *echo.Echo
	engine  atomic.Pointer[engine.Engine]
	metrics *metrics
	compute sync.Mutex // one recompute at a time
	tiles   *postgis.TileCache
	circles *data.CircleFile // nil: no circle file (no categories to check one with)
	// routePaths are the registered route patterns (metrics label routes by them); set
	// once by New.
	routePaths map[string]bool
}

// New builds a server; it answers 503 on the engine's endpoints until Load or SetEngine.
func New(o Options) (*Server, error) {
	o = o.withDefaults()
	if err := o.Engine.Validate(); err != nil {
		return nil, err
	}
	circles, err := circleFile(o)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: o, log: o.Log, metrics: newMetrics(), circles: circles}
	if o.Tiles != nil {
		s.tiles = postgis.NewTileCache(o.Tiles, postgis.DefaultTileCacheSize)
	}
	s.echo = s.routes()
	return s, nil
}

// Handler returns the HTTP handler of every endpoint. Coordinates in requests and answers
// are (lon, lat) degrees of each request's crs= (WGS84 by default); times are minutes,
// lengths metres, areas m².
func (s *Server) Handler() http.Handler { return s.echo }

// Engine returns the engine currently answering, nil before the first load.
func (s *Server) Engine() *engine.Engine { return s.engine.Load() }

// SetEngine makes e (computed, WGS84) the engine that answers from now on; requests under
// way finish on the engine they started with.
func (s *Server) SetEngine(e *engine.Engine) {
	s.engine.Store(e)
	s.metrics.engineLoaded.SetToCurrentTime()
}

// current returns the engine, or EUNAVAILABLE while none is loaded yet.
func (s *Server) current() (*engine.Engine, error) {
	e := s.engine.Load()
	if e == nil {
		return nil, apiErrorf(geo.EUNAVAILABLE, "the district is still loading; try again in a moment (see /readyz)")
	}
	return e, nil
}

// store returns the database, or EUNAVAILABLE when the server runs without one.
func (s *Server) store() (Store, error) {
	if s.opts.Store == nil {
		return nil, apiErrorf(geo.EUNAVAILABLE, "this server runs without a database")
	}
	return s.opts.Store, nil
}
