package scheduler

// eligibilityRule: only doctors eligible for a shift may take it. The
// solver only ever proposes eligible doctors; the rule speaks when a rota
// written elsewhere is scored.
type eligibilityRule struct {
	ruleInfo
	m   *model
	why func(s, p int32) string // the reason p may not take s
}

func newEligibilityRule(m *model, why func(s, p int32) string) eligibilityRule {
	return eligibilityRule{hardRule("eligibility"), m, why}
}

func (r eligibilityRule) measurePair(s, p int32, emit emitFunc) float64 {
	if r.m.isEligible(s, p) {
		return 0
	}
	if emit != nil {
		emit(violation{rule: r.name(), shift: s, person: p, detail: r.why(s, p)})
	}
	return 1
}

func (r eligibilityRule) constant() float64 { return 0 }
