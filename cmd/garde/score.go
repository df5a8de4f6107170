package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"garde/scheduler"
)

var scoreCommand = command{
	name:    "score",
	usage:   "FILE ROTA.json [--reference REF.json] [--history PREV.json] [--json]",
	summary: "check a rota against the hard rules and compute its score; exit 0 feasible, 1 not, 2 unreadable",
	run:     runScore,
}

func runScore(_ context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	refPath := fs.String("reference", "", "the published rota being re-planned (stability term)")
	histPath := fs.String("history", "", "the previous period's rota (overlap and rest across the boundary)")
	asJSON := fs.Bool("json", false, `print {"violations": [...], "U", "F", "K", "P", "S", "T", "C", "total"}`)
	pos, err := parseArgs(fs, args, 2, 2)
	if err != nil {
		return exitBadArgs
	}
	t, err := loadTerritory(pos[0])
	if err != nil {
		e.errorf("%s", indent(err.Error()))
		return exitBadArgs
	}
	rota, err := loadRota(pos[1])
	if err != nil {
		e.errorf("%s", indent(err.Error()))
		return exitBadArgs
	}
	ref, err := loadRota(*refPath)
	if err != nil {
		e.errorf("%s", indent(err.Error()))
		return exitBadArgs
	}
	hist, err := loadRota(*histPath)
	if err != nil {
		e.errorf("%s", indent(err.Error()))
		return exitBadArgs
	}
	pb, err := scheduler.NewProblem(t, rota.From, rota.To, scheduler.ProblemOptions{Reference: ref, History: hist})
	if err != nil {
		e.errorf("%s", indent(err.Error()))
		return exitBadArgs
	}
	ev, err := pb.Evaluate(rota)
	if err != nil {
		e.errorf("%s", indent(err.Error()))
		return exitBadArgs
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if ev.Violations == nil {
			ev.Violations = []scheduler.Violation{}
		}
		_ = enc.Encode(ev)
	} else {
		printEvaluation(e, pb, ev)
	}
	if !ev.Feasible() {
		return exitFailed
	}
	return exitOK
}

func printEvaluation(e *env, pb *scheduler.Problem, ev *scheduler.Evaluation) {
	if len(ev.Violations) == 0 {
		fmt.Fprintln(e.stdout, "No hard rule is broken.")
	} else {
		fmt.Fprintf(e.stdout, "%d hard rule violation(s):\n", len(ev.Violations))
		w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(w, "  RULE\tSHIFT\tDOCTOR\tWHY")
		for _, v := range ev.Violations {
			fmt.Fprintf(w, "  %s\t%s\t%s\t%s\n", v.Rule, v.Shift, v.Doctor, v.Detail)
		}
		w.Flush()
	}
	fmt.Fprintln(e.stdout)
	printBreakdown(e, pb.Rules.Weights, ev.Score)
}

// printBreakdown shows each term of the objective with its weight.
func printBreakdown(e *env, w scheduler.EffectiveWeights, s scheduler.Score) {
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "term\tvalue\tweight\tweighted\t")
	row := func(name string, v, weight float64) {
		fmt.Fprintf(tw, "%s\t%.4f\t%g\t%.4f\t\n", name, v, weight, v*weight)
	}
	row("U uncovered seats", float64(s.U), scheduler.UncoveredWeight)
	row("F fairness of load", s.F, w.Fairness)
	row("K fairness of weekends", s.K, w.WeekendFairness)
	row("P wishes broken", float64(s.P), w.Wishes)
	row("S shifts too close", float64(s.S), w.Spacing)
	row("T travel km", s.T, w.Travel)
	row("C changed vs reference", float64(s.C), w.Stability)
	fmt.Fprintf(tw, "total\t\t\t%.4f\t\n", s.Total)
	tw.Flush()
}
