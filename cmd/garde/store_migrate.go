package main

import (
	"context"
	"fmt"

	"garde/store"
)

var migrateCommand = command{
	name:    "migrate",
	usage:   "[--db URL] [--status]",
	summary: "create or upgrade the database schema (the SQLite file ./garde.db unless DATABASE_URL or --db names another)",
	run:     runMigrate,
}

func runMigrate(ctx context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	dbURL := dbFlag(fs)
	statusOnly := fs.Bool("status", false, "only show which migrations the database has")
	if _, err := parseArgs(fs, args, 0, 0); err != nil {
		return exitBadArgs
	}
	s, err := store.Open(ctx, *dbURL, store.Options{MustExist: *statusOnly})
	if err != nil {
		return storeFailed(e, err)
	}
	defer s.Close()
	if *statusOnly {
		st, err := s.SchemaStatus(ctx)
		if err != nil {
			return storeFailed(e, err)
		}
		fmt.Fprintf(e.stdout, "%s (%s): schema version %d, this garde knows up to %d\n", s.Location(), s.Backend(), st.Current, st.Latest)
		if len(st.Pending) > 0 {
			fmt.Fprintf(e.stdout, "pending: %v: run garde migrate\n", st.Pending)
		}
		if len(st.Unknown) > 0 {
			fmt.Fprintf(e.stdout, "unknown to this garde: %v: upgrade garde\n", st.Unknown)
		}
		if !st.UpToDate() {
			return exitFailed
		}
		return exitOK
	}
	applied, err := s.Migrate(ctx)
	for _, m := range applied {
		fmt.Fprintf(e.stdout, "applied %s (%s)\n", m.File, m.Duration.Round(1e6))
	}
	if err != nil {
		return storeFailed(e, err)
	}
	st, err := s.SchemaStatus(ctx)
	if err != nil {
		return storeFailed(e, err)
	}
	if len(applied) == 0 {
		fmt.Fprintf(e.stdout, "%s (%s): schema already up to date at version %d\n", s.Location(), s.Backend(), st.Current)
	} else {
		fmt.Fprintf(e.stdout, "%s (%s): schema now at version %d\n", s.Location(), s.Backend(), st.Current)
	}
	return exitOK
}
