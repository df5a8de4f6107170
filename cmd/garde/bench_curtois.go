package main

import (
	"context"
	"fmt"
	"time"

	"garde/scheduler"
	"garde/scheduler/curtois"
)

// runBenchCurtois solves one instance of the Curtois & Qu benchmark with
// the rota engine and reports the objective and its parts, checked by the
// independent checker.
func runBenchCurtois(ctx context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	timeLimit := fs.Duration("time-limit", 60*time.Second, "stop after this long")
	seed := fs.Uint64("seed", 1, "random seed")
	workers := fs.Int("workers", 0, "parallel searches (0: every core)")
	out := fs.String("out", "", "write the roster here, in the benchmark's grid format")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the solve to this file")
	pos, err := parseArgs(fs, args, 1, 1)
	if err != nil {
		return exitBadArgs
	}
	in, err := curtois.ParseFile(pos[0])
	if err != nil {
		e.errorf("%v", err)
		return exitBadArgs
	}
	if *cpuProfile != "" {
		stopProfile, err := startCPUProfile(*cpuProfile)
		if err != nil {
			e.errorf("--cpuprofile: %v", err)
			return exitFailed
		}
		defer stopProfile()
	}
	run, err := solveCurtois(ctx, in, *seed, *workers, *timeLimit, nil)
	if err != nil {
		e.errorf("%v", err)
		return exitFailed
	}
	res := run.check
	fmt.Fprintf(e.stdout, "%s: %d staff, %d days, %d shift types\n", in.Name, len(in.Staff), in.Horizon, len(in.Shifts))
	fmt.Fprintf(e.stdout, "objective %d (under-cover %d, over-cover %d, shift-on requests %d, shift-off requests %d)\n",
		res.Penalty, res.CoverUnder, res.CoverOver, res.ShiftOnRequests, res.ShiftOffRequests)
	if res.Feasible() {
		fmt.Fprintf(e.stdout, "feasible; first feasible roster after %s\n", run.firstFeasible.Round(time.Millisecond))
	} else {
		fmt.Fprintf(e.stdout, "NOT feasible: %d hard rule(s) broken\n", len(res.Violations))
		for _, v := range res.Violations {
			fmt.Fprintf(e.stdout, "  %s\n", v)
		}
	}
	if run.hasBound {
		fmt.Fprintf(e.stdout, "lower bound %d (linear relaxation): no roster costs less\n", run.bound)
		if res.Feasible() && res.Penalty == run.bound {
			fmt.Fprintf(e.stdout, "optimal: the roster's objective is the lower bound\n")
		}
	}
	fmt.Fprintf(e.stdout, "%d moves in %s\n", run.moves, run.elapsed.Round(time.Millisecond))
	if *out != "" {
		// A roster that breaks a hard rule is not a solution: it is never written.
		if !res.Feasible() {
			fmt.Fprintf(e.stdout, "no feasible roster: nothing written to %s\n", *out)
		} else if err := writeRoster(*out, in, run.assign); err != nil {
			e.errorf("%v", err)
			return exitFailed
		} else {
			fmt.Fprintf(e.stdout, "roster written to %s\n", *out)
		}
	}
	if !res.Feasible() {
		return exitFailed
	}
	return exitOK
}

// curtoisRun is one solve of an instance, checked by the checker.
type curtoisRun struct {
	assign        [][]int
	check         curtois.Result
	firstFeasible time.Duration
	moves         int64
	elapsed       time.Duration
	bound         int // a lower bound of the objective, when hasBound
	hasBound      bool
}

// solveCurtois solves an instance; progress, when given, sees the solver's
// best penalty over time.
func solveCurtois(ctx context.Context, in *curtois.Instance, seed uint64, workers int, limit time.Duration,
	progress func(scheduler.SolveProgress)) (*curtoisRun, error) {
	res, err := scheduler.SolveDayRoster(ctx, in.DayRoster(), scheduler.SolveOptions{
		Seed: seed, Workers: workers, TimeLimit: limit, StallEpochs: -1, Progress: progress})
	if err != nil {
		return nil, err
	}
	return &curtoisRun{assign: res.Assign, check: curtois.Check(in, in.RosterOf(res.Assign)),
		firstFeasible: res.FirstFeasible, moves: res.Moves, elapsed: res.Elapsed,
		bound: res.LowerBound, hasBound: res.HasLowerBound}, nil
}
