package geo

import (
	"errors"
	"fmt"
)

// ErrorCode classifies an error for callers: the API maps each code to one HTTP status
// and the CLI to one exit status.
type ErrorCode string

// The error codes. Only EINTERNAL errors are logged as faults; the others are the caller's
// to act on.
const (
	EINVALID       ErrorCode = "invalid"
	EUNPROCESSABLE ErrorCode = "unprocessable" // well-formed but not answerable, e.g. a point off the walk network
	ENOTFOUND      ErrorCode = "not_found"
	ECONFLICT      ErrorCode = "conflict"
	EUNAVAILABLE   ErrorCode = "unavailable"
	EINTERNAL      ErrorCode = "internal"
)

// Error is lifecircle's one error type: a code, a message meant for the person who made
// the request or supplied the file, and optionally the underlying cause.
type Error struct {
	Code    ErrorCode
	Message string
	Err     error
}

// Error implements error.
func (e *Error) Error() string {
	if e.Err != nil && e.Message == "" {
		return e.Err.Error()
	}
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// WrapError returns an *Error with the code and message that keeps err as its cause.
func WrapError(code ErrorCode, err error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// ErrorCodeOf returns the code of the first *Error in err's chain, EINTERNAL for any
// other non-nil error and "" for nil.
func ErrorCodeOf(err error) ErrorCode {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, or a generic
// message for other errors (whose text may hold internals not meant for callers).
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return "internal error"
}
