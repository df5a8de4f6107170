package scheduler

import "fmt"

// restRule: after an on-site shift ending at t, the same doctor starts
// nothing before t + the minimum rest, in real elapsed time. An astreinte
// owes no planned rest (restAfter 0). Pairs that overlap are the overlap
// rule's, not this one's.
type restRule struct {
	ruleInfo
	spans     []span
	restAfter []int64        // per shift, seconds
	fixed     [][]fixedShift // per person, may be nil
	names     namer
}

func newRestRule(spans []span, restAfter []int64, fixed [][]fixedShift, names namer) restRule {
	return restRule{hardRule("rest"), spans, restAfter, fixed, names}
}

func (r restRule) measurePerson(p int32, shifts []int32, emit emitFunc) float64 {
	n := 0
	for i, a := range shifts {
		rest := r.restAfter[a]
		if rest == 0 {
			continue
		}
		end := r.spans[a].end
		for _, b := range shifts[i+1:] {
			start := r.spans[b].start
			if start >= end+rest {
				break // starts are in order
			}
			if start >= end {
				n++
				if emit != nil {
					emit(r.broken(b, p, r.names.shiftName(a), start-end, rest))
				}
			}
		}
	}
	if r.fixed != nil {
		for _, f := range r.fixed[p] {
			for _, s := range shifts {
				sp := r.spans[s]
				if f.restAfter > 0 && sp.start >= f.end && sp.start < f.end+f.restAfter {
					n++
					if emit != nil {
						emit(r.broken(s, p, f.key+" of the previous rota", sp.start-f.end, f.restAfter))
					}
				}
				if rest := r.restAfter[s]; rest > 0 && f.start >= sp.end && f.start < sp.end+rest {
					n++
					if emit != nil {
						emit(violation{rule: r.name(), shift: s, person: p, detail: fmt.Sprintf(
							"%s of the previous rota starts %s after this on-site shift ends; %s of rest required",
							f.key, hoursText(f.start-sp.end), hoursText(rest))})
					}
				}
			}
		}
	}
	return float64(n)
}

func (r restRule) broken(s, p int32, after string, gap, rest int64) violation {
	return violation{rule: r.name(), shift: s, person: p, detail: fmt.Sprintf(
		"starts %s after %s ends; %s of rest required after an on-site shift", hoursText(gap), after, hoursText(rest))}
}
