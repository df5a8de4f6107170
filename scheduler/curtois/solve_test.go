package curtois

import (
	"context"
	"path/filepath"
	"testing"

	"garde/scheduler"
)

// TestEngineAgreesWithChecker solves small instances with the engine and
// checks the roster with the independent checker: the engine's penalty and
// feasibility must be the checker's.
func TestEngineAgreesWithChecker(t *testing.T) {
	for _, name := range []string{"Instance1", "Instance2", "Instance3"} {
		t.Run(name, func(t *testing.T) {
			in, err := ParseFile(filepath.Join(dataDir, name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			res, err := scheduler.SolveDayRoster(context.Background(), in.DayRoster(),
				scheduler.SolveOptions{Seed: 1, Workers: 1, Moves: 300_000, StallEpochs: -1})
			if err != nil {
				t.Fatal(err)
			}
			check := Check(in, in.RosterOf(res.Assign))
			if check.Penalty != res.Penalty {
				t.Errorf("engine penalty %d, checker %d", res.Penalty, check.Penalty)
			}
			if check.Feasible() != res.Feasible {
				t.Errorf("engine feasible %v, checker %v: %v / %v", res.Feasible, check.Feasible(), res.Violations, check.Violations)
			}
			t.Logf("%s: penalty %d feasible %v first feasible %s", name, res.Penalty, res.Feasible, res.FirstFeasible)
		})
	}
}
