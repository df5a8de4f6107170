package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"garde/scheduler"
)

var validateCommand = command{
	name:    "validate",
	usage:   "FILE [--json]",
	summary: "check a territory file; exit 0 when valid, 1 otherwise, listing every problem",
	run:     runValidate,
}

func runValidate(_ context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	asJSON := fs.Bool("json", false, "print the problems as a JSON array of {path, reason}")
	pos, err := parseArgs(fs, args, 1, 1)
	if err != nil {
		return exitFailed
	}
	path := pos[0]
	data, err := readInput(path)
	if err != nil {
		e.errorf("%v", err)
		return exitFailed
	}
	t, err := scheduler.ParseTerritory(data)
	var problems scheduler.FieldErrors
	if err != nil && !errors.As(err, &problems) {
		e.errorf("%s: %v", path, err)
		return exitFailed
	}
	if *asJSON {
		if problems == nil {
			problems = scheduler.FieldErrors{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(problems)
	} else if len(problems) > 0 {
		fmt.Fprintf(e.stdout, "%s: %d problem(s)\n", path, len(problems))
		for _, p := range problems {
			fmt.Fprintf(e.stdout, "  %s\n", p)
		}
	} else {
		fmt.Fprintf(e.stdout, "%s: valid territory %q: %d establishments, %d lines, %d doctors, %d pins\n",
			path, t.Info.ID, len(t.Establishments), len(t.Lines), len(t.Doctors), len(t.Pins))
	}
	if len(problems) > 0 {
		return exitFailed
	}
	return exitOK
}
