package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"garde/scheduler"
)

// newFlags makes a flag set whose errors and usage go to the env's stderr.
func newFlags(e *env, c *command) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: garde %s %s\n", c.name, c.usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseArgs parses flags given before, between or after the positional
// arguments (garde shifts FILE --from ... reads naturally) and checks the
// number of positional arguments.
func parseArgs(fs *flag.FlagSet, args []string, minPos, maxPos int) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if len(pos) < minPos || len(pos) > maxPos {
		fs.Usage()
		return nil, fmt.Errorf("expected %s, got %d", countText(minPos, maxPos), len(pos))
	}
	return pos, nil
}

func countText(lo, hi int) string {
	if lo == hi {
		return fmt.Sprintf("%d argument(s)", lo)
	}
	return fmt.Sprintf("%d to %d arguments", lo, hi)
}

// dateFlag is a YYYY-MM-DD flag value.
type dateFlag struct {
	d   scheduler.Date
	set bool
}

func (f *dateFlag) String() string {
	if !f.set {
		return ""
	}
	return f.d.String()
}

func (f *dateFlag) Set(s string) error {
	d, err := scheduler.ParseDate(s)
	if err != nil {
		return err
	}
	f.d, f.set = d, true
	return nil
}

// readInput reads a file, or standard input for "-".
func readInput(path string) ([]byte, error) {
	if path == "-" {
		return io.ReadAll(os.Stdin)
	}
	return os.ReadFile(path)
}

// loadTerritory reads and validates a territory file.
func loadTerritory(path string) (*scheduler.Territory, error) {
	t, _, err := readTerritory(path)
	return t, err
}

// loadProblem reads and validates the territory file at path and builds
// its problem over [from, to), printing what went wrong. Like every
// command that builds a problem, it answers exitBadArgs both for a file
// that is not a valid territory and for a problem the territory refuses
// (the period, pins that conflict); the code is exitOK when pb is usable.
func loadProblem(e *env, path string, from, to scheduler.Date) (*scheduler.Problem, int) {
	t, err := loadTerritory(path)
	if err != nil {
		e.errorf("%s", indent(err.Error()))
		return nil, exitBadArgs
	}
	pb, err := scheduler.NewProblem(t, from, to, scheduler.ProblemOptions{})
	if err != nil {
		e.errorf("%s", indent(err.Error()))
		return nil, exitBadArgs
	}
	return pb, exitOK
}

// readTerritory is loadTerritory that also returns the file's bytes.
func readTerritory(path string) (*scheduler.Territory, []byte, error) {
	data, err := readInput(path)
	if err != nil {
		return nil, nil, err
	}
	t, err := scheduler.ParseTerritory(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s is not a valid territory file: %w", path, err)
	}
	return t, data, nil
}

// loadRota reads a rota file; an empty path gives nil.
func loadRota(path string) (*scheduler.Rota, error) {
	if path == "" {
		return nil, nil
	}
	data, err := readInput(path)
	if err != nil {
		return nil, err
	}
	r, err := scheduler.ParseRota(data)
	if err != nil {
		return nil, fmt.Errorf("%s is not a valid rota file: %w", path, err)
	}
	return r, nil
}

// indent prefixes every line but the first, for multi-line errors.
func indent(s string) string { return strings.ReplaceAll(s, "\n", "\n  ") }
