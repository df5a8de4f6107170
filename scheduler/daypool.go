package scheduler

import (
	"math"
	"sort"
)

// Combining the pool: column generation leaves each person with a few
// dozen good schedules, and the best roster often combines them in a way
// no single dive finds. An annealing over the choice of one schedule per
// person, with the cover counted cell by cell, searches these
// combinations cheaply (a move touches only the two schedules' cells).

// combinePool returns one schedule per person, starting from start (one
// per person, each in the pool) and annealing over the pool's schedules
// for the given number of moves; the result is the best combination met.
func (w *worker) combinePool(pool *schedulePool, start []*schedule, moves int) []*schedule {
	cover := w.m.roster.cover
	count := make([]int32, w.m.shiftCount)
	choice := append([]*schedule(nil), start...)
	for _, s := range choice {
		for _, c := range s.cells {
			count[c]++
		}
	}
	// delta is the change of penalty when p leaves a for b.
	delta := func(a, b *schedule) float64 {
		d := b.cost - a.cost
		i, j := 0, 0
		for i < len(a.cells) || j < len(b.cells) {
			switch {
			case j == len(b.cells) || (i < len(a.cells) && a.cells[i] < b.cells[j]):
				c := a.cells[i]
				d += cover.costAt(c, count[c]-1) - cover.costAt(c, count[c])
				i++
			case i == len(a.cells) || b.cells[j] < a.cells[i]:
				c := b.cells[j]
				d += cover.costAt(c, count[c]+1) - cover.costAt(c, count[c])
				j++
			default:
				i++
				j++
			}
		}
		return d
	}
	move := func(a, b *schedule) {
		for _, c := range a.cells {
			count[c]--
		}
		for _, c := range b.cells {
			count[c]++
		}
	}
	var choosable []int32 // people with a choice
	for p, list := range pool.byPerson {
		if len(list) > 1 {
			choosable = append(choosable, int32(p))
		}
	}
	if len(choosable) == 0 {
		return choice
	}
	draw := func() (int32, *schedule) {
		p := choosable[w.rng.IntN(len(choosable))]
		list := pool.byPerson[p]
		return p, list[w.rng.IntN(len(list))]
	}
	// The starting temperature: the median worsening of random moves.
	var worse []float64
	for i := 0; i < 400; i++ {
		p, b := draw()
		if d := delta(choice[p], b); d > 0 {
			worse = append(worse, d)
		}
	}
	hot := 1.0
	if len(worse) > 0 {
		sort.Float64s(worse)
		hot = worse[len(worse)/2]
	}
	best := append([]*schedule(nil), choice...)
	total, bestTotal := 0.0, 0.0
	ratio := math.Pow(1e-3, 1/float64(max(moves, 1)))
	temp := hot
	for i := 0; i < moves; i++ {
		temp *= ratio
		p, b := draw()
		a := choice[p]
		if a == b {
			continue
		}
		d := delta(a, b)
		if d > 0 && w.rng.Float64() >= math.Exp(-d/temp) {
			continue
		}
		move(a, b)
		choice[p] = b
		total += d
		if total < bestTotal-1e-9 {
			bestTotal = total
			copy(best, choice)
		}
	}
	return best
}
