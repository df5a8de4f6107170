package main

import (
	"fmt"

	"garde/scheduler"
)

// printSolveReport shows the breakdown of the solved rota.
func printSolveReport(e *env, pb *scheduler.Problem, sol *scheduler.Solution) {
	ev := sol.Evaluation
	fmt.Fprintf(e.stdout, "Rota for %s, %s to %s: %d shifts, %d assignments, %d uncovered seat(s).\n",
		pb.Territory.Info.ID, pb.From, pb.To.AddDays(-1), len(pb.Shifts), len(sol.Rota.Assignments), ev.U)
	fmt.Fprintf(e.stdout, "Solved in %s (first complete rota after %s), %d moves on %d worker(s), %d epochs.\n\n",
		sol.Elapsed.Round(1e6), sol.Construction.Round(1e6), sol.Moves, sol.Workers, sol.Epochs)
	if !ev.Feasible() {
		fmt.Fprintf(e.stdout, "BUG: the rota breaks %d hard rule(s):\n", len(ev.Violations))
		for _, v := range ev.Violations {
			fmt.Fprintf(e.stdout, "  %s %s %s: %s\n", v.Rule, v.Shift, v.Doctor, v.Detail)
		}
	}
	printBreakdown(e, pb.Rules.Weights, ev.Score)
}
