package scheduler

// A Score is a rota's objective, term by term (rota model):
// total = 1,000,000 * U + soft, where soft weighs F, K, P, S, T and C.
type Score struct {
	U     int     `json:"U"` // uncovered seats
	F     float64 `json:"F"` // fairness of load
	K     float64 `json:"K"` // fairness of weekends
	P     int     `json:"P"` // broken wishes, by weight
	S     int     `json:"S"` // pairs of shifts too close together
	T     float64 `json:"T"` // travel, km
	C     int     `json:"C"` // reference assignments no longer held
	Total float64 `json:"total"`
}

// UncoveredWeight is what one empty seat weighs in total: more than any
// soft objective, so that fewer uncovered seats always wins.
const UncoveredWeight = 1_000_000

// Soft is the weighted soft part of the total.
func (s Score) Soft() float64 { return s.Total - UncoveredWeight*float64(s.U) }

// A Violation is one broken hard rule of a rota, explained.
type Violation struct {
	Rule   string `json:"rule"`
	Shift  string `json:"shift"`
	Doctor string `json:"doctor"`
	Detail string `json:"detail"`
}

// An Evaluation is what scoring a rota finds: the hard rules it breaks and
// its score.
type Evaluation struct {
	Violations []Violation `json:"violations"`
	Score
}

// Feasible reports whether the rota breaks no hard rule.
func (e *Evaluation) Feasible() bool { return len(e.Violations) == 0 }
