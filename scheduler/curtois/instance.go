// Package curtois reads, writes and checks the Curtois & Qu staff-scheduling
// benchmark ("Nurse Rostering Instances 1..24" of schedulingbenchmarks.org).
//
// The file formats and the rules are those of testdata/curtois/README.md:
// Parse reads an instance file, ReadGrid/WriteGrid and ReadXML read and write
// rosters, and Check scores a roster (hard rules H1..H10 and the penalty).
//
// Everything is index based: shift types and staff members are referred to by
// their position in Instance.Shifts and Instance.Staff, so that a solver can
// use slices instead of maps in its inner loops. ShiftIndex and StaffIndex
// translate the IDs of the files.
package curtois

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// maxHorizon bounds the horizon a file may declare (ten years; the benchmark
// goes up to 364 days), so that a corrupt file cannot make Parse allocate
// gigabytes for the per-day tables.
const maxHorizon = 3660

// Instance is one benchmark instance. Its slices are read-only after Parse.
type Instance struct {
	// Name is the file name without extension when read by ParseFile
	// ("Instance1"), empty when read by Parse.
	Name string
	// Horizon is the number of days H; days are 0..H-1 and day 0 is a Monday.
	Horizon int
	// Shifts are the shift types in file order; a shift type index is a
	// position in this slice.
	Shifts []Shift
	// Staff are the staff members in file order; a staff index is a position
	// in this slice.
	Staff []Staff
	// OnRequests are the shift-on requests (soft): staff wants Shift on Day.
	OnRequests []Request
	// OffRequests are the shift-off requests (soft): staff wants not to work
	// Shift on Day.
	OffRequests []Request
	// Cover[d][s] is the cover wanted for shift type s on day d. A (day,
	// shift) pair with no line in the file has the zero Cover: no
	// requirement and no penalty either way.
	Cover [][]Cover

	shiftIndex map[string]int
	staffIndex map[string]int
}

// Shift is a shift type.
type Shift struct {
	ID      string
	Minutes int // length of the shift
	// Forbidden[t] is true when shift type t may not be worked by the same
	// person on the day after this shift (H2). Its length is len(Shifts).
	Forbidden []bool
}

// Staff is one staff member and the hard limits on their roster.
type Staff struct {
	ID string
	// MaxShifts[s] is the maximum number of shifts of type s over the
	// horizon (H3). A type the file does not list for this person has no
	// limit, stored as the horizon length.
	MaxShifts             []int
	MaxTotalMinutes       int // H4
	MinTotalMinutes       int // H5
	MaxConsecutiveShifts  int // H6
	MinConsecutiveShifts  int // H7
	MinConsecutiveDaysOff int // H8
	MaxWeekends           int // H9
	// DayOff[d] is true when the person must not work on day d (H10). Its
	// length is the horizon.
	DayOff []bool
}

// Request is a shift-on or shift-off request: staff member Staff would like
// to work (or not to work) shift type Shift on day Day; Weight is the
// penalty when the wish is not granted.
type Request struct {
	Staff, Day, Shift, Weight int
}

// Cover is the wanted number of people on one shift type on one day, with
// the penalty per missing person (UnderWeight) and per extra person
// (OverWeight).
type Cover struct {
	Requirement, UnderWeight, OverWeight int
}

// ShiftIndex returns the index of the shift type with the given ID.
func (in *Instance) ShiftIndex(id string) (int, bool) {
	if in.shiftIndex != nil {
		i, ok := in.shiftIndex[id]
		return i, ok
	}
	for i := range in.Shifts { // an Instance built by hand has no map
		if in.Shifts[i].ID == id {
			return i, true
		}
	}
	return -1, false
}

// StaffIndex returns the index of the staff member with the given ID.
func (in *Instance) StaffIndex(id string) (int, bool) {
	if in.staffIndex != nil {
		i, ok := in.staffIndex[id]
		return i, ok
	}
	for i := range in.Staff {
		if in.Staff[i].ID == id {
			return i, true
		}
	}
	return -1, false
}

// Weekend returns the index w of the weekend that day belongs to (days 7w+5,
// Saturday, and 7w+6, Sunday, since day 0 is a Monday), or -1 for a weekday.
func Weekend(day int) int {
	if day >= 0 && (day%7 == 5 || day%7 == 6) {
		return day / 7
	}
	return -1
}

// ParseError is an error in an input file, tied to a line (1-based).
type ParseError struct {
	Line    int
	Section string // the instance section being read, if any
	Msg     string
}

func (e *ParseError) Error() string {
	if e.Section != "" {
		return fmt.Sprintf("line %d (%s): %s", e.Line, e.Section, e.Msg)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// The sections of an instance file, in the order they must appear.
const (
	secHorizon     = "SECTION_HORIZON"
	secShifts      = "SECTION_SHIFTS"
	secStaff       = "SECTION_STAFF"
	secDaysOff     = "SECTION_DAYS_OFF"
	secOnRequests  = "SECTION_SHIFT_ON_REQUESTS"
	secOffRequests = "SECTION_SHIFT_OFF_REQUESTS"
	secCover       = "SECTION_COVER"
)

var sectionOrder = []string{secHorizon, secShifts, secStaff, secDaysOff, secOnRequests, secOffRequests, secCover}

// ParseFile reads an instance file; see Parse. Errors start with the path.
func ParseFile(path string) (*Instance, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	inst, err := Parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	inst.Name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return inst, nil
}

// Parse reads an instance in the benchmark's text format: comma-separated
// lines, `#` comment lines, CR characters ignored, seven blocks each
// introduced by a SECTION_ header line and ended by a blank line (or by the
// next header), in a fixed order. Fields are trimmed of surrounding spaces.
// Errors are *ParseError values naming the line and the problem.
func Parse(r io.Reader) (*Instance, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	lines := splitLines(data)
	blocks, err := splitBlocks(lines)
	if err != nil {
		return nil, err
	}
	p := &parser{inst: &Instance{}}
	for i, want := range sectionOrder {
		if i >= len(blocks) {
			return nil, &ParseError{Line: max(len(lines), 1), Msg: "end of input: missing section " + want}
		}
		b := blocks[i]
		if b.name != want {
			if !knownSection(b.name) {
				return nil, &ParseError{Line: b.line, Msg: fmt.Sprintf("unknown section header %q (expected %s)", b.name, want)}
			}
			return nil, &ParseError{Line: b.line, Msg: fmt.Sprintf("found %s where %s was expected (sections missing or out of order)", b.name, want)}
		}
		if err := p.parseSection(b); err != nil {
			return nil, err
		}
	}
	if len(blocks) > len(sectionOrder) {
		b := blocks[len(sectionOrder)]
		return nil, &ParseError{Line: b.line, Msg: fmt.Sprintf("unexpected section %q after %s", b.name, secCover)}
	}
	return p.inst, nil
}

// splitLines splits data into lines with CR characters and a leading UTF-8
// byte order mark removed.
func splitLines(data []byte) []string {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	text := strings.ReplaceAll(string(data), "\r", "")
	text = strings.TrimSuffix(text, "\n")
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n")
}

// isComment reports whether a trimmed line is a comment.
func isComment(s string) bool { return strings.HasPrefix(s, "#") }

// row is one data line of a block, split into trimmed fields.
type row struct {
	line   int
	fields []string
}

// block is a section header and its data lines.
type block struct {
	name string
	line int
	rows []row
}

// splitBlocks groups the data lines under their section headers, dropping
// comments. A data line that does not follow a header (after a blank line,
// or at the start) is an error.
func splitBlocks(lines []string) ([]block, error) {
	var blocks []block
	open := false
	for i, raw := range lines {
		num := i + 1
		s := strings.TrimSpace(raw)
		switch {
		case s == "":
			open = false
		case isComment(s):
		case strings.HasPrefix(s, "SECTION_"):
			blocks = append(blocks, block{name: s, line: num})
			open = true
		case !open:
			return nil, &ParseError{Line: num, Msg: fmt.Sprintf("data line %q outside a section (a blank line ends a section; a SECTION_ header was expected)", clip(s))}
		default:
			b := &blocks[len(blocks)-1]
			b.rows = append(b.rows, row{line: num, fields: splitFields(s)})
		}
	}
	return blocks, nil
}

func knownSection(name string) bool {
	for _, s := range sectionOrder {
		if s == name {
			return true
		}
	}
	return false
}

// splitFields splits a line on commas and trims each field.
func splitFields(s string) []string {
	f := strings.Split(s, ",")
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	return f
}

// clip shortens a string quoted in an error message.
func clip(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// parser holds the instance being built and the section being read, so that
// its helpers can report errors with context.
type parser struct {
	inst    *Instance
	section string
	line    int
}

func (p *parser) errorf(format string, args ...any) error {
	return &ParseError{Line: p.line, Section: p.section, Msg: fmt.Sprintf(format, args...)}
}

// parseSection parses one block into p.inst.
func (p *parser) parseSection(b block) error {
	p.section, p.line = b.name, b.line
	switch b.name {
	case secHorizon:
		return p.horizon(b)
	case secShifts:
		return p.shifts(b)
	case secStaff:
		return p.staff(b)
	case secDaysOff:
		return p.daysOff(b)
	case secOnRequests:
		reqs, err := p.requests(b)
		p.inst.OnRequests = reqs
		return err
	case secOffRequests:
		reqs, err := p.requests(b)
		p.inst.OffRequests = reqs
		return err
	case secCover:
		return p.cover(b)
	}
	return p.errorf("unknown section") // not reached: Parse checks the names
}

func (p *parser) horizon(b block) error {
	if len(b.rows) == 0 {
		return p.errorf("no horizon value")
	}
	if len(b.rows) > 1 {
		p.line = b.rows[1].line
		return p.errorf("more than one line; the section holds a single number of days")
	}
	r := b.rows[0]
	p.line = r.line
	if err := p.wantFields(r, 1, "Horizon"); err != nil {
		return err
	}
	h, err := p.integer(r.fields[0], "horizon")
	if err != nil {
		return err
	}
	if h < 1 || h > maxHorizon {
		return p.errorf("horizon %d out of range 1..%d", h, maxHorizon)
	}
	p.inst.Horizon = h
	return nil
}

func (p *parser) shifts(b block) error {
	in := p.inst
	in.shiftIndex = make(map[string]int)
	followers := make([]string, 0, len(b.rows)) // resolved once all IDs are known
	for _, r := range b.rows {
		p.line = r.line
		if len(r.fields) == 2 { // "D,480" : tolerate a missing trailing comma
			r.fields = append(r.fields, "")
		}
		if err := p.wantFields(r, 3, "ShiftID, LengthInMinutes, ForbiddenFollowers"); err != nil {
			return err
		}
		id := r.fields[0]
		if err := p.checkShiftID(id); err != nil {
			return err
		}
		if _, dup := in.shiftIndex[id]; dup {
			return p.errorf("shift id %q defined twice", id)
		}
		minutes, err := p.count(r.fields[1], "shift length")
		if err != nil {
			return err
		}
		in.shiftIndex[id] = len(in.Shifts)
		in.Shifts = append(in.Shifts, Shift{ID: id, Minutes: minutes})
		followers = append(followers, r.fields[2])
	}
	if len(in.Shifts) == 0 {
		p.line = b.line
		return p.errorf("no shift types")
	}
	for i, list := range followers {
		p.line = b.rows[i].line
		sh := &in.Shifts[i]
		sh.Forbidden = make([]bool, len(in.Shifts))
		if list == "" {
			continue
		}
		for _, id := range strings.Split(list, "|") {
			t, err := p.shiftRef(strings.TrimSpace(id), "forbidden followers")
			if err != nil {
				return err
			}
			sh.Forbidden[t] = true
		}
	}
	return nil
}

// checkShiftID rejects shift IDs that the file or roster formats could not
// represent unambiguously.
func (p *parser) checkShiftID(id string) error {
	switch {
	case id == "":
		return p.errorf("empty shift id")
	case id == "-" || id == ".":
		return p.errorf("shift id %q is reserved: it means a day off in roster files", id)
	case strings.ContainsAny(id, "|="):
		return p.errorf("shift id %q contains '|' or '=', which separate shift ids in SECTION_STAFF", id)
	}
	return nil
}

func (p *parser) staff(b block) error {
	in := p.inst
	in.staffIndex = make(map[string]int)
	for _, r := range b.rows {
		p.line = r.line
		if err := p.wantFields(r, 8, "ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends"); err != nil {
			return err
		}
		f := r.fields
		id := f[0]
		if id == "" {
			return p.errorf("empty staff id")
		}
		if _, dup := in.staffIndex[id]; dup {
			return p.errorf("staff id %q defined twice", id)
		}
		st := Staff{ID: id, DayOff: make([]bool, in.Horizon)}
		var err error
		if st.MaxShifts, err = p.maxShifts(f[1]); err != nil {
			return err
		}
		ints := []struct {
			dst  *int
			name string
		}{
			{&st.MaxTotalMinutes, "MaxTotalMinutes"},
			{&st.MinTotalMinutes, "MinTotalMinutes"},
			{&st.MaxConsecutiveShifts, "MaxConsecutiveShifts"},
			{&st.MinConsecutiveShifts, "MinConsecutiveShifts"},
			{&st.MinConsecutiveDaysOff, "MinConsecutiveDaysOff"},
			{&st.MaxWeekends, "MaxWeekends"},
		}
		for i, x := range ints {
			if *x.dst, err = p.count(f[2+i], x.name); err != nil {
				return err
			}
		}
		in.staffIndex[id] = len(in.Staff)
		in.Staff = append(in.Staff, st)
	}
	if len(in.Staff) == 0 {
		p.line = b.line
		return p.errorf("no staff")
	}
	return nil
}

// maxShifts parses "E=14|L=0" into a per-shift-type table; unlisted types
// get the horizon (no limit).
func (p *parser) maxShifts(field string) ([]int, error) {
	in := p.inst
	limits := make([]int, len(in.Shifts))
	for i := range limits {
		limits[i] = in.Horizon
	}
	if field == "" {
		return limits, nil
	}
	seen := make([]bool, len(in.Shifts))
	for _, pair := range strings.Split(field, "|") {
		id, num, ok := strings.Cut(pair, "=")
		if !ok {
			return nil, p.errorf("MaxShifts entry %q is not ShiftID=count", clip(pair))
		}
		s, err := p.shiftRef(strings.TrimSpace(id), "MaxShifts")
		if err != nil {
			return nil, err
		}
		if seen[s] {
			return nil, p.errorf("MaxShifts lists shift %q twice", in.Shifts[s].ID)
		}
		seen[s] = true
		if limits[s], err = p.count(strings.TrimSpace(num), "MaxShifts["+in.Shifts[s].ID+"]"); err != nil {
			return nil, err
		}
	}
	return limits, nil
}

func (p *parser) daysOff(b block) error {
	for _, r := range b.rows {
		p.line = r.line
		e, err := p.staffRef(r.fields[0])
		if err != nil {
			return err
		}
		for _, f := range r.fields[1:] {
			d, err := p.day(f)
			if err != nil {
				return err
			}
			p.inst.Staff[e].DayOff[d] = true
		}
	}
	return nil
}

func (p *parser) requests(b block) ([]Request, error) {
	reqs := make([]Request, 0, len(b.rows))
	for _, r := range b.rows {
		p.line = r.line
		if err := p.wantFields(r, 4, "EmployeeID, Day, ShiftID, Weight"); err != nil {
			return nil, err
		}
		var q Request
		var err error
		if q.Staff, err = p.staffRef(r.fields[0]); err != nil {
			return nil, err
		}
		if q.Day, err = p.day(r.fields[1]); err != nil {
			return nil, err
		}
		if q.Shift, err = p.shiftRef(r.fields[2], "ShiftID"); err != nil {
			return nil, err
		}
		if q.Weight, err = p.count(r.fields[3], "Weight"); err != nil {
			return nil, err
		}
		reqs = append(reqs, q)
	}
	return reqs, nil
}

func (p *parser) cover(b block) error {
	in := p.inst
	nShifts := len(in.Shifts)
	cells := make([]Cover, in.Horizon*nShifts)
	seen := make([]int, len(cells)) // line number of the cell's line, 0 if none yet
	in.Cover = make([][]Cover, in.Horizon)
	for d := range in.Cover {
		in.Cover[d] = cells[d*nShifts : (d+1)*nShifts : (d+1)*nShifts]
	}
	for _, r := range b.rows {
		p.line = r.line
		if err := p.wantFields(r, 5, "Day, ShiftID, Requirement, WeightForUnder, WeightForOver"); err != nil {
			return err
		}
		d, err := p.day(r.fields[0])
		if err != nil {
			return err
		}
		s, err := p.shiftRef(r.fields[1], "ShiftID")
		if err != nil {
			return err
		}
		if prev := seen[d*nShifts+s]; prev != 0 {
			return p.errorf("second cover line for day %d shift %q (first on line %d)", d, in.Shifts[s].ID, prev)
		}
		seen[d*nShifts+s] = r.line
		c := &in.Cover[d][s]
		if c.Requirement, err = p.count(r.fields[2], "Requirement"); err != nil {
			return err
		}
		if c.UnderWeight, err = p.count(r.fields[3], "WeightForUnder"); err != nil {
			return err
		}
		if c.OverWeight, err = p.count(r.fields[4], "WeightForOver"); err != nil {
			return err
		}
	}
	return nil
}

// wantFields checks the number of fields of a row.
func (p *parser) wantFields(r row, n int, layout string) error {
	if len(r.fields) != n {
		return p.errorf("%d fields, want %d (%s)", len(r.fields), n, layout)
	}
	return nil
}

// integer parses a decimal integer.
func (p *parser) integer(s, what string) (int, error) {
	v, err := strconv.Atoi(s)
	if err != nil {
		return 0, p.errorf("bad integer %q for %s", clip(s), what)
	}
	return v, nil
}

// count parses a non-negative integer (a length, a limit or a weight).
func (p *parser) count(s, what string) (int, error) {
	v, err := p.integer(s, what)
	if err == nil && v < 0 {
		err = p.errorf("negative %s %d", what, v)
	}
	return v, err
}

// day parses a day index and checks it is inside the horizon.
func (p *parser) day(s string) (int, error) {
	d, err := p.integer(s, "day")
	if err != nil {
		return 0, err
	}
	if d < 0 || d >= p.inst.Horizon {
		return 0, p.errorf("day %d out of range 0..%d", d, p.inst.Horizon-1)
	}
	return d, nil
}

func (p *parser) shiftRef(id, where string) (int, error) {
	s, ok := p.inst.ShiftIndex(id)
	if !ok {
		return 0, p.errorf("unknown shift id %q in %s", clip(id), where)
	}
	return s, nil
}

func (p *parser) staffRef(id string) (int, error) {
	e, ok := p.inst.StaffIndex(id)
	if !ok {
		return 0, p.errorf("unknown staff id %q", clip(id))
	}
	return e, nil
}
