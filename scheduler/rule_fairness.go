package scheduler

// fairnessRule measures how far each doctor's load is from their fair
// share: (B_d - T_d)^2, where B_d sums load[s] over the doctor's shifts and
// T_d is their target. With load = points it is F, the fairness of load;
// with load = 1 on weekend shifts and 0 elsewhere it is K, the fairness of
// weekends.
type fairnessRule struct {
	ruleInfo
	load   []float64 // per shift
	target []float64 // per person
}

func newLoadFairnessRule(weight float64, points, target []float64) fairnessRule {
	return fairnessRule{softRule("fairness", weight), points, target}
}

func newWeekendFairnessRule(weight float64, weekend, target []float64) fairnessRule {
	return fairnessRule{softRule("weekend_fairness", weight), weekend, target}
}

func (r fairnessRule) measurePerson(p int32, shifts []int32, _ emitFunc) float64 {
	b := 0.0
	for _, s := range shifts {
		b += r.load[s]
	}
	d := b - r.target[p]
	return d * d
}

// fairTargets computes each person's target: every seat's load is split
// among the people eligible for it in proportion to their shares:
// T_d = sum over shifts s with d eligible of load(s) * seats(s) * share(d) / (sum of eligible shares).
// Targets use eligibility only, not caps, rest or pins: someone on leave for
// a week gets a smaller target, not a debt.
func fairTargets(personCount int, load []float64, seats []int32, eligible [][]int32, share []float64) []float64 {
	target := make([]float64, personCount)
	for s, people := range eligible {
		if load[s] == 0 {
			continue
		}
		total := 0.0
		for _, p := range people {
			total += share[p]
		}
		if total == 0 {
			continue
		}
		perShare := load[s] * float64(seats[s]) / total
		for _, p := range people {
			target[p] += perShare * share[p]
		}
	}
	return target
}
