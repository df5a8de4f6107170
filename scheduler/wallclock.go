package scheduler

import "time"

// instant turns a local wall-clock date and time of loc into an instant.
//
// Shifts are planned on the wall clock, so two cases need a rule that
// time.Date does not promise:
//   - a time inside a spring-forward gap (02:30 on the last Sunday of March
//     in Paris) does not exist; it moves forward by the gap (03:30 summer time);
//   - a time repeated by an autumn fall-back (02:30 on the last Sunday of
//     October) is taken the first time it occurs (summer time).
func instant(loc *time.Location, d Date, c ClockTime) time.Time {
	wall := int64(d)*86400 + int64(c)*60 // the wall clock read as if it were UTC
	// The offsets a day either side bound every offset that can apply at this
	// wall time; real zones never change twice within two days.
	before := offsetAt(loc, wall-86400)
	after := offsetAt(loc, wall+86400)
	hi, lo := max(before, after), min(before, after)
	// Try the larger offset first: it gives the earlier instant, so an
	// ambiguous time resolves to its first occurrence.
	for _, off := range [2]int64{hi, lo} {
		if u := wall - off; offsetAt(loc, u) == off {
			return time.Unix(u, 0).UTC()
		}
	}
	// No offset fits: the time is in a gap. Reading it with the offset in
	// force before the gap lands as far past the gap as it was into it.
	return time.Unix(wall-before, 0).UTC()
}

func offsetAt(loc *time.Location, unix int64) int64 {
	_, off := time.Unix(unix, 0).In(loc).Zone()
	return int64(off)
}

// window is a span of real time [start, end).
type window struct {
	start, end time.Time
}

// localWindow is the real span of a wall-clock window that opens at start on
// day d and closes at end, on the next day when end is not after start.
func localWindow(loc *time.Location, d Date, start, end ClockTime) window {
	return window{instant(loc, d, start), instant(loc, endDate(d, start, end), end)}
}

// overlaps reports whether two spans share a positive length of time.
func (w window) overlaps(o window) bool {
	return w.start.Before(o.end) && o.start.Before(w.end)
}

// overlapSeconds is the length of time two spans share.
func (w window) overlapSeconds(o window) int64 {
	s := max(w.start.Unix(), o.start.Unix())
	e := min(w.end.Unix(), o.end.Unix())
	return max(e-s, 0)
}
