package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/geo/engine"
	"github.com/paulmach/orb"
)

// decodeJSON reads the request body as one JSON object into v, refusing unknown fields,
// wrong types, trailing data and bodies over the size limit, each with an error naming
// what is wrong.
func decodeJSON(c echo.Context, v any) error {
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return bodyError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if isTooLarge(err) {
			return err
		}
		return apiErrorf(geo.EINVALID, "body: unexpected data after the JSON object")
	}
	return nil
}

// bodyQuery reads what every POST answer of the planning tools takes, in this order
// (the first error wins): crs= (of the body's and the answer's coordinates), the JSON body
// as a B, the request build makes of it in sys, and the engine answering for the request's
// region (region=, else the region of the first point at finds in the request, else the
// only one; at may be nil).
func bodyQuery[B, R any](s *Server, c echo.Context, build func(B, crs.System) (R, error), at func(R) []orb.Point) (crs.System, R, *engine.Engine, error) {
	var req R
	sys, err := parseCRS(c.QueryParams())
	if err != nil {
		return sys, req, nil, err
	}
	var body B
	if err := decodeJSON(c, &body); err != nil {
		return sys, req, nil, err
	}
	if req, err = build(body, sys); err != nil {
		return sys, req, nil, err
	}
	var pts []orb.Point
	if at != nil {
		pts = at(req)
	}
	e, err := s.current(c, pts...)
	return sys, req, e, err
}

func bodyError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case isTooLarge(err):
		return err
	case errors.Is(err, io.EOF):
		return apiErrorf(geo.EINVALID, "body: empty; send a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return apiErrorf(geo.EINVALID, "body: malformed JSON (cut short)")
	case errors.As(err, &syn):
		return apiErrorf(geo.EINVALID, "body: malformed JSON at byte %d: %s", syn.Offset, syn.Error())
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return apiErrorf(geo.EINVALID, "body: must be a JSON object, not %s", typ.Value)
		}
		return paramError(field, "must be %s, not %s", typ.Type.String(), typ.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return paramError(name, "unknown field")
	}
	return apiErrorf(geo.EINVALID, "body: %s", err.Error())
}

// bodyPoints checks a list of [lon, lat] pairs in sys and returns them in WGS84.
func bodyPoints(name string, pairs [][]float64, sys crs.System, limit int) ([]orb.Point, error) {
	if len(pairs) > limit {
		return nil, paramError(name, "at most %d points", limit)
	}
	out := make([]orb.Point, len(pairs))
	for i, p := range pairs {
		at := fmt.Sprintf("%s[%d]", name, i)
		if len(p) != 2 {
			return nil, paramError(at, "write each point as [lon, lat]")
		}
		q, err := checkLonLat(orb.Point{p[0], p[1]}, at, at, sys)
		if err != nil {
			return nil, err
		}
		out[i] = q
	}
	return out, nil
}
