package api

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// requireToken guards the write endpoints: they are off (403) without a configured token,
// and need "Authorization: Bearer <token>" (401 otherwise) when one is set.
func (s *Server) requireToken(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.opts.Token == "" {
			return echo.NewHTTPError(http.StatusForbidden, "write endpoints are off: start the server with --token or LIFECIRCLE_TOKEN to enable imports, compute and deleting regions")
		}
		h := c.Request().Header.Get(echo.HeaderAuthorization)
		scheme, token, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			return echo.NewHTTPError(http.StatusUnauthorized, "send the write token as Authorization: Bearer <token>")
		}
		if subtle.ConstantTimeCompare([]byte(strings.TrimSpace(token)), []byte(s.opts.Token)) != 1 {
			return echo.NewHTTPError(http.StatusUnauthorized, "the write token is wrong")
		}
		return next(c)
	}
}
