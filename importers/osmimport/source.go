package osmimport

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/lifecircle/lifecircle/geo"
	"github.com/lifecircle/lifecircle/importers/internal/guard"
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
	name   string // for messages
	r      io.ReaderAt
	size   int64
	format format
	limits Limits
}

// newSource checks that r holds an OSM file and finds its format from its first bytes,
// else from name's extension.
func newSource(name string, r io.ReaderAt, size int64, lim Limits) (*source, error) {
	head := make([]byte, min(512, max(size, 0)))
	n, err := r.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, geo.WrapError(geo.EINVALID, err, "cannot read OSM file %s", name)
	}
	if n == 0 {
		return nil, geo.Errorf(geo.EINVALID, "OSM file %s is empty", name)
	}
	fm := sniff(head[:n])
	if fm == formatUnknown {
		fm = formatByExtension(name)
	}
	if fm == formatUnknown {
		return nil, geo.Errorf(geo.EINVALID, "%s is not an OSM file: expected an .osm.pbf or .osm (XML) extract", name)
	}
	return &source{name: name, r: r, size: size, format: fm, limits: lim}, nil
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
	cr := &countingReader{r: io.NewSectionReader(s.r, 0, s.size)}
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
		return s.scanError(ctx, err)
	}
	rep.report(s.size)
	return nil
}

// scanError names what went wrong in a scan: a limit, a bad PBF block (already a
// *geo.Error), cancellation or malformed data.
func (s *source) scanError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var le *guard.LimitError
	if errors.As(err, &le) {
		field := "MaxBytes"
		if le.What == tokenWhat {
			field = "MaxTokenBytes"
		}
		return geo.Errorf(geo.EINVALID, "%s: %s is longer than %s, the limit against decompression bombs and hostile files (Limits.%s); if the file is genuine, raise that limit",
			s.name, le.What, guard.Bytes(le.Max), field)
	}
	var ge *geo.Error
	if errors.As(err, &ge) {
		return ge
	}
	return geo.WrapError(geo.EINVALID, err, "%s: not a valid OSM %s file", s.name, s.formatName())
}

// tokenWhat names an XML token in limit errors.
const tokenWhat = "one XML token"

// scanner opens the format's scanner over r: PBF through pbfGuard, XML (decompressed)
// through the caps on its size and on the length of one token.
func (s *source) scanner(ctx context.Context, r io.Reader, plan scanPlan) (osm.Scanner, error) {
	if s.format == formatPBF {
		g := newPBFGuard(ctx, bufio.NewReaderSize(r, 1<<16), s.name, s.limits.MaxBytes)
		sc := osmpbf.New(ctx, g, runtime.GOMAXPROCS(0))
		sc.SkipNodes, sc.SkipWays, sc.SkipRelations = plan.skipNodes, plan.skipWays, plan.skipRelations
		sc.FilterNode, sc.FilterWay = plan.filterNode, plan.filterWay
		return guardedScanner{sc, g}, nil
	}
	var text io.Reader = r
	switch s.format {
	case formatXMLGzip:
		zr, err := gzip.NewReader(bufio.NewReader(r))
		if err != nil {
			return nil, geo.WrapError(geo.EINVALID, err, "%s: not a valid gzip file", s.name)
		}
		text = zr
	case formatXMLBzip2:
		text = bzip2.NewReader(bufio.NewReader(r))
	}
	text = &guard.Cap{R: text, Max: s.limits.MaxBytes, What: "the XML (after decompression)"}
	text = &guard.XMLTokens{R: text, Max: s.limits.MaxTokenBytes, What: tokenWhat}
	return osmxml.New(ctx, text), nil
}

// guardedScanner is a PBF scanner with its guard, which Close stops first: the decoder's
// reading goroutine reads on until it gets an error, even once closed.
type guardedScanner struct {
	*osmpbf.Scanner
	g *pbfGuard
}

func (s guardedScanner) Close() error {
	s.g.Close()
	return s.Scanner.Close()
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
