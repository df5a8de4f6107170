package scheduler

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// col is shorthand for an lpColumn in tests.
func col(cost float64, rowsVals ...float64) lpColumn {
	c := lpColumn{cost: cost}
	for i := 0; i+1 < len(rowsVals); i += 2 {
		c.rows = append(c.rows, int32(rowsVals[i]))
		c.vals = append(c.vals, rowsVals[i+1])
	}
	return c
}

// buildLP returns an lp with the given rows and columns.
func buildLP(rhs []float64, cols []lpColumn) *lp {
	l := newLP(rhs)
	for i, c := range cols {
		if j := l.addColumn(c); j != i {
			panic("addColumn returned the wrong index")
		}
	}
	return l
}

// reducedCost returns c_j - y·A_j.
func reducedCost(c lpColumn, y []float64) float64 {
	rc := c.cost
	for t, r := range c.rows {
		rc -= y[r] * c.vals[t]
	}
	return rc
}

// checkOptimal verifies the current solution of l against cols and rhs,
// independently of the solver's internals: primal feasibility (A x = b,
// x >= 0), dual feasibility (no reduced cost below -tol, zero ones on basic
// columns) and strong duality (c·x = y·b).
func checkOptimal(t *testing.T, l *lp, cols []lpColumn, rhs []float64, tol float64) {
	t.Helper()
	if l.columns() != len(cols) {
		t.Fatalf("columns() = %d, want %d", l.columns(), len(cols))
	}
	ax := make([]float64, len(rhs))
	cx := 0.0
	for j, c := range cols {
		x := l.value(j)
		if x < -1e-9 {
			t.Errorf("x[%d] = %g < 0", j, x)
		}
		cx += c.cost * x
		for k, r := range c.rows {
			ax[r] += c.vals[k] * x
		}
	}
	for i := range rhs {
		if math.Abs(ax[i]-rhs[i]) > tol {
			t.Errorf("row %d: A x = %g, want %g", i, ax[i], rhs[i])
		}
	}
	scale := math.Max(1, math.Abs(cx))
	if obj := l.objective(); math.Abs(obj-cx) > 1e-9*scale {
		t.Errorf("objective() = %g, c·x = %g", obj, cx)
	}
	y := l.duals()
	if len(y) != len(rhs) {
		t.Fatalf("len(duals()) = %d, want %d", len(y), len(rhs))
	}
	basic := 0
	for j, c := range cols {
		rc := reducedCost(c, y)
		if rc < -tol {
			t.Errorf("column %d: reduced cost %g < 0", j, rc)
		}
		if l.pos[j] >= 0 {
			basic++
			if math.Abs(rc) > tol {
				t.Errorf("basic column %d: reduced cost %g, want 0", j, rc)
			}
		}
	}
	if basic != len(rhs) {
		t.Errorf("%d basic columns, want %d", basic, len(rhs))
	}
	yb := 0.0
	for i, b := range rhs {
		yb += y[i] * b
	}
	if math.Abs(cx-yb) > 1e-6*scale {
		t.Errorf("c·x = %.12g but y·b = %.12g", cx, yb)
	}
}

// smallLP is max 3a + 2b + 1.5c subject to a + b + c <= 4, a + 3b + c <= 7,
// a <= 3, written as a minimisation with slacks s1, s2, s3 (columns 2, 3, 4).
// The optimum is a = 3, b = 1, s2 = 1 with objective -11 and duals
// (-2, 0, -1); c has reduced cost -1.5 + 2 = 0.5.
func smallLP() ([]float64, []lpColumn) {
	rhs := []float64{4, 7, 3}
	cols := []lpColumn{
		col(-3, 0, 1, 1, 1, 2, 1), // a
		col(-2, 0, 1, 1, 3),       // b
		col(0, 0, 1),              // s1
		col(0, 1, 1),              // s2
		col(0, 2, 1),              // s3
		col(-1.5, 0, 1, 1, 1),     // c
	}
	return rhs, cols
}

func TestLPSmallKnownOptimum(t *testing.T) {
	rhs, cols := smallLP()
	l := buildLP(rhs, cols)
	if err := l.setBasis([]int{2, 3, 4}); err != nil {
		t.Fatal(err)
	}
	if got := l.objective(); got != 0 {
		t.Fatalf("objective at slack basis = %g, want 0", got)
	}
	if st := l.solve(0); st != lpOptimal {
		t.Fatalf("solve = %v, want optimal", st)
	}
	if got := l.objective(); math.Abs(got+11) > 1e-9 {
		t.Errorf("objective = %g, want -11", got)
	}
	want := []float64{3, 1, 0, 1, 0, 0}
	for j, w := range want {
		if got := l.value(j); math.Abs(got-w) > 1e-9 {
			t.Errorf("x[%d] = %g, want %g", j, got, w)
		}
	}
	wantY := []float64{-2, 0, -1}
	for i, w := range l.duals() {
		if math.Abs(w-wantY[i]) > 1e-9 {
			t.Errorf("y[%d] = %g, want %g", i, w, wantY[i])
		}
	}
	checkOptimal(t, l, cols, rhs, 1e-9)
	if l.pivots() == 0 {
		t.Error("pivots() = 0 after moving away from the slack basis")
	}

	// Solving again at an optimal basis makes no pivots.
	p := l.pivots()
	if st := l.solve(0); st != lpOptimal || l.pivots() != p {
		t.Errorf("re-solve: %v with %d new pivots, want optimal with none", st, l.pivots()-p)
	}
}

func TestLPPivotLimit(t *testing.T) {
	rhs, cols := smallLP()
	l := buildLP(rhs, cols)
	if err := l.setBasis([]int{2, 3, 4}); err != nil {
		t.Fatal(err)
	}
	if st := l.solve(1); st != lpPivotLimit {
		t.Fatalf("solve(1) = %v, want pivot limit", st)
	}
	if l.pivots() != 1 {
		t.Fatalf("pivots() = %d after solve(1), want 1", l.pivots())
	}
	// The basis after the limit is still feasible and the solve continues.
	for j := range cols {
		if x := l.value(j); x < 0 {
			t.Errorf("x[%d] = %g < 0 after pivot limit", j, x)
		}
	}
	if st := l.solve(0); st != lpOptimal {
		t.Fatalf("solve(0) = %v, want optimal", st)
	}
	if got := l.objective(); math.Abs(got+11) > 1e-9 {
		t.Errorf("objective = %g, want -11", got)
	}
}

func TestLPWarmStart(t *testing.T) {
	rhs, cols := smallLP()
	l := buildLP(rhs, cols)
	if err := l.setBasis([]int{2, 3, 4}); err != nil {
		t.Fatal(err)
	}
	if st := l.solve(0); st != lpOptimal {
		t.Fatalf("solve = %v", st)
	}
	before := l.objective()
	p := l.pivots()

	// d: 2.5 per unit of the first constraint, reduced cost -2.5 + 2 = -0.5.
	d := col(-2.5, 0, 1)
	if rc := reducedCost(d, l.duals()); rc >= -1e-9 {
		t.Fatalf("new column has reduced cost %g, want negative", rc)
	}
	if j := l.addColumn(d); j != len(cols) {
		t.Fatalf("addColumn = %d, want %d", j, len(cols))
	}
	cols = append(cols, d)
	if st := l.solve(0); st != lpOptimal {
		t.Fatalf("warm solve = %v", st)
	}
	after := l.objective()
	if !(after < before-1e-9) {
		t.Errorf("objective %g after adding an improving column, was %g", after, before)
	}
	if l.pivots() == p {
		t.Error("warm solve made no pivots")
	}
	// max 3a + 2b + 1.5c + 2.5d: a = 3 and d = 1 give 11.5.
	if math.Abs(after+11.5) > 1e-9 {
		t.Errorf("objective = %g, want -11.5", after)
	}
	checkOptimal(t, l, cols, rhs, 1e-9)

	fresh := buildLP(rhs, cols)
	if err := fresh.setBasis([]int{2, 3, 4}); err != nil {
		t.Fatal(err)
	}
	if st := fresh.solve(0); st != lpOptimal {
		t.Fatalf("fresh solve = %v", st)
	}
	if math.Abs(fresh.objective()-after) > 1e-9 {
		t.Errorf("warm objective %g, fresh objective %g", after, fresh.objective())
	}
	for j := range cols {
		if a, b := l.value(j), fresh.value(j); math.Abs(a-b) > 1e-9 {
			t.Errorf("x[%d]: warm %g, fresh %g", j, a, b)
		}
	}
}

func TestLPSetBasisErrors(t *testing.T) {
	rhs, cols := smallLP()
	cols = append(cols, cols[2]) // column 6 duplicates s1
	l := buildLP(rhs, cols)
	if err := l.setBasis([]int{2, 3, 4}); err != nil {
		t.Fatal(err)
	}
	// Any order of the optimal basis columns is accepted and gives the
	// optimum at once.
	if err := l.setBasis([]int{3, 1, 0}); err != nil {
		t.Fatalf("optimal basis: %v", err)
	}
	if got := l.objective(); math.Abs(got+11) > 1e-9 || l.value(0) != 3 || l.value(3) != 1 {
		t.Errorf("optimal basis: objective %g, a = %g, s2 = %g; want -11, 3, 1", got, l.value(0), l.value(3))
	}
	if err := l.setBasis([]int{2, 3, 4}); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name  string
		basis []int
		want  string // in the error message
	}{
		{"too few", []int{2, 3}, "want 3"},
		{"too many", []int{2, 3, 4, 5}, "want 3"},
		{"repeated", []int{2, 2, 4}, "repeated"},
		{"out of range", []int{2, 3, 99}, "out of range"},
		{"negative index", []int{2, 3, -1}, "out of range"},
		// s1 and its copy are parallel columns.
		{"singular", []int{2, 6, 4}, "singular"},
		// b, c and s1 are all zero on row 2.
		{"singular on a row", []int{1, 5, 2}, "singular"},
		// a, s2, s3: a = 4 from row 0, so s3 = 3 - 4 = -1.
		{"infeasible", []int{0, 3, 4}, "infeasible"},
	}
	for _, tc := range cases {
		err := l.setBasis(tc.basis)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: setBasis(%v) = %v, want an error containing %q", tc.name, tc.basis, err, tc.want)
		}
		if strings.Contains(tc.want, "singular") && !errors.Is(err, errSingular) {
			t.Errorf("%s: error %v is not errSingular", tc.name, err)
		}
	}
	// The failed calls left the slack basis in place.
	for j, w := range []float64{0, 0, 4, 7, 3, 0, 0} {
		if got := l.value(j); got != w {
			t.Errorf("after failures x[%d] = %g, want %g", j, got, w)
		}
	}
	if st := l.solve(0); st != lpOptimal || math.Abs(l.objective()+11) > 1e-9 {
		t.Errorf("after failures: solve = %v, objective %g, want optimal -11", st, l.objective())
	}

	// A basic value a rounding error below zero is clamped, not rejected:
	// u + s = 1 - 1e-12 with u = 1 gives s = -1e-12.
	tiny := buildLP([]float64{1, 1 - 1e-12}, []lpColumn{col(1, 0, 1, 1, 1), col(0, 1, 1)})
	if err := tiny.setBasis([]int{1, 0}); err != nil {
		t.Fatalf("tiny negative: %v", err)
	}
	if got := tiny.value(1); got != 0 {
		t.Errorf("tiny negative value = %g, want clamped to 0", got)
	}
	if got := tiny.value(0); math.Abs(got-1) > 1e-15 {
		t.Errorf("x[0] = %g, want 1", got)
	}
}

func TestLPUnbounded(t *testing.T) {
	// min -x subject to x - z = 1: x = 1 + z grows without bound.
	l := buildLP([]float64{1}, []lpColumn{col(-1, 0, 1), col(0, 0, -1)})
	if err := l.setBasis([]int{0}); err != nil {
		t.Fatal(err)
	}
	if st := l.solve(0); st != lpUnbounded {
		t.Fatalf("solve = %v, want unbounded", st)
	}
	// The basis is still the feasible one it was.
	if l.value(0) != 1 || l.value(1) != 0 {
		t.Errorf("x = (%g, %g), want (1, 0)", l.value(0), l.value(1))
	}

	// Unboundedness found after an improving pivot: min -2w - z subject to
	// w + s - z = 2 from basis s. Dantzig's rule takes w first (reduced cost
	// -2), which replaces s at w = 2; then z has reduced cost -1 - 2 = -3 and
	// B^-1 A_z = -1, so it grows without bound.
	l = buildLP([]float64{2}, []lpColumn{col(-2, 0, 1), col(0, 0, 1), col(-1, 0, -1)})
	if err := l.setBasis([]int{1}); err != nil {
		t.Fatal(err)
	}
	if st := l.solve(0); st != lpUnbounded {
		t.Fatalf("second LP: solve = %v, want unbounded", st)
	}
	if l.pivots() != 1 || l.value(0) != 2 {
		t.Errorf("second LP: %d pivots, w = %g; want 1 pivot, w = 2", l.pivots(), l.value(0))
	}
}

// lpArtificialCost is the cost of the artificial start columns of the random
// LPs: high enough that the optimum avoids them where it can.
const lpArtificialCost = 1000

// randomLP returns a random LP with nonnegative rhs whose first m columns are
// an artificial identity, so that they form a feasible starting basis, and
// whose structural columns all have positive cost, so that it is bounded.
// Kind 0 is set-partitioning-like (0/1 columns, rhs 1 on some rows and 0 on
// the rest, highly degenerate), kind 1 transportation-like (sparse integer
// supplies and demands, many of them 0) and kind 2 general sparse with real
// coefficients of both signs.
func randomLP(rng *rand.Rand, kind, m, n int) ([]float64, []lpColumn) {
	rhs := make([]float64, m)
	var cols []lpColumn
	for i := 0; i < m; i++ {
		cols = append(cols, col(lpArtificialCost, float64(i), 1))
	}
	switch kind {
	case 0:
		for i := range rhs {
			if rng.IntN(3) > 0 {
				rhs[i] = 1
			}
		}
		for range n {
			k := 1 + rng.IntN(min(8, m))
			perm := rng.Perm(m)[:k]
			c := lpColumn{cost: float64(k * (1 + rng.IntN(10)))}
			for _, r := range perm {
				c.rows = append(c.rows, int32(r))
				c.vals = append(c.vals, 1)
			}
			cols = append(cols, c)
		}
	case 1:
		s := m / 2
		total := 0.0
		for i := 0; i < s; i++ {
			if rng.IntN(2) == 0 {
				rhs[i] = float64(rng.IntN(10))
				total += rhs[i]
			}
		}
		// Spread the total over the demand rows, leaving most of them 0.
		for total > 0 {
			j := s + rng.IntN(m-s)
			q := math.Min(total, float64(1+rng.IntN(5)))
			rhs[j] += q
			total -= q
		}
		for range n {
			i, j := rng.IntN(s), s+rng.IntN(m-s)
			cols = append(cols, col(float64(1+rng.IntN(20)), float64(i), 1, float64(j), 1))
		}
	default:
		for i := range rhs {
			if rng.IntN(2) == 0 {
				rhs[i] = math.Round(rng.Float64()*100) / 10
			}
		}
		for range n {
			k := 1 + rng.IntN(min(6, m))
			c := lpColumn{cost: 0.5 + rng.Float64()*10}
			for _, r := range rng.Perm(m)[:k] {
				v := math.Round((rng.Float64()*4-1)*100) / 100
				if v == 0 {
					v = 1
				}
				c.rows = append(c.rows, int32(r))
				c.vals = append(c.vals, v)
			}
			cols = append(cols, c)
		}
	}
	return rhs, cols
}

// identity returns 0, 1, ..., m-1: the artificial basis of randomLP.
func identity(m int) []int {
	b := make([]int, m)
	for i := range b {
		b[i] = i
	}
	return b
}

func TestLPRandom(t *testing.T) {
	// A pivot budget far above what these LPs need turns a cycling or
	// corrupted solve into a failure instead of a hang.
	const budget = 100000
	maxPivots, blands := 0, 0
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 0x5eed))
		kind := int(seed % 3)
		m, n := 10+rng.IntN(40), 100+rng.IntN(400)
		large := seed == 0 || seed == 1
		if large {
			m, n = 100, 1000
		}
		rhs, cols := randomLP(rng, kind, m, n)

		// Column generation style: start with the artificials and a third of
		// the columns, then add the rest in two batches, warm-starting.
		l := buildLP(rhs, cols[:m+n/3])
		if err := l.setBasis(identity(m)); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		prev := math.Inf(1)
		for _, end := range []int{m + n/3, m + 2*n/3, m + n} {
			for j := l.columns(); j < end; j++ {
				l.addColumn(cols[j])
			}
			if st := l.solve(budget); st != lpOptimal {
				t.Fatalf("seed %d: solve = %v", seed, st)
			}
			obj := l.objective()
			if obj > prev+1e-9*math.Max(1, math.Abs(prev)) {
				t.Errorf("seed %d: objective rose from %g to %g after adding columns", seed, prev, obj)
			}
			prev = obj
			checkOptimal(t, l, cols[:end], rhs, 1e-7)
		}

		fresh := buildLP(rhs, cols)
		if err := fresh.setBasis(identity(m)); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if st := fresh.solve(budget); st != lpOptimal {
			t.Fatalf("seed %d: fresh solve = %v", seed, st)
		}
		checkOptimal(t, fresh, cols, rhs, 1e-7)
		if a, b := l.objective(), fresh.objective(); math.Abs(a-b) > 1e-6*math.Max(1, math.Abs(b)) {
			t.Errorf("seed %d: warm objective %.12g, fresh %.12g", seed, a, b)
		}

		if large {
			if fresh.pivots() <= lpRefactorEvery || fresh.refactors == 0 {
				t.Errorf("seed %d: %d pivots, %d refactorisations; want > %d pivots and a refactorisation",
					seed, fresh.pivots(), fresh.refactors, lpRefactorEvery)
			}
		}
		maxPivots = max(maxPivots, fresh.pivots(), l.pivots())
		blands += l.blands + fresh.blands
		t.Logf("seed %d kind %d m %d n %d: objective %.6g, pivots warm %d fresh %d, refactors %d, bland switches %d",
			seed, kind, m, n, fresh.objective(), l.pivots(), fresh.pivots(), l.refactors+fresh.refactors, l.blands+fresh.blands)
	}
	t.Logf("max pivots %d, bland switches %d", maxPivots, blands)
	if blands == 0 {
		t.Error("no case stalled long enough to switch to Bland's rule; the anti-cycling path is untested")
	}
}

// masterShapedLP is a relaxation shaped like a day roster's master
// problem (daymaster.go): a cover row per (day, type) cell with an under-
// and an over-cover slack, a convexity row per person, and schedules
// working one type on most days. It returns the lp with its first basis
// set: each person's first schedule and the slack each cell's net
// requirement calls for.
func masterShapedLP(rng *rand.Rand, days, types, people, perPerson int) *lp {
	cells := days * types
	rhs := make([]float64, cells+people)
	for c := range cells {
		rhs[c] = float64(rng.IntN(3)) + perturbation(c)
	}
	for i := range people {
		rhs[cells+i] = 1
	}
	l := newLP(rhs)
	for c := range cells {
		l.addColumn(col(100, float64(c), 1))
		l.addColumn(col(1, float64(c), -1))
	}
	net := append([]float64(nil), rhs[:cells]...)
	var basis []int
	for i := range people {
		for k := range perPerson {
			c := lpColumn{cost: float64(rng.IntN(10))}
			for d := range days {
				if rng.IntN(4) > 0 {
					c.rows = append(c.rows, int32(d*types+rng.IntN(types)))
					c.vals = append(c.vals, 1)
				}
			}
			c.rows, c.vals = append(c.rows, int32(cells+i)), append(c.vals, 1)
			j := l.addColumn(c)
			if k == 0 {
				basis = append(basis, j)
				for _, r := range c.rows[:len(c.rows)-1] {
					net[r]--
				}
			}
		}
	}
	for c := range cells {
		if net[c] >= 0 {
			basis = append(basis, 2*c)
		} else {
			basis = append(basis, 2*c+1)
		}
	}
	if err := l.setBasis(basis); err != nil {
		panic(err)
	}
	return l
}

// BenchmarkLPMaster solves a relaxation of the size of the benchmark's
// larger instances (28 days, 15 types, 40 people: 460 rows) from its
// first basis, as the first rounds of column generation do.
func BenchmarkLPMaster(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		l := masterShapedLP(rand.New(rand.NewPCG(1, 2)), 28, 15, 40, 40)
		b.StartTimer()
		if st := l.solve(0); st != lpOptimal {
			b.Fatalf("solve = %v", st)
		}
		b.ReportMetric(float64(l.pivots()), "pivots/op")
	}
}
