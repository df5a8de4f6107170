package scheduler

// wishMatcher decides which shifts a doctor's wishes match, with the
// occurrences of their recurring windows expanded around one period.
type wishMatcher struct {
	wishes  []Wish
	windows [][]window // per wish, the occurrences of its recurring window
}

func (t *Territory) newWishMatcher(d *Doctor, from, to Date) wishMatcher {
	m := wishMatcher{wishes: d.Wishes, windows: make([][]window, len(d.Wishes))}
	for i := range d.Wishes {
		w := &d.Wishes[i]
		if w.rule == nil {
			continue
		}
		for _, day := range w.rule.dates(from-2, to+2) {
			m.windows[i] = append(m.windows[i], localWindow(t.ix.loc, day, *w.Start, *w.End))
		}
	}
	return m
}

// matches reports whether wish i matches shift s: every filter it gives holds.
func (m wishMatcher) matches(i int, s *Shift) bool {
	w := &m.wishes[i]
	if len(w.Dates) > 0 && !containsDate(w.Dates, s.Date) {
		return false
	}
	if (w.From != nil && s.Date < *w.From) || (w.To != nil && s.Date > *w.To) {
		return false
	}
	if len(w.DayTypes) > 0 && !containsDayType(w.DayTypes, s.DayType) {
		return false
	}
	if w.Night != nil && *w.Night != s.Night {
		return false
	}
	if w.rule != nil {
		sw := s.window()
		for _, occ := range m.windows[i] {
			if occ.overlaps(sw) {
				return true
			}
		}
		return false
	}
	return true
}

// weights returns the summed weights of the avoid and prefer wishes that
// match shift s.
func (m wishMatcher) weights(s *Shift) (avoid, prefer int) {
	for i := range m.wishes {
		if m.matches(i, s) {
			if m.wishes[i].Kind == Avoid {
				avoid += m.wishes[i].Weight
			} else {
				prefer += m.wishes[i].Weight
			}
		}
	}
	return avoid, prefer
}

func containsDate(list []Date, d Date) bool {
	for _, x := range list {
		if x == d {
			return true
		}
	}
	return false
}
