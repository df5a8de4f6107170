// Package store keeps territories and rota versions in a database:
// PostgreSQL in production, an embedded SQLite file by default, with one
// behaviour on both.
//
// A territory is stored as numbered revisions, each a full snapshot of a
// territory file (territory.go). A rota, a territory and a period, is
// stored as numbered versions: drafts, one published, the superseded ones
// (rota.go). The schema comes from versioned SQL migrations embedded in the
// binary (migrate.go); a Store refuses to work on a schema that is behind.
//
// Rows are this package's business: callers see scheduler types and the
// small info types defined here, never a GORM model.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/ncruces/go-sqlite3/gormlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Backend is the kind of database a Store uses.
type Backend string

const (
	Postgres Backend = "postgres"
	SQLite   Backend = "sqlite"
)

// EnvDatabaseURL names the environment variable that selects the database:
// postgres://... for PostgreSQL; unset for the SQLite file DefaultSQLitePath.
const EnvDatabaseURL = "DATABASE_URL"

// DefaultSQLitePath is the SQLite file Garde uses when no database is named,
// so that a newcomer runs Garde with no set-up.
const DefaultSQLitePath = "garde.db"

// A Target is a database location read from a URL.
type Target struct {
	Backend Backend
	DSN     string // what the driver opens
	Path    string // the SQLite file; empty for PostgreSQL
	Display string // for messages: no password, no options
}

// ParseTarget reads a database URL: postgres:// or postgresql:// for
// PostgreSQL; sqlite:PATH, file:PATH or a plain path for a SQLite file; the
// empty string for DefaultSQLitePath.
func ParseTarget(raw string) (Target, error) {
	switch {
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		u, err := url.Parse(raw)
		if err != nil {
			return Target{}, fmt.Errorf("the database URL is not a valid URL: %w", err)
		}
		shown := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}
		if u.User != nil {
			shown.User = url.User(u.User.Username())
		}
		return Target{Backend: Postgres, DSN: raw, Display: shown.String()}, nil
	case raw == "":
		return sqliteTarget(DefaultSQLitePath)
	}
	path := raw
	for _, prefix := range []string{"sqlite://", "sqlite:", "file:"} {
		if strings.HasPrefix(path, prefix) {
			path = strings.TrimPrefix(path, prefix)
			break
		}
	}
	if strings.Contains(raw, "://") && path == raw {
		scheme, _, _ := strings.Cut(raw, "://")
		return Target{}, fmt.Errorf("database URL scheme %q is not supported: use postgres://... or the path of a SQLite file", scheme)
	}
	return sqliteTarget(path)
}

// sqliteTarget builds the DSN of a SQLite file. Order matters: busy_timeout
// first (so that the other pragmas wait for a busy file instead of failing),
// then foreign keys (off by default in SQLite) and the write-ahead log (readers
// do not block the writer); _txlock=immediate takes the write lock when a
// transaction begins, so two writers queue instead of failing mid-way.
func sqliteTarget(path string) (Target, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return Target{}, fmt.Errorf("%q is not a usable SQLite file path (no ?, no #, not empty)", path)
	}
	dsn := "file:" + strings.ReplaceAll(path, "%", "%25") +
		"?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=journal_mode(wal)&_pragma=synchronous(normal)&_txlock=immediate"
	return Target{Backend: SQLite, DSN: dsn, Path: path, Display: path}, nil
}

// Options tune Open.
type Options struct {
	// MustExist makes Open fail, rather than create an empty SQLite file, when
	// the file is missing: every command but garde migrate sets it.
	MustExist bool
	// Now is the clock; nil means time.Now. Whatever it returns is stored as a
	// UTC instant truncated to the second.
	Now func() time.Time
	// MaxOpenConns bounds the connection pool; 0 leaves it unbounded.
	MaxOpenConns int
}

// A Store is an open database holding territories and rotas. It is safe for
// concurrent use.
type Store struct {
	db     *gorm.DB
	sqlDB  *sql.DB
	target Target
	now    func() time.Time
}

// Open connects to the database at rawURL (see ParseTarget) and checks that
// it answers. It does not migrate: call Migrate, or CheckSchema before work.
func Open(ctx context.Context, rawURL string, opt Options) (*Store, error) {
	target, err := ParseTarget(rawURL)
	if err != nil {
		return nil, err
	}
	s := &Store{target: target, now: opt.Now}
	if s.now == nil {
		s.now = time.Now
	}
	var dialector gorm.Dialector
	switch target.Backend {
	case Postgres:
		dialector = postgres.Open(target.DSN)
	case SQLite:
		if opt.MustExist {
			if _, err := os.Stat(target.Path); errors.Is(err, fs.ErrNotExist) {
				return nil, newError(ErrSchemaBehind, nil, "there is no database at %s yet: run garde migrate to create it", target.Path)
			}
		}
		dialector = gormlite.Open(target.DSN)
	}
	s.db, err = gorm.Open(dialector, &gorm.Config{
		TranslateError:         true, // unique and foreign-key violations become gorm errors on both backends
		NowFunc:                s.clock,
		SkipDefaultTransaction: true, // every write runs in a transaction of ours
		Logger:                 logger.Discard,
	})
	if err != nil {
		return nil, fmt.Errorf("cannot open the database at %s: %w", target.Display, err)
	}
	s.sqlDB, err = s.db.DB()
	if err != nil {
		return nil, fmt.Errorf("cannot open the database at %s: %w", target.Display, err)
	}
	if opt.MaxOpenConns > 0 {
		s.sqlDB.SetMaxOpenConns(opt.MaxOpenConns)
	}
	if err := s.sqlDB.PingContext(ctx); err != nil {
		s.sqlDB.Close()
		return nil, fmt.Errorf("cannot reach the database at %s: %w", target.Display, err)
	}
	return s, nil
}

// Close releases the connections.
func (s *Store) Close() error { return s.sqlDB.Close() }

// Backend says which kind of database the store uses.
func (s *Store) Backend() Backend { return s.target.Backend }

// Location names the database for messages (no password).
func (s *Store) Location() string { return s.target.Display }

// clock is the current instant as stored: UTC, whole seconds. SQLite
// compares instants as text, so a fraction or a zone offset would sort
// wrongly; PostgreSQL would keep microseconds nobody asked for.
func (s *Store) clock() time.Time { return instant(s.now()) }

// instant normalises a time to what the database holds.
func instant(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }
