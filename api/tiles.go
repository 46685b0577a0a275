package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo"
)

// tile answers GET /tiles/{z}/{x}/{y}.mvt: the base map (roads by class, residential land,
// community boundaries) as a Mapbox vector tile; 204 for a tile with nothing in it.
func (s *Server) tile(c echo.Context) error {
	z, err := tileParam(c.Param("z"), "z")
	if err != nil {
		return err
	}
	x, err := tileParam(c.Param("x"), "x")
	if err != nil {
		return err
	}
	ys, ok := strings.CutSuffix(c.Param("y"), ".mvt")
	if !ok {
		return paramError("y", "tiles are {z}/{x}/{y}.mvt")
	}
	y, err := tileParam(ys, "y")
	if err != nil {
		return err
	}
	b, err := s.tiles.Get(c.Request().Context(), z, x, y)
	if geo.ErrorCodeOf(err) == geo.EUNAVAILABLE {
		// The driver's message names the connection (user, database, port): logged only.
		s.log.Warn("tile: database unavailable", "z", z, "x", x, "y", y, "error", geo.ErrorMessage(err))
		return geo.Errorf(geo.EUNAVAILABLE, "the database does not answer: base-map tiles cannot be drawn now")
	}
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "public, max-age=300")
	if len(b) == 0 {
		return c.NoContent(http.StatusNoContent)
	}
	return c.Blob(http.StatusOK, "application/vnd.mapbox-vector-tile", b)
}

func tileParam(v, name string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, paramError(name, "tile %s %q is not a whole number", name, v)
	}
	return n, nil
}

// resetTiles drops cached tiles after the data under them changed.
func (s *Server) resetTiles() {
	if s.tiles != nil {
		s.tiles.Reset()
	}
}
