package api_test

import (
	"context"
	"path/filepath"
	"testing"

	"garde/store"
	"garde/store/pgtest"
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

// postgresBackend connects to the test server, or skips (or fails) the
// test; each database is a schema of its own (see pgtest).
func postgresBackend(t testing.TB) (backend, bool) {
	t.Helper()
	server, ok := pgtest.Connect(t)
	if !ok {
		return backend{}, false
	}
	return backend{name: "postgres", open: func(t testing.TB) *store.Store {
		t.Helper()
		s, err := store.Open(context.Background(), server.NewSchema(t, "garde_api_test_"), store.Options{MaxOpenConns: 10})
		if err != nil {
			t.Fatalf("open the test schema: %v", err)
		}
		t.Cleanup(func() { s.Close() })
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
