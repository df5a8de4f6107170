package scheduler

import "math"

// A level says which part of the lexicographic objective a rule feeds:
// broken hard rules first, then uncovered seats, then the soft objective.
type level uint8

const (
	levelHard level = iota
	levelUncovered
	levelSoft
)

// cost is a rota's objective as the solver compares it: lexicographically,
// hard before uncovered before soft. Soft costs are whole millionths, so
// that incremental updates add up exactly, in any order, on every machine.
type cost struct {
	hard      int64 // magnitude of broken hard rules
	uncovered int64 // empty seats
	soft      int64 // weighted soft terms, in millionths
}

// softUnit is how many cost units make one unit of the soft objective.
const softUnit = 1e6

func (a cost) add(b cost) cost {
	return cost{a.hard + b.hard, a.uncovered + b.uncovered, a.soft + b.soft}
}

func (a cost) sub(b cost) cost {
	return cost{a.hard - b.hard, a.uncovered - b.uncovered, a.soft - b.soft}
}

// less reports whether a is strictly better than b.
func (a cost) less(b cost) bool {
	if a.hard != b.hard {
		return a.hard < b.hard
	}
	if a.uncovered != b.uncovered {
		return a.uncovered < b.uncovered
	}
	return a.soft < b.soft
}

// softValue is the soft part in objective units.
func (a cost) softValue() float64 { return float64(a.soft) / softUnit }

// costOf turns a rule's raw measure into solver cost units at its level.
func costOf(lv level, weight, raw float64) cost {
	switch lv {
	case levelHard:
		return cost{hard: int64(math.Round(weight * raw))}
	case levelUncovered:
		return cost{uncovered: int64(math.Round(weight * raw))}
	default:
		return cost{soft: int64(math.Round(weight * raw * softUnit))}
	}
}

// A violation is one broken hard rule, found by the rule that owns it.
// shift and person are indices, or -1 when the rule concerns neither.
type violation struct {
	rule   string
	shift  int32
	person int32
	detail string
}

// emitFunc receives the violations a rule finds; rules are given nil when
// only their cost is wanted, and must then skip building explanations.
type emitFunc func(violation)

// A rule is one named unit of the rota model: a hard rule, the coverage
// count, or a soft term. Each measures its own raw value (a count of
// violations, of empty seats, or a term such as F) and carries its weight.
type rule interface {
	name() string
	level() level
	weight() float64
}

// A personRule measures one person's set of shifts: rest, caps, fairness...
// shifts are the person's shift indices sorted by start, then index.
type personRule interface {
	rule
	measurePerson(p int32, shifts []int32, emit emitFunc) float64
}

// A shiftRule measures one shift's set of people: headcount, coverage, pins.
type shiftRule interface {
	rule
	measureShift(s int32, people []int32, emit emitFunc) float64
}

// A pairRule measures each assignment on its own, plus a constant that does
// not depend on the rota: wishes, travel, stability.
type pairRule interface {
	rule
	measurePair(s, p int32, emit emitFunc) float64
	constant() float64
}

// ruleInfo implements the rule interface for embedding.
type ruleInfo struct {
	ruleName   string
	ruleLevel  level
	ruleWeight float64
}

func (r ruleInfo) name() string    { return r.ruleName }
func (r ruleInfo) level() level    { return r.ruleLevel }
func (r ruleInfo) weight() float64 { return r.ruleWeight }

func hardRule(name string) ruleInfo { return ruleInfo{name, levelHard, 1} }
func softRule(name string, weight float64) ruleInfo {
	return ruleInfo{name, levelSoft, weight}
}
