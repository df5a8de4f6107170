package scheduler

import "fmt"

// typeLimitRule: a person works at most a given number of shifts of each
// type over the horizon (0 forbids the type).
type typeLimitRule struct {
	ruleInfo
	typeOf    []int32
	limit     [][]int // [person][type]
	typeNames []string
}

func newTypeLimitRule(typeOf []int32, limit [][]int, typeNames []string) typeLimitRule {
	return typeLimitRule{hardRule("max_shifts_of_type"), typeOf, limit, typeNames}
}

func (r typeLimitRule) measurePerson(p int32, shifts []int32, emit emitFunc) float64 {
	limits := r.limit[p]
	var counts [64]int
	count := counts[:0]
	if len(limits) > len(counts) {
		count = make([]int, len(limits))
	} else {
		count = counts[:len(limits)]
	}
	for _, s := range shifts {
		count[r.typeOf[s]]++
	}
	over := 0
	for t, n := range count {
		if n > limits[t] {
			over += n - limits[t]
			if emit != nil {
				emit(violation{rule: r.name(), shift: -1, person: p,
					detail: fmt.Sprintf("%d %s shifts, at most %d", n, r.typeNames[t], limits[t])})
			}
		}
	}
	return float64(over)
}
