package scheduler

import (
	"context"
	"runtime"
	"sort"
	"time"
)

// SolverVersion names the solver in the provenance of the rotas it makes.
const SolverVersion = "garde-sa/1"

// SolveOptions control a solve.
type SolveOptions struct {
	Seed      uint64
	Workers   int           // parallel searches; 0 uses every core
	TimeLimit time.Duration // 0: no limit (then give Moves or StallEpochs)
	// Moves bounds the moves each worker tries; with it, a run is
	// reproducible for a seed and worker count whatever the machine.
	Moves int64
	// StallEpochs stops after that many epochs without a better rota;
	// 0 uses the default, negative never stops for stalling.
	StallEpochs int
	Progress    func(SolveProgress)
}

// DefaultStallEpochs is how many epochs without a better rota end a solve:
// three cycles of reheating (see reheat). Parts of a rota improve in
// bursts, one part now and another later, so one quiet cycle says little
// (with 8, pilot solves stopped after about 6 s, 0.3 % short of what the
// remaining 4 s of a 10 s limit buy).
const DefaultStallEpochs = 24

// SolveProgress reports the best rota found so far.
type SolveProgress struct {
	Elapsed   time.Duration
	Moves     int64
	Epoch     int
	Uncovered int
	Soft      float64 // weighted soft objective, as the solver counts it
}

// A Solution is the best rota found, scored, with how the search went.
type Solution struct {
	Rota       *Rota
	Evaluation *Evaluation
	Moves      int64
	Epochs     int
	Elapsed    time.Duration
	// Construction is how long the first complete rota took: pins,
	// reference, greedy filling and ejection chains.
	Construction time.Duration
	Workers      int
}

// Solve makes the best rota it can for the problem: it never breaks a hard
// rule, fills as many seats as it can, then minimises the soft objective.
// It stops on the time limit, the move budget, a stall, or ctx, and always
// returns the best rota found so far.
func Solve(ctx context.Context, pb *Problem, opt SolveOptions) (*Solution, error) {
	began := time.Now()
	if err := pb.checkMinimums(); err != nil {
		return nil, err
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	stall := opt.StallEpochs
	if stall == 0 {
		stall = DefaultStallEpochs
	} else if stall < 0 {
		stall = 0
	}
	m := pb.model
	sopt := searchOptions{
		seed:        opt.Seed,
		workers:     workers,
		moveBudget:  opt.Moves,
		stallEpochs: stall,
		strict:      true,
	}
	var start []pair
	if pb.reference != nil {
		// Re-planning: mend the reference first, changing as little as
		// possible; the search then trades changes for the objective
		// through the stability term.
		w, _ := pb.keepWhatHolds()
		if _, _, err := w.refill(ctx); err != nil {
			return nil, err
		}
		start = w.assignments(nil)
	} else {
		builder := newWorker(m, nil, sopt, 0)
		builder.construct(pb.keepers())
		start = builder.assignments(nil)
	}
	construction := time.Since(began)
	if opt.TimeLimit > 0 {
		sopt.timeLimit = max(opt.TimeLimit-construction, 0)
	}
	if opt.Progress != nil {
		sopt.progress = func(p searchProgress) {
			opt.Progress(SolveProgress{Elapsed: time.Since(began), Moves: p.Moves, Epoch: p.Epoch,
				Uncovered: int(p.Best.uncovered), Soft: p.Best.softValue()})
		}
	}
	res := search(ctx, m, start, sopt)
	rota := pb.rotaOf(res.best)
	ev, err := pb.Evaluate(rota)
	if err != nil {
		return nil, err
	}
	rota.Score = &ev.Score
	return &Solution{
		Rota: rota, Evaluation: ev,
		Moves: res.moves, Epochs: res.epochs, Elapsed: time.Since(began),
		Construction: construction, Workers: workers,
	}, nil
}

// keepers are the assignments a solve starts from: the pins, then the
// reference assignments that still exist, in shift order.
func (pb *Problem) keepers() []pair {
	var keep []pair
	for s, people := range pb.pins {
		for _, p := range people {
			keep = append(keep, pair{int32(s), p})
		}
	}
	var ref []pair
	for k := range pb.reference {
		ref = append(ref, pair{k[0], k[1]})
	}
	sort.Slice(ref, func(i, j int) bool {
		if ref[i].shift != ref[j].shift {
			return ref[i].shift < ref[j].shift
		}
		return ref[i].person < ref[j].person
	})
	return append(keep, ref...)
}

// rotaOf writes solver assignments as a rota file of the problem's period.
func (pb *Problem) rotaOf(assignments []pair) *Rota {
	r := &Rota{Format: RotaFormat, Territory: pb.Territory.Info.ID, From: pb.From, To: pb.To,
		Assignments: make([]Assignment, 0, len(assignments))}
	for _, a := range assignments {
		r.Assignments = append(r.Assignments, Assignment{Shift: pb.shiftName(a.shift), Doctor: pb.personName(a.person)})
	}
	sort.Slice(r.Assignments, func(i, j int) bool {
		a, b := r.Assignments[i], r.Assignments[j]
		if a.Shift != b.Shift {
			return a.Shift < b.Shift
		}
		return a.Doctor < b.Doctor
	})
	return r
}
