package scheduler_test

import (
	"context"
	"testing"

	"garde/fixtures"
	"garde/scheduler"
)

// benchTerritory is the generated 1,000-doctor, 100-line territory of the
// issue's targets.
func benchTerritory(b *testing.B) *scheduler.Territory {
	b.Helper()
	t, err := fixtures.Generate(fixtures.GenOptions{Doctors: 1000, Lines: 100, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	return t
}

var december = [2]scheduler.Date{scheduler.DateOf(2026, 12, 1), scheduler.DateOf(2027, 1, 1)}

// BenchmarkExpandAndEligibility: one month of shifts of a 1,000-doctor,
// 100-line territory, with the doctors eligible for each (target < 100 ms).
func BenchmarkExpandAndEligibility(b *testing.B) {
	t := benchTerritory(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pb, err := scheduler.NewProblem(t, december[0], december[1], scheduler.ProblemOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(pb.Shifts) == 0 {
			b.Fatal("no shift")
		}
	}
}

// BenchmarkScoreFullRota: scoring a complete rota of that month, every
// hard rule checked and every term computed (target < 20 ms).
func BenchmarkScoreFullRota(b *testing.B) {
	t := benchTerritory(b)
	pb, err := scheduler.NewProblem(t, december[0], december[1], scheduler.ProblemOptions{})
	if err != nil {
		b.Fatal(err)
	}
	sol, err := scheduler.Solve(context.Background(), pb, scheduler.SolveOptions{Seed: 1, Workers: 1, Moves: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ev, err := pb.Evaluate(sol.Rota)
		if err != nil || !ev.Feasible() {
			b.Fatalf("%v %v", err, ev.Violations)
		}
	}
	// After the loop: ResetTimer drops the metrics reported before it.
	b.ReportMetric(float64(len(sol.Rota.Assignments)), "assignments")
}
