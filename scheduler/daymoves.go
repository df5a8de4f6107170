package scheduler

// The moves of a day roster work on people's days: change what someone
// works on a day, exchange a day or a run of days between two people, or
// clear or fill a run of days. Runs matter: the rules on blocks of worked
// days and days off are hard to satisfy one day at a time.

func (w *worker) dayMove(dst []change) []change {
	g := w.m.grid
	p := w.pickPerson()
	d := w.rng.IntN(g.days)
	if w.opt.untilFeasible {
		// Every rule is one person's: repairs need no partner. Half of them
		// start from a day the person works, where caps, minutes and
		// weekends are broken.
		if sched := w.st.schedule[p]; len(sched) > 0 && w.rng.IntN(2) == 0 {
			d = int(w.pick(sched)) / g.types
		}
		if w.rng.IntN(2) == 0 {
			return w.changeDay(dst, p, d)
		}
		return w.setDays(dst, p, d, 1+w.rng.IntN(4))
	}
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

// pickPerson draws the person a move starts from. While rules are broken,
// it looks for someone who breaks one (a few draws): on a large roster
// only a few people do, and moves elsewhere cannot help.
func (w *worker) pickPerson() int32 {
	p := int32(w.rng.IntN(w.m.personCount))
	if w.st.total.hard == 0 {
		return p
	}
	for try := 0; try < 8 && w.st.personCost[p].hard == 0; try++ {
		p = int32(w.rng.IntN(w.m.personCount))
	}
	return p
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
// (one draw among the types and off).
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

// constructRoster builds the first roster person by person: each takes
// their best response to the others (a schedule of their own, legal when
// the rules fit the program's state, that covers what is still missing),
// twice over in a random order when best responses are cheap, once when
// not.
func (w *worker) constructRoster(cheap bool) {
	w.st = newState(w.m)
	sweeps := 1
	if cheap {
		sweeps = 2
	}
	for sweep := 0; sweep < sweeps; sweep++ {
		w.bestResponseSweep(nil)
	}
	w.bestCost = w.st.total
	w.best = w.assignments(w.best)
}

// ruinAndRecreate clears the schedules of a few random people and rebuilds
// them by best responses in a random order; the roster keeps the result
// when it is no worse, else goes back. It explores the changes that need
// several people to move at once, which a single best response cannot.
func (w *worker) ruinAndRecreate(people int) bool {
	before := w.st.total
	var undo []change
	chosen := w.rng.Perm(w.m.personCount)[:min(people, w.m.personCount)]
	for _, i := range chosen {
		p := int32(i)
		for _, s := range append([]int32(nil), w.st.schedule[p]...) {
			if w.m.isPinned(s, p) {
				continue
			}
			c := []change{{shift: s, person: p}}
			w.st.apply(c)
			undo = append(undo, change{shift: s, person: p, add: true})
		}
	}
	for _, k := range w.rng.Perm(len(chosen)) {
		p := int32(chosen[k])
		w.changes = w.bestResponse(p, w.changes[:0])
		if len(w.changes) > 0 {
			w.st.apply(w.changes)
			for _, c := range w.changes {
				undo = append(undo, change{shift: c.shift, person: c.person, add: !c.add})
			}
		}
	}
	if !before.less(w.st.total) {
		return w.st.total.less(before)
	}
	for i := len(undo) - 1; i >= 0; i-- {
		w.st.apply(undo[i : i+1])
	}
	return false
}

// bestResponseSweep gives each person in turn, in a random order, their
// best response when it makes the roster better; stop may cut it short.
func (w *worker) bestResponseSweep(stop func() bool) (improved bool) {
	for _, i := range w.rng.Perm(w.m.personCount) {
		if stop != nil && stop() {
			return improved
		}
		w.changes = w.bestResponse(int32(i), w.changes[:0])
		if len(w.changes) == 0 {
			continue
		}
		if d := w.st.delta(w.changes); d.less(cost{}) {
			w.st.apply(w.changes)
			improved = true
		}
	}
	return improved
}
