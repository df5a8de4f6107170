package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"
)

var importCommand = command{
	name:    "import",
	usage:   "FILE [--db URL]",
	summary: "store a territory file: a new territory, or the next revision of a stored one (a bad file changes nothing)",
	run:     runImport,
}

func runImport(ctx context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	dbURL := dbFlag(fs)
	pos, err := parseArgs(fs, args, 1, 1)
	if err != nil {
		return exitBadArgs
	}
	data, err := readInput(pos[0])
	if err != nil {
		e.errorf("%v", err)
		return exitBadArgs
	}
	s, err := openStore(ctx, *dbURL)
	if err != nil {
		return storeFailed(e, err)
	}
	defer s.Close()
	res, err := s.ImportTerritoryFile(ctx, data)
	if err != nil {
		e.errorf("%s: %s", pos[0], indent(err.Error()))
		return exitFailed
	}
	switch {
	case res.Unchanged:
		fmt.Fprintf(e.stdout, "territory %s unchanged: %s is identical to revision %d; nothing stored\n", res.Territory, pos[0], res.Revision)
	case res.Created:
		fmt.Fprintf(e.stdout, "territory %s imported as revision %d (new territory)\n", res.Territory, res.Revision)
	default:
		fmt.Fprintf(e.stdout, "territory %s imported as revision %d\n", res.Territory, res.Revision)
	}
	return exitOK
}

var exportCommand = command{
	name:    "export",
	usage:   "TERRITORY_ID [--revision N] [--out FILE] [--db URL]",
	summary: "write a stored territory back as a territory file (the latest revision unless --revision)",
	run:     runExport,
}

func runExport(ctx context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	dbURL := dbFlag(fs)
	revision := fs.Int("revision", 0, "the revision to export (default: the latest)")
	out := fs.String("out", "", "write to this file instead of standard output")
	pos, err := parseArgs(fs, args, 1, 1)
	if err != nil {
		return exitBadArgs
	}
	if *revision < 0 {
		e.errorf("--revision must be 1 or more")
		return exitBadArgs
	}
	s, err := openStore(ctx, *dbURL)
	if err != nil {
		return storeFailed(e, err)
	}
	defer s.Close()
	t, info, err := s.ExportTerritory(ctx, pos[0], *revision)
	if err != nil {
		return storeFailed(e, err)
	}
	if err := writeJSON(e, *out, t); err != nil {
		e.errorf("%v", err)
		return exitFailed
	}
	if *out != "" && *out != "-" {
		fmt.Fprintf(e.stdout, "wrote revision %d of territory %s to %s\n", info.Revision, info.Territory, *out)
	}
	return exitOK
}

var territoriesCommand = command{
	name:    "territories",
	usage:   "[--db URL]",
	summary: "list the stored territories",
	run:     runTerritories,
}

func runTerritories(ctx context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	dbURL := dbFlag(fs)
	if _, err := parseArgs(fs, args, 0, 0); err != nil {
		return exitBadArgs
	}
	s, err := openStore(ctx, *dbURL)
	if err != nil {
		return storeFailed(e, err)
	}
	defer s.Close()
	list, err := s.Territories(ctx)
	if err != nil {
		return storeFailed(e, err)
	}
	if len(list) == 0 {
		fmt.Fprintln(e.stdout, "No territory is stored yet: garde import FILE stores one.")
		return exitOK
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tREVISION\tUPDATED (UTC)\tNAME")
	for _, t := range list {
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\n", t.ID, t.LatestRevision, t.UpdatedAt.Format(time.DateTime), t.Name)
	}
	w.Flush()
	return exitOK
}
