package scheduler

import "math"

// Re-optimising after the right-hand side changes: the dual simplex.
//
// A dive fixes a person to a schedule: their row's right-hand side falls
// from 1 to 0, the cover rows lose that schedule's cells, and their other
// schedules may no longer enter. The basis that was optimal keeps every
// reduced cost (the costs did not change), so it is still dual feasible,
// and only basic values may now be negative: the dual simplex takes it
// back to an optimum, in about 250 pivots per person fixed on instance 12,
// where rebuilding the relaxation from the people's heaviest schedules
// took the primal simplex 3,000 to 5,000 pivots (1 to 1.5 s) a step.

// lpDualTol is the slack the dual ratio test allows on reduced costs (a
// Harris test): among the columns whose ratio is within it of the least,
// the one with the largest pivot enters, which keeps the basis well
// conditioned at the price of reduced costs at most this far below zero,
// which the primal simplex run after it mends.
const lpDualTol = 1e-7

// ban keeps column j out of every later basis: it never enters again (it
// stays basic if it is, until it leaves).
func (l *lp) ban(j int) { l.banned[j] = true }

// addRHS adds delta to row i's right-hand side and updates the basic
// values (x_B += delta B^-1 e_i, a column of B^-1); they may turn negative,
// which dualSolve mends.
func (l *lp) addRHS(i int, delta float64) {
	l.rhs[i] += delta
	if !l.ready {
		return
	}
	m := l.m
	for k := range m {
		l.xb[k] += delta * l.binv[k*m+i]
	}
}

// dualSolve runs dual simplex pivots from a dual feasible basis (no
// reduced cost below -lpOptTol, as after an optimum and addRHS) until no
// basic value is below -lpFeasTol, or maxPivots pivots were made (0: no
// bound). It returns lpOptimal (primal feasible; dual feasible within
// lpDualTol, so a primal solve should follow), lpPivotLimit, or
// lpInfeasible when a row cannot be made nonnegative by any column that
// may enter (no feasible solution). The leaving row is the most negative
// basic value.
func (l *lp) dualSolve(maxPivots int) lpStatus {
	if !l.ready {
		panic("lp: dualSolve before setBasis")
	}
	m := l.m
	// Cost perturbation: a relaxation of a roster has thousands of
	// reduced costs at exactly zero, and without it the dual simplex
	// pivoted among them without raising its objective (14,500 pivots
	// with 100 rows still negative on instance 12). Raising each
	// nonbasic cost by a different tiny amount keeps the basis dual
	// feasible and breaks those ties; the costs are restored at the end,
	// and the primal simplex mends what the shifts moved.
	shifted := make([]int, 0, len(l.cols))
	for j := range l.cols {
		if l.pos[j] < 0 && !l.banned[j] {
			l.cols[j].cost += costShift(j)
			shifted = append(shifted, j)
		}
	}
	defer func() {
		for _, j := range shifted {
			l.cols[j].cost -= costShift(j)
		}
		l.computeDuals()
	}()
	l.computeDuals()
	if len(l.alpha) < len(l.cols) {
		l.alpha = make([]float64, len(l.cols))
	}
	alpha := l.alpha[:len(l.cols)]
	for made := 0; ; made++ {
		r, worst := -1, -lpFeasTol
		for i, v := range l.xb {
			if v < worst {
				r, worst = i, v
			}
		}
		if r < 0 {
			for i, v := range l.xb {
				l.xb[i] = max(v, 0)
			}
			// The primal simplex that follows starts a new Devex
			// reference frame: these pivots did not keep its weights.
			for j := range l.weight {
				l.weight[j] = 1
			}
			l.stall, l.bland = 0, false
			return lpOptimal
		}
		if maxPivots > 0 && made >= maxPivots {
			return lpPivotLimit
		}
		// Row r of B^-1 A for every column that may enter, and the
		// Harris ratio test on it: first the least ratio with the
		// tolerance, then the largest pivot among the ratios within it.
		rho := l.binv[r*m : (r+1)*m]
		bound := math.Inf(1)
		for j := range l.cols {
			alpha[j] = 0
			if l.pos[j] >= 0 || l.banned[j] {
				continue
			}
			c := &l.cols[j]
			a := 0.0
			for t, row := range c.rows {
				a += rho[row] * c.vals[t]
			}
			alpha[j] = a
			if a < -lpPivotTol {
				bound = min(bound, (max(l.reducedCost(j), 0)+lpDualTol)/-a)
			}
		}
		if math.IsInf(bound, 1) {
			return lpInfeasible
		}
		enter, reduced, best := -1, 0.0, 0.0
		for j, a := range alpha {
			if a >= -lpPivotTol {
				continue
			}
			rc := l.reducedCost(j)
			if max(rc, 0)/-a <= bound && -a > best {
				enter, reduced, best = j, rc, -a
			}
		}
		// Pivot column B^-1 A_enter, then the pivot: x_enter takes the
		// value that brings row r to zero.
		c := &l.cols[enter]
		d := l.d
		for i := range m {
			row := l.binv[i*m : (i+1)*m]
			s := 0.0
			for t, rr := range c.rows {
				s += row[rr] * c.vals[t]
			}
			d[i] = s
		}
		dr := d[r]
		l.pivot(enter, r, l.xb[r]/dr)
		// The new duals: the entering column's reduced cost falls to
		// zero (as in solve, with the new row r of B^-1).
		if l.sinceInv == 0 {
			l.computeDuals()
		} else {
			pr := l.binv[r*m : (r+1)*m]
			for _, k := range l.nz {
				l.y[k] += reduced * pr[k]
			}
		}
	}
}

// reducedCost is c_j - y·A_j with the current duals l.y.
func (l *lp) reducedCost(j int) float64 {
	c := &l.cols[j]
	rc := c.cost
	for t, r := range c.rows {
		rc -= l.y[r] * c.vals[t]
	}
	return rc
}

// costShift is column j's cost perturbation in dualSolve: between 1e-6
// and 2e-6, different from column to column, far above the tolerances
// and far below the weights (whole numbers).
func costShift(j int) float64 {
	return 1e-6 * (1 + float64(j*7919%1009)/1009)
}
