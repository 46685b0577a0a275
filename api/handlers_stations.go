package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/district"
)

// confirmBody is the body of POST /api/v1/stations/confirm.
type confirmBody struct {
	IDs []string `json:"ids"`
	All bool     `json:"all"`
}

// ConfirmAnswer is what POST /api/v1/stations/confirm did.
type ConfirmAnswer struct {
	Region    string `json:"region"` // the region whose stations were confirmed
	Confirmed int    `json:"confirmed"`
	Note      string `json:"note"`
}

// confirmStations answers POST /api/v1/stations/confirm: candidate stations, by id or
// all, become confirmed and count from the next compute on.
func (s *Server) confirmStations(c echo.Context) error {
	var body confirmBody
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	r, st, err := s.writeStore(c)
	if err != nil {
		return err
	}
	n, err := district.ConfirmStations(c.Request().Context(), st, body.IDs, body.All)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ConfirmAnswer{Region: string(r), Confirmed: n.Confirmed,
		Note: "confirmed; POST /api/v1/compute to count them in coverage"})
}
