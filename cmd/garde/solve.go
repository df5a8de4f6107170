package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"garde/scheduler"
)

var solveCommand = command{
	name:    "solve",
	usage:   "FILE --from YYYY-MM-DD --to YYYY-MM-DD [--time-limit 10s] [--seed N] [--workers N] [--reference REF.json] [--history PREV.json] [--out ROTA.json]",
	summary: "make the best rota the rules allow for a period, and report fairness, balance and gaps",
	run:     runSolve,
}

func runSolve(ctx context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	var from, to dateFlag
	fs.Var(&from, "from", "first day of the period (YYYY-MM-DD)")
	fs.Var(&to, "to", "day after the last day of the period (YYYY-MM-DD)")
	timeLimit := fs.Duration("time-limit", 10*time.Second, "stop after this long")
	seed := fs.Uint64("seed", 1, "random seed: the same seed, workers and --moves give the same rota")
	workers := fs.Int("workers", 0, "parallel searches (0: every core)")
	moves := fs.Int64("moves", 0, "stop after this many moves per worker (0: no limit)")
	stall := fs.Int("stall", 0, fmt.Sprintf("stop after this many epochs without a better rota (0: %d, -1: never)", scheduler.DefaultStallEpochs))
	refPath := fs.String("reference", "", "the published rota being re-planned: keep what can be kept")
	histPath := fs.String("history", "", "the previous period's rota (overlap and rest across the boundary)")
	out := fs.String("out", "", "write the rota file here")
	save := fs.Bool("save", false, "store the rota in the database as the next draft version, with how it was made")
	db := dbFlag(fs)
	quiet := fs.Bool("quiet", false, "no progress bar")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the solve to this file")
	pos, err := parseArgs(fs, args, 1, 1)
	if err != nil {
		return exitBadArgs
	}
	if !from.set || !to.set {
		e.errorf("solve needs --from and --to")
		return exitBadArgs
	}
	t, territoryBytes, err := readTerritory(pos[0])
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
	pb, err := scheduler.NewProblem(t, from.d, to.d, scheduler.ProblemOptions{Reference: ref, History: hist})
	if err != nil {
		e.errorf("%s", indent(err.Error()))
		return exitBadArgs
	}
	opt := scheduler.SolveOptions{Seed: *seed, Workers: *workers, TimeLimit: *timeLimit, Moves: *moves, StallEpochs: *stall}
	if *cpuProfile != "" {
		stopProfile, err := startCPUProfile(*cpuProfile)
		if err != nil {
			e.errorf("%v", err)
			return exitBadArgs
		}
		defer stopProfile()
	}
	bar := newProgress(e, *timeLimit, *quiet)
	opt.Progress = bar.update
	sol, err := scheduler.Solve(ctx, pb, opt)
	bar.finish()
	if err != nil {
		e.errorf("%v", err)
		return exitFailed
	}
	printSolveReport(e, pb, sol)
	if *out != "" {
		if err := writeJSONFile(*out, sol.Rota); err != nil {
			e.errorf("%v", err)
			return exitFailed
		}
		fmt.Fprintf(e.stdout, "\nRota written to %s.\n", *out)
	}
	if *save {
		in := solveInput{territory: territoryBytes, from: from.d, to: to.d, seed: *seed}
		in.reference, _ = readOptional(*refPath)
		in.history, _ = readOptional(*histPath)
		info, err := saveSolution(ctx, *db, t, sol, in, opt)
		if err != nil {
			e.errorf("%s", indent(err.Error()))
			return exitFailed
		}
		fmt.Fprintf(e.stdout, "Saved as version %d (draft) of the rota of %s from %s to %s, territory revision %d.\n",
			info.Version, info.Rota.Territory, info.Rota.From, info.Rota.To, info.TerritoryRevision)
	}
	if !sol.Evaluation.Feasible() {
		return exitFailed
	}
	return exitOK
}

// readOptional reads a file when a path is given.
func readOptional(path string) ([]byte, error) {
	if path == "" {
		return nil, nil
	}
	return readInput(path)
}

func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func writeJSONFile(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}
