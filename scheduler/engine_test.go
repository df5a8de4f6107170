package scheduler

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// loadFixture parses a territory from the repository's fixtures folder.
func loadFixture(t testing.TB, name string) *Territory {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "fixtures", name))
	if err != nil {
		t.Skipf("fixture %s: %v", name, err)
	}
	terr, err := ParseTerritory(data)
	if err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	return terr
}

func mustProblem(t testing.TB, terr *Territory, from, to string, opt ProblemOptions) *Problem {
	t.Helper()
	f, _ := ParseDate(from)
	e, _ := ParseDate(to)
	pb, err := NewProblem(terr, f, e, opt)
	if err != nil {
		t.Fatal(err)
	}
	return pb
}

// engineCases are the problems the engine tests run on.
func engineCases(t *testing.T) map[string]*Problem {
	cases := map[string]*Problem{
		"tiny-march-dst": mustProblem(t, loadFixture(t, "tiny.json"), "2027-03-01", "2027-04-01", ProblemOptions{}),
	}
	if _, err := os.Stat(filepath.Join("..", "fixtures", "pilot.json")); err == nil {
		cases["pilot-december"] = mustProblem(t, loadFixture(t, "pilot.json"), "2026-12-01", "2027-01-01", ProblemOptions{})
	}
	return cases
}

// TestIncrementalEqualsFull is the check mode: after every move of a long
// random sequence (legal or not, accepted or not), the cost kept by deltas
// equals the cost measured from scratch, and each delta predicted the
// change exactly.
func TestIncrementalEqualsFull(t *testing.T) {
	for name, pb := range engineCases(t) {
		t.Run(name, func(t *testing.T) {
			m := pb.model
			w := newWorker(m, nil, searchOptions{seed: 7}, 0)
			rng := rand.New(rand.NewPCG(1, 2))
			steps := 20000
			if testing.Short() {
				steps = 3000
			}
			w.parts.begin(w.st)
			for i := 0; i < steps; i++ {
				var changes []change
				if rng.IntN(4) == 0 {
					changes = w.randomUnassign(nil)
				} else {
					changes = w.randomMove(nil)
				}
				if len(changes) == 0 {
					continue
				}
				part := m.shiftPart[changes[0].shift]
				for _, c := range changes {
					if m.shiftPart[c.shift] != part || m.personPart[c.person] != part {
						t.Fatalf("step %d: move %v spans parts", i, changes)
					}
				}
				before := w.st.total
				predicted := w.st.delta(changes)
				w.parts.moving(w.st, part, predicted)
				w.st.apply(changes)
				if got := w.st.total.sub(before); got != predicted {
					t.Fatalf("step %d %v: delta predicted %+v, apply changed %+v", i, changes, predicted, got)
				}
				if i%97 == 0 {
					if full := w.st.fullCost(); full != w.st.total {
						t.Fatalf("step %d: incremental %+v, full %+v", i, w.st.total, full)
					}
					sum := m.constantCost
					for c, kept := range w.parts.now {
						sum = sum.add(kept)
						if measured := w.st.partCosts(nil)[c]; measured != kept {
							t.Fatalf("step %d: part %d kept %+v, measured %+v", i, c, kept, measured)
						}
					}
					if sum != w.st.total {
						t.Fatalf("step %d: parts sum to %+v, total %+v", i, sum, w.st.total)
					}
				}
			}
			if full := w.st.fullCost(); full != w.st.total {
				t.Fatalf("end: incremental %+v, full %+v", w.st.total, full)
			}
		})
	}
}

// randomUnassign removes a random assignment, so that check mode also
// walks through emptier states than the solver would.
func (w *worker) randomUnassign(dst []change) []change {
	s := int32(w.rng.IntN(w.m.shiftCount))
	if p, ok := w.removable(s); ok {
		return append(dst, change{shift: s, person: p})
	}
	return dst
}

// TestEvaluationMatchesSolverCost: the report's total, computed in float64
// term by term, agrees with the solver's integer cost of the same state.
func TestEvaluationMatchesSolverCost(t *testing.T) {
	for name, pb := range engineCases(t) {
		t.Run(name, func(t *testing.T) {
			sol, err := Solve(context.Background(), pb, SolveOptions{Seed: 3, Workers: 1, Moves: 100_000})
			if err != nil {
				t.Fatal(err)
			}
			st, _ := pb.load(sol.Rota.Assignments)
			solverTotal := float64(st.total.uncovered)*UncoveredWeight + st.total.softValue()
			if diff := solverTotal - sol.Evaluation.Total; diff > 1e-3 || diff < -1e-3 {
				t.Fatalf("solver cost %.6f, evaluation %.6f", solverTotal, sol.Evaluation.Total)
			}
		})
	}
}

func TestSolveIsLegalAndDeterministic(t *testing.T) {
	for name, pb := range engineCases(t) {
		t.Run(name, func(t *testing.T) {
			opt := SolveOptions{Seed: 42, Workers: 2, Moves: 60_000, StallEpochs: -1}
			a, err := Solve(context.Background(), pb, opt)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Evaluation.Feasible() {
				t.Fatalf("the solved rota breaks hard rules: %v", a.Evaluation.Violations)
			}
			b, _ := Solve(context.Background(), pb, opt)
			if !sameAssignments(a.Rota, b.Rota) || a.Evaluation.Total != b.Evaluation.Total {
				t.Fatalf("same seed, different rotas: totals %.4f and %.4f", a.Evaluation.Total, b.Evaluation.Total)
			}
			opt.Seed = 43
			c, _ := Solve(context.Background(), pb, opt)
			if !c.Evaluation.Feasible() {
				t.Fatalf("seed 43 breaks hard rules")
			}
		})
	}
}

func sameAssignments(a, b *Rota) bool {
	if len(a.Assignments) != len(b.Assignments) {
		return false
	}
	for i := range a.Assignments {
		if a.Assignments[i] != b.Assignments[i] {
			return false
		}
	}
	return true
}

func TestSolveKeepsPins(t *testing.T) {
	terr := loadFixture(t, "tiny.json")
	pb := mustProblem(t, terr, "2027-01-01", "2027-02-01", ProblemOptions{})
	sol, err := Solve(context.Background(), pb, SolveOptions{Seed: 1, Workers: 1, Moves: 50_000})
	if err != nil {
		t.Fatal(err)
	}
	for _, pin := range terr.Pins {
		found := false
		for _, a := range sol.Rota.Assignments {
			found = found || (a.Shift == pin.Shift && a.Doctor == pin.Doctor)
		}
		if !found {
			t.Errorf("pin %v not in the rota", pin)
		}
	}
}

func TestSolveStopsOnTimeLimitAndCancellation(t *testing.T) {
	pb := mustProblem(t, loadFixture(t, "tiny.json"), "2027-01-01", "2027-02-01", ProblemOptions{})
	began := time.Now()
	sol, err := Solve(context.Background(), pb, SolveOptions{Seed: 1, Workers: 1, TimeLimit: 300 * time.Millisecond, StallEpochs: -1})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(began); took > 3*time.Second {
		t.Fatalf("a 300ms limit took %s", took)
	}
	if sol.Rota == nil || !sol.Evaluation.Feasible() {
		t.Fatal("no legal rota returned at the time limit")
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	began = time.Now()
	sol, err = Solve(ctx, pb, SolveOptions{Seed: 1, Workers: 2, StallEpochs: -1})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(began); took > 3*time.Second {
		t.Fatalf("cancellation after 200ms took %s to stop", took)
	}
	if sol.Rota == nil || !sol.Evaluation.Feasible() {
		t.Fatal("no legal rota returned on cancellation")
	}
}
