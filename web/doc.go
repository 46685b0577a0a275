// Package web holds lifecircle's web map: a MapLibre GL JS page (Chinese by default, with
// an English switch) over the service's own vector tiles and JSON API — coverage cells,
// stations and outlets, nearest service points with walking routes, isochrones, gaps, site
// suggestions and the "1+11+N+X" network report.
//
// The page's source is in src/ (an npm project: `npm ci && npm run build` bundles it with
// esbuild into dist/); dist/ is committed and embedded, so `go build` needs no npm. The page
// loads nothing from other hosts: no CDN, tiles, fonts or glyphs.
//
// web imports only the standard library. Its tests (package web_test) drive a headless
// Chromium against a running server and may import anything.
package web
