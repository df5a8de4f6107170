package scheduler

import (
	"errors"
	"math"
	"sort"
)

// Price and dive: legal rosters from the relaxation of the master problem
// (daymaster.go). After column generation, the person whose schedule
// weighs most in the relaxation is fixed to it (with everyone whose
// schedule weighs 1 already), and the relaxation of the others is solved
// again, until everyone is fixed. Each fixed schedule is legal and the
// slacks price the cover exactly, so the result is a legal roster whose
// cost the relaxation steered. The exact methods behind the benchmark's
// best known values branch the same way; a dive is one branch of their
// tree, taken greedily, and repeated dives with random choices among the
// heaviest schedules are a few more branches.

// diveRounds bounds the rounds of column generation at each step of a dive
// after the first: the relaxation moves little once a person is fixed.
const diveRounds = 25

// diveBatch: each step of a dive fixes one more person per diveBatch
// people still free.
const diveBatch = 10

// rootRounds bounds the rounds at the first step.
const rootRounds = 200

// A diveResult is the roster a dive built and the bound its first
// relaxation proved.
type diveResult struct {
	plans [][]int // [person][day]: shift type or -1; nil when the dive failed
	// lower is a lower bound of every legal roster's penalty (valid when
	// exact): the Lagrangian bound of the first relaxation's duals.
	lower float64
	exact bool
}

// floor is the least penalty a legal roster can have by the bound,
// rounded up (the weights are whole), when there is a bound; -Inf when
// not.
func (d diveResult) floor() (float64, bool) {
	if !d.exact {
		return math.Inf(-1), false
	}
	return math.Ceil(d.lower - 1e-6), true
}

// dive builds rosters by price and dive, starting from the worker's
// current state, which must break no hard rule (its schedules seed the
// pool and make the first basis feasible). The first relaxation runs
// until it converges or rootStop says to stop (given the rounds of
// pricing done); cut short, it still steers the dives unless rootStop
// says to give up: on the benchmark's instances 15 and 19, relaxations
// still falling by 0.2 to 4 % a round led dives to rosters 15 to 24 %
// cheaper than the main search alone found. Then it dives again and
// again, until stop says so, after the given number of dives (0: no
// such bound), or once a roster reaches the relaxation's bound, each
// time from the first relaxation with the pool grown by the dives
// before, fixing at each step one of the three heaviest schedules at
// random: dives that differ early end far apart. Each dive's roster is
// improved by combining the pool's schedules (daypool.go); the result is
// the best.
func (w *worker) dive(dives int, rootStop func(rounds int) (stop, giveUp bool), stop func() bool) diveResult {
	people := w.m.personCount
	pool := newSchedulePool(people)
	root := make([]*schedule, people)
	for p := range root {
		s := w.scheduleOf(int32(p), w.currentSchedule(int32(p)))
		if s == nil {
			return diveResult{}
		}
		root[p] = pool.add(int32(p), s)
	}
	res := diveResult{lower: math.Inf(-1)}
	ms, err := w.newMaster(pool, make([]*schedule, people), root)
	if err != nil {
		return diveResult{}
	}
	giveUp := false
	err = w.generate(ms, pool, rootRounds, func() bool {
		var stopped bool
		stopped, giveUp = rootStop(ms.rounds)
		return stopped
	})
	if err != nil && (giveUp || !errors.Is(err, errStopped)) {
		return diveResult{}
	}
	res.lower, res.exact = ms.lower+float64(w.m.constantCost.soft)/softUnit, ms.exact
	tops, _ := ms.heaviest()
	for i, p := range ms.free {
		if tops[i] != nil {
			root[p] = tops[i]
		}
	}
	var best []*schedule
	bestCost := math.Inf(1)
	// A roster at the bound is optimal: no dive can do better.
	floor, _ := res.floor()
	for round := 0; round == 0 || (!stop() && (dives <= 0 || round < dives) && bestCost > floor+1e-6); round++ {
		fixed, err := w.diveOnce(pool, root, round > 0, stop)
		if err != nil {
			break
		}
		fixed = w.combinePool(pool, fixed, poolMoves*people)
		if c := w.penaltyOf(fixed); c < bestCost {
			best, bestCost = fixed, c
		}
	}
	if best == nil {
		return res
	}
	res.plans = make([][]int, people)
	for p, s := range best {
		res.plans[p] = s.plan
	}
	return res
}

// diveOnce fixes people step by step from the relaxation whose heaviest
// schedules are root, until everyone is fixed; with random, each step
// fixes one of the three heaviest schedules, else the heaviest (and, on
// large rosters, a few more of the heaviest). When stop cuts it short,
// the people still free keep their heaviest.
func (w *worker) diveOnce(pool *schedulePool, root []*schedule, random bool, stop func() bool) ([]*schedule, error) {
	people := w.m.personCount
	fixed := make([]*schedule, people)
	incumbent := append([]*schedule(nil), root...)
	ms, err := w.newMaster(pool, fixed, incumbent)
	if err != nil {
		return nil, err
	}
	// cutShort leaves the people still free on their incumbents.
	cutShort := func() []*schedule {
		for p, s := range fixed {
			if s == nil {
				fixed[p] = incumbent[p]
			}
		}
		return fixed
	}
	fix := func(i int, s *schedule) {
		ms.fix(i, s)
		fixed[ms.free[i]] = s
	}
	for step := 0; ms.stillFree() > 0; step++ {
		free := ms.stillFree()
		err = w.generate(ms, pool, diveRounds, stop)
		if errors.Is(err, errStopped) {
			return cutShort(), nil
		}
		if err != nil {
			return nil, err
		}
		// Each free person's heaviest schedule becomes their incumbent;
		// every whole one is fixed, and one more among the heaviest.
		tops, weights := ms.heaviest()
		var order []int
		for i, p := range ms.free {
			if tops[i] == nil || ms.fixedTo[i] != nil {
				continue
			}
			incumbent[p] = tops[i]
			if weights[i] > 1-1e-6 {
				fix(i, tops[i])
			} else {
				order = append(order, i)
			}
		}
		if len(order) > 0 {
			sort.SliceStable(order, func(a, b int) bool { return weights[order[a]] > weights[order[b]] })
			k := 0
			if random {
				k = w.rng.IntN(min(3, len(order)))
			}
			fix(order[k], tops[order[k]])
			// On large rosters, a few more of the heaviest at once: a dive
			// of one person per step would take as many relaxations as
			// people.
			for _, i := range order[:min(len(order), free/diveBatch)] {
				if ms.fixedTo[i] == nil {
					fix(i, tops[i])
				}
			}
		}
		err = ms.reoptimize(stop)
		if errors.Is(err, errStopped) {
			return cutShort(), nil
		}
		if err != nil {
			// Numerical trouble: the relaxation of the people still
			// free, built afresh from their incumbents.
			if ms, err = w.newMaster(pool, fixed, incumbent); err != nil {
				return nil, err
			}
		}
	}
	return fixed, nil
}

// penaltyOf is the penalty of one schedule per person, in objective units
// (with the model's constant).
func (w *worker) penaltyOf(choice []*schedule) float64 {
	cover := w.m.roster.cover
	count := make([]int32, w.m.shiftCount)
	total := float64(w.m.constantCost.soft) / softUnit
	for _, s := range choice {
		total += s.cost
		for _, c := range s.cells {
			count[c]++
		}
	}
	for c := range count {
		total += cover.costAt(int32(c), count[c])
	}
	return total
}

// poolMoves is the annealing over the pool's schedules, in moves per
// person: a fraction of a second.
const poolMoves = 50_000
