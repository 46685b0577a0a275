package api

import (
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"
)

// contentSecurityPolicy allows what the embedded map needs and nothing else: its script,
// styles and tiles from this origin, MapLibre's worker (a same-origin module, or a blob:
// URL in older browsers), data: and blob: images, and the docs page's inline <style>.
// No framing (frame-ancestors 'none', with X-Frame-Options for older browsers).
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; worker-src 'self' blob:; child-src 'self' blob:; connect-src 'self'; " +
	"font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the Content-Security-Policy, X-Content-Type-Options: nosniff and
// X-Frame-Options: DENY on every answer.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		return next(c)
	}
}

// requireJSON refuses a body whose Content-Type is not application/json (or +json) with
// 415 and the JSON error answer, before the body is read.
func requireJSON(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ct := c.Request().Header.Get(echo.HeaderContentType)
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != echo.MIMEApplicationJSON && !isJSONSuffix(mt)) {
			if ct == "" {
				ct = "none"
			}
			return echo.NewHTTPError(http.StatusUnsupportedMediaType,
				"the body must be JSON: send Content-Type: application/json (got "+ct+")")
		}
		return next(c)
	}
}

func isJSONSuffix(mt string) bool {
	return len(mt) > 5 && mt[len(mt)-5:] == "+json"
}
