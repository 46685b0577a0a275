package api

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"golang.org/x/text/language"
)

// lang is the language of an answer's human-readable text: error messages, the docs
// page, CSV headers.
type lang string

const (
	langEN lang = "en" // the default: the messages the golden answers record
	langZH lang = "zh"
)

// parseLangWord reads a language word of lang= or Accept-Language: zh, zh-CN, zh-Hans,
// zh_TW … are Chinese, en, en-GB … English; ok is false for any other word.
func parseLangWord(s string) (lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	base, _, _ := strings.Cut(strings.ReplaceAll(s, "_", "-"), "-")
	switch base {
	case "zh":
		return langZH, true
	case "en":
		return langEN, true
	}
	return "", false
}

// requestLang is the language a request asks for: lang= when it names zh or en, else the
// first of zh and en in Accept-Language (by its q weights), else English. A lang= word
// that is neither is refused by parseLang on the endpoints that read it; here, answering
// an error, it falls through to Accept-Language.
func requestLang(r *http.Request) lang {
	if l, ok := parseLangWord(r.URL.Query().Get("lang")); ok {
		return l
	}
	tags, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err != nil {
		return langEN
	}
	for _, t := range tags { // sorted by q, highest first
		if l, ok := parseLangWord(t.String()); ok {
			return l
		}
	}
	return langEN
}

// parseLang reads lang= for endpoints whose answer changes with it (CSV headers and
// rounding, the docs page): zh or en (with any region), absent = English.
func parseLang(q map[string][]string) (lang, error) {
	v := ""
	if vs := q["lang"]; len(vs) > 0 {
		v = vs[0]
	}
	if strings.TrimSpace(v) == "" {
		return langEN, nil
	}
	l, ok := parseLangWord(v)
	if !ok {
		return "", paramError("lang", "%q: use zh or en", v)
	}
	return l, nil
}

// localError is an API error with its message in English and Chinese. It wraps the
// English geo.Error, so errors.As(err, **geo.Error) and the code mapping see it unchanged.
type localError struct {
	err *geo.Error
	zh  string
}

func (e *localError) Error() string { return e.err.Error() }
func (e *localError) Unwrap() error { return e.err }

// message is the error's text in l.
func (e *localError) message(l lang) string {
	if l == langZH {
		return e.zh
	}
	return e.err.Error()
}

// apiErrorf is geo.Errorf whose format the catalogue (zhFormat) translates.
func apiErrorf(code geo.ErrorCode, format string, args ...any) error {
	return &localError{err: geo.Errorf(code, format, args...), zh: fmt.Sprintf(zhFormat(format), args...)}
}

// paramError is an EINVALID error naming the query parameter or body field at fault.
func paramError(name, format string, args ...any) error {
	return &localError{
		err: geo.Errorf(geo.EINVALID, "parameter %q: %s", name, fmt.Sprintf(format, args...)),
		zh:  fmt.Sprintf(zhFormat("parameter %q: %s"), name, fmt.Sprintf(zhFormat(format), args...)),
	}
}

// asParamError prefixes a validation error from another package with the parameter name.
// The other package's text is English unless it is itself a localError.
func asParamError(name string, err error) error {
	var ge *geo.Error
	if !errors.As(err, &ge) || ge.Code != geo.EINVALID {
		return err
	}
	inner := ge.Error()
	var le *localError
	if errors.As(err, &le) {
		inner = le.zh
	}
	return &localError{
		err: geo.Errorf(geo.EINVALID, "parameter %q: %s", name, ge.Error()),
		zh:  fmt.Sprintf(zhFormat("parameter %q: %s"), name, inner),
	}
}

// text is a fixed message of the catalogue in l.
func text(l lang, en string) string {
	if l == langZH {
		return zhFormat(en)
	}
	return en
}
