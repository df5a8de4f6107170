package main

import (
	"fmt"
	"sort"
	"text/tabwriter"

	"garde/scheduler"
)

// printSolveReport shows what a coordinator reviews before publishing: the
// breakdown, each doctor's load against their fair share, the balance
// between sectors, pay, and the seats left empty with why.
func printSolveReport(e *env, pb *scheduler.Problem, sol *scheduler.Solution) {
	ev := sol.Evaluation
	fmt.Fprintf(e.stdout, "Rota for %s, %s to %s: %d shifts, %d assignments, %d uncovered seat(s).\n",
		pb.Territory.Info.ID, pb.From, pb.To.AddDays(-1), len(pb.Shifts), len(sol.Rota.Assignments), ev.U)
	fmt.Fprintf(e.stdout, "Solved in %s (first complete rota after %s), %d moves on %d worker(s), %d epochs.\n\n",
		sol.Elapsed.Round(1e6), sol.Construction.Round(1e6), sol.Moves, sol.Workers, sol.Epochs)
	if !ev.Feasible() {
		fmt.Fprintf(e.stdout, "No legal rota was found: the best one breaks %d hard rule(s) (personal minimums that competing doctors leave out of reach?):\n", len(ev.Violations))
		for _, v := range ev.Violations {
			fmt.Fprintf(e.stdout, "  %s %s %s: %s\n", v.Rule, v.Shift, v.Doctor, v.Detail)
		}
	}
	printBreakdown(e, pb.Rules.Weights, ev.Score)
	loads := pb.Loads(sol.Rota)
	fmt.Fprintln(e.stdout)
	printFairness(e, loads)
	fmt.Fprintln(e.stdout)
	printSectors(e, scheduler.SectorBalances(loads))
	fmt.Fprintln(e.stdout)
	printGapsAgainst(e, pb.Diagnose(), ev.U)
}

// printFairness lists each doctor who could take a shift, the most loaded
// against their fair share first.
func printFairness(e *env, loads []scheduler.DoctorLoad) {
	rows := make([]scheduler.DoctorLoad, 0, len(loads))
	for _, l := range loads {
		if l.Target > 0 || l.Shifts > 0 {
			rows = append(rows, l)
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		return rows[i].Points-rows[i].Target > rows[j].Points-rows[j].Target
	})
	fmt.Fprintln(e.stdout, "Load against fair share (points, weekend shifts), most loaded first:")
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "doctor\tsector\tshifts\tnights\tpoints\ttarget\tweekend\ttarget\twishes broken\t")
	for _, l := range rows {
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%g\t%.2f\t%d\t%.2f\t%d\t\n", l.Doctor, l.Sector, l.Shifts, l.Nights,
			l.Points, l.Target, l.Weekends, l.WeekendTarget, l.WishesBroken)
	}
	w.Flush()
}

// printSectors compares each sector's part of the load with its part of
// the capacity, and the pay under both grids.
func printSectors(e *env, balances []scheduler.SectorBalance) {
	fmt.Fprintln(e.stdout, "Sector balance (capacity = the sector's share of the fair targets):")
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "sector\tdoctors\tpoints\tload share\tcapacity share\tpay\tlegacy pay\t")
	for _, b := range balances {
		fmt.Fprintf(w, "%s\t%d\t%g\t%.1f%%\t%.1f%%\t%.2f\t%.2f\t\n", b.Sector, b.Doctors, b.Points,
			100*b.LoadShare, 100*b.CapacityShare, b.Pay, b.LegacyPay)
	}
	w.Flush()
}

// printGapsAgainst shows the empty seats next to what is proven unavoidable.
func printGapsAgainst(e *env, d *scheduler.Diagnosis, uncovered int) {
	switch {
	case uncovered == 0:
		fmt.Fprintln(e.stdout, "Every seat is covered.")
		return
	case uncovered == d.MinUncovered:
		fmt.Fprintf(e.stdout, "%d seat(s) stay empty, and no rota can do better (proven):\n\n", uncovered)
	default:
		fmt.Fprintf(e.stdout, "%d seat(s) stay empty; at least %d cannot be covered by any rota.\n"+
			"A longer --time-limit may cover more.\n\n", uncovered, d.MinUncovered)
	}
	for _, g := range d.Gaps {
		fmt.Fprintln(e.stdout, "  "+g.String())
	}
}
