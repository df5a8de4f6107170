package main

import (
	"context"
	"encoding/json"
	"fmt"

	"garde/scheduler"
)

var gapsCommand = command{
	name:    "gaps",
	usage:   "FILE --from YYYY-MM-DD --to YYYY-MM-DD [--json]",
	summary: "before solving: which seats cannot all be filled, who could take them and why not",
	run:     runGaps,
}

func runGaps(_ context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	var from, to dateFlag
	fs.Var(&from, "from", "first day of the period (YYYY-MM-DD)")
	fs.Var(&to, "to", "day after the last day of the period (YYYY-MM-DD)")
	asJSON := fs.Bool("json", false, "print the diagnosis as JSON")
	pos, err := parseArgs(fs, args, 1, 1)
	if err != nil {
		return exitBadArgs
	}
	if !from.set || !to.set {
		e.errorf("gaps needs --from and --to")
		return exitBadArgs
	}
	pb, code := loadProblem(e, pos[0], from.d, to.d)
	if code != exitOK {
		return code
	}
	d := pb.Diagnose()
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(d)
		return exitOK
	}
	printDiagnosis(e, d)
	return exitOK
}

func printDiagnosis(e *env, d *scheduler.Diagnosis) {
	if d.MinUncovered == 0 {
		fmt.Fprintf(e.stdout, "All %d seats can be covered as far as eligibility, rest and caps go.\n", d.Seats)
		return
	}
	fmt.Fprintf(e.stdout, "At least %d of %d seats cannot be covered by any rota:\n\n", d.MinUncovered, d.Seats)
	for _, g := range d.Gaps {
		fmt.Fprintln(e.stdout, "  "+g.String())
	}
}
