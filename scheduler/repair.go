package scheduler

import (
	"context"
	"fmt"
	"time"
)

// A Repair is the reference rota mended for a changed territory (a doctor
// now on leave, say): every assignment that still holds is kept, the seats
// it left empty are filled with the fewest other changes, and the rota's
// diff against the reference says what moved.
type Repair struct {
	Rota       *Rota
	Evaluation *Evaluation
	Diff       RotaDiff
	// Dropped are the reference assignments that no longer hold: the doctor
	// is no longer eligible, or keeping them would break a hard rule.
	Dropped []Assignment
	// Refilled counts the empty seats the repair filled; Unfilled those it
	// could not.
	Refilled, Unfilled int
	Elapsed            time.Duration
}

// repairDepth bounds the ejection chains of a repair: a seat may be filled
// by moving up to repairDepth-1 other assignments.
const repairDepth = 3

// Repair mends the reference rota for the problem. Each empty seat is
// filled by the cheapest of the changes that touch the fewest other
// assignments: a doctor free to take it, else one freed by moving one of
// their shifts to someone else, else by two such moves. Pins hold.
func (pb *Problem) Repair(ctx context.Context, ref *Rota) (*Repair, error) {
	began := time.Now()
	if ref == nil {
		return nil, fmt.Errorf("repair needs the reference rota")
	}
	if err := ref.checkTerritory(pb.Territory, "reference"); err != nil {
		return nil, err
	}
	if pb.reference == nil {
		if err := pb.loadReference(ref); err != nil {
			return nil, err
		}
	}
	w, kept := pb.keepWhatHolds()
	rep := &Repair{}
	for _, a := range ref.Assignments {
		k, err := ParseShiftKey(a.Shift)
		if err != nil || k.Date < pb.From || k.Date >= pb.To {
			continue
		}
		s, okShift := pb.shiftIndex[a.Shift]
		p, okDoctor := pb.Territory.ix.doctorPos[a.Doctor]
		if !okShift || !okDoctor || !kept[pair{s, int32(p)}] {
			rep.Dropped = append(rep.Dropped, a)
		}
	}
	var err error
	if rep.Refilled, rep.Unfilled, err = w.refill(ctx); err != nil {
		return nil, err
	}
	rep.Rota = pb.rotaOf(stateAssignments(w.st, nil))
	ev, err := pb.Evaluate(rep.Rota)
	if err != nil {
		return nil, err
	}
	rep.Rota.Score = &ev.Score
	rep.Evaluation = ev
	rep.Diff = DiffRotas(ref, rep.Rota)
	rep.Elapsed = time.Since(began)
	return rep, nil
}

// keepWhatHolds starts a state from the pins and the reference assignments
// that still hold (in shift order, each kept unless it breaks a hard rule
// given those before it), and reports which were kept.
func (pb *Problem) keepWhatHolds() (*worker, map[pair]bool) {
	w := newWorker(pb.model, nil, searchOptions{seed: 1, strict: true}, 0)
	w.st = newState(pb.model)
	kept := map[pair]bool{}
	for _, a := range pb.keepers() {
		add := []change{{shift: a.shift, person: a.person, add: true}}
		if w.st.has(a.shift, a.person) {
			continue
		}
		if _, ok := w.st.deltaUnlessHard(add, true); ok {
			w.st.apply(add)
			kept[a] = true
		}
	}
	return w, kept
}

// refill fills the free seats, hardest first, each with the cheapest of
// the chains that move the fewest other assignments.
func (w *worker) refill(ctx context.Context) (filled, unfilled int, err error) {
	m := w.m
	for _, s := range hardestFirst(m) {
		for len(w.st.onShift[s]) < int(m.capacity[s]) {
			if err := ctx.Err(); err != nil {
				return filled, unfilled, err
			}
			chain, ok := w.cheapestChain(s, repairDepth)
			if !ok {
				unfilled += int(m.capacity[s]) - len(w.st.onShift[s])
				break
			}
			w.st.apply(chain)
			filled++
		}
	}
	return filled, unfilled, nil
}

// cheapestChain finds, for a free seat of s, the legal change that fills
// it with the fewest moves of other assignments and, among those, the
// lowest cost: depth 1 puts a free doctor on s; depth 2 also moves one of
// that doctor's shifts to another doctor; depth 3 frees that one too.
func (w *worker) cheapestChain(s int32, depth int) ([]change, bool) {
	for d := 1; d <= depth; d++ {
		var best []change
		var bestCost cost
		w.enumerateChains(s, nil, d, func(chain []change, c cost) {
			if best == nil || c.less(bestCost) {
				best = append(best[:0], chain...)
				bestCost = c
			}
		})
		if best != nil {
			return best, true
		}
	}
	return nil, false
}

// enumerateChains calls found with every legal chain of exactly depth
// additions that fills a free seat of s after the prefix.
func (w *worker) enumerateChains(s int32, prefix []change, depth int, found func([]change, cost)) {
	m := w.m
	for _, q := range m.eligible[s] {
		if w.st.has(s, q) || touchesPerson(prefix, q) {
			continue
		}
		withQ := append(prefix[:len(prefix):len(prefix)], change{shift: s, person: q, add: true})
		if depth == 1 {
			if c, ok := w.st.deltaUnlessHard(withQ, true); ok {
				found(withQ, c)
			}
			continue
		}
		if _, ok := w.st.deltaUnlessHard(withQ, true); ok {
			continue // q is free: a shorter chain does it
		}
		for _, s2 := range w.st.schedule[q] {
			if m.isPinned(s2, q) || touchesShift(prefix, s2) || s2 == s {
				continue
			}
			freed := append(withQ, change{shift: s2, person: q})
			if _, ok := w.st.deltaUnlessHard(freed, true); !ok {
				continue
			}
			w.enumerateChains(s2, freed, depth-1, found)
		}
	}
}
