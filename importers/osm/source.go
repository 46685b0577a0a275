package osmimport

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"
	"github.com/paulmach/osm/osmxml"
)

// format is how an OSM file is encoded.
type format int

const (
	formatUnknown format = iota
	formatPBF
	formatXML
	formatXMLGzip
	formatXMLBzip2
)

// source is an OSM file that can be scanned several times.
type source struct {
	path   string
	format format
	size   int64
}

// openSource checks that path is a readable OSM file and finds its format from its first
// bytes, else from its extension.
func openSource(path string) (*source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, geo.WrapError(geo.EINVALID, err, "cannot open OSM file %s", path)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		return nil, geo.Errorf(geo.EINVALID, "OSM file %s is not a regular file", path)
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, geo.WrapError(geo.EINVALID, err, "cannot read OSM file %s", path)
	}
	if n == 0 {
		return nil, geo.Errorf(geo.EINVALID, "OSM file %s is empty", path)
	}
	fm := sniff(head[:n])
	if fm == formatUnknown {
		fm = formatByExtension(path)
	}
	if fm == formatUnknown {
		return nil, geo.Errorf(geo.EINVALID, "%s is not an OSM file: expected an .osm.pbf or .osm (XML) extract", path)
	}
	return &source{path: path, format: fm, size: st.Size()}, nil
}

// sniff recognises PBF, XML and compressed XML by their first bytes.
func sniff(head []byte) format {
	switch {
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return formatXMLGzip
	case bytes.HasPrefix(head, []byte("BZh")):
		return formatXMLBzip2
	case len(head) > 8 && bytes.Contains(head[:min(len(head), 64)], []byte("OSMHeader")):
		return formatPBF
	}
	text := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if bytes.HasPrefix(text, []byte("<")) {
		return formatXML
	}
	return formatUnknown
}

// formatByExtension guesses the format from the file name.
func formatByExtension(path string) format {
	p := strings.ToLower(path)
	switch {
	case strings.HasSuffix(p, ".pbf"):
		return formatPBF
	case strings.HasSuffix(p, ".osm"), strings.HasSuffix(p, ".xml"):
		return formatXML
	case strings.HasSuffix(p, ".osm.gz"), strings.HasSuffix(p, ".xml.gz"):
		return formatXMLGzip
	case strings.HasSuffix(p, ".osm.bz2"), strings.HasSuffix(p, ".xml.bz2"):
		return formatXMLBzip2
	}
	return formatUnknown
}

// scanPlan says which elements one pass needs. The filters run on the PBF decoder's
// goroutines, so they must only read shared state.
type scanPlan struct {
	phase                              string
	skipNodes, skipWays, skipRelations bool
	filterNode                         func(*osm.Node) bool
	filterWay                          func(*osm.Way) bool
}

// skips reports whether the pass ignores the object; the PBF scanner does this itself, the
// XML scanner cannot.
func (p scanPlan) skips(o osm.Object) bool {
	switch o := o.(type) {
	case *osm.Node:
		return p.skipNodes || (p.filterNode != nil && !p.filterNode(o))
	case *osm.Way:
		return p.skipWays || (p.filterWay != nil && !p.filterWay(o))
	case *osm.Relation:
		return p.skipRelations
	}
	return true
}

// scan reads the file once, calling visit for each node, way and relation the plan wants,
// and reports progress in bytes of the file.
func (s *source) scan(ctx context.Context, plan scanPlan, progress func(string, int64, int64), visit func(osm.Object)) error {
	f, err := os.Open(s.path)
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "cannot open OSM file %s", s.path)
	}
	defer f.Close()
	cr := &countingReader{r: f}
	sc, err := s.scanner(ctx, cr, plan)
	if err != nil {
		return err
	}
	defer sc.Close()
	rep := reporter{fn: progress, phase: plan.phase, total: s.size}
	rep.report(0)
	for n := 0; sc.Scan(); n++ {
		if o := sc.Object(); s.format == formatPBF || !plan.skips(o) {
			visit(o)
		}
		if n&0xfff == 0 {
			rep.report(cr.n.Load())
		}
	}
	if err := sc.Err(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return geo.WrapError(geo.EINVALID, err, "%s: not a valid OSM %s file", s.path, s.formatName())
	}
	rep.report(s.size)
	return nil
}

// scanner opens the format's scanner over r.
func (s *source) scanner(ctx context.Context, r io.Reader, plan scanPlan) (osm.Scanner, error) {
	switch s.format {
	case formatPBF:
		sc := osmpbf.New(ctx, r, runtime.GOMAXPROCS(0))
		sc.SkipNodes, sc.SkipWays, sc.SkipRelations = plan.skipNodes, plan.skipWays, plan.skipRelations
		sc.FilterNode, sc.FilterWay = plan.filterNode, plan.filterWay
		return sc, nil
	case formatXMLGzip:
		zr, err := gzip.NewReader(bufio.NewReader(r))
		if err != nil {
			return nil, geo.WrapError(geo.EINVALID, err, "%s: not a valid gzip file", s.path)
		}
		return osmxml.New(ctx, zr), nil
	case formatXMLBzip2:
		return osmxml.New(ctx, bzip2.NewReader(bufio.NewReader(r))), nil
	}
	return osmxml.New(ctx, r), nil
}

func (s *source) formatName() string {
	if s.format == formatPBF {
		return "PBF"
	}
	return "XML"
}

// countingReader counts the bytes read through it; the PBF decoder reads on its own
// goroutine, hence the atomic.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// reporter calls the progress function when at least 1 MiB more has been read, and at the
// start and end of each phase.
type reporter struct {
	fn          func(string, int64, int64)
	phase       string
	total, last int64
}

func (r *reporter) report(done int64) {
	if r.fn == nil || (done != 0 && done != r.total && done-r.last < 1<<20) {
		return
	}
	r.last = done
	r.fn(r.phase, min(done, r.total), r.total)
}
