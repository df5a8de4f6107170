package curtois

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Roster is a solution: Shifts[e][d] lists the shift type indices staff
// member e works on day d. An empty list is a day off. A feasible roster has
// at most one shift per day; the XML format can express more, and Check
// reports that as H1.
type Roster struct {
	Shifts [][][]int
}

// NewRoster returns a roster for inst in which everybody is off every day.
func NewRoster(inst *Instance) *Roster {
	r := &Roster{Shifts: make([][][]int, len(inst.Staff))}
	for e := range r.Shifts {
		r.Shifts[e] = make([][]int, inst.Horizon)
	}
	return r
}

// Validate checks that r has one row per staff member of inst, one entry
// per day, and only valid shift type indices.
func (r *Roster) Validate(inst *Instance) error {
	if len(r.Shifts) != len(inst.Staff) {
		return fmt.Errorf("roster has %d staff rows, instance has %d staff", len(r.Shifts), len(inst.Staff))
	}
	for e, days := range r.Shifts {
		if len(days) != inst.Horizon {
			return fmt.Errorf("staff %s: roster has %d days, horizon is %d", inst.Staff[e].ID, len(days), inst.Horizon)
		}
		for d, shifts := range days {
			for _, s := range shifts {
				if s < 0 || s >= len(inst.Shifts) {
					return fmt.Errorf("staff %s day %d: shift index %d out of range 0..%d", inst.Staff[e].ID, d, s, len(inst.Shifts)-1)
				}
			}
		}
	}
	return nil
}

// ReadGrid reads a roster in the CSV grid format: one line per staff member,
// `StaffID,c0,...,c{H-1}`, where cell d is the shift ID worked on day d and
// an empty cell, `-` or `.` is a day off. Lines starting with `#`, blank
// lines, and a first line whose first cell is `staff` (a header) are
// skipped. Every staff member of inst must appear exactly once, in any
// order. Errors are *ParseError values naming the line.
func ReadGrid(r io.Reader, inst *Instance) (*Roster, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	lines := splitLines(data)
	ros := NewRoster(inst)
	seenAt := make([]int, len(inst.Staff)) // line of each staff member's row, 0 if none yet
	first := true
	for i, raw := range lines {
		num := i + 1
		s := strings.TrimSpace(raw)
		if s == "" || isComment(s) {
			continue
		}
		cells := splitFields(s)
		if first && cells[0] == "staff" {
			first = false
			continue
		}
		first = false
		e, ok := inst.StaffIndex(cells[0])
		if !ok {
			return nil, &ParseError{Line: num, Msg: fmt.Sprintf("unknown staff id %q", clip(cells[0]))}
		}
		if seenAt[e] != 0 {
			return nil, &ParseError{Line: num, Msg: fmt.Sprintf("second line for staff %s (first on line %d)", cells[0], seenAt[e])}
		}
		seenAt[e] = num
		if got := len(cells) - 1; got != inst.Horizon {
			return nil, &ParseError{Line: num, Msg: fmt.Sprintf("staff %s has %d day cells, want %d (the horizon)", cells[0], got, inst.Horizon)}
		}
		for d, cell := range cells[1:] {
			if cell == "" || cell == "-" || cell == "." {
				continue
			}
			sh, ok := inst.ShiftIndex(cell)
			if !ok {
				return nil, &ParseError{Line: num, Msg: fmt.Sprintf("staff %s day %d: unknown shift id %q", cells[0], d, clip(cell))}
			}
			ros.Shifts[e][d] = []int{sh}
		}
	}
	var missing []string
	for e, at := range seenAt {
		if at == 0 {
			missing = append(missing, inst.Staff[e].ID)
		}
	}
	if len(missing) > 0 {
		return nil, &ParseError{Line: max(len(lines), 1), Msg: fmt.Sprintf("end of input: no line for staff %s", clip(strings.Join(missing, ", ")))}
	}
	return ros, nil
}

// WriteGrid writes r in the CSV grid format read by ReadGrid: a header line
// `staff,d0,...`, then one line per staff member in instance order, with LF
// line endings. It fails if r does not fit inst or has a day with two or
// more shifts, which the grid cannot hold.
func WriteGrid(w io.Writer, inst *Instance, r *Roster) error {
	if err := r.Validate(inst); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("staff")
	for d := 0; d < inst.Horizon; d++ {
		bw.WriteString(",d")
		bw.WriteString(strconv.Itoa(d))
	}
	bw.WriteByte('\n')
	for e, days := range r.Shifts {
		bw.WriteString(inst.Staff[e].ID)
		for d, shifts := range days {
			if len(shifts) > 1 {
				return fmt.Errorf("staff %s day %d has %d shifts; the grid format holds at most one", inst.Staff[e].ID, d, len(shifts))
			}
			bw.WriteByte(',')
			if len(shifts) == 1 {
				bw.WriteString(inst.Shifts[shifts[0]].ID)
			}
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// xmlAssign is one <Assign><Day>d</Day><Shift>s</Shift></Assign> element.
type xmlAssign struct {
	Day   *string `xml:"Day"`
	Shift *string `xml:"Shift"`
}

// ReadXML reads a roster in the benchmark's XML format:
//
//	<Roster><Employee ID="A"><Assign><Day>0</Day><Shift>D</Shift></Assign>…</Employee>…</Roster>
//
// Every <Assign> is one assignment, so a day can get two or more shifts
// (Check reports that as H1). Staff members without an <Employee> element
// are off every day; several <Employee> elements for one person add up.
// Other elements (<SchedulingPeriodFile>, <Penalty>, …) are ignored.
// Errors about the content are *ParseError values naming the line.
func ReadXML(r io.Reader, inst *Instance) (*Roster, error) {
	dec := xml.NewDecoder(r)
	ros := NewRoster(inst)
	depth := 0
	sawRoot := false
	employee := -1 // staff index of the enclosing <Employee>, -1 outside one
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("xml roster: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, _ := dec.InputPos()
			depth++
			switch {
			case depth == 1 && t.Name.Local != "Roster":
				return nil, &ParseError{Line: line, Msg: fmt.Sprintf("root element is <%s>, want <Roster>", t.Name.Local)}
			case depth == 1:
				sawRoot = true
			case depth == 2 && t.Name.Local == "Employee":
				id, ok := attr(t, "ID")
				if !ok {
					return nil, &ParseError{Line: line, Msg: "<Employee> without an ID attribute"}
				}
				if employee, ok = inst.StaffIndex(strings.TrimSpace(id)); !ok {
					return nil, &ParseError{Line: line, Msg: fmt.Sprintf("unknown staff id %q", clip(id))}
				}
			case depth == 3 && employee >= 0 && t.Name.Local == "Assign":
				var a xmlAssign
				if err := dec.DecodeElement(&a, &t); err != nil {
					return nil, fmt.Errorf("xml roster: line %d: %w", line, err)
				}
				depth-- // DecodeElement consumed the end tag
				d, s, err := assignment(inst, a)
				if err != nil {
					return nil, &ParseError{Line: line, Msg: fmt.Sprintf("staff %s: %v", inst.Staff[employee].ID, err)}
				}
				ros.Shifts[employee][d] = append(ros.Shifts[employee][d], s)
			}
		case xml.EndElement:
			depth--
			if depth == 1 {
				employee = -1
			}
		}
	}
	if !sawRoot {
		return nil, errors.New("xml roster: no <Roster> element")
	}
	return ros, nil
}

// attr returns the value of the attribute with the given local name.
func attr(t xml.StartElement, name string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// assignment resolves the day and shift of an <Assign> element.
func assignment(inst *Instance, a xmlAssign) (day, shift int, err error) {
	if a.Day == nil || a.Shift == nil {
		return 0, 0, errors.New("<Assign> needs both <Day> and <Shift>")
	}
	day, err = strconv.Atoi(strings.TrimSpace(*a.Day))
	if err != nil {
		return 0, 0, fmt.Errorf("bad integer %q for <Day>", clip(*a.Day))
	}
	if day < 0 || day >= inst.Horizon {
		return 0, 0, fmt.Errorf("day %d out of range 0..%d", day, inst.Horizon-1)
	}
	shift, ok := inst.ShiftIndex(strings.TrimSpace(*a.Shift))
	if !ok {
		return 0, 0, fmt.Errorf("day %d: unknown shift id %q", day, clip(*a.Shift))
	}
	return day, shift, nil
}
