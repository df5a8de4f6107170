package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"garde/scheduler"
)

var shiftsCommand = command{
	name:    "shifts",
	usage:   "FILE --from YYYY-MM-DD --to YYYY-MM-DD [--json]",
	summary: "list the shifts of a period [from, to) with who may take each",
	run:     runShifts,
}

func runShifts(_ context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	var from, to dateFlag
	fs.Var(&from, "from", "first day of the period (YYYY-MM-DD)")
	fs.Var(&to, "to", "day after the last day of the period (YYYY-MM-DD)")
	asJSON := fs.Bool("json", false, "print a JSON array, one object per shift in key order")
	pos, err := parseArgs(fs, args, 1, 1)
	if err != nil {
		return exitBadArgs
	}
	if !from.set || !to.set {
		e.errorf("shifts needs --from and --to")
		return exitBadArgs
	}
	pb, code := loadProblem(e, pos[0], from.d, to.d)
	if code != exitOK {
		return code
	}
	infos := make([]scheduler.ShiftInfo, len(pb.Shifts))
	for i := range pb.Shifts {
		infos[i] = pb.ShiftInfo(i)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(infos); err != nil {
			e.errorf("%v", err)
			return exitFailed
		}
		return exitOK
	}
	printShiftTable(e, pb, infos)
	return exitOK
}

func printShiftTable(e *env, pb *scheduler.Problem, infos []scheduler.ShiftInfo) {
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "SHIFT\tDAY TYPE\tLOCAL START\tLOCAL END\tHOURS\tNIGHT\tSEATS\tELIGIBLE")
	seats, empty := 0, 0
	for _, s := range infos {
		night := ""
		if s.Night {
			night = "night"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%g\t%s\t%d\t%s\n", s.Key, s.DayType,
			strings.Replace(s.LocalStart[:16], "T", " ", 1), strings.Replace(s.LocalEnd[:16], "T", " ", 1),
			s.Hours, night, s.Headcount, eligibleText(s.Eligible))
		seats += s.Headcount
		if len(s.Eligible) == 0 {
			empty += s.Headcount
		}
	}
	w.Flush()
	fmt.Fprintf(e.stdout, "\n%d shifts, %d seats from %s to %s (%s)", len(infos), seats, pb.From, pb.To.AddDays(-1), pb.Territory.Location())
	if empty > 0 {
		fmt.Fprintf(e.stdout, "; %d seat(s) nobody may take", empty)
	}
	fmt.Fprintln(e.stdout)
}

func eligibleText(ids []string) string {
	switch {
	case len(ids) == 0:
		return "nobody"
	case len(ids) <= 4:
		return strings.Join(ids, " ")
	}
	return fmt.Sprintf("%d doctors (%s ...)", len(ids), strings.Join(ids[:3], " "))
}
