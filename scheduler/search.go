package scheduler

import (
	"context"
	"math"
	"math/rand/v2"
	"sort"
	"sync"
	"time"
)

// searchOptions control the local search.
type searchOptions struct {
	seed      uint64
	workers   int
	timeLimit time.Duration // 0: no limit
	// moveBudget bounds the moves each worker tries (0: no bound). With a
	// budget the result depends only on the seed and the worker count: the
	// time limit then only cuts the run short on a slow machine.
	moveBudget int64
	// stallEpochs stops the search after that many epochs without a new
	// best (0: never).
	stallEpochs int
	// strict keeps every state free of broken hard rules: moves that break
	// one are rejected. Territories start legal (an empty rota with its pins
	// is) and stay legal; a problem whose empty state is not legal (the
	// Curtois benchmark's minimum workloads) searches with hard penalties.
	strict bool
	// hardPenalty weighs one unit of broken hard rule against the soft
	// objective when not strict, in soft cost units.
	hardPenalty float64
	// untilFeasible searches on the broken hard rules alone (the soft
	// objective is ignored) and stops as soon as the best state breaks none.
	untilFeasible bool
	// polish, when set, improves the best state at each epoch's end.
	polish func(w *worker, stop func() bool)
	// portfolio runs two strategies side by side, each worker on its own
	// trajectory: even workers strict and polished, odd workers with hard
	// penalties. The search result is the best of them. Day rosters use
	// it: which strategy wins depends on the instance.
	portfolio bool
	// floor, when floored, is a proven lower bound of the soft cost of
	// every legal state (a day roster's relaxation proves one): once the
	// best state is legal and reaches it, no state is better, and the
	// search stops instead of running to its time limit.
	floor    int64
	floored  bool
	progress func(searchProgress)
}

// reached reports whether c is legal and at the proven floor: optimal.
func (opt searchOptions) reached(c cost) bool {
	return opt.floored && c.hard == 0 && c.uncovered == 0 && c.soft <= opt.floor
}

// searchProgress reports the best rota found so far.
type searchProgress struct {
	Elapsed time.Duration
	Moves   int64 // moves tried, all workers together
	Best    cost
	Epoch   int
}

// searchResult is the best state found and how the search went.
type searchResult struct {
	best    []pair // assignments of the best state
	cost    cost
	moves   int64
	epochs  int
	elapsed time.Duration
	// firstFeasible is when some worker first held a state that breaks no
	// hard rule (-1: never).
	firstFeasible time.Duration
}

// pair is one assignment in solver terms.
type pair struct{ shift, person int32 }

// epochMoves is how many moves each worker tries per epoch: enough for a
// cooling from hot to cold to matter, scaled with the size of the problem:
// the seats of a rota, the person-days of a day roster.
func epochMoves(m *model) int64 {
	if m.grid != nil {
		return max(50_000, dayEpochFactor*int64(m.personCount)*int64(m.grid.days))
	}
	size := int64(0)
	for _, c := range m.capacity {
		size += int64(c)
	}
	return max(50_000, epochFactor*size)
}

// search improves the start state by simulated annealing in epochs. Every
// worker runs the same number of moves per epoch from the same best state
// with its own random stream; at each epoch's end the best state among
// them (ties to the lowest worker) becomes everyone's start, or, when the
// model falls into independent parts, the combination of each part's best
// version among them (parts.go). The run is
// therefore reproducible for a seed and worker count whenever it stops on
// its move budget or stall count rather than on time.
func search(ctx context.Context, m *model, start []pair, opt searchOptions) searchResult {
	began := time.Now()
	workers := max(opt.workers, 1)
	ws := make([]*worker, workers)
	for i := range ws {
		ws[i] = newWorker(m, start, opt, uint64(i))
		ws[i].began = began
	}
	res := searchResult{best: ws[0].assignments(nil), cost: ws[0].st.total}
	report := func(epoch int) {
		if opt.progress != nil {
			moves := int64(0)
			for _, w := range ws {
				moves += w.moves
			}
			opt.progress(searchProgress{Elapsed: time.Since(began), Moves: moves, Best: res.cost, Epoch: epoch})
		}
	}
	report(0)
	hot := make([]float64, workers)
	for i, w := range ws {
		switch {
		case opt.untilFeasible:
			hot[i] = 1 // a repair: worsen by one broken rule at most now and then
		case i > 0 && !opt.portfolio:
			hot[i] = hot[0] // one schedule for workers that share their rotas
		default:
			hot[i] = w.calibrate()
		}
	}
	perEpoch := epochMoves(m)
	if opt.untilFeasible {
		perEpoch = max(50_000, perEpoch/30)
	}
	deadline := time.Time{}
	if opt.timeLimit > 0 {
		deadline = began.Add(opt.timeLimit)
	}
	stop := func() bool {
		return ctx.Err() != nil || (!deadline.IsZero() && time.Now().After(deadline))
	}
	stalled := 0
	for epoch := 0; !opt.reached(res.cost); epoch++ {
		moves := perEpoch
		if opt.moveBudget > 0 {
			moves = min(moves, opt.moveBudget-ws[0].moves)
			if moves <= 0 {
				break
			}
		}
		var wg sync.WaitGroup
		for i, w := range ws {
			wg.Add(1)
			go func() {
				defer wg.Done()
				from := hot[i] * reheat(epoch)
				w.anneal(moves, from, hot[i]*1e-4, stop)
			}()
		}
		wg.Wait()
		if opt.polish != nil && opt.portfolio {
			for _, w := range ws {
				if w.polished && !stop() {
					w.restart(w.best, w.bestCost)
					opt.polish(w, stop)
					if w.st.total.less(w.bestCost) {
						w.bestCost, w.best = w.st.total, w.assignments(w.best)
					}
				}
			}
		}
		improved := false
		if m.parts > 1 && !opt.portfolio {
			// Workers that share their rotas start each epoch on the same
			// one, so their parts combine: each from the worker that did
			// best on it.
			if best, c := combineParts(m, ws); c.less(res.cost) {
				res.cost, res.best = c, best
				improved = true
			}
		} else {
			for _, w := range ws {
				if w.bestCost.less(res.cost) {
					res.cost = w.bestCost
					res.best = append(res.best[:0], w.best...)
					improved = true
				}
			}
		}
		if opt.polish != nil && !opt.portfolio && !stop() {
			w := ws[0]
			w.restart(res.best, res.cost)
			opt.polish(w, stop)
			if w.st.total.less(res.cost) {
				res.cost = w.st.total
				res.best = w.assignments(res.best)
				improved = true
			}
		}
		if opt.untilFeasible && res.cost.hard == 0 {
			break
		}
		res.epochs = epoch + 1
		report(epoch + 1)
		if improved {
			stalled = 0
		} else {
			stalled++
		}
		if stop() || (opt.stallEpochs > 0 && stalled >= opt.stallEpochs) {
			break
		}
		for _, w := range ws {
			if opt.portfolio {
				w.restart(append([]pair(nil), w.best...), w.bestCost)
			} else {
				w.restart(res.best, res.cost)
			}
		}
	}
	res.firstFeasible = -1
	for _, w := range ws {
		res.moves += w.moves
		if w.firstFeasible >= 0 && (res.firstFeasible < 0 || w.firstFeasible < res.firstFeasible) {
			res.firstFeasible = w.firstFeasible
		}
	}
	res.elapsed = time.Since(began)
	return res
}

// A worker walks the space of rotas from a start state with its own random
// stream.
type worker struct {
	m       *model
	st      *state
	rng     *rand.Rand
	opt     searchOptions
	changes []change
	moves   int64

	best     []pair
	bestCost cost
	parts    partBests   // the best version of each part during an anneal
	dp       dpTables    // best responses' tables (daybest.go)
	labels   labelTables // exact pricing's labels (daylabels.go)
	strict   bool        // never accept a move that breaks more hard rules
	polished bool        // improved by opt.polish at each epoch's end

	began         time.Time
	firstFeasible time.Duration // -1 until the worker holds a state with no broken hard rule
}

func newWorker(m *model, start []pair, opt searchOptions, index uint64) *worker {
	w := &worker{m: m, opt: opt, rng: rand.New(rand.NewPCG(opt.seed, 0x9e3779b97f4a7c15*(index+1))),
		began: time.Now(), firstFeasible: -1, strict: opt.strict, polished: opt.polish != nil}
	if opt.portfolio && index%2 == 1 {
		w.strict, w.polished = false, false
	}
	w.restart(start, cost{})
	w.bestCost = w.st.total
	w.best = w.assignments(nil)
	return w
}

// restart puts the worker on a given state.
func (w *worker) restart(assignments []pair, c cost) {
	w.st = stateFrom(w.m, assignments)
	if w.firstFeasible < 0 && w.st.total.hard == 0 && !w.began.IsZero() {
		w.firstFeasible = time.Since(w.began)
	}
	w.bestCost = w.st.total
	w.best = append(w.best[:0], assignments...)
}

// stateFrom builds a state holding the given assignments.
func stateFrom(m *model, assignments []pair) *state {
	st := newState(m)
	for _, a := range assignments {
		st.apply([]change{{shift: a.shift, person: a.person, add: true}})
	}
	return st
}

// assignments lists the current assignments, by shift then person.
func (w *worker) assignments(dst []pair) []pair {
	return stateAssignments(w.st, dst)
}

func stateAssignments(st *state, dst []pair) []pair {
	dst = dst[:0]
	for s, people := range st.onShift {
		sorted := append([]int32(nil), people...)
		sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
		for _, p := range sorted {
			dst = append(dst, pair{int32(s), p})
		}
	}
	return dst
}

// calibrate samples moves from the current state and returns a starting
// temperature at which a typical worsening move is often accepted.
func (w *worker) calibrate() float64 {
	var worse []float64
	for i := 0; i < 2000 && len(worse) < 200; i++ {
		w.changes = w.randomMove(w.changes[:0])
		if len(w.changes) == 0 {
			continue
		}
		d, ok := w.st.deltaUnlessHard(w.changes, w.strict)
		if !ok || d.uncovered != 0 {
			continue
		}
		if x := w.scalar(d); x > 0 {
			worse = append(worse, x)
		}
	}
	if len(worse) == 0 {
		return softUnit
	}
	sort.Float64s(worse)
	return max(worse[len(worse)/2], 1)
}

// scalar folds a cost change into one number for annealing, in soft units.
func (w *worker) scalar(d cost) float64 {
	if w.opt.untilFeasible {
		return float64(d.hard)
	}
	x := float64(d.soft)
	if !w.strict {
		x += w.opt.hardPenalty * float64(d.hard)
	}
	return x
}

// anneal runs moves from temperature hot down to cold, geometrically, and
// keeps as the worker's best the combination of the best version of each
// independent part met on the way.
func (w *worker) anneal(moves int64, hot, cold float64, stop func() bool) {
	ratio := math.Pow(cold/hot, 1/float64(max(moves, 1)))
	temp := hot
	w.parts.begin(w.st)
	for i := int64(0); i < moves; i++ {
		if i&1023 == 0 && stop() {
			break
		}
		w.step(temp)
		temp *= ratio
	}
	w.parts.finish(w.st)
	total := w.m.constantCost
	for _, c := range w.parts.best {
		total = total.add(c)
	}
	if total.less(w.bestCost) {
		w.best = w.best[:0]
		for c := range w.parts.saved {
			w.best = append(w.best, w.parts.saved[c]...)
		}
		sortPairs(w.best)
		w.bestCost = total
	}
}

// step tries one random move and keeps it by the annealing rule.
func (w *worker) step(temp float64) {
	w.moves++
	w.changes = w.randomMove(w.changes[:0])
	if len(w.changes) == 0 {
		return
	}
	d, ok := w.st.deltaUnlessHard(w.changes, w.strict)
	if !ok {
		// A seat nobody free can take: now and then, try to free someone
		// for it (chains cost hundreds of deltas, and some seats are empty
		// for good).
		if !w.strict || !w.isFill() || w.rng.IntN(chainOdds) != 0 {
			return
		}
		if w.changes, d, ok = w.chainFill(w.changes[0].shift, w.changes[:0], 2); !ok {
			return
		}
	}
	if !w.accept(d, temp) {
		return
	}
	w.parts.moving(w.st, w.m.shiftPart[w.changes[0].shift], d)
	w.st.apply(w.changes)
	if w.firstFeasible < 0 && w.st.total.hard == 0 {
		w.firstFeasible = time.Since(w.began)
	}
}

// chainOdds: one failed fill in chainOdds tries an ejection chain.
const chainOdds = 16

// isFill reports whether the pending move only adds someone.
func (w *worker) isFill() bool { return len(w.changes) == 1 && w.changes[0].add }

// accept decides on a move: strictly by level when it changes broken hard
// rules or coverage in strict mode, else by the annealing rule.
func (w *worker) accept(d cost, temp float64) bool {
	if w.strict {
		if d.hard != 0 {
			return d.hard < 0
		}
		if d.uncovered != 0 {
			return d.uncovered < 0
		}
	} else if d.uncovered != 0 {
		return d.uncovered < 0
	}
	x := w.scalar(d)
	if x <= 0 {
		return true
	}
	return w.rng.Float64() < math.Exp(-x/temp)
}

// reheat is the starting temperature of an epoch, relative to the first:
// it halves from epoch to epoch, then starts over every eight epochs, so
// that long runs keep exploring around the best rota instead of freezing
// on it.
func reheat(epoch int) float64 { return math.Pow(0.5, float64(epoch%8)) }

// epochFactor scales the epochs of a rota, in moves per seat: long enough
// for a cooling to settle a rota. Measured on the pilot and on a generated
// 1,000-doctor month (medians of 3 seeds, 2 workers): before the search
// kept each part's best, 150 froze within 3 s and 600 kept improving;
// with it, 300 gives the best 10 s and 30 s results of 150, 300, 600 and
// 1,200 (150 is 2 % worse on the large month).
const epochFactor = 300

// dayEpochFactor scales the epochs of a day roster, in moves per
// person-day (the Curtois benchmark was measured with it).
const dayEpochFactor = 600
