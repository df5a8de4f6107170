package scheduler

// The moves of a day roster work on people's days: change what someone
// works on a day, exchange a day or a run of days between two people, or
// clear or fill a run of days. Runs matter: the rules on blocks of worked
// days and days off are hard to satisfy one day at a time.

func (w *worker) dayMove(dst []change) []change {
	g := w.m.grid
	p := int32(w.rng.IntN(w.m.personCount))
	d := w.rng.IntN(g.days)
	switch r := w.rng.IntN(100); {
	case r < 30:
		return w.changeDay(dst, p, d)
	case r < 55:
		q := int32(w.rng.IntN(w.m.personCount))
		return w.swapDays(dst, p, q, d, 1)
	case r < 85:
		q := int32(w.rng.IntN(w.m.personCount))
		return w.swapDays(dst, p, q, d, 2+w.rng.IntN(6))
	default:
		return w.setDays(dst, p, d, 2+w.rng.IntN(4))
	}
}

// shiftOnDay returns the shift p works on day d, or -1.
func (w *worker) shiftOnDay(p int32, d int) int32 {
	sched := w.st.schedule[p]
	types := w.m.grid.types
	lo, hi := 0, len(sched)
	for lo < hi { // the schedule is sorted by shift index, so by day
		mid := (lo + hi) / 2
		if int(sched[mid])/types < d {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(sched) && int(sched[lo])/types == d {
		return sched[lo]
	}
	return -1
}

// changeDay gives p another shift type on day d, or a day off.
func (w *worker) changeDay(dst []change, p int32, d int) []change {
	g := w.m.grid
	cur := w.shiftOnDay(p, d)
	t := w.rng.IntN(g.types + 1)
	next := int32(-1)
	if t < g.types {
		next = g.shift(d, t)
	}
	if next == cur || (next >= 0 && !w.m.isEligible(next, p)) {
		return dst
	}
	if cur >= 0 {
		if w.m.isPinned(cur, p) {
			return dst
		}
		dst = append(dst, change{shift: cur, person: p})
	}
	if next >= 0 {
		dst = append(dst, change{shift: next, person: p, add: true})
	}
	return dst
}

// swapDays exchanges what p and q work on days d to d+n-1.
func (w *worker) swapDays(dst []change, p, q int32, d, n int) []change {
	if p == q {
		return dst
	}
	m := w.m
	for day := d; day < min(d+n, m.grid.days); day++ {
		a, b := w.shiftOnDay(p, day), w.shiftOnDay(q, day)
		if a == b {
			continue
		}
		if (a >= 0 && (m.isPinned(a, p) || !m.isEligible(a, q))) || (b >= 0 && (m.isPinned(b, q) || !m.isEligible(b, p))) {
			return dst[:0]
		}
		if a >= 0 {
			dst = append(dst, change{shift: a, person: p}, change{shift: a, person: q, add: true})
		}
		if b >= 0 {
			dst = append(dst, change{shift: b, person: q}, change{shift: b, person: p, add: true})
		}
	}
	return dst
}

// setDays makes p work one shift type on days d to d+n-1, or be off
// (when a random draw says so, or p already works all of them).
func (w *worker) setDays(dst []change, p int32, d, n int) []change {
	m := w.m
	g := m.grid
	t := w.rng.IntN(g.types + 1)
	for day := d; day < min(d+n, g.days); day++ {
		cur := w.shiftOnDay(p, day)
		next := int32(-1)
		if t < g.types {
			next = g.shift(day, t)
			if !m.isEligible(next, p) {
				return dst[:0]
			}
		}
		if cur == next {
			continue
		}
		if cur >= 0 {
			if m.isPinned(cur, p) {
				return dst[:0]
			}
			dst = append(dst, change{shift: cur, person: p})
		}
		if next >= 0 {
			dst = append(dst, change{shift: next, person: p, add: true})
		}
	}
	return dst
}

// constructRoster fills the cover requirements greedily, day by day: for
// each missing person, the best of a few eligible people free that day.
func (w *worker) constructRoster() {
	m := w.m
	g := m.grid
	w.st = newState(m)
	cover := m.shiftRules[0].(coverageRule)
	for d := 0; d < g.days; d++ {
		for t := 0; t < g.types; t++ {
			s := g.shift(d, t)
			for int32(len(w.st.onShift[s])) < cover.requirement[s] && len(m.eligible[s]) > 0 {
				best, found := 0.0, false
				var bestPerson int32
				for try := 0; try < 12; try++ {
					p := w.pick(m.eligible[s])
					if w.shiftOnDay(p, d) >= 0 {
						continue
					}
					w.changes = append(w.changes[:0], change{shift: s, person: p, add: true})
					if x := w.scalar(w.st.delta(w.changes)); !found || x < best {
						best, bestPerson, found = x, p, true
					}
				}
				if !found || best >= 0 {
					break
				}
				w.st.apply([]change{{shift: s, person: bestPerson, add: true}})
			}
		}
	}
	w.bestCost = w.st.total
	w.best = w.assignments(w.best)
}
