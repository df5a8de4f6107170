package api_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"garde/store"

	_ "github.com/jackc/pgx/v5/stdlib" // the admin connection that creates and drops test schemas
)

// A backend opens fresh, empty databases of one kind, as store's own suite
// does (store/suite_test.go): every test of the API runs on SQLite and on
// PostgreSQL, since the server runs on PostgreSQL and a newcomer on SQLite.
type backend struct {
	name string
	// open returns a store on a new empty, unmigrated database, closed (and
	// dropped) at the end of the test.
	open func(t testing.TB) *store.Store
}

// migrated opens a fresh database and applies the migrations.
func (b backend) migrated(t testing.TB) *store.Store {
	t.Helper()
	s := b.open(t)
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return s
}

func TestSQLite(t *testing.T) {
	runAPISuite(t, backend{name: "sqlite", open: func(t testing.TB) *store.Store {
		t.Helper()
		return openStore(t, filepath.Join(t.TempDir(), "garde.db"))
	}})
}

// TestPostgres runs the suite on the PostgreSQL at GARDE_TEST_DATABASE_URL
// (default: the local test database), each database a schema of its own.
// An unreachable server skips the test, unless GARDE_REQUIRE_POSTGRES=1
// (set by CI), where it fails: CI must not pass without having run it.
func TestPostgres(t *testing.T) {
	b, ok := postgresBackend(t)
	if !ok {
		return
	}
	runAPISuite(t, b)
}

const defaultPostgresTestURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

func postgresBackend(t testing.TB) (backend, bool) {
	t.Helper()
	base := os.Getenv("GARDE_TEST_DATABASE_URL")
	if base == "" {
		base = defaultPostgresTestURL
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
		return backend{}, false
	}
	admin.SetMaxOpenConns(2)
	t.Cleanup(func() { admin.Close() })
	return backend{name: "postgres", open: func(t testing.TB) *store.Store {
		t.Helper()
		schema := "garde_api_test_" + randomHex(t, 6)
		if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
			t.Fatalf("create schema: %v", err)
		}
		u, err := url.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		s, err := store.Open(context.Background(), u.String(), store.Options{MaxOpenConns: 10})
		if err != nil {
			t.Fatalf("open %s: %v", u.Redacted(), err)
		}
		t.Cleanup(func() {
			s.Close()
			if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
				t.Errorf("drop schema %s: %v", schema, err)
			}
		})
		return s
	}}, true
}

func openStore(t testing.TB, url string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), url, store.Options{})
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func randomHex(t testing.TB, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}
