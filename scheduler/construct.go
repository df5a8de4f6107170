package scheduler

import "sort"

// construct builds the first rota: the given assignments to keep (pins,
// and when re-planning the reference assignments that still hold), then
// every free seat greedily, hardest seats first, each to the eligible
// person whose arrival costs least; then ejection chains for the seats the
// greedy pass could not fill.
func (w *worker) construct(keep []pair) {
	m := w.m
	w.st = newState(m)
	for _, a := range keep {
		add := []change{{shift: a.shift, person: a.person, add: true}}
		if w.st.has(a.shift, a.person) {
			continue
		}
		if _, ok := w.st.deltaUnlessHard(add, true); ok {
			w.st.apply(add)
		}
	}
	for _, s := range hardestFirst(m) {
		for len(w.st.onShift[s]) < int(m.capacity[s]) {
			if !w.fillBest(s) {
				break
			}
		}
	}
	w.fillByChains()
	w.bestCost = w.st.total
	w.best = w.assignments(w.best)
}

// hardestFirst orders shifts by how few people could take each of their
// seats, then by start.
func hardestFirst(m *model) []int32 {
	order := make([]int32, 0, m.shiftCount)
	for s := range m.eligible {
		if len(m.eligible[s]) > 0 {
			order = append(order, int32(s))
		}
	}
	slack := func(s int32) int { return len(m.eligible[s]) - int(m.capacity[s]) }
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if slack(a) != slack(b) {
			return slack(a) < slack(b)
		}
		return m.rank[a] < m.rank[b]
	})
	return order
}

// fillBest puts on s the eligible person whose arrival costs least without
// breaking a hard rule; it reports whether anyone could be placed.
func (w *worker) fillBest(s int32) bool {
	best, found := cost{}, false
	var bestPerson int32
	for _, q := range w.m.eligible[s] {
		if w.st.has(s, q) {
			continue
		}
		w.changes = append(w.changes[:0], change{shift: s, person: q, add: true})
		d, ok := w.st.deltaUnlessHard(w.changes, true)
		if ok && (!found || d.less(best)) {
			best, bestPerson, found = d, q, true
		}
	}
	if found {
		w.st.apply([]change{{shift: s, person: bestPerson, add: true}})
	}
	return found
}

// fillByChains tries ejection chains on every free seat, a few rounds,
// since filling one seat can open a chain for another.
func (w *worker) fillByChains() {
	m := w.m
	for round := 0; round < 3; round++ {
		filled := false
		for s := range m.eligible {
			for len(w.st.onShift[s]) < int(m.capacity[s]) && len(m.eligible[s]) > 0 {
				ok := false
				for attempt := 0; attempt < 4 && !ok; attempt++ {
					var chain []change
					chain, _, ok = w.chainFill(int32(s), w.changes[:0], 3)
					if ok {
						w.st.apply(chain)
						w.changes = chain
					}
				}
				if !ok {
					break
				}
				filled = true
			}
		}
		if !filled {
			return
		}
	}
}
