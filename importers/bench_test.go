package importers_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/lifecircle/lifecircle/geo/crs"
	"github.com/lifecircle/lifecircle/importers"
)

// BenchmarkReadOutlets100k reads a CSV of 100 000 outlets (Chinese headers, categories by
// Chinese name, GCJ-02 coordinates converted to WGS84). Target: well under 1 s.
func BenchmarkReadOutlets100k(b *testing.B) {
	const n = 100000
	path := filepath.Join(b.TempDir(), "outlets.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "编号,网点名称,业态,经度,纬度")
	names := []string{"超市", "便利店", "药店", "菜市场"}
	for i := range n {
		fmt.Fprintf(w, "O%d,网点%d,%s,%.6f,%.6f\n", i, i, names[i%len(names)], 117.2+float64(i%1000)*1e-4, 31.8+float64(i/1000)*1e-4)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	opts := importers.Options{Categories: testCategories(b), CRS: crs.Ref{Offset: crs.GCJ02}}
	b.ResetTimer()
	for b.Loop() {
		res, err := importers.ReadFile(b.Context(), importers.KindOutlets, path, opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Outlets) != n || len(res.Rejects) != 0 {
			b.Fatalf("%d outlets, %d rejects", len(res.Outlets), len(res.Rejects))
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
