package scheduler

import (
	"math"
	"sort"
)

// Exact pricing by labels. The dense program (daybest.go) gives a slot to
// every combination of what its state carries; with several binding caps
// per shift type, as most of the benchmark's larger instances have, that
// is far beyond any table, so those caps were priced, and the plans that
// broke one were dropped: the relaxation missed schedules, its dives
// steered poorly and its bound did not hold. Here a label is one partial
// schedule up to a day, kept only while nothing beats it: labels that end
// a day in the same place (shift of the day, run length and whether it
// touches day 0, minutes worked) compete, and one that costs no more, has
// used no more weekends and no more of any capped type dominates the
// other. Most combinations are never reached or soon dominated, so every
// rule is carried exactly. This is the labelling algorithm of
// resource-constrained shortest paths, the pricing of the branch-and-price
// methods behind the benchmark's best known values.

// labelBudget bounds the labels one pricing may create; beyond it the
// pricing falls back to the dense program with priced caps, and is no
// longer exact.
const labelBudget = 1_000_000

// quickWidths are the labels per key of the quick searches, tried in
// turn in the rounds that need not be exact (see exactEvery): while the
// relaxation is far from its optimum, most people have schedules of
// negative reduced cost that the narrowest finds in a few milliseconds;
// the wider one finds most of the rest for a fraction of the exhaustive
// search's time.
var quickWidths = []int{2, 16}

// A labelShape is what one person's labels carry.
type labelShape struct {
	off      int   // the index of "off": the number of shift types
	runs     int   // run lengths kept: 1..runs
	minutes  int   // minute units kept: 0..minutes-1 (1 when no bound)
	minUnits int   // the minimum of minute units at the end
	maxUnits int   // the maximum of minute units; -1 when none
	weeks    int   // the weekends allowed; -1 when the cap cannot bind
	capOf    []int // per type: its position in the label's counts, or -1
	capMax   []int // per position: the type's cap
	capType  []int // per position: the type
}

// labelShapeFor carries the minutes when p has a bound on them, the
// weekends when the cap can bind, and the counts of the types whose cap
// is below the days p may work.
func (rd *rosterData) labelShapeFor(x *RosterPerson) labelShape {
	days := rd.r.Days
	ls := labelShape{off: len(rd.r.Shifts), runs: runsFor(x), minutes: 1, weeks: -1}
	ls.maxUnits = -1
	if x.MaxMinutes >= 0 {
		ls.minutes = x.MaxMinutes/rd.unit + 1
		ls.maxUnits = ls.minutes - 1
	} else if x.MinMinutes > 0 {
		ls.minutes = days*maxOf(rd.typeUnits) + 1
	}
	if ls.minutes > 1 {
		ls.minUnits = (x.MinMinutes + rd.unit - 1) / rd.unit
	}
	if x.MaxWeekends < days/7+1 {
		ls.weeks = x.MaxWeekends
	}
	ls.capOf = make([]int, ls.off)
	for t := range ls.capOf {
		ls.capOf[t] = -1
	}
	for _, t := range x.bindingCaps() {
		ls.capOf[t] = len(ls.capMax)
		ls.capMax = append(ls.capMax, x.MaxOfType[t])
		ls.capType = append(ls.capType, t)
	}
	return ls
}

// labelTableLimit bounds a person's table of costs to go (days times
// keys): 80 MB per pricing goroutine. The benchmark's two largest
// instances, with a year of 16 and 32 shift types counted in 2-hour units,
// would need 58 and 112 million.
const labelTableLimit = 10_000_000

// keys is the number of places a label may stand at the end of a day.
func (ls labelShape) keys() int { return (ls.off + 1) * ls.runs * 2 * ls.minutes }

// usable says whether labels can price this person over days: the table
// of costs to go fits labelTableLimit, the weekends and capped types fit
// a label's lanes, and every count fits their 15 bits and the minutes a
// label's 16-bit field (minutes in 1-minute units, say, would not; runs,
// weekends and counts per type are below the days).
func (ls labelShape) usable(days int) bool {
	return days*ls.keys() <= labelTableLimit && 1+len(ls.capMax) <= resourceLanes &&
		ls.minutes <= math.MaxInt16 && days < 1<<15
}

func (ls labelShape) key(last, run, edge, mins int) int {
	return ((last*ls.runs+run-1)*2+edge)*ls.minutes + mins
}

// A label is a partial schedule: its last day's choice, where its run
// stands, what it has used and what it costs.
type label struct {
	cost float64
	res  resources // lane 0: the weekends worked; lane 1+i: the count of capped type i
	prev int32     // the label of the day before; -1 on day 0
	last int16     // shift type of the day, or off
	run  int16
	edge int16 // 1 while the run touches day 0
	mins int16
}

// resources are a label's weekends and counts of capped types, in 16-bit
// lanes, four to a word, so that dominance compares them all in a few
// word operations (see le). Lanes hold values below 1<<15.
type resources [resourceWords]uint64

const (
	resourceWords = 3
	resourceLanes = 4 * resourceWords
)

func (r *resources) lane(i int) int { return int(r[i/4] >> (16 * (i % 4)) & 0xffff) }

func (r *resources) setLane(i, v int) {
	shift := 16 * (i % 4)
	r[i/4] = r[i/4]&^(0xffff<<shift) | uint64(v)<<shift
}

func (r *resources) addLane(i int) { r[i/4] += 1 << (16 * (i % 4)) }

// le says whether every lane of r is at most that of o: in each lane,
// (o | 1<<15) - r keeps its top bit exactly when o >= r, and never
// borrows from the next lane since both are below 1<<15.
func (r *resources) le(o *resources) bool {
	const top = 0x8000_8000_8000_8000
	for w := range r {
		if ((o[w]|top)-r[w])&top != top {
			return false
		}
	}
	return true
}

// A labelRef is a surviving label in its key's list, with the fields
// dominance compares copied beside its index: the lists are scanned for
// every new label, and reading them in order saves a trip to the label
// itself per comparison.
type labelRef struct {
	cost float64
	res  resources
	id   int32
}

// labelTables are a worker's labels, kept from call to call.
type labelTables struct {
	labels []label
	cur    [][]labelRef // per key: the surviving labels of the day
	next   [][]labelRef
	keys   []int32 // the keys of cur that hold labels
	nkeys  []int32
	togo   []float64 // costToGo's table
}

// A labelSearch bounds a pricing by labels.
type labelSearch struct {
	// below: only plans that cost less are wanted. It is what makes labels
	// few: a label whose cost, plus the least the rest of the horizon can
	// cost from where it stands (its runs and minutes, the caps and
	// weekends aside), reaches it is dropped. Column generation wants
	// only the schedules of negative reduced cost.
	below float64
	// width: the labels kept per key, the cheapest; 0 keeps every label
	// that nothing dominates, which is exact. A narrow search is a quick
	// heuristic whose plans are still legal.
	width  int
	budget int // labels created at most
	// plans: how many of the cheapest plans are wanted (at least 1).
	// Column generation adds a few per person and round: with one, the
	// first relaxation of the benchmark's instance 14 took 73 rounds to
	// come as close to its optimum as 55 rounds of three.
	plans int
}

// A labelPricing is one person's pricing under one set of costs, ready
// for searches: what every search of it shares is computed once.
type labelPricing struct {
	w    *worker
	p    int32
	ls   labelShape
	opts [][]dayOption
	togo []float64 // costToGo's table
	room headroom
}

// labelPricing prepares p's pricing under costs; it holds w's tables
// until the next one.
func (w *worker) labelPricing(p int32, costs [][]float64) *labelPricing {
	rd := w.m.roster
	x := &rd.r.People[p]
	lp := &labelPricing{w: w, p: p, ls: rd.labelShapes[p]}
	lp.opts = w.dayOptions(p, dpShape{types: lp.ls.off}, costs, penalties{perType: make([]float64, lp.ls.off)})
	lp.togo = w.labels.costToGo(x, lp.ls, lp.opts, rd.r.Shifts)
	lp.room = lp.ls.headroomOf(lp.opts)
	return lp
}

// plans returns p's schedules of least cost under the costs that keep
// every rule and cost less than ask.below, at most ask.plans, cheapest
// first (none when there is none); it reports whether the search was
// exact: false with a width (the plans are legal but maybe not the best,
// and none says only that the search found none) and when the labels
// outgrow the budget (then there are none).
func (lp *labelPricing) plans(ask labelSearch) ([][]int, bool) {
	w, p, ls, opts, togo, room := lp.w, lp.p, lp.ls, lp.opts, lp.togo, lp.room
	rd := w.m.roster
	x := &rd.r.People[p]
	days := rd.r.Days
	t := &w.labels
	keys := ls.keys()
	if len(t.cur) < keys {
		t.cur, t.next = make([][]labelRef, keys), make([][]labelRef, keys)
	}
	t.labels, t.keys = t.labels[:0], t.keys[:0]
	// insert keeps the candidate unless a label of the same key dominates
	// it, and drops those it dominates.
	day := 0
	insert := func(c label) {
		ls.normalize(&room, day, &c)
		k := ls.key(int(c.last), int(c.run), int(c.edge), int(c.mins))
		if c.cost+togo[day*keys+k] >= ask.below {
			return
		}
		b := t.next[k]
		if len(b) == 0 {
			t.nkeys = append(t.nkeys, int32(k))
		}
		for i := 0; i < len(b); {
			o := &b[i]
			if o.cost <= c.cost && o.res.le(&c.res) {
				t.next[k] = b
				return
			}
			if c.cost <= o.cost && c.res.le(&o.res) {
				b[i] = b[len(b)-1]
				b = b[:len(b)-1]
				continue
			}
			i++
		}
		ref := labelRef{cost: c.cost, res: c.res, id: int32(len(t.labels))}
		if ask.width > 0 && len(b) >= ask.width {
			worst := 0
			for i := range b {
				if b[i].cost > b[worst].cost {
					worst = i
				}
			}
			if b[worst].cost <= c.cost {
				t.next[k] = b
				return
			}
			b[worst] = ref
		} else {
			b = append(b, ref)
		}
		t.next[k] = b
		t.labels = append(t.labels, c)
	}
	// Day 0: every run touches the edge; a Saturday or Sunday opens a weekend.
	t.nkeys = t.nkeys[:0]
	for _, o := range opts[0] {
		c := label{prev: -1, last: int16(o.typ), run: 1, edge: 1, cost: o.cost}
		if o.typ != ls.off {
			if o.weekday >= 5 && ls.weeks >= 0 {
				c.res.addLane(0)
			}
			if !ls.useType(o.typ, &c.res) || !ls.fits(c.res.lane(0), o.units) {
				continue
			}
			c.mins = int16(ls.minsOf(o.units))
		}
		insert(c)
	}
	for d := 1; d < days; d++ {
		day = d
		t.cur, t.next = t.next, t.cur
		t.keys, t.nkeys = t.nkeys, t.keys[:0]
		for _, k := range t.keys {
			for _, ref := range t.cur[k] {
				id := ref.id
				l := t.labels[id]
				offMove, workMove := x.nextRuns(int(l.last) == ls.off, int(l.run), int(l.edge), ls.runs)
				var forbidden []bool
				if int(l.last) != ls.off {
					forbidden = rd.r.Shifts[l.last].ForbiddenNext
				}
				for _, o := range opts[d] {
					c := label{cost: l.cost + o.cost, res: l.res, prev: id, last: int16(o.typ), mins: l.mins}
					if o.typ == ls.off {
						if !offMove.ok {
							continue
						}
						c.run, c.edge = int16(offMove.run), int16(offMove.edge)
					} else {
						if !workMove.ok || (forbidden != nil && forbidden[o.typ]) || !ls.useType(o.typ, &c.res) {
							continue
						}
						c.run, c.edge = int16(workMove.run), int16(workMove.edge)
						if ls.weeks >= 0 && (o.weekday == 5 || (o.weekday == 6 && int(l.last) == ls.off)) {
							c.res.addLane(0)
						}
						c.mins = int16(ls.minsOf(int(l.mins) + o.units))
					}
					if !ls.fits(c.res.lane(0), int(c.mins)) {
						continue
					}
					insert(c)
				}
			}
			t.cur[k] = t.cur[k][:0]
		}
		if len(t.labels) > ask.budget {
			for _, k := range t.nkeys {
				t.next[k] = t.next[k][:0]
			}
			return nil, false
		}
	}
	// The last runs touch the horizon's end: no minimum applies to them.
	var ends []int32
	for _, k := range t.nkeys {
		for _, ref := range t.next[k] {
			if int(t.labels[ref.id].mins) >= ls.minUnits {
				ends = append(ends, ref.id)
			}
		}
		t.next[k] = t.next[k][:0]
	}
	sort.Slice(ends, func(i, j int) bool { return t.labels[ends[i]].cost < t.labels[ends[j]].cost })
	var plans [][]int
	for _, id := range ends[:min(len(ends), max(ask.plans, 1))] {
		plan := make([]int, days)
		for d := days - 1; d >= 0; d-- {
			l := &t.labels[id]
			plan[d] = int(l.last)
			if plan[d] == ls.off {
				plan[d] = -1
			}
			id = l.prev
		}
		plans = append(plans, plan)
	}
	return plans, ask.width == 0
}

// costToGo returns, for each day d and key k (at d*keys+k), the least
// cost of the days after d from a label of key k on day d that keeps the
// rules of runs, successions and minutes (+Inf when none can): a bound of
// what any label there can still add, since its caps and weekends only
// take choices away.
func (t *labelTables) costToGo(x *RosterPerson, ls labelShape, opts [][]dayOption, shifts []DayShift) []float64 {
	days := len(opts)
	keys := ls.keys()
	if cap(t.togo) < days*keys {
		t.togo = make([]float64, days*keys)
	}
	togo := t.togo[:days*keys]
	inf := math.Inf(1)
	last := togo[(days-1)*keys:]
	for k := range last {
		last[k] = 0
		if _, _, _, mins := ls.decode(k); mins < ls.minUnits {
			last[k] = inf
		}
	}
	// Each key is a head (shift, run, edge) and minutes: the moves depend
	// on the head only, so the minutes are an inner loop over a row.
	heads := keys / ls.minutes
	for d := days - 2; d >= 0; d-- {
		row, after := togo[d*keys:(d+1)*keys], togo[(d+1)*keys:(d+2)*keys]
		for k := range row {
			row[k] = inf
		}
		for h := range heads {
			prev, run, edge, _ := ls.decode(h * ls.minutes)
			offMove, workMove := x.nextRuns(prev == ls.off, run, edge, ls.runs)
			cur := row[h*ls.minutes : (h+1)*ls.minutes]
			for _, o := range opts[d+1] {
				var next []float64
				shift := 0 // minute units the option adds
				if o.typ == ls.off {
					if !offMove.ok {
						continue
					}
					next = after[ls.key(o.typ, offMove.run, offMove.edge, 0):][:ls.minutes]
				} else {
					if !workMove.ok || (prev != ls.off && shifts[prev].ForbiddenNext[o.typ]) {
						continue
					}
					next = after[ls.key(o.typ, workMove.run, workMove.edge, 0):][:ls.minutes]
					if ls.minutes > 1 {
						shift = o.units
					}
				}
				for m := 0; m+shift < ls.minutes; m++ {
					cur[m] = min(cur[m], o.cost+next[m+shift])
				}
			}
		}
	}
	return togo
}

func (ls labelShape) decode(k int) (last, run, edge, mins int) {
	mins = k % ls.minutes
	k /= ls.minutes
	edge = k % 2
	k /= 2
	run = k%ls.runs + 1
	last = k / ls.runs
	return
}

// headroom is, after each day, the most the days after it can still add
// to each counted resource. A label's count that is so far below its cap
// that the rest of the horizon cannot reach the cap is raised to the
// cap minus that headroom: every completion stays legal either way, so
// nothing is lost, and labels that differed only there become equal and
// one dominates the other. Early in the horizon most counts are far from
// their caps, and without this their combinations were most labels.
type headroom struct {
	typeDays [][]int // [position][day]: the later days that offer the capped type
	weekends []int   // [day]: the weekends with a day after it
	minUnits int     // the fewest units of a shift p may work
}

func (ls labelShape) headroomOf(opts [][]dayOption) headroom {
	days := len(opts)
	h := headroom{typeDays: make([][]int, len(ls.capType)), weekends: make([]int, days), minUnits: math.MaxInt}
	for k, typ := range ls.capType {
		h.typeDays[k] = make([]int, days)
		for d := days - 2; d >= 0; d-- {
			h.typeDays[k][d] = h.typeDays[k][d+1]
			for _, o := range opts[d+1] {
				if o.typ == typ {
					h.typeDays[k][d]++
				}
			}
		}
	}
	for d := range days {
		for i := d + 1; i < days; i++ {
			if i%7 == 5 || (i%7 == 6 && i == d+1) { // its Saturday, or its Sunday alone
				h.weekends[d]++
			}
		}
	}
	for _, day := range opts {
		for _, o := range day {
			if o.typ != ls.off {
				h.minUnits = min(h.minUnits, o.units)
			}
		}
	}
	return h
}

// normalize raises a new label's counts of day d to what its headroom
// leaves them meaning.
func (ls labelShape) normalize(h *headroom, d int, c *label) {
	shifts := math.MaxInt
	if ls.maxUnits >= 0 && h.minUnits > 0 {
		shifts = (ls.maxUnits - int(c.mins)) / h.minUnits
	}
	for k, most := range ls.capMax {
		if floor := most - min(h.typeDays[k][d], shifts); c.res.lane(1+k) < floor {
			c.res.setLane(1+k, floor)
		}
	}
	if ls.weeks >= 0 {
		if floor := ls.weeks - h.weekends[d]; c.res.lane(0) < floor {
			c.res.setLane(0, floor)
		}
	}
}

// useType counts one more shift of type t in res; it fails when the
// type's cap is reached.
func (ls labelShape) useType(t int, res *resources) bool {
	k := ls.capOf[t]
	if k < 0 {
		return true
	}
	if res.lane(1+k) >= ls.capMax[k] {
		return false
	}
	res.addLane(1 + k)
	return true
}

// minsOf is the minute units a label keeps: none when p has no bound.
func (ls labelShape) minsOf(units int) int {
	if ls.minutes == 1 {
		return 0
	}
	return units
}

// fits says whether a label with these weekends and minute units keeps
// the maxima (costToGo prices the minimum of minutes: +Inf when the days
// left cannot reach it).
func (ls labelShape) fits(week, mins int) bool {
	return (ls.weeks < 0 || week <= ls.weeks) && (ls.minutes == 1 || mins < ls.minutes)
}
