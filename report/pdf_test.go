package report_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/lifecircle/lifecircle/report"
)

// chromium returns the Chromium to print with. Without one the test is skipped, except
// under CI=true, where Chromium is installed and its absence is a failure.
func chromium(tb testing.TB) string {
	tb.Helper()
	path, err := report.FindChromium()
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("CI=true but %v", err)
		}
		tb.Skipf("skipping the PDF test: %v", err)
	}
	return path
}

func TestPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("printing with Chromium takes seconds; skipped with -short")
	}
	bin := chromium(t)
	dir := t.TempDir()
	htmlPath, err := report.HTMLTo(dir, fixtureInput(t, report.LangZH))
	if err != nil {
		t.Fatal(err)
	}
	pdfPath := filepath.Join(dir, report.PDFFile)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := report.PDF(ctx, bin, htmlPath, pdfPath); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(pdfPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("%s is not a PDF", pdfPath)
	}
	// the print style starts each of the seven sections on a new A4 page (595 × 842 pt)
	if n := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(b, -1)); n < 7 {
		t.Errorf("the PDF has %d pages, want at least one per section (7)", n)
	}
	if !regexp.MustCompile(`MediaBox\s*\[0 0 59[45]\.\d+ 84[12]\.\d+\]`).Match(b) {
		t.Errorf("the PDF's pages are not A4 (595 × 842 pt)")
	}
}
