package main

import (
	"context"
	"fmt"
	"time"

	"garde/scheduler"
)

var repairCommand = command{
	name:    "repair",
	usage:   "FILE REF.json [--out ROTA.json]",
	summary: "mend a published rota after a change (a doctor on leave): keep all that holds, refill with the fewest changes",
	run:     runRepair,
}

func runRepair(ctx context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	out := fs.String("out", "", "write the mended rota file here")
	histPath := fs.String("history", "", "the previous period's rota (overlap and rest across the boundary)")
	pos, err := parseArgs(fs, args, 2, 2)
	if err != nil {
		return exitBadArgs
	}
	t, err := loadTerritory(pos[0])
	if err != nil {
		e.errorf("%s", indent(err.Error()))
		return exitBadArgs
	}
	ref, err := loadRota(pos[1])
	if err != nil {
		e.errorf("%s", indent(err.Error()))
		return exitBadArgs
	}
	hist, err := loadRota(*histPath)
	if err != nil {
		e.errorf("%s", indent(err.Error()))
		return exitBadArgs
	}
	pb, err := scheduler.NewProblem(t, ref.From, ref.To, scheduler.ProblemOptions{Reference: ref, History: hist})
	if err != nil {
		e.errorf("%s", indent(err.Error()))
		return exitBadArgs
	}
	rep, err := pb.Repair(ctx, ref)
	if err != nil {
		e.errorf("%v", err)
		return exitFailed
	}
	printRepair(e, pb, rep)
	if *out != "" {
		if err := writeJSONFile(*out, rep.Rota); err != nil {
			e.errorf("%v", err)
			return exitFailed
		}
		fmt.Fprintf(e.stdout, "\nRota written to %s.\n", *out)
	}
	if !rep.Evaluation.Feasible() {
		return exitFailed
	}
	return exitOK
}

func printRepair(e *env, pb *scheduler.Problem, rep *scheduler.Repair) {
	fmt.Fprintf(e.stdout, "Repaired in %s: %d reference assignment(s) no longer hold, %d seat(s) refilled, %d left empty.\n",
		rep.Elapsed.Round(time.Millisecond), len(rep.Dropped), rep.Refilled, rep.Unfilled)
	for _, a := range rep.Dropped {
		fmt.Fprintf(e.stdout, "  dropped   %s  %s\n", a.Shift, a.Doctor)
	}
	d := rep.Diff
	fmt.Fprintf(e.stdout, "\nChanges against the reference: %d seat(s) handed over, %d filled, %d emptied.\n",
		len(d.Moved), len(d.Added), len(d.Removed))
	for _, m := range d.Moved {
		fmt.Fprintf(e.stdout, "  %s  %s -> %s\n", m.Shift, m.From, m.To)
	}
	for _, a := range d.Added {
		fmt.Fprintf(e.stdout, "  %s  + %s\n", a.Shift, a.Doctor)
	}
	for _, a := range d.Removed {
		fmt.Fprintf(e.stdout, "  %s  - %s\n", a.Shift, a.Doctor)
	}
	fmt.Fprintln(e.stdout)
	printBreakdown(e, pb.Rules.Weights, rep.Evaluation.Score)
}
