package scheduler

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestLPDualAfterRHSChange solves random programs, changes some right-hand
// sides and bans some nonbasic columns, and checks that the dual simplex
// then the primal one reach the optimum of the changed program, solved
// afresh without the banned columns.
func TestLPDualAfterRHSChange(t *testing.T) {
	const budget = 100000
	for seed := range uint64(30) {
		rng := rand.New(rand.NewPCG(seed, 0xd0a1))
		kind := int(seed % 3)
		m, n := 10+rng.IntN(40), 100+rng.IntN(400)
		rhs, cols := randomLP(rng, kind, m, n)
		l := buildLP(rhs, cols)
		if err := l.setBasis(identity(m)); err != nil {
			t.Fatal(err)
		}
		if st := l.solve(budget); st != lpOptimal {
			t.Fatalf("seed %d: solve = %v", seed, st)
		}
		changed := append([]float64(nil), rhs...)
		for range 1 + m/5 {
			i := rng.IntN(m)
			delta := math.Max(-changed[i], float64(rng.IntN(5)-2))
			changed[i] += delta
			l.addRHS(i, delta)
		}
		var kept []lpColumn
		for j, c := range cols {
			if j >= m && l.pos[j] < 0 && rng.IntN(4) == 0 {
				l.ban(j)
				c.cost = 1e9 // out of the fresh program's optimum
			}
			kept = append(kept, c)
		}
		before := l.pivots()
		if st := l.dualSolve(budget); st != lpOptimal {
			t.Fatalf("seed %d: dualSolve = %v", seed, st)
		}
		dual := l.pivots() - before
		if st := l.solve(budget); st != lpOptimal {
			t.Fatalf("seed %d: solve after dualSolve = %v", seed, st)
		}
		fresh := buildLP(changed, kept)
		if err := fresh.setBasis(identity(m)); err != nil {
			t.Fatal(err)
		}
		if st := fresh.solve(budget); st != lpOptimal {
			t.Fatalf("seed %d: fresh solve = %v", seed, st)
		}
		checkOptimal(t, fresh, kept, changed, 1e-7)
		if a, b := l.objective(), fresh.objective(); math.Abs(a-b) > 1e-6*math.Max(1, math.Abs(b)) {
			t.Errorf("seed %d: after dualSolve objective %.12g, fresh %.12g", seed, a, b)
		}
		for j := range cols {
			if l.banned[j] && l.value(j) != 0 {
				t.Errorf("seed %d: banned column %d has value %g", seed, j, l.value(j))
			}
		}
		t.Logf("seed %d kind %d m %d: dual pivots %d, then primal %d; fresh %d", seed, kind, m, dual, l.pivots()-before-dual, fresh.pivots())
	}
}
