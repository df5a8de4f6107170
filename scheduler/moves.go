package scheduler

// The moves of the local search. Each writes its changes into dst and
// returns them, or returns dst empty when the random draw gives nothing
// to try (a pinned assignment, a doctor already on the shift...).

// randomMove draws a move: mostly reassignments and swaps, which keep the
// coverage; fills and transfers where seats are empty.
func (w *worker) randomMove(dst []change) []change {
	m := w.m
	if m.grid != nil {
		return w.dayMove(dst)
	}
	s := int32(w.rng.IntN(m.shiftCount))
	if len(m.eligible[s]) == 0 {
		return dst
	}
	free := len(w.st.onShift[s]) < int(m.capacity[s])
	switch r := w.rng.IntN(100); {
	case free && r < 50:
		return w.fill(dst, s)
	case len(w.st.onShift[s]) == 0:
		return dst
	case r < 45:
		return w.reassign(dst, s)
	case r < 90:
		return w.swap(dst, s)
	default:
		return w.transfer(dst, s)
	}
}

// fill puts an eligible person on a free seat of s.
func (w *worker) fill(dst []change, s int32) []change {
	q := w.pick(w.m.eligible[s])
	if w.st.has(s, q) {
		return dst
	}
	return append(dst, change{shift: s, person: q, add: true})
}

// reassign gives someone's seat on s to another eligible person.
func (w *worker) reassign(dst []change, s int32) []change {
	p, ok := w.removable(s)
	q := w.pick(w.m.eligible[s])
	if !ok || w.st.has(s, q) {
		return dst
	}
	return append(dst, change{shift: s, person: p}, change{shift: s, person: q, add: true})
}

// swap exchanges two people's shifts: p gives s to q, q gives one of
// theirs to p.
func (w *worker) swap(dst []change, s int32) []change {
	m := w.m
	p, ok := w.removable(s)
	q := w.pick(m.eligible[s])
	if !ok || q == p || w.st.has(s, q) || len(w.st.schedule[q]) == 0 {
		return dst
	}
	s2 := w.pick(w.st.schedule[q])
	if s2 == s || m.isPinned(s2, q) || w.st.has(s2, p) || !m.isEligible(s2, p) {
		return dst
	}
	return append(dst,
		change{shift: s, person: p}, change{shift: s, person: q, add: true},
		change{shift: s2, person: q}, change{shift: s2, person: p, add: true})
}

// transfer moves someone from s to another shift they may take that has a
// free seat: the count of empty seats stays, but which seats stay empty changes.
func (w *worker) transfer(dst []change, s int32) []change {
	p, ok := w.removable(s)
	if !ok || len(w.m.canTake[p]) == 0 {
		return dst
	}
	s2 := w.pick(w.m.canTake[p])
	if s2 == s || len(w.st.onShift[s2]) >= int(w.m.capacity[s2]) || w.st.has(s2, p) {
		return dst
	}
	return append(dst, change{shift: s, person: p}, change{shift: s2, person: p, add: true})
}

// removable picks a person on s who is not pinned there.
func (w *worker) removable(s int32) (int32, bool) {
	people := w.st.onShift[s]
	if len(people) == 0 {
		return -1, false
	}
	p := w.pick(people)
	return p, !w.m.isPinned(s, p)
}

func (w *worker) pick(list []int32) int32 { return list[w.rng.IntN(len(list))] }

// chainTries bounds the branching of an ejection chain at each level.
const chainTries = 6

// chainFill looks for an ejection chain that fills a free seat of s
// without breaking a hard rule: put q on s; when q cannot take s as things
// stand, take q off one of their shifts s2 that is in the way and fill s2
// with r, who may in turn be freed the same way, up to depth levels deep.
// The cost grows fast with depth: the search uses 2, construction 3.
func (w *worker) chainFill(s int32, dst []change, depth int) ([]change, cost, bool) {
	return w.chainStep(s, dst, depth)
}

func (w *worker) chainStep(s int32, prefix []change, depth int) ([]change, cost, bool) {
	m := w.m
	eligible := m.eligible[s]
	for try := 0; try < chainTries && try < len(eligible); try++ {
		q := w.pick(eligible)
		if w.st.has(s, q) || touchesPerson(prefix, q) {
			continue
		}
		withQ := append(prefix, change{shift: s, person: q, add: true})
		if d, ok := w.st.deltaUnlessHard(withQ, true); ok {
			return withQ, d, true
		}
		if depth <= 1 {
			continue
		}
		for _, s2 := range w.st.schedule[q] {
			if m.isPinned(s2, q) || touchesShift(prefix, s2) {
				continue
			}
			freed := append(withQ, change{shift: s2, person: q})
			if _, ok := w.st.deltaUnlessHard(freed, true); !ok {
				continue
			}
			if chain, d, ok := w.chainStep(s2, freed, depth-1); ok {
				return chain, d, true
			}
		}
	}
	return prefix[:0], cost{}, false
}

func touchesPerson(changes []change, p int32) bool {
	for _, c := range changes {
		if c.person == p {
			return true
		}
	}
	return false
}

func touchesShift(changes []change, s int32) bool {
	for _, c := range changes {
		if c.shift == s {
			return true
		}
	}
	return false
}
