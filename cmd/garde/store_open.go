package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"garde/store"
)

// dbFlag adds --db to a command that uses the database.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", os.Getenv(store.EnvDatabaseURL),
		"database: postgres://... or a SQLite file path (default $"+store.EnvDatabaseURL+", else ./"+store.DefaultSQLitePath+")")
}

// openStore opens the database for a command that reads or writes
// territories and rotas: it must exist and have this garde's schema, or
// the error says to run garde migrate.
func openStore(ctx context.Context, dbURL string) (*store.Store, error) {
	s, err := store.Open(ctx, dbURL, store.Options{MustExist: true})
	if err != nil {
		return nil, err
	}
	if err := s.CheckSchema(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// storeFailed reports a store error; the message says what to do.
func storeFailed(e *env, err error) int {
	e.errorf("%s", indent(err.Error()))
	return exitFailed
}

// writeJSON writes v as an indented JSON file, to standard output when path
// is empty or "-".
func writeJSON(e *env, path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if path == "" || path == "-" {
		_, err = e.stdout.Write(b)
		return err
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
