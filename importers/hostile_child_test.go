package importers_test

import (
	"bytes"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// The hostile files made at run time (hostileCase.big) never reach testdata/hostile, so
// the CLI test cannot run them: TestHostileGenerated reads each in a child process of this
// test binary (TestHostileGenerated again, as hostileChild) and takes the child's peak RSS from rusage, the bound
// being the same 60 s and 1.5 GB.

const childEnv, childPathEnv = "LIFECIRCLE_HOSTILE_CHILD", "LIFECIRCLE_HOSTILE_CHILD_PATH" // the case's file name, its path

func TestHostileGenerated(t *testing.T) {
	if name := os.Getenv(childEnv); name != "" { // this process is one case's child
		hostileChild(t, name, os.Getenv(childPathEnv))
		return
	}
	if testing.Short() {
		t.Skip("writes the generated hostile files (up to 3 MB each, 900 MB unpacked)")
	}
	dir := t.TempDir()
	var worst struct {
		name string
		took time.Duration
		rss  int64
	}
	for _, tc := range hostileCases() {
		if tc.big == nil {
			continue
		}
		t.Run(tc.file, func(t *testing.T) {
			path := dir + "/" + tc.file
			if err := os.WriteFile(path, tc.big(t), 0o644); err != nil {
				t.Fatal(err)
			}
			st, _ := os.Stat(path)
			cmd := exec.Command(os.Args[0], "-test.run=^TestHostileGenerated$", "-test.v")
			cmd.Env = append(os.Environ(), childEnv+"="+tc.file, childPathEnv+"="+path)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			start := time.Now()
			err := cmd.Run()
			took := time.Since(start)
			if cmd.ProcessState == nil {
				t.Fatal(err)
			}
			rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10
			t.Logf("%s (%d bytes, made at run time): %s, peak RSS %d MiB", tc.file, st.Size(), took.Round(time.Millisecond), rss>>20)
			if err != nil {
				t.Errorf("the child failed: %v\n%s", err, out.String())
			}
			if took > hostileMaxTime || rss > hostileMaxHeap {
				t.Errorf("took %s and %d MiB of RSS; the bounds are %s and %d MiB", took, rss>>20, hostileMaxTime, hostileMaxHeap>>20)
			}
			if rss > worst.rss {
				worst.name, worst.took, worst.rss = tc.file, took, rss
			}
		})
	}
	t.Logf("largest peak RSS of the generated files: %s (%d MiB, %s)", worst.name, worst.rss>>20, worst.took.Round(time.Millisecond))
}

// hostileChild reads the one case named by LIFECIRCLE_HOSTILE_CHILD (TestHostileGenerated
// run again as a child process) and checks its outcome like TestHostileFiles.
func hostileChild(t *testing.T, name, path string) {
	for _, tc := range hostileCases() {
		if tc.file != name {
			continue
		}
		rejects, res, err := readHostile(t.Context(), tc.reader, path, testCategories(t))
		checkHostile(t, tc, err, rejects, res)
		return
	}
	t.Fatalf("no hostile case %q", name)
}
