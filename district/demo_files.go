package district

import (
	"os"
	"path/filepath"

	"github.com/lifecircle/lifecircle/data"
	"github.com/lifecircle/lifecircle/geo"
)

// DemoFiles are the files the demo imports: the user's OpenStreetMap extract (no
// districts), or the bundled central-Chengdu extract and its DataV district boundaries
// (GCJ-02) written to a temporary directory.
type DemoFiles struct {
	OSM       string
	Districts string // "" when the user gave the extract
}

// WriteDemoFiles returns the demo's files for the user's extract (userOSM, "" for the
// bundled one) and a function that removes the temporary ones.
func WriteDemoFiles(userOSM string) (DemoFiles, func(), error) {
	if userOSM != "" {
		return DemoFiles{OSM: userOSM}, func() {}, nil
	}
	dir, err := os.MkdirTemp("", "lifecircle-demo")
	if err != nil {
		return DemoFiles{}, nil, geo.WrapError(geo.EINTERNAL, err, "temp dir")
	}
	cleanup := func() { os.RemoveAll(dir) }
	f := DemoFiles{OSM: filepath.Join(dir, data.SampleOSMName), Districts: filepath.Join(dir, data.SampleDistrictsName)}
	for path, b := range map[string][]byte{f.OSM: data.SampleOSM(), f.Districts: data.SampleDistricts()} {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			cleanup()
			return DemoFiles{}, nil, geo.WrapError(geo.EINTERNAL, err, "write %s", path)
		}
	}
	return f, cleanup, nil
}
