package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/health"
	"github.com/lifecircle/lifecircle/importers"
)

// errorBody is the JSON of every error answer.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string       `json:"code"`
	Message string       `json:"message"`
	Rejects []rejectJSON `json:"rejects,omitempty"`
	// Findings are the data health check's findings behind a refused compute.
	Findings []findingJSON `json:"findings,omitempty"`
}

// rejectJSON is one bad record of an uploaded file.
type rejectJSON struct {
	File   string `json:"file"`
	Record int    `json:"record"`
	Line   int    `json:"line,omitempty"`
	Field  string `json:"field,omitempty"`
	Value  string `json:"value,omitempty"`
	Reason string `json:"reason"`
	Text   string `json:"text"`
}

func rejectsJSON(rs []importers.Reject) []rejectJSON {
	out := make([]rejectJSON, len(rs))
	for i, r := range rs {
		out[i] = rejectJSON{File: r.File, Record: r.Record, Line: r.Line, Field: r.Field, Value: r.Value, Reason: r.Reason, Text: r.String()}
	}
	return out
}

// rejectsError is an import refused because of bad records; the answer lists them.
type rejectsError struct {
	err     *geo.Error
	zh      string // the message in Chinese ("" : the English one); each reject stays English
	rejects []importers.Reject
}

func (e *rejectsError) Error() string { return e.err.Error() }
func (e *rejectsError) Unwrap() error { return e.err }

// Extra error codes for answers that are about the request itself rather than the domain.
const (
	codeUnauthorized = "unauthorized"
	codeForbidden    = "forbidden"
	codeTooLarge     = "too_large"
	codeNotAllowed   = "method_not_allowed"
)

// statusOf maps a geo error code to its HTTP status.
func statusOf(code geo.ErrorCode) int {
	switch code {
	case geo.EINVALID:
		return http.StatusBadRequest
	case geo.EUNPROCESSABLE:
		return http.StatusUnprocessableEntity
	case geo.ENOTFOUND:
		return http.StatusNotFound
	case geo.ECONFLICT:
		return http.StatusConflict
	case geo.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// httpErrorCode names echo's own errors (unknown route, wrong method, body too large …).
func httpErrorCode(status int) string {
	switch status {
	case http.StatusNotFound:
		return string(geo.ENOTFOUND)
	case http.StatusMethodNotAllowed:
		return codeNotAllowed
	case http.StatusRequestEntityTooLarge:
		return codeTooLarge
	case http.StatusUnauthorized:
		return codeUnauthorized
	case http.StatusForbidden:
		return codeForbidden
	case http.StatusServiceUnavailable:
		return string(geo.EUNAVAILABLE)
	case http.StatusConflict:
		return string(geo.ECONFLICT)
	case http.StatusUnprocessableEntity:
		return string(geo.EUNPROCESSABLE)
	}
	if status >= 500 {
		return string(geo.EINTERNAL)
	}
	return string(geo.EINVALID)
}

// describe turns any error a handler or middleware returns into a status and a body, its
// message in l (see zhFormat); limits is the size limits, already in l.
func describe(err error, limits string, l lang) (int, errorDetail) {
	var he *echo.HTTPError
	var re *rejectsError
	var le *localError
	var ge *geo.Error
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge, errorDetail{Code: codeTooLarge, Message: fmt.Sprintf(text(l, "request body too large (%s)"), limits)}
	case errors.As(err, &re):
		msg := re.err.Error()
		if l == langZH && re.zh != "" {
			msg = re.zh
		}
		return statusOf(re.err.Code), errorDetail{Code: string(re.err.Code), Message: msg, Rejects: rejectsJSON(re.rejects)}
	case district.RefusalOf(err) != nil:
		d := errorDetail{Code: string(geo.EUNPROCESSABLE), Message: err.Error(),
			Findings: diagnosticsOut(district.RefusalOf(err).Findings, health.Summary{}, "").Findings}
		return http.StatusUnprocessableEntity, d
	case errors.As(err, &ge) && ge.Code == geo.EINTERNAL:
		return http.StatusInternalServerError, errorDetail{Code: string(geo.EINTERNAL), Message: text(l, "internal error")}
	case errors.As(err, &le):
		return statusOf(le.err.Code), errorDetail{Code: string(le.err.Code), Message: le.message(l)}
	case errors.As(err, &ge):
		return statusOf(ge.Code), errorDetail{Code: string(ge.Code), Message: ge.Error()}
	case errors.As(err, &he):
		return he.Code, errorDetail{Code: httpErrorCode(he.Code), Message: httpErrorMessage(he, limits, l)}
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, errorDetail{Code: string(geo.EUNAVAILABLE), Message: text(l, "the request took too long and was stopped; narrow it (fewer sites, a smaller area) or try again")}
	case errors.Is(err, context.Canceled):
		return http.StatusServiceUnavailable, errorDetail{Code: string(geo.EUNAVAILABLE), Message: text(l, "the request was cancelled")}
	}
	return http.StatusInternalServerError, errorDetail{Code: string(geo.EINTERNAL), Message: text(l, "internal error")}
}

func httpErrorMessage(he *echo.HTTPError, limits string, l lang) string {
	switch he.Code {
	case http.StatusNotFound:
		return text(l, "no such endpoint (see /api/openapi.json or /api/docs)")
	case http.StatusMethodNotAllowed:
		return text(l, "method not allowed on this endpoint")
	case http.StatusRequestEntityTooLarge:
		return fmt.Sprintf(text(l, "request body too large (%s)"), limits)
	}
	if m, ok := he.Message.(string); ok && m != "" {
		return text(l, m)
	}
	return http.StatusText(he.Code)
}

// handleError is the server's echo.HTTPErrorHandler: every error becomes one JSON shape;
// internal errors are logged and answered with a generic message.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	l := requestLang(c.Request())
	status, detail := describe(err, fmt.Sprintf(text(l, "JSON bodies up to %d bytes, uploads up to %d bytes"), s.opts.MaxBodyBytes, s.opts.MaxUploadBytes), l)
	if status >= 500 && status != http.StatusServiceUnavailable {
		s.log.Error("request failed", slog.String("request_id", requestID(c)), slog.String("path", c.Request().URL.Path), slog.Any("error", err))
	}
	if status == http.StatusUnauthorized {
		c.Response().Header().Set("WWW-Authenticate", `Bearer realm="lifecircle"`)
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	if werr := writeJSON(c, status, errorBody{Error: detail}); werr != nil {
		s.log.Error("write error answer", slog.Any("error", werr))
	}
}

// isTooLarge reports whether err is a body over the size limit.
func isTooLarge(err error) bool {
	var mbe *http.MaxBytesError
	var he *echo.HTTPError
	return errors.As(err, &mbe) || (errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge)
}
