package main

import (
	"context"
	"fmt"
	"strings"
)

var benchCommand = command{
	name:    "bench",
	usage:   benchUsageAll(),
	summary: "measure the solver: on the Curtois & Qu benchmark, and on territories",
	run:     runBench,
}

// benchmarks are the benchmarks with their own usage lines, in the order
// the parent's usage lists them.
var benchmarks = []struct{ name, usage string }{
	{"solve", "FILE --from D --to D [--limits 1s,10s,60s] [--seeds 3] [--workers N]"},
	{"repair", "FILE --from D --to D [--leave D] [--doctors 5]"},
	{"curtois", "INSTANCE.txt [--time-limit 60s] [--seed N] [--workers N] [--out ROSTER.csv] [--cpuprofile FILE]"},
	{"curtois-all", "[--dir testdata/curtois] [--limits 10s,60s] [--seeds 3] [--only 1-10] [--markdown FILE] [--rosters DIR]"},
}

// benchUsage is one benchmark's usage line, for its --help and errors.
func benchUsage(name string) string {
	for _, b := range benchmarks {
		if b.name == name {
			return b.usage
		}
	}
	return ""
}

// benchUsageAll lists every benchmark's usage, one per line.
func benchUsageAll() string {
	var b strings.Builder
	for i, bench := range benchmarks {
		if i > 0 {
			b.WriteString("\n       garde bench ")
		}
		b.WriteString(bench.name + " " + bench.usage)
	}
	return b.String()
}

func runBench(ctx context.Context, e *env, c *command, args []string) int {
	if len(args) == 0 {
		e.errorf("usage: garde bench %s", c.usage)
		return exitBadArgs
	}
	sub := *c
	sub.name = "bench " + args[0]
	sub.usage = benchUsage(args[0])
	switch args[0] {
	case "solve":
		return runBenchSolve(ctx, e, &sub, args[1:])
	case "repair":
		return runBenchRepair(ctx, e, &sub, args[1:])
	case "curtois":
		return runBenchCurtois(ctx, e, &sub, args[1:])
	case "curtois-all":
		return runBenchCurtoisAll(ctx, e, &sub, args[1:])
	}
	e.errorf("unknown benchmark %q", args[0])
	fmt.Fprintf(e.stderr, "usage: garde bench %s\n", c.usage)
	return exitBadArgs
}
