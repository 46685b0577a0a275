package api

import (
	"context"
	"github.com/lifecircle/lifecircle/data"
	"io/fs"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/lifecircle/lifecircle/geo/standards"
	"github.com/lifecircle/lifecircle/postgis"
	"github.com/prometheus/client_golang/prometheus"
)

// Store is the database the server reads a region's district from and writes its
// imports and coverage to. *postgis.DB (scoped to a region with InRegion) is the
// production Store.
type Store interface {
	district.ImportStore
	district.ComputeStore
	district.StationStore
	Ping(ctx context.Context) error
}

// RegionLister is a Store that can list the regions it holds (*postgis.DB): the server
// loads the computed ones at start. A Store that cannot list holds its own region only.
type RegionLister interface {
	// Regions lists them with their rows counted (GET /api/v1/regions).
	Regions(ctx context.Context) ([]geo.RegionInfo, error)
	// KnownRegions lists them without row counts (what to load at start).
	KnownRegions(ctx context.Context) ([]geo.RegionInfo, error)
}

// RegionDeleter is a Store that can delete the rows of its region (*postgis.DB scoped
// with InRegion): DELETE /api/v1/regions/{region}.
type RegionDeleter interface {
	DeleteRegion(ctx context.Context) (map[string]int64, error)
}

// regional is a Store that says which region it is scoped to (*postgis.DB).
type regional interface {
	Region() geo.Region
}

// TileSource makes the base map's vector tiles (Mapbox Vector Tile bytes; none: an empty
// tile). *postgis.DB is one.
type TileSource interface {
	Tile(ctx context.Context, z, x, y int) ([]byte, error)
}

// Options configure a Server. Zero durations and sizes take the defaults noted.
type Options struct {
	Store Store // the home region's database (its Region(), else geo.DefaultRegion); nil: imports and compute answer 503, engines are set with SetEngine
	// StoreFor returns the database scoped to region r (db.InRegion(r)); nil: the server
	// holds Store's region only.
	StoreFor func(r geo.Region) Store
	// Collectors are extra Prometheus collectors served on /metrics (a job queue's
	// progress, for one).
	Collectors []prometheus.Collector
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

// Server answers lifecircle's HTTP API from in-memory engines, one per region, each
// swapped atomically when its recompute finishes. Its methods are safe for concurrent use.
type Server struct {
	opts    Options
	log     *slog.Logger
	echo    *echo.Echo
	home    geo.Region // Store's region: of SetEngine, Load, Recompute and writes that name none
	regions *regionTable
	metrics *metrics
	compute sync.Mutex // one recompute at a time
	tiles   *postgis.TileCache
	circles *data.CircleFile // nil: no circle file (no categories to check one with)
	// routePaths are the registered route patterns (metrics label routes by them); set
	// once by New.
	routePaths map[string]bool
	// queryParams are the query parameters each documented route takes (knownParams).
	queryParams map[string][]string
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
	m, err := newMetrics(o.Collectors)
	if err != nil {
		return nil, err
	}
	known, err := knownParams(openAPIDoc)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: o, log: o.Log, home: geo.DefaultRegion, regions: newRegionTable(), metrics: m, circles: circles, queryParams: known}
	if r, ok := o.Store.(regional); ok {
		s.home = r.Region()
	}
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

// Engine returns the engine answering for the home region (Store's, else
// geo.DefaultRegion), nil before its first load.
func (s *Server) Engine() *engine.Engine { return s.RegionEngine(s.home) }

// RegionEngine returns the engine answering for region r, nil while none is loaded.
func (s *Server) RegionEngine(r geo.Region) *engine.Engine {
	if en := s.regions.get(r); en != nil {
		return en.engine
	}
	return nil
}

// SetEngine makes e (computed, WGS84) the engine that answers for the home region from
// now on; requests under way finish on the engine they started with.
func (s *Server) SetEngine(e *engine.Engine) { s.SetRegionEngine(s.home, e) }

// SetRegionEngine makes e (computed, WGS84) the engine that answers for region r.
func (s *Server) SetRegionEngine(r geo.Region, e *engine.Engine) {
	s.regions.setEngine(r, e)
	s.metrics.engineLoaded.SetToCurrentTime()
	s.metrics.regionSet(r, e)
	s.metrics.countStates(s.regions.entries())
}

// setRegionState records a region's state (loading, failed, not computed).
func (s *Server) setRegionState(r geo.Region, st regionState, err string) {
	s.regions.setState(r, st, err)
	s.metrics.countStates(s.regions.entries())
}

// setRegionStateAt is setRegionState unless r was deleted since generation g.
func (s *Server) setRegionStateAt(r geo.Region, st regionState, err string, g uint64) {
	s.regions.setStateAt(r, st, err, g)
	s.metrics.countStates(s.regions.entries())
}

// storeFor returns region r's database, EUNAVAILABLE without one and EINVALID for a region
// this server cannot hold (no StoreFor).
func (s *Server) storeFor(r geo.Region) (Store, error) {
	if s.opts.Store == nil {
		return nil, apiErrorf(geo.EUNAVAILABLE, "this server runs without a database")
	}
	if r == s.home {
		return s.opts.Store, nil
	}
	if s.opts.StoreFor == nil {
		return nil, paramError("region", "this server holds region %q only", string(s.home))
	}
	return s.opts.StoreFor(r), nil
}
