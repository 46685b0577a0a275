package ogr

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/lifecircle/lifecircle/geo"
)

// isShapefileSource reports whether GDAL will open src with the Shapefile driver: a .shp,
// or a folder (not a .gdb) holding .shp files.
func isShapefileSource(src string) bool {
	if strings.EqualFold(filepath.Ext(src), ".shp") {
		return true
	}
	st, err := os.Stat(src)
	if err != nil || !st.IsDir() || strings.EqualFold(filepath.Ext(src), ".gdb") {
		return false
	}
	m, _ := filepath.Glob(filepath.Join(src, "*.[sS][hH][pP]"))
	return len(m) > 0
}

// chooseLayer reads the layer list and picks the layer to read: Options.Layer, or the
// only layer with geometries. For a Shapefile it checks the sidecars and decides the
// encoding, reading the layer again with GDAL's ENCODING open option when needed.
func (l *Layer) chooseLayer(ctx context.Context, opts Options) (*layerInfo, error) {
	shape := isShapefileSource(l.src)
	if shape && !isDir(l.src) {
		if err := checkShapefile(l.File, l.src); err != nil {
			return nil, err
		}
	}
	if err := checkKML(l.File, l.src); err != nil {
		return nil, err
	}
	ds, err := ogrinfo(ctx, l.File, l.src, nil, "")
	if err != nil {
		return nil, err
	}
	l.Driver = ds.Driver
	info, err := pickLayer(l.File, ds, opts.Layer)
	if err != nil {
		return nil, err
	}
	if !shape {
		if opts.Encoding != "" && !strings.EqualFold(opts.Encoding, "auto") {
			l.warn(fmt.Sprintf("the encoding %q is ignored: %s files state their own (only a Shapefile's .dbf needs one)", opts.Encoding, l.Driver))
		}
		return info, nil
	}
	shp := l.src
	if isDir(l.src) {
		if shp = sidecar(filepath.Join(l.src, info.Name+".shp"), ".shp"); shp == "" {
			return nil, geo.Errorf(geo.EINVALID, "%s: layer %s has no .shp file", l.File, info.Name)
		}
		if err := checkShapefile(l.File, shp); err != nil {
			return nil, err
		}
	}
	l.shp = shp
	return l.shapeEncoding(ctx, shp, info, opts)
}

// shapeEncoding sets the .dbf encoding and re-reads the layer's summary with it.
func (l *Layer) shapeEncoding(ctx context.Context, shp string, info *layerInfo, opts Options) (*layerInfo, error) {
	option, desc, warning, err := shapeEncoding(shp, opts.Encoding)
	if err != nil {
		return nil, geo.WrapError(geo.EINVALID, err, "%s", l.File)
	}
	l.Encoding = desc
	if warning != "" {
		l.warn(l.File + ": " + warning)
	}
	if option == "" {
		return info, nil
	}
	l.openOpts = []string{"-oo", "ENCODING=" + option}
	ds, err := ogrinfo(ctx, l.File, l.src, l.openOpts, info.Name)
	if err != nil {
		return nil, err
	}
	return pickLayer(l.File, ds, info.Name)
}

// pickLayer returns the named layer, or the only one with geometries.
func pickLayer(file string, ds *datasetInfo, name string) (*layerInfo, error) {
	if len(ds.Layers) == 0 {
		return nil, geo.Errorf(geo.EINVALID, "%s: GDAL (%s) finds no layer in it", file, ds.Driver)
	}
	if name != "" {
		for i := range ds.Layers {
			if ds.Layers[i].Name == name {
				return &ds.Layers[i], nil
			}
		}
		for i := range ds.Layers {
			if strings.EqualFold(ds.Layers[i].Name, name) {
				return &ds.Layers[i], nil
			}
		}
		return nil, geo.Errorf(geo.EINVALID, "%s: no layer %q; it has %s", file, name, listLayers(ds.Layers))
	}
	var spatial []*layerInfo
	for i := range ds.Layers {
		if ds.Layers[i].Geometry != "None" {
			spatial = append(spatial, &ds.Layers[i])
		}
	}
	switch len(spatial) {
	case 0:
		return nil, geo.Errorf(geo.EINVALID, "%s: no layer has geometries (%s)", file, listLayers(ds.Layers))
	case 1:
		return spatial[0], nil
	}
	return nil, geo.Errorf(geo.EINVALID, "%s: it has %d layers with geometries: %s; say which one to read (--layer)", file, len(spatial), listLayers(ds.Layers))
}

func listLayers(ls []layerInfo) string {
	parts := make([]string, len(ls))
	for i, li := range ls {
		n := "? features"
		if li.Count >= 0 {
			n = fmt.Sprintf("%d features", li.Count)
		}
		parts[i] = fmt.Sprintf("%q (%s, %s)", li.Name, strings.ToLower(li.Geometry), n)
	}
	return strings.Join(parts, ", ")
}

// setInfo copies the layer's summary into l and says when a layer was chosen among tables.
func (l *Layer) setInfo(info *layerInfo) {
	l.Name, l.Geometry, l.Count, l.Fields = info.Name, info.Geometry, info.Count, info.Fields
	l.Extent = info.Extent
	if info.WKT != "" {
		l.SourceCRS = ParseWKT(info.WKT)
	}
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
