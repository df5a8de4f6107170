package scheduler

import (
	"fmt"
	"slices"
)

// A change adds a person to a shift or removes them from it. Every move of
// the solver is a short list of changes.
type change struct {
	shift, person int32
	add           bool
}

// state is a set of assignments with its cost kept up to date by deltas:
// a move re-measures only the people and shifts it touches.
type state struct {
	m        *model
	onShift  [][]int32 // per shift, its people (unordered)
	schedule [][]int32 // per person, their shifts in rank order

	personCost []cost
	shiftCost  []cost
	total      cost

	// scratch space for delta, reused across calls
	touchedPeople []int32
	touchedShifts []int32
	buf           []int32
}

func newState(m *model) *state {
	st := &state{
		m:          m,
		onShift:    make([][]int32, m.shiftCount),
		schedule:   make([][]int32, m.personCount),
		personCost: make([]cost, m.personCount),
		shiftCost:  make([]cost, m.shiftCount),
	}
	st.recompute()
	return st
}

// recompute measures everything from scratch.
func (st *state) recompute() {
	m := st.m
	st.total = m.constantCost
	for p := range st.schedule {
		st.personCost[p] = m.personCost(int32(p), st.schedule[p])
		st.total = st.total.add(st.personCost[p])
	}
	for s := range st.onShift {
		st.shiftCost[s] = m.shiftCost(int32(s), st.onShift[s])
		st.total = st.total.add(st.shiftCost[s])
		for _, p := range st.onShift[s] {
			st.total = st.total.add(m.pairCostOf(int32(s), p))
		}
	}
}

// fullCost measures the current assignments from scratch without touching
// the kept totals; check mode compares it with total.
func (st *state) fullCost() cost {
	m := st.m
	c := m.constantCost
	for p := range st.schedule {
		c = c.add(m.personCost(int32(p), st.schedule[p]))
	}
	for s := range st.onShift {
		c = c.add(m.shiftCost(int32(s), st.onShift[s]))
		for _, p := range st.onShift[s] {
			c = c.add(m.measurePairCost(int32(s), p))
		}
	}
	return c
}

// has reports whether p is on s.
func (st *state) has(s, p int32) bool { return slices.Contains(st.onShift[s], p) }

// delta returns how the cost would change if the changes were applied. The
// changes must be consistent: removals of present assignments, additions of
// absent ones, no assignment touched twice.
func (st *state) delta(changes []change) cost {
	d, _ := st.deltaUnlessHard(changes, false)
	return d
}

// deltaUnlessHard is delta, but when stopOnHard is set it gives up as soon
// as a touched person or shift would break more hard rules than now, and
// reports ok = false: a solver that keeps every rota legal rejects such a
// move anyway, and most random moves in a tight rota are such moves.
func (st *state) deltaUnlessHard(changes []change, stopOnHard bool) (d cost, ok bool) {
	m := st.m
	st.collectTouched(changes)
	for _, p := range st.touchedPeople {
		st.buf = st.newSchedule(st.buf[:0], p, changes)
		limit := int64(-1)
		if stopOnHard {
			limit = st.personCost[p].hard
		}
		c, ok := m.personCostWithin(p, st.buf, limit)
		if !ok {
			return c.sub(st.personCost[p]), false
		}
		d = d.add(c.sub(st.personCost[p]))
	}
	for _, s := range st.touchedShifts {
		st.buf = st.newPeople(st.buf[:0], s, changes)
		c := m.shiftCost(s, st.buf).sub(st.shiftCost[s])
		if stopOnHard && c.hard > 0 {
			return c, false
		}
		d = d.add(c)
	}
	for _, c := range changes {
		if c.add {
			d = d.add(m.pairCostOf(c.shift, c.person))
		} else {
			d = d.sub(m.pairCostOf(c.shift, c.person))
		}
	}
	return d, !stopOnHard || d.hard <= 0
}

// apply makes the changes and updates the kept costs.
func (st *state) apply(changes []change) {
	m := st.m
	st.collectTouched(changes)
	for _, c := range changes {
		if c.add {
			st.onShift[c.shift] = append(st.onShift[c.shift], c.person)
			st.schedule[c.person] = insertByRank(st.schedule[c.person], c.shift, m.rank)
			st.total = st.total.add(m.pairCostOf(c.shift, c.person))
		} else {
			st.onShift[c.shift] = removeValue(st.onShift[c.shift], c.person)
			st.schedule[c.person] = removeValue(st.schedule[c.person], c.shift)
			st.total = st.total.sub(m.pairCostOf(c.shift, c.person))
		}
	}
	for _, p := range st.touchedPeople {
		c := m.personCost(p, st.schedule[p])
		st.total = st.total.add(c.sub(st.personCost[p]))
		st.personCost[p] = c
	}
	for _, s := range st.touchedShifts {
		c := m.shiftCost(s, st.onShift[s])
		st.total = st.total.add(c.sub(st.shiftCost[s]))
		st.shiftCost[s] = c
	}
}

// collectTouched lists, without repeats, the people and shifts the changes touch.
func (st *state) collectTouched(changes []change) {
	st.touchedPeople = st.touchedPeople[:0]
	st.touchedShifts = st.touchedShifts[:0]
	for _, c := range changes {
		if !slices.Contains(st.touchedPeople, c.person) {
			st.touchedPeople = append(st.touchedPeople, c.person)
		}
		if !slices.Contains(st.touchedShifts, c.shift) {
			st.touchedShifts = append(st.touchedShifts, c.shift)
		}
	}
}

// newSchedule writes into dst person p's shifts after the changes, in rank order.
func (st *state) newSchedule(dst []int32, p int32, changes []change) []int32 {
	rank := st.m.rank
	old := st.schedule[p]
	for _, s := range old {
		if !removedBy(changes, s, p) {
			dst = append(dst, s)
		}
	}
	for _, c := range changes {
		if c.add && c.person == p {
			dst = insertByRank(dst, c.shift, rank)
		}
	}
	return dst
}

// newPeople writes into dst shift s's people after the changes.
func (st *state) newPeople(dst []int32, s int32, changes []change) []int32 {
	for _, p := range st.onShift[s] {
		if !removedBy(changes, s, p) {
			dst = append(dst, p)
		}
	}
	for _, c := range changes {
		if c.add && c.shift == s {
			dst = append(dst, c.person)
		}
	}
	return dst
}

func removedBy(changes []change, s, p int32) bool {
	for _, c := range changes {
		if !c.add && c.shift == s && c.person == p {
			return true
		}
	}
	return false
}

// insertByRank inserts shift s into list, kept sorted by rank.
func insertByRank(list []int32, s int32, rank []int32) []int32 {
	i := len(list)
	for i > 0 && rank[list[i-1]] > rank[s] {
		i--
	}
	return slices.Insert(list, i, s)
}

// removeValue removes the first v from list, keeping the order.
func removeValue(list []int32, v int32) []int32 {
	i := slices.Index(list, v)
	if i < 0 {
		panic(fmt.Sprintf("state: %d is not in the list", v))
	}
	return slices.Delete(list, i, i+1)
}
