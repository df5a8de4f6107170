// Package pgtest gives tests a PostgreSQL database of their own: an empty
// schema on the test server, dropped when the test ends. The store's suite
// and the API's both run on it, so that every test that passes on SQLite
// also runs on a real PostgreSQL.
//
// The server is GARDE_TEST_DATABASE_URL, by default the local test
// database. An unreachable server skips the test, unless
// GARDE_REQUIRE_POSTGRES=1 (set by CI), where it fails: CI must not pass
// without having run the PostgreSQL tests.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the admin connection that creates and drops schemas
)

// DefaultURL is the test server when GARDE_TEST_DATABASE_URL is unset.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// A Server creates schemas on the test server.
type Server struct {
	base  string
	admin *sql.DB
}

// Connect reaches the test server, or skips t (fails it when
// GARDE_REQUIRE_POSTGRES=1) and returns false. The connection closes when
// t ends.
func Connect(t testing.TB) (*Server, bool) {
	t.Helper()
	base := os.Getenv("GARDE_TEST_DATABASE_URL")
	if base == "" {
		base = DefaultURL
	}
	admin, err := sql.Open("pgx", base)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = admin.PingContext(ctx)
		cancel()
		if err != nil {
			admin.Close()
		}
	}
	if err != nil {
		msg := fmt.Sprintf("PostgreSQL is unreachable (%v); set GARDE_TEST_DATABASE_URL to test against another server", err)
		if os.Getenv("GARDE_REQUIRE_POSTGRES") == "1" {
			t.Fatalf("%s; GARDE_REQUIRE_POSTGRES=1 makes this a failure", msg)
		}
		t.Skipf("%s; skipping (GARDE_REQUIRE_POSTGRES=1 makes this a failure)", msg)
		return nil, false
	}
	admin.SetMaxOpenConns(2)
	t.Cleanup(func() { admin.Close() })
	return &Server{base: base, admin: admin}, true
}

// NewSchema creates an empty schema named prefix plus random letters and
// returns the server's URL with that schema as its search path. The schema
// is dropped when t ends, after the cleanups t registers later (close the
// store opened on it with t.Cleanup).
func (s *Server) NewSchema(t testing.TB, prefix string) string {
	t.Helper()
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	schema := prefix + hex.EncodeToString(b)
	if _, err := s.admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema %s: %v", schema, err)
	}
	t.Cleanup(func() {
		if _, err := s.admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(s.base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
