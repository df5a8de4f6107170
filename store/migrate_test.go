package store

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
)

func testMigrate(t *testing.T, b backend) {
	s := b.open(t, Options{})
	ctx := context.Background()
	applied, err := s.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	known, _ := s.knownVersions()
	var got []int64
	for _, a := range applied {
		got = append(got, a.Version)
	}
	if !slices.Equal(got, known) || len(known) == 0 {
		t.Errorf("applied %v, want %v", got, known)
	}
	again, err := s.Migrate(ctx)
	if err != nil || len(again) != 0 {
		t.Errorf("a second migrate applied %v, %v", again, err)
	}
	st, err := s.SchemaStatus(ctx)
	if err != nil || !st.UpToDate() || st.Current != known[len(known)-1] {
		t.Errorf("status after migrate: %+v, %v", st, err)
	}
	if err := s.CheckSchema(ctx); err != nil {
		t.Errorf("check after migrate: %v", err)
	}
}

// A database that lacks migrations is refused with a message naming the
// command that fixes it, and looking does not write.
func testSchemaBehind(t *testing.T, b backend) {
	s := b.open(t, Options{})
	ctx := context.Background()
	err := s.CheckSchema(ctx)
	if !errors.Is(err, ErrSchemaBehind) || !strings.Contains(err.Error(), "run garde migrate") {
		t.Fatalf("check of an empty database: %v", err)
	}
	st, err := s.SchemaStatus(ctx)
	if err != nil || st.Current != 0 || len(st.Pending) == 0 || st.UpToDate() {
		t.Errorf("status of an empty database: %+v, %v", st, err)
	}
	if exists, _ := s.tableExists(ctx, versionTable); exists {
		t.Error("checking the schema created goose's table")
	}
}

// A database migrated by a newer Garde is refused too, and not migrated.
func testSchemaAhead(t *testing.T, b backend) {
	s := b.migrated(t, Options{})
	ctx := context.Background()
	if err := s.db.Exec("INSERT INTO "+versionTable+" (version_id, is_applied) VALUES (?, ?)", 99999, true).Error; err != nil {
		t.Fatal(err)
	}
	err := s.CheckSchema(ctx)
	if !errors.Is(err, ErrSchemaAhead) || !strings.Contains(err.Error(), "99999") || !strings.Contains(err.Error(), "upgrade garde") {
		t.Errorf("check of a newer schema: %v", err)
	}
	if _, err := s.Migrate(ctx); !errors.Is(err, ErrSchemaAhead) {
		t.Errorf("migrate of a newer schema: %v", err)
	}
}

// Both backends have the same migration versions, each with an up and a down part.
func TestMigrationsMatchAcrossBackends(t *testing.T) {
	versions := map[Backend][]int64{}
	for _, b := range []Backend{Postgres, SQLite} {
		s := &Store{target: Target{Backend: b}}
		v, err := s.knownVersions()
		if err != nil || len(v) == 0 {
			t.Fatalf("%s: %v, %v", b, v, err)
		}
		versions[b] = v
		fs.WalkDir(s.migrationsFS(), ".", func(path string, d fs.DirEntry, err error) error {
			if d.IsDir() {
				return nil
			}
			data, _ := fs.ReadFile(s.migrationsFS(), path)
			if !strings.Contains(string(data), "-- +goose Up") || !strings.Contains(string(data), "-- +goose Down") {
				t.Errorf("%s/%s lacks an Up or a Down part", b, path)
			}
			return nil
		})
	}
	if !slices.Equal(versions[Postgres], versions[SQLite]) {
		t.Errorf("postgres has versions %v, sqlite %v", versions[Postgres], versions[SQLite])
	}
}

func TestParseTarget(t *testing.T) {
	for _, tc := range []struct {
		url      string
		backend  Backend
		path     string
		display  string
		errorHas string
	}{
		{url: "", backend: SQLite, path: "garde.db", display: "garde.db"},
		{url: "data/my garde.db", backend: SQLite, path: "data/my garde.db"},
		{url: "sqlite:/var/lib/garde.db", backend: SQLite, path: "/var/lib/garde.db"},
		{url: "sqlite:///var/lib/garde.db", backend: SQLite, path: "/var/lib/garde.db"},
		{url: "file:x.db", backend: SQLite, path: "x.db"},
		{url: "postgres://garde:secret@db:5432/garde?sslmode=require", backend: Postgres, display: "postgres://garde@db:5432/garde"},
		{url: "postgresql://db/garde", backend: Postgres, display: "postgresql://db/garde"},
		{url: "mysql://db/garde", errorHas: `"mysql" is not supported`},
		{url: "x.db?mode=ro", errorHas: "not a usable SQLite file path"},
	} {
		got, err := ParseTarget(tc.url)
		if tc.errorHas != "" {
			if err == nil || !strings.Contains(err.Error(), tc.errorHas) {
				t.Errorf("%q: %v, want an error with %q", tc.url, err, tc.errorHas)
			}
			continue
		}
		if err != nil || got.Backend != tc.backend || got.Path != tc.path {
			t.Errorf("%q: %+v, %v", tc.url, got, err)
		}
		if tc.display != "" && got.Display != tc.display {
			t.Errorf("%q shows as %q, want %q", tc.url, got.Display, tc.display)
		}
		if strings.Contains(got.Display, "secret") {
			t.Errorf("%q shows its password", tc.url)
		}
		if got.Backend == SQLite && !strings.HasPrefix(got.DSN, "file:") || strings.Contains(got.DSN, "busy_timeout") &&
			strings.Index(got.DSN, "busy_timeout") > strings.Index(got.DSN, "foreign_keys") {
			t.Errorf("%q: DSN %q must be a file: URI with busy_timeout first", tc.url, got.DSN)
		}
	}
}

// A command other than migrate does not create an empty SQLite file.
func TestOpenMustExist(t *testing.T) {
	path := t.TempDir() + "/absent.db"
	_, err := Open(context.Background(), path, Options{MustExist: true})
	if !errors.Is(err, ErrSchemaBehind) || !strings.Contains(err.Error(), "run garde migrate") {
		t.Errorf("open of a missing file: %v", err)
	}
}
