package scheduler

import "sort"

// A model is a rota problem in the solver's terms: shifts and people as
// indices, who may take which shift, how many seats each shift has, and
// the rules that score a set of assignments. Territories and the Curtois
// benchmark both compile to a model, so one engine and one set of rules
// serve both.
type model struct {
	shiftCount, personCount int

	// rank orders shifts by start (then index): a person's shifts are kept
	// in this order, which the sequence rules (rest, spacing...) rely on.
	rank     []int32
	capacity []int32   // seats: the solver never puts more people on a shift
	eligible [][]int32 // per shift, the people who may take it, ascending
	canTake  [][]int32 // per person, the shifts they may take, ascending
	pinned   [][]int32 // per shift, the people who must stay on it

	personRules []personRule
	shiftRules  []shiftRule
	pairRules   []pairRule

	// grid is set for day rosters, whose shifts are day x type cells and
	// whose moves work on a person's days rather than on seats.
	grid   *dayGrid
	roster *rosterData // the day roster's data, for best responses

	shiftName  func(int32) string
	personName func(int32) string

	// pairCost[s][i] is the summed pair-rule cost of eligible[s][i] on s;
	// constantCost is what the pair rules cost whatever the rota.
	pairCost     [][]cost
	constantCost cost

	// The independent parts of the model (see parts.go): the part of
	// each shift and person, and the shifts of each part.
	parts      int
	shiftPart  []int32
	personPart []int32
	partShifts [][]int32
}

// prepare completes a model once its fields are set: shift ranks from
// starts, and the pair costs the solver looks up on every move.
func (m *model) prepare(start []int64) {
	order := make([]int32, m.shiftCount)
	for i := range order {
		order[i] = int32(i)
	}
	sort.SliceStable(order, func(a, b int) bool { return start[order[a]] < start[order[b]] })
	m.rank = make([]int32, m.shiftCount)
	for r, s := range order {
		m.rank[s] = int32(r)
	}
	m.canTake = make([][]int32, m.personCount)
	for s, people := range m.eligible {
		for _, p := range people {
			m.canTake[p] = append(m.canTake[p], int32(s))
		}
	}
	m.findParts()
	m.pairCost = make([][]cost, m.shiftCount)
	for s := range m.eligible {
		m.pairCost[s] = make([]cost, len(m.eligible[s]))
		for i, p := range m.eligible[s] {
			m.pairCost[s][i] = m.measurePairCost(int32(s), p)
		}
	}
	m.constantCost = cost{}
	for _, r := range m.pairRules {
		m.constantCost = m.constantCost.add(costOf(r.level(), r.weight(), r.constant()))
	}
}

// measurePairCost sums the pair rules for one assignment.
func (m *model) measurePairCost(s, p int32) cost {
	var c cost
	for _, r := range m.pairRules {
		c = c.add(costOf(r.level(), r.weight(), r.measurePair(s, p, nil)))
	}
	return c
}

// eligibleIndex returns the position of p in eligible[s], or -1.
func (m *model) eligibleIndex(s, p int32) int {
	e := m.eligible[s]
	i := sort.Search(len(e), func(i int) bool { return e[i] >= p })
	if i < len(e) && e[i] == p {
		return i
	}
	return -1
}

// isEligible reports whether p may take s.
func (m *model) isEligible(s, p int32) bool { return m.eligibleIndex(s, p) >= 0 }

// pairCostOf is the pair cost of p on s, looked up when p is eligible.
func (m *model) pairCostOf(s, p int32) cost {
	if i := m.eligibleIndex(s, p); i >= 0 {
		return m.pairCost[s][i]
	}
	return m.measurePairCost(s, p)
}

// isPinned reports whether p must stay on s.
func (m *model) isPinned(s, p int32) bool {
	for _, q := range m.pinned[s] {
		if q == p {
			return true
		}
	}
	return false
}

// personCost scores one person's shifts with every person rule.
func (m *model) personCost(p int32, shifts []int32) cost {
	c, _ := m.personCostWithin(p, shifts, -1)
	return c
}

// personCostWithin is personCost that gives up, reporting false, as soon as
// the hard part exceeds hardLimit (no limit when negative). Hard rules come
// first in personRules, so a move that breaks one costs little to reject.
func (m *model) personCostWithin(p int32, shifts []int32, hardLimit int64) (cost, bool) {
	var c cost
	for _, r := range m.personRules {
		c = c.add(costOf(r.level(), r.weight(), r.measurePerson(p, shifts, nil)))
		if hardLimit >= 0 && c.hard > hardLimit {
			return c, false
		}
	}
	return c, true
}

// shiftCost scores one shift's people with every shift rule.
func (m *model) shiftCost(s int32, people []int32) cost {
	var c cost
	for _, r := range m.shiftRules {
		c = c.add(costOf(r.level(), r.weight(), r.measureShift(s, people, nil)))
	}
	return c
}
