package scheduler

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// A Diagnosis says, before any solving, which seats of a period cannot all
// be filled and why, with a proven lower bound on the empty seats.
type Diagnosis struct {
	Seats int // seats in the period
	// MinUncovered is proven: no rota leaves fewer seats empty. The bound
	// relaxes rest, overlap and caps to what one doctor can take in each
	// group of mutually conflicting shifts, so the true minimum may be
	// higher; a rota that reaches it is optimal in coverage.
	MinUncovered int
	Gaps         []Gap
}

// A Gap is a group of seats that cannot all be filled.
type Gap struct {
	Missing int       // at least this many of the seats stay empty
	Seats   []GapSeat // in time order
	// Doctors may take some of these seats (ids, sorted).
	Doctors []string
	// Why explains the gap in a coordinator's words.
	Why string
	// Unavailable lists the doctors who practise the specialty at these
	// sites but may not take the seats, with the reason.
	Unavailable []string
}

// A GapSeat is one shift of a gap.
type GapSeat struct {
	Shift         string    `json:"shift"`
	Line          string    `json:"line"`
	LineName      string    `json:"line_name,omitempty"`
	Specialty     string    `json:"specialty"`
	Establishment string    `json:"establishment"`
	Start         time.Time `json:"start"`
	End           time.Time `json:"end"`
	Headcount     int       `json:"headcount"`
	Eligible      int       `json:"eligible"` // doctors who may take it
}

// Diagnose finds the groups of seats that cannot all be filled. It solves
// a maximum flow: seats to doctors, where a doctor takes at most one seat in
// each group of their shifts that pairwise overlap or fall within the rest
// after one another, and at most their cap of shifts in all. Whatever no
// flow reaches cannot be covered by any rota; a minimum cut names the seats
// and doctors behind each shortfall.
func (pb *Problem) Diagnose() *Diagnosis {
	m := pb.model
	g := newFlowNetwork(2)
	const source, sink = 0, 1
	shiftNode := make([]int32, m.shiftCount)
	sourceEdge := make([]int32, m.shiftCount)
	seats := 0
	for s := range shiftNode {
		shiftNode[s] = g.addNode()
		sourceEdge[s] = g.addEdge(source, shiftNode[s], int64(m.capacity[s]))
		seats += int(m.capacity[s])
	}
	rest := durationSeconds(pb.Rules.MinRest)
	cap := pb.shiftCaps()
	for p := 0; p < m.personCount; p++ {
		if len(m.canTake[p]) == 0 {
			continue
		}
		doctor := g.addNode()
		g.addEdge(doctor, sink, int64(cap[p]))
		for _, clique := range pb.conflictCliques(m.canTake[p], rest) {
			c := g.addNode()
			g.addEdge(c, doctor, 1)
			for _, s := range clique {
				g.addEdge(shiftNode[s], c, 1)
			}
		}
	}
	flow := g.maxFlow(source, sink)
	d := &Diagnosis{Seats: seats, MinUncovered: seats - int(flow)}
	if d.MinUncovered == 0 {
		return d
	}
	d.Gaps = pb.gapsFromCut(g, shiftNode, sourceEdge)
	return d
}

// shiftCaps is each doctor's cap of shifts in the period.
func (pb *Problem) shiftCaps() []int {
	caps := make([]int, len(pb.Territory.Doctors))
	for p := range pb.Territory.Doctors {
		caps[p] = pb.Rules.MaxShifts
		if c := pb.Territory.Doctors[p].MaxShifts; c != nil {
			caps[p] = *c
		}
	}
	return caps
}

// conflictCliques partitions a doctor's shifts into groups whose members
// pairwise conflict: they overlap, or one starts within the rest owed
// after the other. Stretching each on-site shift by its rest makes both
// conflicts an overlap of intervals, and intervals that pairwise overlap
// share a point, so a sweep by start builds the groups.
func (pb *Problem) conflictCliques(shifts []int32, rest int64) [][]int32 {
	type stretched struct {
		s          int32
		start, end int64
	}
	list := make([]stretched, len(shifts))
	for i, s := range shifts {
		sh := &pb.Shifts[s]
		end := sh.End.Unix()
		if sh.Line.Mode == OnSite {
			end += rest
		}
		list[i] = stretched{s, sh.Start.Unix(), end}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].start < list[j].start })
	var cliques [][]int32
	var current []int32
	minEnd := int64(0)
	for _, x := range list {
		if len(current) > 0 && x.start < minEnd {
			current = append(current, x.s)
			minEnd = min(minEnd, x.end)
			continue
		}
		if len(current) > 0 {
			cliques = append(cliques, current)
		}
		current, minEnd = []int32{x.s}, x.end
	}
	if len(current) > 0 {
		cliques = append(cliques, current)
	}
	return cliques
}

// gapsFromCut groups the shifts on the source side of a minimum cut by the
// doctors they share; each group short of flow is a gap.
func (pb *Problem) gapsFromCut(g *flowNetwork, shiftNode, sourceEdge []int32) []Gap {
	inCut := g.reachable(0)
	sets := newDisjointSets(len(g.head))
	for u := int32(2); u < int32(len(g.head)); u++ {
		if !inCut[u] {
			continue
		}
		for e := g.head[u]; e >= 0; e = g.next[e] {
			if v := g.to[e]; v > 1 && inCut[v] {
				sets.union(u, v)
			}
		}
	}
	groups := map[int32][]int32{}
	var roots []int32
	for s, node := range shiftNode {
		if !inCut[node] {
			continue
		}
		r := sets.find(node)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], int32(s))
	}
	var gaps []Gap
	for _, r := range roots {
		missing := 0
		for _, s := range groups[r] {
			e := sourceEdge[s]
			missing += int(g.cap[e]) // residual = seats the flow could not reach
		}
		if missing > 0 {
			gaps = append(gaps, pb.explainGap(groups[r], missing))
		}
	}
	sort.SliceStable(gaps, func(i, j int) bool { return gaps[i].Seats[0].Start.Before(gaps[j].Seats[0].Start) })
	return mergeNobodyGaps(gaps)
}

// mergeNobodyGaps joins the gaps nobody may take that concern one line for
// the same reasons (everyone on leave over Christmas): one story for the
// coordinator rather than one per night.
func mergeNobodyGaps(gaps []Gap) []Gap {
	var out []Gap
	byCause := map[string]int{} // line + reasons -> index in out
	for _, g := range gaps {
		if len(g.Doctors) > 0 || len(g.Seats) == 0 {
			out = append(out, g)
			continue
		}
		cause := g.Seats[0].Line + "\x00" + strings.Join(g.Unavailable, "\x00")
		if i, ok := byCause[cause]; ok && sameLine(g.Seats, g.Seats[0].Line) {
			out[i].Seats = append(out[i].Seats, g.Seats...)
			out[i].Missing += g.Missing
			out[i].Why = fmt.Sprintf("nobody may take these %d seat(s)", len(out[i].Seats))
			continue
		}
		byCause[cause] = len(out)
		out = append(out, g)
	}
	return out
}

func sameLine(seats []GapSeat, line string) bool {
	for _, s := range seats {
		if s.Line != line {
			return false
		}
	}
	return true
}

// explainGap describes a group of seats in the coordinator's words.
func (pb *Problem) explainGap(shifts []int32, missing int) Gap {
	t := pb.Territory
	sort.Slice(shifts, func(i, j int) bool { return pb.model.rank[shifts[i]] < pb.model.rank[shifts[j]] })
	gap := Gap{Missing: missing}
	seatCount := 0
	doctors := map[string]bool{}
	for _, s := range shifts {
		sh := &pb.Shifts[s]
		gap.Seats = append(gap.Seats, GapSeat{
			Shift: sh.Key, Line: sh.Line.ID, LineName: sh.Line.Name, Specialty: sh.Line.Specialty,
			Establishment: sh.Line.Establishment, Start: sh.Start, End: sh.End,
			Headcount: sh.Headcount, Eligible: len(pb.Eligible[s]),
		})
		seatCount += sh.Headcount
		for _, p := range pb.Eligible[s] {
			doctors[t.Doctors[p].ID] = true
		}
	}
	for id := range doctors {
		gap.Doctors = append(gap.Doctors, id)
	}
	sort.Strings(gap.Doctors)
	gap.Unavailable = pb.whyNotTheOthers(shifts)
	switch {
	case len(gap.Doctors) == 0:
		gap.Why = fmt.Sprintf("nobody may take these %d seat(s)", seatCount)
	case len(gap.Doctors) == 1:
		gap.Why = fmt.Sprintf("only %s may take these %d seat(s), and can hold at most %d of them (overlap, rest or cap)",
			gap.Doctors[0], seatCount, seatCount-missing)
	default:
		gap.Why = fmt.Sprintf("only %d doctors may take these %d seat(s), and together can hold at most %d of them (overlap, rest or their caps)",
			len(gap.Doctors), seatCount, seatCount-missing)
	}
	return gap
}

// whyNotTheOthers lists the doctors who practise the seats' specialties at
// their sites but are not eligible for some of them, with the first reason.
func (pb *Problem) whyNotTheOthers(shifts []int32) []string {
	t := pb.Territory
	seen := map[int]bool{}
	var out []string
	for _, s := range shifts {
		sh := &pb.Shifts[s]
		for _, pos := range t.ix.bySpecialty[sh.Line.Specialty] {
			if seen[pos] || !t.worksAtLineSite(pos, sh.Line) {
				continue
			}
			if why := t.whyIneligible(pos, sh, pb.avail[pos]); why != "" {
				seen[pos] = true
				out = append(out, why)
			}
		}
	}
	sort.Strings(out)
	return out
}

// String writes the gap for a terminal: every seat when there are few,
// else a line per duty line with its dates.
func (g Gap) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d seat(s) cannot be filled: %s.\n", g.Missing, g.Why)
	if len(g.Seats) <= 6 {
		for _, s := range g.Seats {
			fmt.Fprintf(&b, "    %s  %s (%s at %s), %d seat(s), %d eligible\n", s.Shift, s.Specialty, s.Line, s.Establishment, s.Headcount, s.Eligible)
		}
	} else {
		var order []string
		byLine := map[string][]GapSeat{}
		for _, s := range g.Seats {
			if _, ok := byLine[s.Line]; !ok {
				order = append(order, s.Line)
			}
			byLine[s.Line] = append(byLine[s.Line], s)
		}
		for _, line := range order {
			seats := byLine[line]
			first, last := seats[0], seats[len(seats)-1]
			fmt.Fprintf(&b, "    %s (%s at %s): %d shift(s) from %s to %s\n", line, first.Specialty, first.Establishment,
				len(seats), keyTime(first.Shift), keyTime(last.Shift))
		}
	}
	if len(g.Doctors) > 0 {
		fmt.Fprintf(&b, "    may take some: %s\n", strings.Join(g.Doctors, ", "))
	}
	for _, u := range g.Unavailable {
		fmt.Fprintf(&b, "    %s\n", u)
	}
	return b.String()
}

// keyTime is the local date and time part of a shift key.
func keyTime(key string) string {
	if i := strings.LastIndexByte(key, '/'); i >= 0 {
		return strings.Replace(key[i+1:], "T", " ", 1)
	}
	return key
}
