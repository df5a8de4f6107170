package scheduler

import (
	"context"
	"testing"
)

// TestRepairAfterLeave: a doctor of the solved pilot rota goes on leave
// for a week. The repair drops exactly their shifts of that week, keeps
// every other assignment except the few its chains move, refills the
// seats, and breaks no hard rule.
func TestRepairAfterLeave(t *testing.T) {
	terr := loadFixture(t, "pilot.json")
	pb := mustProblem(t, terr, "2026-12-01", "2027-01-01", ProblemOptions{})
	sol, err := Solve(context.Background(), pb, SolveOptions{Seed: 1, Workers: 1, Moves: 200_000})
	if err != nil {
		t.Fatal(err)
	}
	ref := sol.Rota
	// The doctor with the most shifts from 7 to 13 December goes on leave.
	weekFrom, _ := ParseDate("2026-12-07")
	weekTo, _ := ParseDate("2026-12-13")
	count := map[string]int{}
	for _, a := range ref.Assignments {
		if k, _ := ParseShiftKey(a.Shift); k.Date >= weekFrom && k.Date <= weekTo {
			count[a.Doctor]++
		}
	}
	leaver, most := "", 0
	for d, n := range count {
		if n > most || (n == most && d < leaver) {
			leaver, most = d, n
		}
	}
	changed := loadFixture(t, "pilot.json")
	d := changed.Doctor(leaver)
	d.Unavailable = append(d.Unavailable, Unavailability{From: &weekFrom, To: &weekTo})
	if err := changed.Validate(); err != nil {
		t.Fatal(err)
	}
	pb2 := mustProblem(t, changed, "2026-12-01", "2027-01-01", ProblemOptions{Reference: ref})
	rep, err := pb2.Repair(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Evaluation.Feasible() {
		t.Fatalf("the repaired rota breaks hard rules: %v", rep.Evaluation.Violations)
	}
	for _, a := range rep.Dropped {
		if a.Doctor != leaver {
			t.Errorf("dropped %v, which does not involve %s", a, leaver)
		}
	}
	if len(rep.Dropped) == 0 {
		t.Fatalf("%s had %d shifts that week, none dropped", leaver, most)
	}
	if rep.Evaluation.U > sol.Evaluation.U {
		t.Errorf("the repair leaves %d seats empty, the reference %d", rep.Evaluation.U, sol.Evaluation.U)
	}
	// Each refilled seat costs at most repairDepth-1 other changes.
	others := len(rep.Diff.Moved) + len(rep.Diff.Added) + len(rep.Diff.Removed) - len(rep.Dropped)
	if others > (repairDepth-1)*len(rep.Dropped) {
		t.Errorf("%d changes beyond the %d dropped seats", others, len(rep.Dropped))
	}
	if rep.Evaluation.C != len(rep.Diff.Moved)+len(rep.Diff.Removed) {
		t.Errorf("C = %d, but %d reference assignments changed", rep.Evaluation.C, len(rep.Diff.Moved)+len(rep.Diff.Removed))
	}
	t.Logf("%s: %d dropped, %d other changes, %s", leaver, len(rep.Dropped), others, rep.Elapsed)
}
