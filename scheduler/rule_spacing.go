package scheduler

// spacingRule counts S: the pairs of one doctor's shifts whose starts are
// less than the minimum gap apart, in real elapsed time.
type spacingRule struct {
	ruleInfo
	start []int64 // per shift, Unix seconds
	gap   int64   // seconds
}

func newSpacingRule(weight float64, start []int64, gap int64) spacingRule {
	return spacingRule{softRule("spacing", weight), start, gap}
}

func (r spacingRule) measurePerson(_ int32, shifts []int32, _ emitFunc) float64 {
	n := 0
	for j := 1; j < len(shifts); j++ {
		sj := r.start[shifts[j]]
		for i := j - 1; i >= 0 && sj-r.start[shifts[i]] < r.gap; i-- { // starts are in order
			n++
		}
	}
	return float64(n)
}
