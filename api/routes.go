package api

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// routes builds the echo instance: middleware, every endpoint and the error handler.
func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	e.Use(middleware.RequestID(), s.observe, securityHeaders, middleware.Gzip())
	if len(s.opts.CORS) > 0 {
		e.Use(middleware.CORSWithConfig(middleware.CORSConfig{AllowOrigins: s.opts.CORS,
			AllowHeaders: []string{echo.HeaderAuthorization, echo.HeaderContentType}, ExposeHeaders: []string{echo.HeaderXRequestID, HeaderRegion, HeaderRegionNote}}))
	}
	e.Use(s.answerErrors, middleware.RecoverWithConfig(middleware.RecoverConfig{
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			s.log.Error("panic", slog.String("request_id", requestID(c)), slog.Any("error", err), slog.String("stack", string(stack)))
			return err
		}}), s.rejectUnknownParams)

	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", s.metricsHandler())
	e.GET("/api/openapi.json", s.openAPI)
	e.GET("/api/docs", s.docs)

	std := []echo.MiddlewareFunc{s.timeout(s.opts.RequestTimeout), s.bodyLimit(s.opts.MaxBodyBytes)}
	long := []echo.MiddlewareFunc{s.timeout(s.opts.PlanTimeout), s.bodyLimit(s.opts.MaxBodyBytes)}
	v1 := e.Group("/api/v1")
	v1.GET("/nearest", s.nearest, std...)
	v1.GET("/route", s.route, std...)
	v1.GET("/isochrone", s.isochrone, std...)
	v1.GET("/coverage", s.coverage, std...)
	v1.GET("/coverage/cells", s.coverageCells, std...)
	v1.GET("/gaps", s.gaps, std...)
	v1.GET("/supply", s.supply, std...)
	v1.GET("/supply/cells", s.supplyCells, std...)
	v1.GET("/circles", s.circlesList, std...)
	v1.GET("/network", s.network, std...)
	v1.GET("/standards", s.standards, std...)
	v1.GET("/diagnostics", s.diagnostics, std...)
	v1.GET("/stations", s.stations, std...)
	v1.GET("/outlets", s.outlets, std...)
	v1.GET("/communities", s.communities, std...)
	v1.GET("/grids", s.grids, std...)
	v1.GET("/regions", s.regionsList, std...)
	json := append([]echo.MiddlewareFunc{requireJSON}, long...)
	v1.POST("/plan/sites", s.planSites, json...)
	v1.POST("/scenarios", s.scenarios, json...)
	v1.POST("/plan/shared-centres", s.sharedCentres, json...)
	v1.POST("/imports/:kind", s.importFile, s.requireToken, s.timeout(s.opts.RequestTimeout*4), s.bodyLimit(s.opts.MaxUploadBytes))
	v1.POST("/stations/confirm", s.confirmStations, s.requireToken, s.timeout(s.opts.RequestTimeout), s.bodyLimit(s.opts.MaxBodyBytes))
	v1.POST("/compute", s.recompute, s.requireToken, s.timeout(s.opts.ComputeTimeout), s.bodyLimit(s.opts.MaxBodyBytes))
	v1.DELETE("/regions/:region", s.deleteRegion, s.requireToken, s.timeout(s.opts.ComputeTimeout), s.bodyLimit(s.opts.MaxBodyBytes))
	if s.tiles != nil {
		e.GET("/tiles/:z/:x/:y", s.tile, std...)
	}
	if s.opts.Assets != nil {
		e.StaticFS("/", s.opts.Assets)
	}
	s.routePaths = map[string]bool{}
	for _, r := range e.Routes() {
		if r.Method != echo.RouteNotFound {
			s.routePaths[r.Path] = true
		}
	}
	return e
}

// timeout gives each request a context that ends after d.
func (s *Server) timeout(d time.Duration) echo.MiddlewareFunc {
	return middleware.ContextTimeoutWithConfig(middleware.ContextTimeoutConfig{Timeout: d,
		ErrorHandler: func(err error, _ echo.Context) error { return err }})
}

// bodyLimit refuses bodies over n bytes with 413: at once when Content-Length says so,
// else when reading passes the limit (http.MaxBytesError, mapped by describe).
func (s *Server) bodyLimit(n int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			if req.ContentLength > n {
				return echo.ErrStatusRequestEntityTooLarge
			}
			req.Body = http.MaxBytesReader(c.Response(), req.Body, n)
			return next(c)
		}
	}
}

// answerErrors turns a handler's error into the JSON error answer right away, so the
// middleware around it (gzip, metrics, logs) sees the final status.
func (s *Server) answerErrors(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := next(c); err != nil {
			c.Set(ctxErrorKey, err)
			c.Error(err)
		}
		return nil
	}
}

const ctxErrorKey = "lifecircle.error"
