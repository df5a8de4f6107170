package scheduler

import (
	"fmt"
	"sort"
)

// availability is the time a doctor cannot work around a period, as real
// spans sorted by start.
type availability []window

// unavailability expands a doctor's unavailability over the dates
// [from, to): date ranges, and the occurrences of recurring windows (only
// those starting within the range when a window has one). Occurrences from
// two days before are kept, since a window that starts the day before can
// still cover the first night.
func (t *Territory) unavailability(d *Doctor, from, to Date) availability {
	var out availability
	loc := t.ix.loc
	for i := range d.Unavailable {
		u := &d.Unavailable[i]
		if u.rule == nil {
			out = append(out, window{instant(loc, *u.From, 0), instant(loc, *u.To+1, 0)})
			continue
		}
		lo, hi := from-2, to+2
		if u.From != nil {
			lo, hi = max(lo, *u.From), min(hi, *u.To+1)
		}
		if lo >= hi {
			continue
		}
		for _, day := range u.rule.dates(lo, hi) {
			out = append(out, localWindow(loc, day, *u.Start, *u.End))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start.Before(out[j].start) })
	return out
}

// blocking returns the first unavailable span that overlaps w, if any.
func (a availability) blocking(w window) (window, bool) {
	for _, u := range a {
		if !u.start.Before(w.end) {
			break
		}
		if u.overlaps(w) {
			return u, true
		}
	}
	return window{}, false
}

// whyIneligible says why doctor d (at position pos) may not take shift s, or
// returns "" when they may. avail is the doctor's unavailability around the
// shift's period. The four conditions are the rota model's, in its order.
func (t *Territory) whyIneligible(pos int, s *Shift, avail availability) string {
	d := &t.Doctors[pos]
	l := s.Line
	if !containsString(d.Specialties, l.Specialty) {
		return fmt.Sprintf("specialty: %s does not practise %s", d.ID, l.Specialty)
	}
	if !t.worksAtLineSite(pos, l) {
		return fmt.Sprintf("site: %s does not work at %s%s", d.ID, l.Establishment, poolNote(l))
	}
	if d.EffectiveShare() <= 0 {
		return fmt.Sprintf("exempt: %s has a share of 0", d.ID)
	}
	if u, ok := avail.blocking(s.window()); ok {
		loc := t.ix.loc
		return fmt.Sprintf("unavailable: %s is unavailable from %s to %s", d.ID,
			u.start.In(loc).Format("2006-01-02 15:04"), u.end.In(loc).Format("2006-01-02 15:04"))
	}
	return ""
}

func poolNote(l *Line) string {
	if len(l.Pool) == 0 {
		return ""
	}
	return fmt.Sprintf(" nor at any of %v", l.Pool)
}

// worksAtLineSite reports whether one of the doctor's sites hosts the line
// or shares it.
func (t *Territory) worksAtLineSite(pos int, l *Line) bool {
	sites := t.ix.doctorSites[pos]
	if sites[l.Establishment] {
		return true
	}
	for _, e := range l.Pool {
		if sites[e] {
			return true
		}
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// eligibleFor returns, for each shift, the positions of the doctors who may
// take it, in the order of the territory's doctor list. avail holds each
// doctor's unavailability around the shifts.
func (t *Territory) eligibleFor(shifts []Shift, avail []availability) [][]int {
	out := make([][]int, len(shifts))
	for i := range shifts {
		s := &shifts[i]
		for _, pos := range t.ix.bySpecialty[s.Line.Specialty] {
			if t.worksAtLineSite(pos, s.Line) && t.Doctors[pos].EffectiveShare() > 0 {
				if _, blocked := avail[pos].blocking(s.window()); !blocked {
					out[i] = append(out[i], pos)
				}
			}
		}
	}
	return out
}
