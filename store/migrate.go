package store

import (
	"context"
	"embed"
	"fmt"
	"hash/fnv"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// The schema is versioned SQL, one directory per backend with the same
// version numbers, embedded so that the binary migrates its own database.
// The schema only ever changes through these files: never AutoMigrate.
//
//go:embed migrations/postgres/*.sql migrations/sqlite/*.sql
var migrationFiles embed.FS

// versionTable is goose's bookkeeping table.
const versionTable = goose.DefaultTablename

// AppliedMigration is one migration Migrate ran.
type AppliedMigration struct {
	Version  int64
	File     string
	Duration time.Duration
}

// SchemaStatus compares the database with the migrations this Garde knows.
type SchemaStatus struct {
	Current int64   // highest version applied to the database; 0 for none
	Latest  int64   // highest version this Garde knows
	Pending []int64 // known versions the database lacks
	Unknown []int64 // versions the database has that this Garde does not know
}

// UpToDate reports whether the database has exactly the known migrations.
func (st SchemaStatus) UpToDate() bool { return len(st.Pending) == 0 && len(st.Unknown) == 0 }

// migrationsFS is the directory of this backend's migrations.
func (s *Store) migrationsFS() fs.FS {
	sub, err := fs.Sub(migrationFiles, path.Join("migrations", string(s.target.Backend)))
	if err != nil {
		panic(err) // the directories are embedded at build time
	}
	return sub
}

// Migrate applies the pending migrations, each in a transaction, and lists
// what it applied (nothing when the schema is up to date). On PostgreSQL a
// session lock keeps two garde migrate from running at once; on SQLite the
// file's write lock does.
func (s *Store) Migrate(ctx context.Context) ([]AppliedMigration, error) {
	st, err := s.SchemaStatus(ctx)
	if err != nil {
		return nil, err
	}
	if len(st.Unknown) > 0 {
		return nil, aheadError(st)
	}
	p, err := s.provider(ctx)
	if err != nil {
		return nil, err
	}
	results, err := p.Up(ctx)
	applied := make([]AppliedMigration, 0, len(results))
	for _, r := range results {
		if r.Error == nil {
			applied = append(applied, AppliedMigration{Version: r.Source.Version, File: path.Base(r.Source.Path), Duration: r.Duration})
		}
	}
	if err != nil {
		return applied, fmt.Errorf("migrating the database at %s: %w", s.target.Display, err)
	}
	return applied, nil
}

func (s *Store) provider(ctx context.Context) (*goose.Provider, error) {
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	dialect := goose.DialectSQLite3
	if s.target.Backend == Postgres {
		dialect = goose.DialectPostgres
		id, err := s.migrationLockID(ctx)
		if err != nil {
			return nil, err
		}
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(id), lock.WithLockTimeout(1, 300))
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	return goose.NewProvider(dialect, s.sqlDB, s.migrationsFS(), opts...)
}

// migrationLockID is the PostgreSQL advisory lock that serialises
// migrations of one schema: per schema, so that two Garde installations in
// two schemas of one database (or two tests) do not wait for each other.
func (s *Store) migrationLockID(ctx context.Context) (int64, error) {
	var schema string
	if err := s.db.WithContext(ctx).Raw("SELECT current_database() || '.' || current_schema()").Scan(&schema).Error; err != nil {
		return 0, fmt.Errorf("reading the current schema: %w", err)
	}
	h := fnv.New64a()
	h.Write([]byte("garde migrate " + schema))
	return int64(h.Sum64() >> 1), nil
}

// knownVersions are the migration versions embedded in this binary.
func (s *Store) knownVersions() ([]int64, error) {
	entries, err := fs.ReadDir(s.migrationsFS(), ".")
	if err != nil {
		return nil, err
	}
	var versions []int64
	for _, e := range entries {
		prefix, _, ok := strings.Cut(e.Name(), "_")
		if !ok || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		v, err := strconv.ParseInt(prefix, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("migration file %s does not start with a version number", e.Name())
		}
		versions = append(versions, v)
	}
	slices.Sort(versions)
	return versions, nil
}

// SchemaStatus reads which migrations the database has. It only reads: a
// database never migrated has no version table and reports Current 0.
func (s *Store) SchemaStatus(ctx context.Context) (SchemaStatus, error) {
	known, err := s.knownVersions()
	if err != nil {
		return SchemaStatus{}, err
	}
	st := SchemaStatus{Latest: known[len(known)-1]}
	applied, err := s.appliedVersions(ctx)
	if err != nil {
		return SchemaStatus{}, fmt.Errorf("reading the schema version of the database at %s: %w", s.target.Display, err)
	}
	for v := range applied {
		st.Current = max(st.Current, v)
		if !slices.Contains(known, v) {
			st.Unknown = append(st.Unknown, v)
		}
	}
	for _, v := range known {
		if !applied[v] {
			st.Pending = append(st.Pending, v)
		}
	}
	slices.Sort(st.Unknown)
	return st, nil
}

// appliedVersions reads goose's table: a version is applied when its latest
// row says so (goose records a rollback as a new row).
func (s *Store) appliedVersions(ctx context.Context) (map[int64]bool, error) {
	exists, err := s.tableExists(ctx, versionTable)
	if err != nil || !exists {
		return map[int64]bool{}, err
	}
	var rows []struct {
		VersionID int64
		IsApplied bool
	}
	err = s.db.WithContext(ctx).Table(versionTable).Select("version_id, is_applied").Order("id").Find(&rows).Error
	if err != nil {
		return nil, err
	}
	applied := map[int64]bool{}
	for _, r := range rows {
		if r.VersionID == 0 {
			continue // goose's own first row
		}
		if r.IsApplied {
			applied[r.VersionID] = true
		} else {
			delete(applied, r.VersionID)
		}
	}
	return applied, nil
}

func (s *Store) tableExists(ctx context.Context, name string) (bool, error) {
	var n int64
	q := "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
	if s.target.Backend == Postgres {
		q = "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?"
	}
	err := s.db.WithContext(ctx).Raw(q, name).Scan(&n).Error
	return n > 0, err
}

// CheckSchema returns nil when the database has exactly the migrations this
// Garde knows, an ErrSchemaBehind error naming garde migrate when it lacks
// some, and an ErrSchemaAhead error when a newer Garde migrated it. The
// server and every command but garde migrate call it before any work.
func (s *Store) CheckSchema(ctx context.Context) error {
	st, err := s.SchemaStatus(ctx)
	if err != nil {
		return err
	}
	if len(st.Unknown) > 0 {
		return aheadError(st)
	}
	if len(st.Pending) > 0 {
		return newError(ErrSchemaBehind, nil,
			"the database at %s is at schema version %d, this garde needs version %d: run garde migrate",
			s.target.Display, st.Current, st.Latest)
	}
	return nil
}

func aheadError(st SchemaStatus) error {
	return newError(ErrSchemaAhead, nil,
		"the database has schema version %d, which this garde does not know (it knows up to %d): upgrade garde",
		st.Unknown[len(st.Unknown)-1], st.Latest)
}
