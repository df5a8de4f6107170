package main

import (
	"fmt"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"garde/scheduler"
)

// progress shows the solver's best rota over time: a bar on a terminal,
// nothing otherwise (logs and pipes get the final report only).
type progress struct {
	bar   *progressbar.ProgressBar
	limit time.Duration
}

func newProgress(e *env, limit time.Duration, quiet bool) *progress {
	f, ok := e.stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) || limit <= 0 {
		return &progress{}
	}
	bar := progressbar.NewOptions64(limit.Milliseconds(),
		progressbar.OptionSetWriter(e.stderr),
		progressbar.OptionSetWidth(30),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionShowDescriptionAtLineEnd(),
		progressbar.OptionSetDescription("solving"),
		progressbar.OptionClearOnFinish(),
	)
	return &progress{bar: bar, limit: limit}
}

func (p *progress) update(s scheduler.SolveProgress) {
	if p.bar == nil {
		return
	}
	_ = p.bar.Set64(min(s.Elapsed, p.limit).Milliseconds())
	p.bar.Describe(fmt.Sprintf("best: %d uncovered, soft %.1f (%d moves)", s.Uncovered, s.Soft, s.Moves))
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
