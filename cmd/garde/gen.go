package main

import (
	"context"
	"fmt"
	"os"

	"garde/fixtures"
)

var genCommand = command{
	name:    "gen",
	usage:   "[--doctors N] [--lines M] [--seed S] [--out FILE]",
	summary: "write a realistic random territory file; the same options always give the same file",
	run:     runGen,
}

func runGen(_ context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	doctors := fs.Int("doctors", 250, "number of doctors")
	lines := fs.Int("lines", 25, "number of lines (at most the number of doctors)")
	seed := fs.Int64("seed", 1, "seed of the random choices")
	out := fs.String("out", "-", `file to write, or "-" for standard output`)
	if _, err := parseArgs(fs, args, 0, 0); err != nil {
		return exitBadArgs
	}
	t, err := fixtures.Generate(fixtures.GenOptions{Doctors: *doctors, Lines: *lines, Seed: *seed})
	if err != nil {
		e.errorf("%s", indent(err.Error()))
		return exitBadArgs
	}
	data, err := fixtures.Encode(t)
	if err != nil {
		e.errorf("%v", err)
		return exitFailed
	}
	if *out == "-" || *out == "" {
		if _, err := e.stdout.Write(data); err != nil {
			e.errorf("%v", err)
			return exitFailed
		}
		return exitOK
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		e.errorf("%v", err)
		return exitFailed
	}
	fmt.Fprintf(e.stderr, "garde: wrote %s: territory %q, %d establishments, %d lines, %d doctors, %d pins\n",
		*out, t.Info.ID, len(t.Establishments), len(t.Lines), len(t.Doctors), len(t.Pins))
	return exitOK
}
