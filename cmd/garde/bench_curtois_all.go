package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"garde/scheduler/curtois"
)

// bestKnown are the best-known objective values of the 24 instances
// (testdata/curtois/README.md, section 6): published data, not tuning.
var bestKnown = map[string]int{
	"Instance1": 607, "Instance2": 828, "Instance3": 1001, "Instance4": 1716, "Instance5": 1143,
	"Instance6": 1950, "Instance7": 1056, "Instance8": 1300, "Instance9": 439, "Instance10": 4631,
	"Instance11": 3443, "Instance12": 4040, "Instance13": 1348, "Instance14": 1278, "Instance15": 3829,
	"Instance16": 3225, "Instance17": 5746, "Instance18": 4459, "Instance19": 3149, "Instance20": 4769,
	"Instance21": 21133, "Instance22": 30241, "Instance23": 17428, "Instance24": 42463,
}

// runBenchCurtoisAll solves every instance of a folder at each time limit
// with several seeds and writes the table: best known, ours (median),
// gap, time to the first feasible roster.
func runBenchCurtoisAll(ctx context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	dir := fs.String("dir", "testdata/curtois", "folder of Instance*.txt files")
	limits := fs.String("limits", "10s,60s", "time limits, comma separated")
	seeds := fs.Int("seeds", 3, "runs per instance and limit, seeds 1..N")
	workers := fs.Int("workers", 0, "parallel searches (0: every core)")
	only := fs.String("only", "", "instances to run, e.g. 1-10,13 (default all)")
	markdown := fs.String("markdown", "", "also write the table to this file (between its curtois markers, if it has them)")
	rosters := fs.String("rosters", "", "write each feasible roster of the longest limit here, as INSTANCE-seedN.csv")
	if _, err := parseArgs(fs, args, 0, 0); err != nil {
		return exitBadArgs
	}
	durations, err := parseDurations(*limits)
	if err != nil {
		e.errorf("--limits: %v", err)
		return exitBadArgs
	}
	paths, _ := filepath.Glob(filepath.Join(*dir, "Instance*.txt"))
	sort.Slice(paths, func(i, j int) bool { return instanceNumber(paths[i]) < instanceNumber(paths[j]) })
	keep, err := parseRanges(*only)
	if err != nil {
		e.errorf("--only: %v", err)
		return exitBadArgs
	}
	// The folder is made now: a run that cannot write its first roster
	// after minutes of solving would lose them.
	if *rosters != "" {
		if err := os.MkdirAll(*rosters, 0o755); err != nil {
			e.errorf("--rosters: %v", err)
			return exitFailed
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "| instance | staff | days | best known |")
	for _, d := range durations {
		fmt.Fprintf(&b, " ours at %s (median of %d) | gap |", d, *seeds)
	}
	fmt.Fprintf(&b, " feasible runs | median time to first feasible | lower bound |\n|---|---|---|---|")
	for range durations {
		b.WriteString("---|---|")
	}
	b.WriteString("---|---|---|\n")
	fmt.Fprint(e.stdout, b.String())
	table := b.String()
	for _, path := range paths {
		if keep != nil && !keep[instanceNumber(path)] {
			continue
		}
		in, err := curtois.ParseFile(path)
		if err != nil {
			e.errorf("%v", err)
			return exitFailed
		}
		row := fmt.Sprintf("| %s | %d | %d | %d |", in.Name, len(in.Staff), in.Horizon, bestKnown[in.Name])
		feasible, runs := 0, 0
		var firsts []float64
		bound, hasBound := 0, false // the best lower bound of all runs
		for li, limit := range durations {
			var values []float64
			for seed := 1; seed <= *seeds; seed++ {
				run, err := solveCurtois(ctx, in, uint64(seed), *workers, limit, nil)
				if err != nil {
					e.errorf("%v", err)
					return exitFailed
				}
				runs++
				if run.hasBound && (!hasBound || run.bound > bound) {
					bound, hasBound = run.bound, true
				}
				if !run.check.Feasible() {
					continue
				}
				feasible++
				values = append(values, float64(run.check.Penalty))
				firsts = append(firsts, run.firstFeasible.Seconds())
				if *rosters != "" && li == len(durations)-1 {
					if err := writeRoster(filepath.Join(*rosters, fmt.Sprintf("%s-seed%d.csv", in.Name, seed)), in, run.assign); err != nil {
						e.errorf("%v", err)
						return exitFailed
					}
				}
			}
			if len(values) < *seeds/2+1 {
				row += " no feasible roster | |"
				continue
			}
			m := median(values)
			row += fmt.Sprintf(" %.0f | %.2f%% |", m, 100*(m-float64(bestKnown[in.Name]))/float64(bestKnown[in.Name]))
		}
		first := "-"
		if len(firsts) > 0 {
			first = fmt.Sprintf("%.2f s", median(firsts))
		}
		lower := "-"
		if hasBound {
			lower = strconv.Itoa(bound)
		}
		row += fmt.Sprintf(" %d/%d | %s | %s |\n", feasible, runs, first, lower)
		fmt.Fprint(e.stdout, row)
		table += row
	}
	if *markdown != "" {
		header := fmt.Sprintf("Measured %s with `garde bench curtois-all --limits %s --seeds %d`, every roster checked by the independent checker.\n\n",
			time.Now().UTC().Format("2006-01-02"), *limits, *seeds)
		if err := writeMarkdownSection(*markdown, "curtois", header+table); err != nil {
			e.errorf("--markdown: %v", err)
			return exitFailed
		}
	}
	return exitOK
}

func writeRoster(path string, in *curtois.Instance, assign [][]int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return curtois.WriteGrid(f, in, in.RosterOf(assign))
}

func instanceNumber(path string) int {
	n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), "Instance"), ".txt"))
	return n
}

// parseRanges reads "1-10,13" into a set; empty gives nil (everything).
func parseRanges(s string) (map[int]bool, error) {
	if s == "" {
		return nil, nil
	}
	out := map[int]bool{}
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number or range", part)
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(hi); err != nil {
				return nil, fmt.Errorf("%q is not a number or range", part)
			}
		}
		for i := a; i <= b; i++ {
			out[i] = true
		}
	}
	return out, nil
}

// writeMarkdownSection puts text between the lines "<!-- NAME:begin -->" and
// "<!-- NAME:end -->" of the Markdown file at path, so that a table can be
// regenerated inside a hand-written page; a file without the markers (or no
// file) gets the text alone.
func writeMarkdownSection(path, name, text string) error {
	begin, end := "<!-- "+name+":begin -->\n", "<!-- "+name+":end -->"
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	page := string(old)
	i := strings.Index(page, begin)
	j := strings.Index(page, end)
	if i < 0 || j < i {
		return os.WriteFile(path, []byte(text), 0o644)
	}
	page = page[:i+len(begin)] + text + page[j:]
	return os.WriteFile(path, []byte(page), 0o644)
}
