package web_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/lifecircle/lifecircle/web"
)

func TestAssetsHoldThePage(t *testing.T) {
	assets := web.Assets()
	tests := []struct {
		file string
		want []string // substrings the file must hold
	}{
		{"index.html", []string{`lang="zh-CN"`, `src="app.js"`, `href="app.css"`, `name="viewport"`}},
		{"app.js", []string{"OpenStreetMap contributors", "maplibre-gl-worker.mjs", "15分钟生活圈", "15-minute living circle"}},
		{"app.css", []string{".maplibregl-map", "@media(max-width:640px)"}},
		{"maplibre-gl-worker.mjs", []string{"MapLibre GL JS"}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			b, err := fs.ReadFile(assets, tc.file)
			if err != nil {
				t.Fatalf("%s is not in the assets: %v (run make web)", tc.file, err)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(b), w) {
					t.Errorf("%s lacks %q", tc.file, w)
				}
			}
		})
	}
}

// TestAssetsWorkOffline checks that the page loads nothing from other hosts: index.html
// links only its own files, and no file names a tile, font, glyph or script host.
func TestAssetsWorkOffline(t *testing.T) {
	assets := web.Assets()
	index, err := fs.ReadFile(assets, "index.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`(?:src|href)="([^"]*)"`).FindAllStringSubmatch(string(index), -1) {
		ref := m[1]
		if ref == "data:," {
			continue
		}
		if strings.Contains(ref, "//") {
			t.Errorf("index.html loads %s from another host", ref)
			continue
		}
		if _, err := fs.Stat(assets, ref); err != nil {
			t.Errorf("index.html links %s, which is not in the assets", ref)
		}
	}
	hosts := []string{"unpkg.com", "jsdelivr", "cdnjs", "fonts.googleapis", "fonts.gstatic", "tile.openstreetmap",
		"demotiles.maplibre.org", "api.maptiler", "openfreemap", "amap.com", "map.baidu"}
	err = fs.WalkDir(assets, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(assets, path)
		if err != nil {
			return err
		}
		for _, h := range hosts {
			if strings.Contains(string(b), h) {
				t.Errorf("%s names %s", path, h)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAssetsAreFresh compares the digest the build wrote with the sources in the tree (the
// same files, in the same order, hashed the same way as build.mjs does).
func TestAssetsAreFresh(t *testing.T) {
	b, err := fs.ReadFile(web.Assets(), "source.sha256")
	if err != nil {
		t.Fatalf("dist/source.sha256 missing: %v (run make web)", err)
	}
	entries, err := os.ReadDir("src")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, "src/"+e.Name())
	}
	sort.Strings(files)
	files = append(files, "package-lock.json", filepath.ToSlash(filepath.Join("..", "data", "categories.json")))
	h := sha256.New()
	for _, f := range files {
		content, err := os.ReadFile(filepath.FromSlash(f))
		if err != nil {
			t.Fatal(err)
		}
		h.Write([]byte(f + "\x00"))
		h.Write(content)
		h.Write([]byte{0})
	}
	if got, want := strings.TrimSpace(string(b)), hex.EncodeToString(h.Sum(nil)); got != want {
		t.Errorf("web/dist is older than web/src, package-lock.json or data/categories.json: rebuild it with make web (cd web && npm ci && npm run build)")
	}
}
