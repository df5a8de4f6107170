package scheduler

import "sort"

// A RotaDiff is what changed from one rota to another, seat by seat: a
// coordinator comparing two versions wants to see who now holds a shift
// someone else held, not one removal and one addition.
type RotaDiff struct {
	Added   []Assignment `json:"added"`   // seats held in the new rota that were empty in the old one
	Removed []Assignment `json:"removed"` // seats held in the old rota that are empty in the new one
	Moved   []Move       `json:"moved"`   // seats of a shift handed from one doctor to another
}

// A Move is one seat of a shift that changed hands.
type Move struct {
	Shift string `json:"shift"`
	From  string `json:"from"` // the doctor in the old rota
	To    string `json:"to"`   // the doctor in the new rota
}

// Empty reports whether the two rotas hold the same assignments.
func (d RotaDiff) Empty() bool {
	return len(d.Added) == 0 && len(d.Removed) == 0 && len(d.Moved) == 0
}

// DiffRotas compares the assignments of rota a (old) with those of rota b
// (new). Assignments are compared shift by shift, as a multiset of doctors:
// the order of the file does not matter, and an assignment repeated in a
// file counts as many times as it appears. On one shift, the doctors only a
// holds and the doctors only b holds are paired in the order they appear in
// their files: each pair is a move, the rest are removals (only in a) or
// additions (only in b). A nil rota has no assignments.
//
// The lists are sorted by shift key, and never nil, so that a diff prints
// and encodes the same way every time.
func DiffRotas(a, b *Rota) RotaDiff {
	before, after := doctorsByShift(a), doctorsByShift(b)
	keys := make([]string, 0, len(before)+len(after))
	for k := range before {
		keys = append(keys, k)
	}
	for k := range after {
		if _, seen := before[k]; !seen {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)

	diff := RotaDiff{Added: []Assignment{}, Removed: []Assignment{}, Moved: []Move{}}
	for _, key := range keys {
		gone, came := without(before[key], after[key]), without(after[key], before[key])
		paired := min(len(gone), len(came))
		for i := range paired {
			diff.Moved = append(diff.Moved, Move{Shift: key, From: gone[i], To: came[i]})
		}
		for _, d := range gone[paired:] {
			diff.Removed = append(diff.Removed, Assignment{Shift: key, Doctor: d})
		}
		for _, d := range came[paired:] {
			diff.Added = append(diff.Added, Assignment{Shift: key, Doctor: d})
		}
	}
	return diff
}

// doctorsByShift lists, for each shift of the rota, its doctors in file order.
func doctorsByShift(r *Rota) map[string][]string {
	out := map[string][]string{}
	if r == nil {
		return out
	}
	for _, a := range r.Assignments {
		out[a.Shift] = append(out[a.Shift], a.Doctor)
	}
	return out
}

// without returns the doctors of xs left once each doctor of ys has taken
// away one matching occurrence, keeping the order of xs.
func without(xs, ys []string) []string {
	left := map[string]int{}
	for _, y := range ys {
		left[y]++
	}
	var out []string
	for _, x := range xs {
		if left[x] > 0 {
			left[x]--
			continue
		}
		out = append(out, x)
	}
	return out
}
