package ogr

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os/exec"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Feature is one feature of a layer, its coordinates (lon, lat) degrees in Layer.Output.
type Feature struct {
	Num        int            // 1-based position in the layer: for a Shapefile the .dbf record number
	FID        int64          // GDAL's feature id (a Shapefile's is Num-1; a GeoPackage's or FileGDB's its own); -1 when GDAL gives none
	Properties map[string]any // attribute values: string, json.Number, bool or nil
	Geometry   orb.Geometry   // nil for a feature without geometry
}

// rawFeature is a GeoJSONSeq line as ogr2ogr writes it.
type rawFeature struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Properties json.RawMessage `json:"properties"`
	Geometry   json.RawMessage `json:"geometry"`
}

// args returns ogr2ogr's arguments: the layer as a GeoJSON Sequence on standard output,
// in EPSG:4326 (PROJ transforms from the file's CRS or -s_srs), 2D, with GDAL's feature
// ids, coordinates to 7 decimals (1 cm).
func (l *Layer) args() []string {
	a := []string{"-f", "GeoJSONSeq", "-t_srs", "EPSG:4326", "-dim", "XY", "-preserve_fid", "-lco", "COORDINATE_PRECISION=7"}
	if l.srcSRS != "" {
		a = append(a, "-s_srs", l.srcSRS)
	}
	a = append(a, l.openOpts...)
	return append(a, "/vsistdout/", l.src, l.Name)
}

// stream runs ogr2ogr and calls fn with every feature in order. Errors: EINVALID with
// GDAL's message when the conversion fails, EUNAVAILABLE when ctx is cancelled, or fn's.
func (l *Layer) stream(ctx context.Context, fn func(num int, f *rawFeature) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := exec.CommandContext(ctx, toolOgr2ogr, l.args()...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return geo.WrapError(geo.EUNAVAILABLE, err, "%s: cannot run ogr2ogr", l.File)
	}
	if err := cmd.Start(); err != nil {
		if ctx.Err() != nil {
			return geo.WrapError(geo.EUNAVAILABLE, ctx.Err(), "%s: cancelled", l.File)
		}
		return geo.WrapError(geo.EUNAVAILABLE, err, "%s: cannot run ogr2ogr", l.File)
	}
	n, ferr := decodeSeq(bufio.NewReaderSize(out, 1<<16), fn)
	if ferr != nil {
		cancel()
	}
	werr := cmd.Wait()
	l.warn(gdalWarnings(stderr.String())...)
	switch {
	case ferr != nil && !errors.Is(ferr, errStop):
		return ferr
	case ctx.Err() != nil && !errors.Is(ferr, errStop):
		return geo.WrapError(geo.EUNAVAILABLE, ctx.Err(), "%s: cancelled", l.File)
	case errors.Is(ferr, errStop):
		return nil
	case werr != nil:
		return geo.Errorf(geo.EINVALID, "%s: GDAL cannot convert layer %q to WGS 84 (ogr2ogr: %s)", l.File, l.Name, gdalMessage(stderr.String()))
	case l.Count >= 0 && int64(n) != l.Count:
		return geo.Errorf(geo.EINVALID, "%s: GDAL counted %d features in layer %q but converted %d", l.File, l.Count, l.Name, n)
	}
	return nil
}

// errStop is returned by a callback to end a stream early without an error.
var errStop = errors.New("stop")

// decodeSeq reads GeoJSON texts one after another (GeoJSONSeq, with or without RS
// separators) and returns how many it read.
func decodeSeq(r io.Reader, fn func(num int, f *rawFeature) error) (int, error) {
	dec := json.NewDecoder(&rsStripper{r: r})
	n := 0
	for {
		var f rawFeature
		err := dec.Decode(&f)
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, geo.WrapError(geo.EINVALID, err, "ogr2ogr wrote malformed GeoJSON after feature %d", n)
		}
		n++
		if err := fn(n, &f); err != nil {
			return n, err
		}
	}
}

// rsStripper drops the ASCII record separators (0x1E) of RFC 8142 GeoJSON text sequences.
type rsStripper struct{ r io.Reader }

func (s *rsStripper) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	for i := 0; i < n; i++ {
		if p[i] == 0x1e {
			p[i] = ' '
		}
	}
	return n, err
}

// Features returns the layer's features in order, each read as ogr2ogr writes it; every
// call runs ogr2ogr anew. A feature whose properties or geometry cannot be decoded ends
// the sequence with an EINVALID error naming the file and feature; so does a failed
// conversion. Breaking out of the loop stops ogr2ogr.
func (l *Layer) Features(ctx context.Context) iter.Seq2[Feature, error] {
	return func(yield func(Feature, error) bool) {
		err := l.stream(ctx, func(num int, raw *rawFeature) error {
			f, err := l.decode(num, raw)
			if err != nil {
				return err
			}
			if !yield(f, nil) {
				return errStop
			}
			return nil
		})
		if err != nil {
			yield(Feature{}, err)
		}
	}
}

// decode turns a raw feature into a Feature.
func (l *Layer) decode(num int, raw *rawFeature) (Feature, error) {
	f := Feature{Num: num, FID: fid(raw.ID)}
	if p := bytes.TrimSpace(raw.Properties); len(p) > 0 && !bytes.Equal(p, []byte("null")) {
		dec := json.NewDecoder(bytes.NewReader(p))
		dec.UseNumber()
		if err := dec.Decode(&f.Properties); err != nil {
			return f, geo.WrapError(geo.EINVALID, err, "%s feature %d: field \"properties\"", l.File, num)
		}
	}
	if g := bytes.TrimSpace(raw.Geometry); len(g) > 0 && !bytes.Equal(g, []byte("null")) {
		geom, err := geojson.UnmarshalGeometry(g)
		if err != nil {
			return f, geo.WrapError(geo.EINVALID, err, "%s feature %d: field \"geometry\"", l.File, num)
		}
		f.Geometry = geom.Geometry()
	}
	return f, nil
}

func fid(raw json.RawMessage) int64 {
	var n int64
	if err := json.Unmarshal(raw, &n); err != nil {
		return -1
	}
	return n
}

// GeoJSON returns the layer as one GeoJSON FeatureCollection text, streamed from ogr2ogr
// as it converts: feature n of the collection is the layer's n-th feature (Feature.Num),
// with its properties and geometry, coordinates (lon, lat) in Layer.Output, and without
// GDAL's feature id (so that it is not taken for a record's id; FID gives it back once the
// stream has been read). A failed conversion is the reader's error. Close stops ogr2ogr.
// Every call runs ogr2ogr anew.
func (l *Layer) GeoJSON(ctx context.Context) io.ReadCloser {
	ctx, cancel := context.WithCancel(ctx)
	pr, pw := io.Pipe()
	go func() {
		bw := bufio.NewWriterSize(pw, 1<<16)
		var fids []int64
		bw.WriteString(`{"type":"FeatureCollection","features":[`)
		err := l.stream(ctx, func(num int, f *rawFeature) error {
			fids = append(fids, fid(f.ID))
			return writeFeature(bw, num, f)
		})
		if err == nil {
			bw.WriteString("]}\n")
			err = bw.Flush()
		}
		l.mu.Lock()
		l.fids = fids
		l.mu.Unlock()
		pw.CloseWithError(err)
	}()
	return &pipeReader{PipeReader: pr, cancel: cancel}
}

// writeFeature writes one feature of the collection, without its id.
func writeFeature(w *bufio.Writer, num int, f *rawFeature) error {
	if num > 1 {
		w.WriteByte(',')
	}
	props, geom := bytes.TrimSpace(f.Properties), bytes.TrimSpace(f.Geometry)
	if len(props) == 0 {
		props = []byte("null")
	}
	if len(geom) == 0 {
		geom = []byte("null")
	}
	w.WriteString("\n{\"type\":\"Feature\",\"properties\":")
	w.Write(props)
	w.WriteString(",\"geometry\":")
	w.Write(geom)
	_, err := w.WriteString("}")
	return err
}

// FID returns GDAL's feature id of feature num (1-based) of the last GeoJSON stream read
// to its end, and false when there is no such feature (or no stream has ended).
func (l *Layer) FID(num int) (int64, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if num < 1 || num > len(l.fids) {
		return 0, false
	}
	return l.fids[num-1], true
}

type pipeReader struct {
	*io.PipeReader
	cancel context.CancelFunc
}

func (p *pipeReader) Close() error {
	p.cancel()
	return p.PipeReader.Close()
}

// String describes the layer for logs: file, layer, driver, count and CRS.
func (l *Layer) String() string {
	return fmt.Sprintf("%s layer %q (%s, %d %s features, %s, read as %s)", l.File, l.Name, l.Driver, l.Count,
		strings.ToLower(l.Geometry), l.SourceCRS.Describe(), l.CRS.Describe())
}
