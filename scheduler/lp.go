package scheduler

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Tolerances and limits of the simplex in this file. The coefficients of the
// master problem are small integers (mostly 0 and 1), so absolute tolerances
// are adequate.
const (
	// lpFeasTol is how far below zero a basic value may fall and still count
	// as feasible; values in (-lpFeasTol, 0) are rounding noise and are
	// clamped to 0.
	lpFeasTol = 1e-9
	// lpOptTol is how negative a reduced cost must be for its column to
	// enter the basis; anything above -lpOptTol counts as optimal.
	lpOptTol = 1e-9
	// lpPivotTol is the smallest entry of the pivot column B^-1 A_j that the
	// ratio test accepts as a pivot; smaller entries would make the basis
	// inverse numerically unstable.
	lpPivotTol = 1e-9
	// lpRatioTieTol is how close two ratios of the ratio test must be to be
	// treated as a tie, so that the tie-break (largest pivot, or Bland's
	// lowest index) decides rather than rounding noise.
	lpRatioTieTol = 1e-12
	// lpProgressTol is the relative decrease of the objective, below the
	// best of the solve, under which a pivot counts as degenerate (no
	// progress) for anti-cycling: well above rounding noise.
	lpProgressTol = 1e-9
	// lpSingularTol is the largest pivot magnitude at which Gauss-Jordan
	// elimination declares the basis matrix singular.
	lpSingularTol = 1e-9
	// lpRefactorEvery is the number of product-form updates after which the
	// basis inverse is recomputed from scratch to discard accumulated
	// rounding error.
	lpRefactorEvery = 100
	// lpStallLimit is the number of consecutive degenerate pivots after which
	// pricing switches from Dantzig's rule to Bland's rule, which cannot
	// cycle.
	lpStallLimit = 50
)

// lpStatus is the outcome of lp.solve.
type lpStatus int

const (
	// lpOptimal means no column has a reduced cost below -lpOptTol.
	lpOptimal lpStatus = iota
	// lpPivotLimit means solve stopped after its pivot budget was spent; the
	// basis is feasible but may not be optimal.
	lpPivotLimit
	// lpUnbounded means some column with a negative reduced cost can be
	// increased without bound; the basis is left as it was before that
	// column was found.
	lpUnbounded
	// lpInfeasible means dualSolve found a row that no column allowed to
	// enter can bring to a nonnegative value: A x = b has no solution x >= 0.
	lpInfeasible
)

// String returns the name of the status, for messages and tests.
func (s lpStatus) String() string {
	switch s {
	case lpOptimal:
		return "optimal"
	case lpPivotLimit:
		return "pivot limit"
	case lpUnbounded:
		return "unbounded"
	case lpInfeasible:
		return "infeasible"
	}
	return fmt.Sprintf("lpStatus(%d)", int(s))
}

// lpColumn is one column of A: its nonzero rows and values, and its cost.
type lpColumn struct {
	rows []int32
	vals []float64
	cost float64
}

// lp is a linear program min c·x, A x = b, x >= 0, solved by a revised simplex
// with a dense explicit basis inverse.
//
// It is built for the restricted master problem of a column generation: the
// rows are fixed when the lp is made, columns are added over time, and each
// solve continues from the previous basis, which stays feasible because new
// columns enter at zero. A feasible starting basis must be given with setBasis
// (typically one artificial column of high cost per row).
type lp struct {
	m    int
	rhs  []float64
	cols []lpColumn

	ready bool      // a basis has been set
	basis []int     // basis[i] is the column basic at position i
	pos   []int     // pos[j] is the basis position of column j, or -1
	binv  []float64 // B^-1, m×m row-major; row i belongs to basis position i
	xb    []float64 // basic values B^-1 b, by basis position

	// Scratch buffers, reused so that a pivot allocates nothing.
	y     []float64 // duals c_B B^-1
	d     []float64 // pivot column B^-1 A_j
	tmp   []float64 // m×m, a freshly computed inverse before it replaces binv
	aug   []float64 // m×2m, the Gauss-Jordan work matrix [B | I]
	xtmp  []float64 // basic values computed with tmp
	nz    []int32   // the nonzero entries of a row being pivoted on
	alpha []float64 // per column: a row of B^-1 A (dualSolve)

	// weight[j] is column j's Devex reference weight: an estimate of the
	// squared length of its edge of the polytope, relative to a reference
	// frame, so that pricing picks the steepest edge rather than the most
	// negative reduced cost (see price).
	weight []float64

	// banned[j]: column j may not enter the basis (see ban).
	banned []bool

	nPivots   int  // pivots made so far, over all solves
	sinceInv  int  // product-form updates since binv was last recomputed
	stall     int  // consecutive pivots without objective progress
	bland     bool // pricing uses Bland's rule (anti-cycling)
	refactors int  // periodic recomputations of binv, for tests
	blands    int  // switches to Bland's rule, for tests
}

// newLP returns an lp with m = len(rhs) rows and no columns. The rhs slice is
// copied.
func newLP(rhs []float64) *lp {
	m := len(rhs)
	return &lp{
		m:     m,
		rhs:   append([]float64(nil), rhs...),
		ready: m == 0,
		basis: make([]int, m),
		binv:  make([]float64, m*m),
		xb:    make([]float64, m),
		y:     make([]float64, m),
		d:     make([]float64, m),
	}
}

// addColumn appends a column and returns its index (0, 1, 2, ...). The column
// is nonbasic, so the current basis stays feasible. Its slices are copied. It
// panics when a row is out of range or rows and vals differ in length, as
// these are programming errors.
func (l *lp) addColumn(c lpColumn) int {
	if len(c.rows) != len(c.vals) {
		panic(fmt.Sprintf("lp: column has %d rows but %d values", len(c.rows), len(c.vals)))
	}
	for _, r := range c.rows {
		if r < 0 || int(r) >= l.m {
			panic(fmt.Sprintf("lp: column row %d out of range [0,%d)", r, l.m))
		}
	}
	l.cols = append(l.cols, lpColumn{
		rows: append([]int32(nil), c.rows...),
		vals: append([]float64(nil), c.vals...),
		cost: c.cost,
	})
	l.pos = append(l.pos, -1)
	l.weight = append(l.weight, 1)
	l.banned = append(l.banned, false)
	return len(l.cols) - 1
}

// columns returns the number of columns added so far.
func (l *lp) columns() int { return len(l.cols) }

// setBasis makes the given m columns the basis (one per row, any order). It
// fails when they are not m distinct columns, the basis matrix is singular, or
// the basic solution B^-1 b has an entry below -1e-9 (not primal feasible).
// Tiny negatives are clamped to 0. On failure the previous basis is kept.
func (l *lp) setBasis(cols []int) error {
	if len(cols) != l.m {
		return fmt.Errorf("lp: basis has %d columns, want %d", len(cols), l.m)
	}
	seen := make(map[int]bool, len(cols))
	for _, j := range cols {
		if j < 0 || j >= len(l.cols) {
			return fmt.Errorf("lp: basis column %d out of range [0,%d)", j, len(l.cols))
		}
		if seen[j] {
			return fmt.Errorf("lp: basis column %d repeated", j)
		}
		seen[j] = true
	}
	if err := l.invert(cols); err != nil {
		return err
	}
	for i, v := range l.xtmp {
		if v < -lpFeasTol {
			return fmt.Errorf("lp: basis is infeasible: column %d has value %g", cols[i], v)
		}
	}
	if l.ready {
		for _, j := range l.basis {
			l.pos[j] = -1
		}
	}
	copy(l.basis, cols)
	for i, j := range cols {
		l.pos[j] = i
	}
	l.binv, l.tmp = l.tmp, l.binv
	l.xb, l.xtmp = l.xtmp, l.xb
	l.ready = true
	l.sinceInv = 0
	l.stall = 0
	l.bland = false
	return nil
}

// errSingular reports a singular basis matrix.
var errSingular = errors.New("lp: basis matrix is singular")

// invert computes the inverse of the basis matrix with columns cols into
// l.tmp, by Gauss-Jordan elimination with partial pivoting on [B | I], and the
// basic values B^-1 b into l.xtmp, clamping tiny negatives to 0. It leaves
// binv and xb untouched, so that a failure changes nothing.
//
// A master problem's basis is mostly slack columns (one nonzero) and
// schedules of a few dozen, so the elimination works on the nonzeros only:
// columns are taken sparsest first, which keeps the fill-in low, and each
// row operation touches only the pivot row's nonzero entries. On bases of
// 460 rows this made a refactorisation about five times faster than the
// dense elimination (their inverses are still a third full).
func (l *lp) invert(cols []int) error {
	m := l.m
	w := 2 * m
	if len(l.aug) < m*w {
		l.aug = make([]float64, m*w)
	}
	if len(l.tmp) < m*m {
		l.tmp = make([]float64, m*m)
	}
	if len(l.xtmp) < m {
		l.xtmp = make([]float64, m)
	}
	a := l.aug[:m*w]
	clear(a)
	for k, j := range cols {
		c := &l.cols[j]
		for t, r := range c.rows {
			a[int(r)*w+k] += c.vals[t]
		}
	}
	for i := 0; i < m; i++ {
		a[i*w+m+i] = 1
	}
	order := make([]int, m)
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(x, y int) int {
		return len(l.cols[cols[x]].rows) - len(l.cols[cols[y]].rows)
	})
	pivotRow := make([]int, m) // [basis position]: the row its column was eliminated on
	used := make([]bool, m)
	nz := make([]int32, 0, w)
	for _, p := range order {
		// Partial pivoting: the largest entry of column p among the rows
		// not yet pivoted on.
		best, q := 0.0, -1
		for i := 0; i < m; i++ {
			if v := math.Abs(a[i*w+p]); v > best && !used[i] {
				best, q = v, i
			}
		}
		if best <= lpSingularTol {
			return errSingular
		}
		used[q], pivotRow[p] = true, q
		rq := a[q*w : (q+1)*w]
		inv := 1 / rq[p]
		nz = nz[:0]
		for k, v := range rq {
			if v != 0 {
				rq[k] = v * inv
				nz = append(nz, int32(k))
			}
		}
		for i := 0; i < m; i++ {
			if i == q {
				continue
			}
			ri := a[i*w : (i+1)*w]
			f := ri[p]
			if f == 0 {
				continue
			}
			for _, k := range nz {
				ri[k] -= f * rq[k]
			}
			ri[p] = 0 // exactly, not rounding noise
		}
	}
	for p := 0; p < m; p++ {
		q := pivotRow[p]
		copy(l.tmp[p*m:(p+1)*m], a[q*w+m:(q+1)*w])
	}
	mulVec(l.xtmp[:m], l.tmp[:m*m], l.rhs)
	for i, v := range l.xtmp[:m] {
		if v < 0 && v > -lpFeasTol {
			l.xtmp[i] = 0
		}
	}
	return nil
}

// mulVec sets dst = M v for the len(dst)×len(v) row-major matrix M.
func mulVec(dst, M, v []float64) {
	n := len(v)
	for i := range dst {
		row := M[i*n : (i+1)*n]
		s := 0.0
		for k, x := range row {
			s += x * v[k]
		}
		dst[i] = s
	}
}

// refactor recomputes B^-1 and x_B from scratch for the current basis, to
// discard the rounding error accumulated by product-form updates. Should the
// basis matrix have become numerically singular, the updated inverse is kept.
func (l *lp) refactor() {
	l.sinceInv = 0
	if err := l.invert(l.basis); err != nil {
		return
	}
	l.binv, l.tmp = l.tmp, l.binv
	l.xb, l.xtmp = l.xtmp, l.xb
	l.refactors++
}

// solve runs primal simplex pivots from the current (feasible) basis until
// optimal (no reduced cost below -1e-9), or maxPivots pivots were made (0: no
// bound), or the LP is unbounded. Returns lpOptimal, lpPivotLimit or
// lpUnbounded.
//
// Pricing uses Dantzig's rule (most negative reduced cost); after
// lpStallLimit consecutive pivots without progress it switches to Bland's
// rule, which cannot cycle, until the objective decreases again. It panics
// when no basis has been set.
func (l *lp) solve(maxPivots int) lpStatus {
	if !l.ready {
		panic("lp: solve before setBasis")
	}
	m := l.m
	obj := l.objective()
	l.computeDuals()
	for made := 0; ; made++ {
		enter, reduced := l.price()
		if enter < 0 {
			return lpOptimal
		}
		if maxPivots > 0 && made >= maxPivots {
			return lpPivotLimit
		}

		// Pivot column d = B^-1 A_enter.
		c := &l.cols[enter]
		d := l.d
		for i := 0; i < m; i++ {
			row := l.binv[i*m : (i+1)*m]
			s := 0.0
			for t, r := range c.rows {
				s += row[r] * c.vals[t]
			}
			d[i] = s
		}

		leave := l.ratioTest()
		if leave < 0 {
			return lpUnbounded
		}
		left, pivotValue := l.basis[leave], d[leave]
		l.pivot(enter, leave, math.Max(l.xb[leave], 0)/pivotValue)
		l.updateWeights(enter, left, leave, pivotValue)
		if l.sinceInv == 0 {
			l.computeDuals() // afresh with the new inverse
		} else {
			// The new duals are the old ones plus the entering column's
			// reduced cost times the new row leave of B^-1, whose
			// nonzeros pivot left in l.nz: O(m) rather than the O(m²) of
			// c_B B^-1.
			pr := l.binv[leave*m : (leave+1)*m]
			for _, k := range l.nz {
				l.y[k] += reduced * pr[k]
			}
		}

		// Anti-cycling bookkeeping: a pivot makes progress when the
		// objective falls below the best of this solve by more than
		// lpProgressTol relative. Measured against the previous pivot
		// instead, rounding noise (tiny rises and falls on degenerate
		// pivots) kept resetting Bland's rule, and the simplex cycled.
		next := l.objective()
		if obj-next > lpProgressTol*math.Max(1, math.Abs(obj)) {
			l.stall = 0
			l.bland = false
			obj = next
		} else {
			l.stall++
			if l.stall >= lpStallLimit && !l.bland {
				l.bland = true
				l.blands++
			}
		}
	}
}

// computeDuals sets l.y = c_B B^-1.
func (l *lp) computeDuals() {
	m := l.m
	y := l.y
	clear(y)
	for i, j := range l.basis {
		cb := l.cols[j].cost
		if cb == 0 {
			continue
		}
		row := l.binv[i*m : (i+1)*m]
		for k, v := range row {
			y[k] += cb * v
		}
	}
}

// price returns the entering column and its reduced cost, or -1 when no
// nonbasic column has a reduced cost below -lpOptTol. It uses the Devex
// rule (the largest rc²/weight: the steepest descent per unit of the
// edge's length, which on master-shaped problems took about a third of
// the pivots of Dantzig's most negative reduced cost), or Bland's rule
// (lowest index) in anti-cycling mode. l.y must be current.
func (l *lp) price() (int, float64) {
	y := l.y
	enter, reduced, best := -1, 0.0, 0.0
	for j := range l.cols {
		if l.pos[j] >= 0 || l.banned[j] {
			continue
		}
		c := &l.cols[j]
		rc := c.cost
		for t, r := range c.rows {
			rc -= y[r] * c.vals[t]
		}
		if rc >= -lpOptTol {
			continue
		}
		if l.bland {
			return j, rc
		}
		if score := rc * rc / l.weight[j]; score > best {
			enter, reduced, best = j, rc, score
		}
	}
	return enter, reduced
}

// devexReset is the weight above which the Devex weights are reset to 1:
// they only grow, and once far from the reference frame they no longer
// estimate the edges' lengths.
const devexReset = 1e6

// updateWeights updates the Devex weights after column enter replaced
// column left in basis position r, with pivot element alpha, and pivot has
// run: for every other nonbasic column j, w_j = max(w_j, (α_rj/alpha)²
// w_enter), where α_rj/alpha is row r of the new B^-1 times A_j, and the
// column that left gets max(w_enter/alpha², 1).
func (l *lp) updateWeights(enter, left, r int, alpha float64) {
	m := l.m
	pr := l.binv[r*m : (r+1)*m]
	we := l.weight[enter]
	reset := false
	for j := range l.cols {
		if l.pos[j] >= 0 || j == left {
			continue
		}
		c := &l.cols[j]
		a := 0.0
		for t, row := range c.rows {
			a += pr[row] * c.vals[t]
		}
		if a == 0 {
			continue
		}
		l.weight[j] = max(l.weight[j], a*a*we)
		reset = reset || l.weight[j] > devexReset
	}
	l.weight[left] = max(we/(alpha*alpha), 1)
	if reset {
		for j := range l.weight {
			l.weight[j] = 1
		}
	}
}

// ratioTest returns the basis position that leaves when the column whose
// B^-1 A_j is in l.d enters, or -1 when no entry of l.d exceeds lpPivotTol
// (unbounded). Among ratios within lpRatioTieTol of the minimum it takes the
// largest pivot for numerical stability, or in Bland mode the lowest column
// index.
func (l *lp) ratioTest() int {
	d, xb := l.d, l.xb
	minRatio := math.Inf(1)
	for i, di := range d {
		if di > lpPivotTol {
			if r := math.Max(xb[i], 0) / di; r < minRatio {
				minRatio = r
			}
		}
	}
	if math.IsInf(minRatio, 1) {
		return -1
	}
	limit := minRatio + lpRatioTieTol*math.Max(1, minRatio)
	leave := -1
	for i, di := range d {
		if di <= lpPivotTol || math.Max(xb[i], 0)/di > limit {
			continue
		}
		switch {
		case leave < 0:
			leave = i
		case l.bland:
			if l.basis[i] < l.basis[leave] {
				leave = i
			}
		default:
			if di > d[leave] {
				leave = i
			}
		}
	}
	return leave
}

// pivot makes column enter basic at position r, at value theta, updating
// x_B and B^-1 by the product-form (eta) update in O(m²), with l.d = B^-1
// A_enter. Every lpRefactorEvery pivots it then recomputes B^-1 and x_B
// from scratch.
func (l *lp) pivot(enter, r int, theta float64) {
	m := l.m
	d, xb := l.d, l.xb
	dr := d[r]

	for i, di := range d {
		if i == r || di == 0 {
			continue
		}
		v := xb[i] - theta*di
		if v < 0 && v > -lpFeasTol {
			v = 0
		}
		xb[i] = v
	}
	xb[r] = theta

	l.pos[l.basis[r]] = -1
	l.basis[r] = enter
	l.pos[enter] = r
	l.nPivots++
	l.sinceInv++

	// Row r of B^-1 is as sparse as the basis lets it be: the update
	// touches only its nonzero entries.
	pr := l.binv[r*m : (r+1)*m]
	inv := 1 / dr
	nz := l.nz[:0]
	for k, v := range pr {
		if v != 0 {
			pr[k] = v * inv
			nz = append(nz, int32(k))
		}
	}
	l.nz = nz
	for i, di := range d {
		if i == r || di == 0 {
			continue
		}
		row := l.binv[i*m : (i+1)*m]
		for _, k := range nz {
			row[k] -= di * pr[k]
		}
	}

	if l.sinceInv >= lpRefactorEvery {
		l.refactor()
	}
}

// value returns x_j at the current basis (0 when nonbasic).
func (l *lp) value(j int) float64 {
	if p := l.pos[j]; p >= 0 {
		return l.xb[p]
	}
	return 0
}

// objective returns c·x at the current basis.
func (l *lp) objective() float64 {
	s := 0.0
	for i, j := range l.basis {
		s += l.cols[j].cost * l.xb[i]
	}
	return s
}

// duals returns a new slice y = c_B B^-1 of length m. The reduced cost of
// column j is c_j - y·A_j; at an optimal basis all are at least -1e-9, which
// is what column generation prices new columns against.
func (l *lp) duals() []float64 {
	l.computeDuals()
	return append([]float64(nil), l.y...)
}

// pivots returns the number of pivots made so far in total, over all solves.
func (l *lp) pivots() int { return l.nPivots }
