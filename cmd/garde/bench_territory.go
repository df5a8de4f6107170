package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"garde/scheduler"
)

// runBenchSolve measures the solver on a territory: for each time limit,
// one run per seed; medians of the soft objective, coverage against the
// proven minimum, and the time to the first complete rota.
func runBenchSolve(ctx context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	var from, to dateFlag
	fs.Var(&from, "from", "first day of the period (YYYY-MM-DD)")
	fs.Var(&to, "to", "day after the last day of the period (YYYY-MM-DD)")
	limits := fs.String("limits", "1s,10s,60s", "time limits to compare, comma separated")
	seeds := fs.Int("seeds", 3, "runs per time limit, seeds 1..N")
	workers := fs.Int("workers", 0, "parallel searches (0: every core)")
	pos, err := parseArgs(fs, args, 1, 1)
	if err != nil || !from.set || !to.set {
		e.errorf("usage: garde %s %s", c.name, c.usage)
		return exitBadArgs
	}
	durations, err := parseDurations(*limits)
	if err != nil {
		e.errorf("--limits: %v", err)
		return exitBadArgs
	}
	pb, code := loadProblem(e, pos[0], from.d, to.d)
	if code != exitOK {
		return code
	}
	minimum := pb.Diagnose().MinUncovered
	seats := 0
	for _, s := range pb.Shifts {
		seats += s.Headcount
	}
	fmt.Fprintf(e.stdout, "%s, %s to %s: %d shifts, %d seats, %d doctors; proven minimum of empty seats %d\n\n",
		pb.Territory.Info.ID, from.d, to.d.AddDays(-1), len(pb.Shifts), seats, len(pb.Territory.Doctors), minimum)
	fmt.Fprintln(e.stdout, "| time limit | runs | median soft | min | max | U (min proven) | median first complete rota | median moves |")
	fmt.Fprintln(e.stdout, "|---|---|---|---|---|---|---|---|")
	medians := map[time.Duration]float64{}
	for _, limit := range durations {
		var soft, first, moves []float64
		worstU := 0
		for seed := 1; seed <= *seeds; seed++ {
			sol, err := scheduler.Solve(ctx, pb, scheduler.SolveOptions{Seed: uint64(seed), Workers: *workers, TimeLimit: limit, StallEpochs: -1})
			if err != nil {
				e.errorf("%v", err)
				return exitFailed
			}
			if !sol.Evaluation.Feasible() {
				e.errorf("seed %d: the rota breaks hard rules", seed)
				return exitFailed
			}
			soft = append(soft, sol.Evaluation.Soft())
			first = append(first, float64(sol.Construction.Microseconds())/1000)
			moves = append(moves, float64(sol.Moves))
			worstU = max(worstU, sol.Evaluation.U)
		}
		medians[limit] = median(soft)
		fmt.Fprintf(e.stdout, "| %s | %d | %.1f | %.1f | %.1f | %d (%d) | %.1f ms | %.0f |\n", limit, len(soft), median(soft),
			minOf(soft), maxOf(soft), worstU, minimum, median(first), median(moves))
	}
	if len(durations) > 1 {
		last := durations[len(durations)-1]
		fmt.Fprintln(e.stdout)
		for _, limit := range durations[:len(durations)-1] {
			fmt.Fprintf(e.stdout, "median soft at %s is %+.2f%% from the median at %s\n", limit,
				100*(medians[limit]-medians[last])/medians[last], last)
		}
	}
	return exitOK
}

// runBenchRepair measures repairs: the busiest doctors of a solved rota go
// on leave for a week, one at a time, and the rota is mended.
func runBenchRepair(ctx context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	var from, to, leaveFrom dateFlag
	fs.Var(&from, "from", "first day of the period (YYYY-MM-DD)")
	fs.Var(&to, "to", "day after the last day of the period (YYYY-MM-DD)")
	fs.Var(&leaveFrom, "leave", "first day of the week of leave (default: the period's eighth day)")
	doctors := fs.Int("doctors", 5, "how many doctors go on leave, one repair each")
	pos, err := parseArgs(fs, args, 1, 1)
	if err != nil || !from.set || !to.set {
		e.errorf("usage: garde %s %s", c.name, c.usage)
		return exitBadArgs
	}
	if !leaveFrom.set {
		leaveFrom.d = from.d.AddDays(7)
	}
	leaveTo := leaveFrom.d.AddDays(6)
	_, data, err := readTerritory(pos[0])
	if err != nil {
		e.errorf("%s", indent(err.Error()))
		return exitBadArgs
	}
	t, _ := scheduler.ParseTerritory(data)
	pb, err := scheduler.NewProblem(t, from.d, to.d, scheduler.ProblemOptions{})
	if err != nil {
		e.errorf("%s", indent(err.Error()))
		return exitBadArgs
	}
	ref, err := scheduler.Solve(ctx, pb, scheduler.SolveOptions{Seed: 1, Workers: 1, Moves: 2_000_000})
	if err != nil {
		e.errorf("%v", err)
		return exitFailed
	}
	busy := busiestIn(ref.Rota, leaveFrom.d, leaveTo)
	fmt.Fprintf(e.stdout, "Reference: %s, %d assignments. Leave from %s to %s.\n\n", t.Info.ID, len(ref.Rota.Assignments), leaveFrom.d, leaveTo)
	fmt.Fprintln(e.stdout, "| doctor | dropped | refilled | other changes | empty seats before -> after | hard rules broken | repair time |")
	fmt.Fprintln(e.stdout, "|---|---|---|---|---|---|---|")
	var times []float64
	for i := 0; i < *doctors && i < len(busy); i++ {
		changed, _ := scheduler.ParseTerritory(data)
		d := changed.Doctor(busy[i])
		lf, lt := leaveFrom.d, leaveTo
		d.Unavailable = append(d.Unavailable, scheduler.Unavailability{From: &lf, To: &lt})
		if err := changed.Validate(); err != nil {
			e.errorf("%v", err)
			return exitFailed
		}
		pb2, err := scheduler.NewProblem(changed, from.d, to.d, scheduler.ProblemOptions{Reference: ref.Rota})
		if err != nil {
			e.errorf("%v", err)
			return exitFailed
		}
		rep, err := pb2.Repair(ctx, ref.Rota)
		if err != nil {
			e.errorf("%v", err)
			return exitFailed
		}
		changes := len(rep.Diff.Moved) + len(rep.Diff.Added) + len(rep.Diff.Removed)
		times = append(times, float64(rep.Elapsed.Microseconds())/1000)
		fmt.Fprintf(e.stdout, "| %s | %d | %d | %d | %d -> %d | %d | %.1f ms |\n", busy[i], len(rep.Dropped), rep.Refilled,
			changes-len(rep.Dropped), ref.Evaluation.U, rep.Evaluation.U, len(rep.Evaluation.Violations), times[len(times)-1])
	}
	fmt.Fprintf(e.stdout, "\nmedian repair time %.1f ms over %d repairs\n", median(times), len(times))
	return exitOK
}

// busiestIn lists doctors by how many shifts they hold in [from, to], most first.
func busiestIn(r *scheduler.Rota, from, to scheduler.Date) []string {
	count := map[string]int{}
	for _, a := range r.Assignments {
		if k, err := scheduler.ParseShiftKey(a.Shift); err == nil && k.Date >= from && k.Date <= to {
			count[a.Doctor]++
		}
	}
	var ids []string
	for id := range count {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if count[ids[i]] != count[ids[j]] {
			return count[ids[i]] > count[ids[j]]
		}
		return ids[i] < ids[j]
	})
	return ids
}

func parseDurations(s string) ([]time.Duration, error) {
	var out []time.Duration
	for _, part := range strings.Split(s, ",") {
		d, err := time.ParseDuration(strings.TrimSpace(part))
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func minOf(xs []float64) float64 {
	m := xs[0]
	for _, x := range xs {
		m = min(m, x)
	}
	return m
}

func maxOf(xs []float64) float64 {
	m := xs[0]
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}
