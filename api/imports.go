package api

import (
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/district"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers"
)

// importError words a file refused for its bad records for the upload form (the answer
// lists them); other errors pass as they are.
func importError(err error) error {
	var rej *district.RejectedError
	if !errors.As(err, &rej) {
		return err
	}
	le := apiErrorf(geo.EUNPROCESSABLE, "%s: %d bad record(s), first: %s; nothing was imported (skip_invalid=true loads the good ones)",
		rej.File, len(rej.Rejects), rej.Rejects[0].String()).(*localError)
	return &rejectsError{err: le.err, zh: le.zh, rejects: rej.Rejects}
}

// importFile answers POST /api/v1/imports/{kind}: a multipart upload (field "file") with
// the form fields crs, layer, mode, encoding, sheet, skip_invalid, repair and strict.
func (s *Server) importFile(c echo.Context) error {
	req, err := s.bindImport(c)
	if err != nil {
		return err
	}
	r, st, err := s.writeStore(c)
	if err != nil {
		return err
	}
	p, sum, err := district.Import(c.Request().Context(), st, req)
	if err != nil {
		return importError(err)
	}
	s.resetTiles()
	if s.regions.get(r) == nil {
		s.setRegionState(r, stateNotComputed, "")
	}
	out := importAnswer(p, sum)
	out.Region = string(r)
	return c.JSON(http.StatusOK, out)
}

// bindImport reads the upload and its form fields into an import of district.
func (s *Server) bindImport(c echo.Context) (district.ImportRequest, error) {
	req := district.ImportRequest{Read: importers.Options{Categories: s.opts.Categories}}
	switch k := importers.Kind(c.Param("kind")); k {
	case importers.KindDistricts, importers.KindStreets, importers.KindCommunities, importers.KindStations, importers.KindOutlets, importers.KindCompounds, importers.KindGrids:
		req.Kind = k
	case "districts":
		req.Kind = importers.KindDistricts
	default:
		return req, paramError("kind", "%q: upload to /imports/district, /imports/streets, /imports/communities, /imports/stations, /imports/outlets, /imports/compounds or /imports/grids", c.Param("kind"))
	}
	fh, err := c.FormFile("file")
	if err != nil {
		if isTooLarge(err) {
			return req, err
		}
		return req, paramError("file", "send the file as multipart/form-data field \"file\"")
	}
	f, err := fh.Open()
	if err != nil {
		return req, paramError("file", "cannot read the upload")
	}
	defer f.Close()
	if req.Data, err = io.ReadAll(f); err != nil {
		return req, paramError("file", "cannot read the upload")
	}
	req.Name = filepath.Base(fh.Filename)
	return req, bindImportFields(c, &req)
}

func bindImportFields(c echo.Context, req *district.ImportRequest) error {
	var err error
	if req.Read.CRS, err = crs.ParseRef(c.FormValue("crs")); err != nil {
		return asParamError("crs", err)
	}
	req.Mode = geo.ImportMode(strings.ToLower(strings.TrimSpace(c.FormValue("mode"))))
	if req.Mode == "" {
		req.Mode = geo.ModeReplace
	}
	if !req.Mode.Valid() {
		return paramError("mode", "%q: use replace or upsert", req.Mode)
	}
	switch req.Read.Encoding = strings.ToLower(strings.TrimSpace(c.FormValue("encoding"))); req.Read.Encoding {
	case "", "auto", "utf-8", "utf8", "gbk", "gb18030":
	default:
		return paramError("encoding", "%q: use auto, utf-8, gbk or gb18030", req.Read.Encoding)
	}
	req.Read.Sheet = c.FormValue("sheet")
	req.Read.Layer = c.FormValue("layer")
	for name, dst := range map[string]*bool{"skip_invalid": &req.SkipInvalid, "repair": &req.Read.Repair, "strict": &req.Strict} {
		if v := strings.TrimSpace(c.FormValue(name)); v != "" {
			b, err := parseBoolText(v)
			if err != nil {
				return paramError(name, "%q: use true or false", v)
			}
			*dst = b
		}
	}
	return nil
}

// recompute answers POST /api/v1/compute[?force=true]: check, load, compute, write to
// PostGIS, swap. force (query or form: true/false) computes even when the data health
// check finds errors, like compute --force.
func (s *Server) recompute(c echo.Context) error {
	force := false
	if v := strings.TrimSpace(c.FormValue("force")); v != "" {
		b, err := parseBoolText(v)
		if err != nil {
			return paramError("force", "%q: use true or false", v)
		}
		force = b
	}
	r, err := s.writeRegion(c)
	if err != nil {
		return err
	}
	sum, err := s.RecomputeRegion(c.Request().Context(), r, force)
	if err != nil {
		return err
	}
	s.resetTiles()
	return c.JSON(http.StatusOK, sum)
}
