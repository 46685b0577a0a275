package web

import (
	"embed"
	"io/fs"
)

// dist is the built page: index.html, app.js, app.css and MapLibre's worker.
//
//go:embed dist
var dist embed.FS

// Assets returns the built web map as a file system rooted at dist (index.html at its
// top), for serving at the site's root, e.g. http.FileServerFS(web.Assets()). The files
// are read-only and the same on every call.
func Assets() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil { // unreachable: "dist" is a valid path and embedded above
		return dist
	}
	return sub
}
