package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"garde/scheduler"
)

var candidatesCommand = command{
	name:    "candidates",
	usage:   "FILE ROTA.json SHIFT_KEY [--replace DOCTOR] [--all] [--json]",
	summary: "rank the doctors who could take one seat, with the score change and the reasons",
	run:     runCandidates,
}

func runCandidates(_ context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	replace := fs.String("replace", "", "the doctor on the shift who drops out (when every seat is taken)")
	all := fs.Bool("all", false, "also list the doctors of the specialty who are not eligible")
	asJSON := fs.Bool("json", false, "print the candidates as JSON")
	pos, err := parseArgs(fs, args, 3, 3)
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
	pb, err := scheduler.NewProblem(t, rota.From, rota.To, scheduler.ProblemOptions{})
	if err != nil {
		e.errorf("%s", indent(err.Error()))
		return exitBadArgs
	}
	cands, err := pb.Candidates(rota, pos[2], *replace)
	if err != nil {
		e.errorf("%v", err)
		return exitBadArgs
	}
	if !*all {
		kept := cands[:0]
		for _, c := range cands {
			if c.Eligible {
				kept = append(kept, c)
			}
		}
		cands = kept
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(cands)
		return exitOK
	}
	printCandidates(e, pos[2], cands)
	return exitOK
}

func printCandidates(e *env, shift string, cands []scheduler.Candidate) {
	if len(cands) == 0 {
		fmt.Fprintf(e.stdout, "Nobody could take %s.\n", shift)
		return
	}
	fmt.Fprintf(e.stdout, "Who could take %s, best first:\n\n", shift)
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "RANK\tDOCTOR\tNAME\tCHANGE\tWHY")
	for i, c := range cands {
		change := fmt.Sprintf("%+.1f", c.Change)
		why := strings.Join(c.Reasons, "; ")
		if !c.Eligible {
			change = "not eligible"
			why = strings.Join(c.Broken, "; ")
		} else if !c.Legal {
			change = "not legal"
			why = strings.Join(c.Broken, "; ")
		}
		if why == "" {
			why = "no change to any term"
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", i+1, c.Doctor, c.Name, change, why)
	}
	w.Flush()
}
