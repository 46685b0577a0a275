package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers"
	"github.com/lifecircle/lifecircle/postgis"
)

// ImportRequest is one uploaded file to store.
type ImportRequest struct {
	Kind        importers.Kind // communities, stations, outlets or compounds
	Name        string         // the file's name: its extension gives the format
	Data        []byte
	CRS         crs.System // of the file's coordinates, (lon, lat)
	Mode        postgis.Mode
	Encoding    string // auto, utf-8, gbk, gb18030
	Sheet       string // XLSX sheet
	SkipInvalid bool   // load the good records and report the bad ones
	Repair      bool   // mend self-intersecting polygons with ST_MakeValid
}

// ImportAnswer is what an import stored, with the records left out under SkipInvalid.
type ImportAnswer struct {
	Kind     string       `json:"kind"`
	File     string       `json:"file"`
	BatchID  int64        `json:"batch_id"`
	Read     int          `json:"read"`
	Inserted int          `json:"inserted"`
	Updated  int          `json:"updated"`
	Deleted  int          `json:"deleted"`
	Rejected int          `json:"rejected"`
	Rejects  []rejectJSON `json:"rejects,omitempty"`
	Note     string       `json:"note"`
}

// Import reads an uploaded file with the importers' validation and stores it in one
// transaction. Bad records fail the whole import (an EUNPROCESSABLE error listing them)
// unless SkipInvalid; a file that cannot be read at all is EINVALID. Coordinates are
// converted from req.CRS to WGS84.
func Import(ctx context.Context, st Store, cats *geo.Categories, req ImportRequest) (ImportAnswer, error) {
	opts := importers.Options{CRS: req.CRS, Encoding: req.Encoding, Sheet: req.Sheet, Repair: req.Repair, Categories: cats}
	res, err := importers.Read(ctx, req.Kind, req.Name, strings.NewReader(string(req.Data)), opts)
	if err != nil {
		return ImportAnswer{}, err
	}
	if len(res.Rejects) > 0 && !req.SkipInvalid {
		return ImportAnswer{}, &rejectsError{err: geo.Errorf(geo.EUNPROCESSABLE,
			"%s: %d bad record(s), first: %s; nothing was imported (skip_invalid=true loads the good ones)",
			req.Name, len(res.Rejects), res.Rejects[0].String()), rejects: res.Rejects}
	}
	sum := sha256.Sum256(req.Data)
	b := postgis.Batch{Kind: string(req.Kind), FileName: req.Name, SHA256: hex.EncodeToString(sum[:]), CRS: string(req.CRS),
		Mode: req.Mode, Read: res.Read, Rejected: len(res.Rejects)}
	s, err := StoreImport(ctx, st, req.Kind, b, res, req.Repair)
	if err != nil {
		return ImportAnswer{}, err
	}
	return ImportAnswer{Kind: string(req.Kind), File: req.Name, BatchID: s.BatchID, Read: s.Read, Inserted: s.Inserted,
		Updated: s.Updated, Deleted: s.Deleted, Rejected: len(res.Rejects), Rejects: rejectsJSON(res.Rejects),
		Note: "stored; POST /api/v1/compute to recompute coverage with it"}, nil
}

// StoreImport stores what an importer read, in one transaction; the CLI's import and the
// upload endpoint share it.
func StoreImport(ctx context.Context, st Store, kind importers.Kind, b postgis.Batch, res *importers.Result, repair bool) (postgis.Summary, error) {
	o := postgis.ImportOptions{Repair: repair, Records: res.Records}
	switch kind {
	case importers.KindCommunities:
		return st.ImportCommunities(ctx, b, res.Communities, o)
	case importers.KindStations:
		return st.ImportStations(ctx, b, res.Stations, o)
	case importers.KindOutlets:
		return st.ImportOutlets(ctx, b, res.Outlets, o)
	case importers.KindCompounds:
		return st.ImportCompounds(ctx, b, res.Compounds, o)
	}
	return postgis.Summary{}, paramError("kind", "unknown import kind %q (communities, stations, outlets or compounds)", kind)
}

// importFile answers POST /api/v1/imports/{kind}: a multipart upload (field "file") with
// the form fields crs, mode, encoding, sheet, skip_invalid and repair.
func (s *Server) importFile(c echo.Context) error {
	req, err := s.bindImport(c)
	if err != nil {
		return err
	}
	st, err := s.store()
	if err != nil {
		return err
	}
	ans, err := Import(c.Request().Context(), st, s.opts.Categories, req)
	if err != nil {
		return err
	}
	s.resetTiles()
	return c.JSON(http.StatusOK, ans)
}

func (s *Server) bindImport(c echo.Context) (ImportRequest, error) {
	var req ImportRequest
	switch k := importers.Kind(c.Param("kind")); k {
	case importers.KindCommunities, importers.KindStations, importers.KindOutlets, importers.KindCompounds:
		req.Kind = k
	default:
		return req, paramError("kind", "%q: upload to /imports/communities, /imports/stations, /imports/outlets or /imports/compounds", c.Param("kind"))
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

func bindImportFields(c echo.Context, req *ImportRequest) error {
	var err error
	if req.CRS, err = crs.Parse(c.FormValue("crs")); err != nil {
		return asParamError("crs", err)
	}
	req.Mode = postgis.Mode(strings.ToLower(strings.TrimSpace(c.FormValue("mode"))))
	if req.Mode == "" {
		req.Mode = postgis.ModeReplace
	}
	if req.Mode != postgis.ModeReplace && req.Mode != postgis.ModeUpsert {
		return paramError("mode", "%q: use replace or upsert", req.Mode)
	}
	switch req.Encoding = strings.ToLower(strings.TrimSpace(c.FormValue("encoding"))); req.Encoding {
	case "", "auto", "utf-8", "utf8", "gbk", "gb18030":
	default:
		return paramError("encoding", "%q: use auto, utf-8, gbk or gb18030", req.Encoding)
	}
	req.Sheet = c.FormValue("sheet")
	for name, dst := range map[string]*bool{"skip_invalid": &req.SkipInvalid, "repair": &req.Repair} {
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

// recompute answers POST /api/v1/compute: load, compute, write to PostGIS, swap.
func (s *Server) recompute(c echo.Context) error {
	sum, err := s.Recompute(c.Request().Context())
	if err != nil {
		return err
	}
	s.resetTiles()
	return c.JSON(http.StatusOK, sum)
}
