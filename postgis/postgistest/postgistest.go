package postgistest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/lifecircle/lifecircle/migrations"
	"github.com/lifecircle/lifecircle/postgis"
)

// DefaultAdminURL is the server used when LIFECIRCLE_TEST_DB is unset.
const DefaultAdminURL = "host=/var/run/postgresql dbname=postgres"

// templateName names the migrated template after a digest of the embedded migrations, so
// checkouts with different migrations (branches, worktrees) never share or break each
// other's template. `make test` drops the templates when the suite ends.
func templateName(tb testing.TB) string {
	tb.Helper()
	h := sha256.New()
	entries, err := fs.ReadDir(migrations.FS, ".")
	if err != nil {
		tb.Fatalf("read the embedded migrations: %v", err)
	}
	for _, e := range entries {
		b, err := fs.ReadFile(migrations.FS, e.Name())
		if err != nil {
			tb.Fatalf("read the embedded migration %s: %v", e.Name(), err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", e.Name(), len(b))
		h.Write(b)
	}
	return TemplatePrefix + hex.EncodeToString(h.Sum(nil))[:12]
}

// TemplatePrefix begins the name of every template database New creates.
const TemplatePrefix = "lifecircle_test_template_"

// New returns a connection to a new migrated database, and its URL for code under test
// that connects itself (the CLI, the server). The database is dropped when the test ends.
func New(tb testing.TB) (*postgis.DB, string) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	admin := adminConfig(tb)
	conn, err := pgx.ConnectConfig(ctx, admin)
	if err != nil {
		unavailable(tb, err)
	}
	defer conn.Close(ctx)
	name := "lifecircle_test_" + randomSuffix(tb)
	if err := cloneTemplate(ctx, conn, admin, templateName(tb), name); err != nil {
		tb.Fatalf("create test database: %v", err)
	}
	url := urlFor(admin, name)
	db, err := postgis.Open(ctx, url)
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	tb.Cleanup(func() { drop(tb, admin, name, db) })
	return db, url
}

// adminConfig reads the server address, requiring a database server to be there.
func adminConfig(tb testing.TB) *pgx.ConnConfig {
	tb.Helper()
	url := os.Getenv("LIFECIRCLE_TEST_DB")
	if url == "" {
		url = DefaultAdminURL
	}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		tb.Fatalf("LIFECIRCLE_TEST_DB %q: %v", url, err)
	}
	return cfg
}

func unavailable(tb testing.TB, err error) {
	tb.Helper()
	msg := fmt.Sprintf("PostgreSQL + PostGIS is not reachable (%v); set LIFECIRCLE_TEST_DB or run .ci/run", err)
	if os.Getenv("CI") == "true" {
		tb.Fatal(msg)
	}
	tb.Skip("skipped: " + msg)
}

// cloneTemplate creates database name from the migrated template, creating and migrating
// the template first, all under an advisory lock so parallel test binaries do not race.
func cloneTemplate(ctx context.Context, conn *pgx.Conn, admin *pgx.ConnConfig, templateName, name string) error {
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(7254001)"); err != nil {
		return err
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(7254001)") //nolint:errcheck
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", templateName).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{templateName}.Sanitize()); err != nil {
			return err
		}
	}
	db, err := postgis.Open(ctx, urlFor(admin, templateName))
	if err != nil {
		return err
	}
	_, err = db.Migrate(ctx)
	db.Close()
	if err != nil {
		return err
	}
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()+" TEMPLATE "+pgx.Identifier{templateName}.Sanitize())
	return err
}

func drop(tb testing.TB, admin *pgx.ConnConfig, name string, db *postgis.DB) {
	db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, admin)
	if err != nil {
		tb.Logf("drop %s: %v", name, err)
		return
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
		tb.Logf("drop %s: %v", name, err)
	}
}

// urlFor returns a key=value connection string for database name on admin's server.
func urlFor(admin *pgx.ConnConfig, name string) string {
	c := admin.Config
	s := fmt.Sprintf("host=%s port=%d dbname=%s", c.Host, c.Port, name)
	if c.User != "" {
		s += " user=" + c.User
	}
	if c.Password != "" {
		s += " password=" + c.Password
	}
	if c.TLSConfig == nil {
		s += " sslmode=disable"
	}
	return s
}

func randomSuffix(tb testing.TB) string {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		tb.Fatal(err)
	}
	return hex.EncodeToString(b)
}
