package scheduler

import "sort"

// Independent parts of a rota. Every rule measures one person, one shift
// or one assignment, so when no doctor may take shifts of two groups (the
// obstetricians and the radiologists of a territory), the cost of a rota
// is the sum of the costs of its parts, and the best rota combines the
// best version of each part. The search keeps the best of each part
// separately: a trajectory that improves the obstetrics while the
// radiology is momentarily worse loses neither, and at an epoch's end each
// part is taken from whichever worker did best on it.

// findParts finds the connected parts of the model: people and shifts
// joined by eligibility and pins. It sets the part of every shift and
// person and the shifts of each part.
func (m *model) findParts() {
	sets := newDisjointSets(m.personCount + m.shiftCount)
	shiftNode := func(s int) int32 { return int32(m.personCount + s) }
	for s := range m.eligible {
		for _, p := range m.eligible[s] {
			sets.union(p, shiftNode(s))
		}
		if m.pinned != nil {
			for _, p := range m.pinned[s] {
				sets.union(p, shiftNode(s))
			}
		}
	}
	dense := make(map[int32]int32)
	id := func(x int32) int32 {
		r := sets.find(x)
		c, ok := dense[r]
		if !ok {
			c = int32(len(dense))
			dense[r] = c
		}
		return c
	}
	m.personPart = make([]int32, m.personCount)
	for p := range m.personPart {
		m.personPart[p] = id(int32(p))
	}
	m.shiftPart = make([]int32, m.shiftCount)
	for s := range m.shiftPart {
		m.shiftPart[s] = id(shiftNode(s))
	}
	m.parts = len(dense)
	m.partShifts = make([][]int32, m.parts)
	for s, c := range m.shiftPart {
		m.partShifts[c] = append(m.partShifts[c], int32(s))
	}
}

// partCosts sums the state's cost by part (the model's constant apart).
func (st *state) partCosts(dst []cost) []cost {
	m := st.m
	dst = append(dst[:0], make([]cost, m.parts)...)
	for p, c := range st.personCost {
		dst[m.personPart[p]] = dst[m.personPart[p]].add(c)
	}
	for s, people := range st.onShift {
		c := st.shiftCost[s]
		for _, p := range people {
			c = c.add(m.pairCostOf(int32(s), p))
		}
		dst[m.shiftPart[s]] = dst[m.shiftPart[s]].add(c)
	}
	return dst
}

// partAssignments appends part c's assignments to dst, by shift then person.
func (st *state) partAssignments(dst []pair, c int32) []pair {
	for _, s := range st.m.partShifts[c] {
		start := len(dst)
		for _, p := range st.onShift[s] {
			dst = append(dst, pair{s, p})
		}
		for i := start + 1; i < len(dst); i++ { // a few people per shift
			for j := i; j > start && dst[j].person < dst[j-1].person; j-- {
				dst[j], dst[j-1] = dst[j-1], dst[j]
			}
		}
	}
	return dst
}

// partBests is a worker's best version of each part during an anneal.
// A part's assignments are copied only when the walk leaves its best.
type partBests struct {
	now    []cost   // current cost of each part
	best   []cost   // best cost of each part
	atBest []bool   // the part is at its best now: not copied yet
	saved  [][]pair // each part's best assignments, when not at its best
}

// begin makes the current state the best of every part.
func (b *partBests) begin(st *state) {
	b.now = st.partCosts(b.now)
	b.best = append(b.best[:0], b.now...)
	b.atBest = b.atBest[:0]
	for range b.now {
		b.atBest = append(b.atBest, true)
	}
	for len(b.saved) < len(b.now) {
		b.saved = append(b.saved, nil)
	}
}

// moving records a move of delta d in part c about to be applied to st.
func (b *partBests) moving(st *state, c int32, d cost) {
	next := b.now[c].add(d)
	if b.atBest[c] && b.best[c].less(next) {
		b.saved[c] = st.partAssignments(b.saved[c][:0], c)
		b.atBest[c] = false
	}
	b.now[c] = next
	if next.less(b.best[c]) {
		b.best[c] = next
		b.atBest[c] = true
	}
}

// finish copies the parts still at their best.
func (b *partBests) finish(st *state) {
	for c, at := range b.atBest {
		if at {
			b.saved[c] = st.partAssignments(b.saved[c][:0], int32(c))
			b.atBest[c] = false
		}
	}
}

// combineParts takes each part from the worker with its best version (ties
// to the lowest worker) and returns the assignments, by shift then person,
// and their cost.
func combineParts(m *model, ws []*worker) ([]pair, cost) {
	total := m.constantCost
	var out []pair
	for c := 0; c < m.parts; c++ {
		from := ws[0]
		for _, w := range ws[1:] {
			if w.parts.best[c].less(from.parts.best[c]) {
				from = w
			}
		}
		total = total.add(from.parts.best[c])
		out = append(out, from.parts.saved[c]...)
	}
	sortPairs(out)
	return out, total
}

func sortPairs(ps []pair) {
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].shift != ps[j].shift {
			return ps[i].shift < ps[j].shift
		}
		return ps[i].person < ps[j].person
	})
}
