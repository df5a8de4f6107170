package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"garde/scheduler"
	"garde/store"
)

// rotaCommand groups the commands on stored rota versions.
var rotaCommand = command{
	name:    "rota",
	usage:   "save|publish|list|export|diff [arguments]; garde rota SUBCOMMAND -h for each",
	summary: "save rota files as numbered versions, publish one, list, export and compare them",
	run:     runRota,
}

var rotaSubcommands = []command{
	{name: "rota save", usage: "ROTA.json [--base N] [--revision N] [--solver-version V --seed N --time-limit D --input-hash H --duration D] [--db URL]",
		summary: "save a rota file as the next draft version; --base is the version your file starts from (0: none yet)", run: runRotaSave},
	{name: "rota publish", usage: "TERRITORY --from D --to D --version N [--expect M] [--db URL]",
		summary: "publish a draft version; the published one becomes superseded", run: runRotaPublish},
	{name: "rota list", usage: "TERRITORY [--from D --to D] [--db URL]",
		summary: "list the rotas of a territory (within a period) and their versions", run: runRotaList},
	{name: "rota export", usage: "TERRITORY --from D --to D [--version N] [--out FILE] [--db URL]",
		summary: "write a version as a rota file (default: the published version)", run: runRotaExport},
	{name: "rota diff", usage: "TERRITORY --from D --to D A B [--json] [--db URL]",
		summary: "show what changed from version A to version B: assignments added, removed, moved", run: runRotaDiff},
}

func runRota(ctx context.Context, e *env, _ *command, args []string) int {
	if len(args) > 0 {
		for _, sub := range rotaSubcommands {
			if sub.name == "rota "+args[0] {
				return sub.run(ctx, e, &sub, args[1:])
			}
		}
		e.errorf("unknown rota subcommand %q", args[0])
	}
	fmt.Fprintln(e.stderr, "usage:")
	for _, sub := range rotaSubcommands {
		fmt.Fprintf(e.stderr, "  garde %s %s\n      %s\n", sub.name, sub.usage, sub.summary)
	}
	return exitBadArgs
}

// periodFlags adds --from and --to.
func periodFlags(fs *flag.FlagSet) (from, to *dateFlag) {
	from, to = &dateFlag{}, &dateFlag{}
	fs.Var(from, "from", "first day of the rota's period (YYYY-MM-DD)")
	fs.Var(to, "to", "day after the last day of the period (YYYY-MM-DD)")
	return from, to
}

// rotaKey builds the key of the rota named by TERRITORY --from --to.
func rotaKey(e *env, territory string, from, to *dateFlag) (store.RotaKey, bool) {
	if !from.set || !to.set {
		e.errorf("give the rota's period with --from and --to")
		return store.RotaKey{}, false
	}
	return store.RotaKey{Territory: territory, From: from.d, To: to.d}, true
}

func runRotaSave(ctx context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	dbURL := dbFlag(fs)
	var opt store.SaveOptions
	fs.IntVar(&opt.Base, "base", 0, "the version the file starts from; 0 when the rota has no version yet")
	fs.IntVar(&opt.Revision, "revision", 0, "the territory revision the rota was made for (default: the latest)")
	fs.StringVar(&opt.Provenance.SolverVersion, "solver-version", "", "the solver that made the rota, if any")
	fs.Func("seed", "the solver's random seed", func(s string) error {
		v, err := strconv.ParseInt(s, 10, 64)
		opt.Provenance.Seed = &v
		return err
	})
	fs.DurationVar(&opt.Provenance.TimeLimit, "time-limit", 0, "the solver's time limit (such as 30s)")
	fs.StringVar(&opt.Provenance.InputHash, "input-hash", "", "identifies what the solver was given")
	fs.DurationVar(&opt.Provenance.Duration, "duration", 0, "how long the solver ran")
	pos, err := parseArgs(fs, args, 1, 1)
	if err != nil {
		return exitBadArgs
	}
	data, err := readInput(pos[0])
	if err != nil {
		e.errorf("%v", err)
		return exitBadArgs
	}
	s, err := openStore(ctx, *dbURL)
	if err != nil {
		return storeFailed(e, err)
	}
	defer s.Close()
	v, err := s.SaveRotaFile(ctx, data, opt)
	if err != nil {
		e.errorf("%s: %s", pos[0], indent(err.Error()))
		return exitFailed
	}
	fmt.Fprintf(e.stdout, "saved version %d of the %s: draft, %d assignments, territory revision %d\n",
		v.Version, v.Rota, v.Assignments, v.TerritoryRevision)
	return exitOK
}

func runRotaPublish(ctx context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	dbURL := dbFlag(fs)
	from, to := periodFlags(fs)
	version := fs.Int("version", 0, "the draft version to publish")
	expect := fs.Int("expect", -1, "the version you expect to be published now (0: none); refused if another is (default: whatever is)")
	pos, err := parseArgs(fs, args, 1, 1)
	if err != nil {
		return exitBadArgs
	}
	key, ok := rotaKey(e, pos[0], from, to)
	if !ok {
		return exitBadArgs
	}
	if *version < 1 {
		e.errorf("give the version to publish with --version N")
		return exitBadArgs
	}
	s, err := openStore(ctx, *dbURL)
	if err != nil {
		return storeFailed(e, err)
	}
	defer s.Close()
	expected := *expect
	if expected < 0 {
		rotas, err := s.Rotas(ctx, key.Territory, &store.Period{From: key.From, To: key.To})
		if err != nil {
			return storeFailed(e, err)
		}
		for _, r := range rotas {
			if r.Rota == key {
				expected = r.PublishedVersion
			}
		}
		expected = max(expected, 0)
	}
	v, err := s.PublishVersion(ctx, key, *version, expected)
	if err != nil {
		return storeFailed(e, err)
	}
	fmt.Fprintf(e.stdout, "published version %d of the %s", v.Version, v.Rota)
	if expected > 0 {
		fmt.Fprintf(e.stdout, "; version %d is now superseded", expected)
	}
	fmt.Fprintln(e.stdout)
	return exitOK
}

func runRotaList(ctx context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	dbURL := dbFlag(fs)
	from, to := periodFlags(fs)
	pos, err := parseArgs(fs, args, 1, 1)
	if err != nil {
		return exitBadArgs
	}
	var within *store.Period
	switch {
	case from.set && to.set:
		within = &store.Period{From: from.d, To: to.d}
	case from.set || to.set:
		e.errorf("give both --from and --to, or neither")
		return exitBadArgs
	}
	s, err := openStore(ctx, *dbURL)
	if err != nil {
		return storeFailed(e, err)
	}
	defer s.Close()
	rotas, err := s.Rotas(ctx, pos[0], within)
	if err != nil {
		return storeFailed(e, err)
	}
	if len(rotas) == 0 {
		fmt.Fprintf(e.stdout, "No rota of %s is stored%s: garde rota save ROTA.json stores one.\n", pos[0], periodText(within))
		return exitOK
	}
	for i, r := range rotas {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		versions, err := s.Versions(ctx, r.Rota)
		if err != nil {
			return storeFailed(e, err)
		}
		printVersions(e, r, versions)
	}
	return exitOK
}

func periodText(p *store.Period) string {
	if p == nil {
		return ""
	}
	return fmt.Sprintf(" within %s to %s", p.From, p.To)
}

func printVersions(e *env, r store.RotaSummary, versions []store.VersionInfo) {
	fmt.Fprintf(e.stdout, "%s to %s (%s)\n", r.Rota.From, r.Rota.To, publishedText(r.PublishedVersion))
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "  VERSION\tSTATUS\tBASE\tREVISION\tASSIGNMENTS\tTOTAL\tSOLVER\tCREATED (UTC)")
	for _, v := range versions {
		total, solver := "-", "-"
		if v.Score != nil {
			total = strconv.FormatFloat(v.Score.Total, 'f', 2, 64) // two decimals to read; the stored score keeps every digit
		}
		if v.Provenance.SolverVersion != "" {
			solver = v.Provenance.SolverVersion
		}
		fmt.Fprintf(w, "  %d\t%s\t%d\t%d\t%d\t%s\t%s\t%s\n", v.Version, v.Status, v.BasedOn, v.TerritoryRevision,
			v.Assignments, total, solver, v.CreatedAt.Format(time.DateTime))
	}
	w.Flush()
}

func publishedText(v int) string {
	if v == 0 {
		return "none published"
	}
	return fmt.Sprintf("version %d published", v)
}

func runRotaExport(ctx context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	dbURL := dbFlag(fs)
	from, to := periodFlags(fs)
	version := fs.Int("version", 0, "the version to export (default: the published one)")
	out := fs.String("out", "", "write to this file instead of standard output")
	pos, err := parseArgs(fs, args, 1, 1)
	if err != nil {
		return exitBadArgs
	}
	key, ok := rotaKey(e, pos[0], from, to)
	if !ok {
		return exitBadArgs
	}
	s, err := openStore(ctx, *dbURL)
	if err != nil {
		return storeFailed(e, err)
	}
	defer s.Close()
	n := *version
	if n == 0 {
		if n, err = publishedVersion(ctx, s, key); err != nil {
			return storeFailed(e, err)
		}
	}
	r, info, err := s.Version(ctx, key, n)
	if err != nil {
		return storeFailed(e, err)
	}
	if err := writeJSON(e, *out, r); err != nil {
		e.errorf("%v", err)
		return exitFailed
	}
	if *out != "" && *out != "-" {
		fmt.Fprintf(e.stdout, "wrote version %d (%s) of the %s to %s\n", info.Version, info.Status, key, *out)
	}
	return exitOK
}

// publishedVersion is the published version of a rota, or an error saying
// to name one.
func publishedVersion(ctx context.Context, s *store.Store, key store.RotaKey) (int, error) {
	versions, err := s.Versions(ctx, key)
	if err != nil {
		return 0, err
	}
	for _, v := range versions {
		if v.Status == store.Published {
			return v.Version, nil
		}
	}
	return 0, fmt.Errorf("no version of the %s is published: name one with --version (garde rota list %s shows them)", key, key.Territory)
}

func runRotaDiff(ctx context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	dbURL := dbFlag(fs)
	from, to := periodFlags(fs)
	asJSON := fs.Bool("json", false, `print {"added": [...], "removed": [...], "moved": [...]}`)
	pos, err := parseArgs(fs, args, 3, 3)
	if err != nil {
		return exitBadArgs
	}
	key, ok := rotaKey(e, pos[0], from, to)
	if !ok {
		return exitBadArgs
	}
	a, errA := strconv.Atoi(pos[1])
	b, errB := strconv.Atoi(pos[2])
	if errA != nil || errB != nil || a < 1 || b < 1 {
		e.errorf("versions A and B are numbers from 1, got %q and %q", pos[1], pos[2])
		return exitBadArgs
	}
	s, err := openStore(ctx, *dbURL)
	if err != nil {
		return storeFailed(e, err)
	}
	defer s.Close()
	d, err := s.DiffVersions(ctx, key, a, b)
	if err != nil {
		return storeFailed(e, err)
	}
	if *asJSON {
		if err := writeJSON(e, "", d); err != nil {
			e.errorf("%v", err)
			return exitFailed
		}
		return exitOK
	}
	printDiff(e, a, b, d)
	return exitOK
}

func printDiff(e *env, a, b int, d scheduler.RotaDiff) {
	if d.Empty() {
		fmt.Fprintf(e.stdout, "versions %d and %d hold the same assignments\n", a, b)
		return
	}
	fmt.Fprintf(e.stdout, "from version %d to version %d: %d moved, %d added, %d removed\n", a, b, len(d.Moved), len(d.Added), len(d.Removed))
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for _, m := range d.Moved {
		fmt.Fprintf(w, "  ~\t%s\t%s -> %s\n", m.Shift, m.From, m.To)
	}
	for _, x := range d.Added {
		fmt.Fprintf(w, "  +\t%s\t%s\n", x.Shift, x.Doctor)
	}
	for _, x := range d.Removed {
		fmt.Fprintf(w, "  -\t%s\t%s\n", x.Shift, x.Doctor)
	}
	w.Flush()
}
