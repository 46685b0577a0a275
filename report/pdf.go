package report

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/lifecircle/lifecircle/geo"
)

// PDFFile is the name the command gives the printed report.
const PDFFile = "network-report.pdf"

// FindChromium returns the path of a Chromium to print with: /usr/bin/chromium, else
// chromium, chromium-browser or google-chrome on PATH. Without one it returns an
// EUNAVAILABLE error that says how to install it.
func FindChromium() (string, error) {
	if fi, err := os.Stat("/usr/bin/chromium"); err == nil && !fi.IsDir() {
		return "/usr/bin/chromium", nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", geo.Errorf(geo.EUNAVAILABLE, "no headless Chromium found (looked for /usr/bin/chromium and chromium on PATH): install it (Debian: apt-get install chromium) to print the PDF, or print the HTML report from a browser")
}

// PDF prints the HTML file at htmlPath to pdfPath (A4, as the page's print style sets it)
// with the headless Chromium at chromium, in a throw-away profile, and checks that a PDF
// came out. ctx bounds the run.
func PDF(ctx context.Context, chromium, htmlPath, pdfPath string) error {
	abs, err := filepath.Abs(htmlPath)
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "HTML report path %s", htmlPath)
	}
	out, err := filepath.Abs(pdfPath)
	if err != nil {
		return geo.WrapError(geo.EINVALID, err, "PDF path %s", pdfPath)
	}
	profile, err := os.MkdirTemp("", "lifecircle-chromium")
	if err != nil {
		return geo.WrapError(geo.EINTERNAL, err, "temporary Chromium profile")
	}
	defer os.RemoveAll(profile)
	page := url.URL{Scheme: "file", Path: abs}
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
		"--no-first-run", "--no-default-browser-check", "--user-data-dir="+profile,
		"--no-pdf-header-footer", "--print-to-pdf-no-header", "--print-to-pdf="+out, page.String())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return geo.WrapError(geo.EUNAVAILABLE, err, "Chromium could not print %s: %s", htmlPath, lastLine(stderr.Bytes()))
	}
	head := make([]byte, 5)
	f, err := os.Open(out)
	if err != nil {
		return geo.WrapError(geo.EUNAVAILABLE, err, "Chromium wrote no PDF: %s", lastLine(stderr.Bytes()))
	}
	defer f.Close()
	if n, _ := f.Read(head); n < 5 || string(head) != "%PDF-" {
		return geo.Errorf(geo.EUNAVAILABLE, "Chromium's output %s is not a PDF", out)
	}
	return nil
}

// lastLine is the last non-empty line of b, for error messages.
func lastLine(b []byte) string {
	lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
	return string(lines[len(lines)-1])
}
