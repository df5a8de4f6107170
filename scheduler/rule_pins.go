package scheduler

// pinRule: pinned doctors stay on their shifts. The solver never removes a
// pin; the rule speaks when a rota written elsewhere is scored.
type pinRule struct {
	ruleInfo
	pinned [][]int32 // per shift, the people pinned on it
}

func newPinRule(pinned [][]int32) pinRule { return pinRule{hardRule("pin"), pinned} }

func (r pinRule) measureShift(s int32, people []int32, emit emitFunc) float64 {
	missing := 0
	for _, p := range r.pinned[s] {
		if !containsInt32(people, p) {
			missing++
			if emit != nil {
				emit(violation{rule: r.name(), shift: s, person: p, detail: "the doctor is pinned on this shift but not assigned to it"})
			}
		}
	}
	return float64(missing)
}

func containsInt32(list []int32, v int32) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
