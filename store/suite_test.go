package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"garde/store/pgtest"
)

// A backend opens fresh, empty databases of one kind for tests.
type backend struct {
	name string
	// open returns a store on a new empty database, closed at the end of
	// the test; it is not migrated.
	open func(t testing.TB, opt Options) *Store
}

// migrated opens a fresh database and applies the migrations.
func (b backend) migrated(t testing.TB, opt Options) *Store {
	t.Helper()
	s := b.open(t, opt)
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return s
}

// runStoreSuite runs every store test on one backend: the two backends must
// behave the same, so they share the tests. Each test gets its own database
// and they run in parallel.
func runStoreSuite(t *testing.T, b backend) {
	tests := []struct {
		name string
		run  func(t *testing.T, b backend)
	}{
		{"Migrate", testMigrate},
		{"SchemaBehindIsRefused", testSchemaBehind},
		{"SchemaAheadIsRefused", testSchemaAhead},
		{"RoundTripFiles", testRoundTripFiles},
		{"ExportFollowsPositions", testExportFollowsPositions},
		{"Revisions", testRevisions},
		{"IdenticalImportIsANoOp", testIdenticalImport},
		{"BadImportChangesNothing", testBadImportChangesNothing},
		{"InterruptedImportWritesNothing", testInterruptedImport},
		{"ConcurrentImports", testConcurrentImports},
		{"SaveAndPublish", testSaveAndPublish},
		{"SaveNeedsStoredTerritory", testSaveNeedsStoredTerritory},
		{"StaleWritesAreConflicts", testStaleWrites},
		{"ConcurrentSaves", testConcurrentSaves},
		{"ConcurrentPublishes", testConcurrentPublishes},
		{"VersionsNeverChange", testVersionsNeverChange},
		{"InterruptedSaveWritesNothing", testInterruptedSave},
		{"RotasWithinPeriod", testRotasWithin},
		{"Times", testTimes},
		{"TimesAreWholeUTCSeconds", testTimeConstraints},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.run(t, b)
		})
	}
}

func TestSQLite(t *testing.T) {
	runStoreSuite(t, sqliteBackend())
}

func sqliteBackend() backend {
	return backend{name: "sqlite", open: func(t testing.TB, opt Options) *Store {
		t.Helper()
		return openStore(t, filepath.Join(t.TempDir(), "garde.db"), opt)
	}}
}

func openStore(t testing.TB, url string, opt Options) *Store {
	t.Helper()
	s, err := Open(context.Background(), url, opt)
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestPostgres runs the suite on the PostgreSQL at GARDE_TEST_DATABASE_URL
// (default: the local test database), each test in a schema of its own. An
// unreachable server skips the test, unless GARDE_REQUIRE_POSTGRES=1 (set by
// CI), where it fails: CI must not pass without having run it.
func TestPostgres(t *testing.T) {
	b, ok := postgresBackend(t)
	if !ok {
		return
	}
	runStoreSuite(t, b)
}

// postgresBackend connects to the test server, or skips (or fails) the
// test; each database is a schema of its own (see pgtest).
func postgresBackend(t testing.TB) (backend, bool) {
	t.Helper()
	server, ok := pgtest.Connect(t)
	if !ok {
		return backend{}, false
	}
	return backend{name: "postgres", open: func(t testing.TB, opt Options) *Store {
		t.Helper()
		dsn := server.NewSchema(t, "garde_test_")
		if opt.MaxOpenConns == 0 {
			opt.MaxOpenConns = 10
		}
		s, err := Open(context.Background(), dsn, opt)
		if err != nil {
			t.Fatalf("open the test schema: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}}, true
}

// snapshot reads every row of every table, as sorted text per table: two
// equal snapshots mean the database holds exactly the same data.
func snapshot(t testing.TB, s *Store) map[string][]string {
	t.Helper()
	q := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
	if s.Backend() == Postgres {
		q = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
	}
	var tables []string
	if err := s.db.Raw(q).Scan(&tables).Error; err != nil {
		t.Fatalf("list tables: %v", err)
	}
	if len(tables) < 20 {
		t.Fatalf("only %d tables: %v", len(tables), tables)
	}
	out := map[string][]string{}
	for _, table := range tables {
		rows, err := s.sqlDB.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		cols, _ := rows.Columns()
		lines := []string{}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("scan %s: %v", table, err)
			}
			parts := make([]string, len(cols))
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				if tm, ok := v.(time.Time); ok {
					v = tm.UTC().Format(time.RFC3339Nano)
				}
				parts[i] = fmt.Sprintf("%s=%v", cols[i], v)
			}
			lines = append(lines, strings.Join(parts, " "))
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		rows.Close()
		sort.Strings(lines)
		out[table] = lines
	}
	return out
}

// rowCount counts the rows of the tables a snapshot holds.
func rowCount(snap map[string][]string) int {
	n := 0
	for _, rows := range snap {
		n += len(rows)
	}
	return n
}
