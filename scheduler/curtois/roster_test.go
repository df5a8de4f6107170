package curtois

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// roundTrip writes r as a grid, reads it back, and checks nothing changed,
// including the text written a second time.
func roundTrip(t *testing.T, inst *Instance, r *Roster) {
	t.Helper()
	var first, second bytes.Buffer
	if err := WriteGrid(&first, inst, r); err != nil {
		t.Fatal(err)
	}
	back, err := ReadGrid(bytes.NewReader(first.Bytes()), inst)
	if err != nil {
		t.Fatalf("reading back: %v\n%s", err, first.String())
	}
	if !reflect.DeepEqual(back, r) {
		t.Fatalf("roster changed in the round trip:\n%s", first.String())
	}
	if err := WriteGrid(&second, inst, back); err != nil {
		t.Fatal(err)
	}
	if first.String() != second.String() {
		t.Fatalf("second write differs:\n%s\n---\n%s", first.String(), second.String())
	}
}

func TestGridRoundTripFixtures(t *testing.T) {
	inst := tiny1(t)
	paths, _ := filepath.Glob(filepath.Join(dataDir, "fixtures", "Tiny1.*.sol.csv"))
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		r, err := ReadGrid(f, inst)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		roundTrip(t, inst, r)
	}
}

func TestGridRoundTripRandom(t *testing.T) {
	inst, err := ParseFile(filepath.Join(dataDir, "Instance13.txt"))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	r := NewRoster(inst)
	for e := range r.Shifts {
		for d := range r.Shifts[e] {
			if s := rng.IntN(len(inst.Shifts) + 2); s < len(inst.Shifts) {
				r.Shifts[e][d] = []int{s}
			}
		}
	}
	roundTrip(t, inst, r)
}

func TestReadGridVariants(t *testing.T) {
	inst := tiny1(t)
	// CRLF, spaces around cells, '-' and '.' for days off, comments and
	// blank lines anywhere, any staff order, no header.
	text := "# comment\r\n\r\nC , ,E,E,E,E,-,.\r\n  # indented comment\r\nB,,N,N,,,N,N\r\n\r\nA,E,E,,,E,E,\r\n"
	r, err := ReadGrid(strings.NewReader(text), inst)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(filepath.Join(dataDir, "fixtures", "Tiny1.feasible.sol.csv"))
	defer f.Close()
	want, err := ReadGrid(f, inst)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("got %v, want %v", r.Shifts, want.Shifts)
	}
}

func TestReadGridErrors(t *testing.T) {
	inst := tiny1(t)
	const good = "staff,d0,d1,d2,d3,d4,d5,d6\nA,E,E,,,E,E,\nB,,N,N,,,N,N\nC,,E,E,E,E,,\n"
	if _, err := ReadGrid(strings.NewReader(good), inst); err != nil {
		t.Fatalf("base grid: %v", err)
	}
	tests := []struct {
		name, old, new string
		line           int
		want           string
	}{
		{"unknown staff", "B,,N", "Q,,N", 3, `unknown staff id "Q"`},
		{"staff twice", "C,,E,E,E,E,,\n", "C,,E,E,E,E,,\nA,,,,,,,\n", 5, "second line for staff A (first on line 2)"},
		{"too few cells", "B,,N,N,,,N,N", "B,,N,N,,,N", 3, "staff B has 6 day cells, want 7"},
		{"too many cells", "B,,N,N,,,N,N", "B,,N,N,,,N,N,", 3, "staff B has 8 day cells, want 7"},
		{"unknown shift", "B,,N,N,", "B,,N,X,", 3, `staff B day 2: unknown shift id "X"`},
		{"missing staff", "B,,N,N,,,N,N\n", "", 3, "end of input: no line for staff B"},
		{"header not first", "staff,d0,d1,d2,d3,d4,d5,d6\nA,E,E,,,E,E,\n", "A,E,E,,,E,E,\nstaff,d0,d1,d2,d3,d4,d5,d6\n", 2, `unknown staff id "staff"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Replace(good, tc.old, tc.new, 1)
			_, err := ReadGrid(strings.NewReader(text), inst)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got error %v, want a *ParseError", err)
			}
			if pe.Line != tc.line || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %q, want line %d and %q", err, tc.line, tc.want)
			}
		})
	}
}

func TestReadXMLTwoShifts(t *testing.T) {
	inst := tiny1(t)
	f, err := os.Open(filepath.Join(dataDir, "fixtures", "Tiny1.feasible-dup.sol.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := ReadXML(f, inst)
	if err != nil {
		t.Fatal(err)
	}
	e, n := 0, 1 // shift indices of E and N
	if got := r.Shifts[0][0]; !reflect.DeepEqual(got, []int{e, n}) {
		t.Errorf("A day 0 = %v, want [E N]", got)
	}
	if got := r.Shifts[2][3]; !reflect.DeepEqual(got, []int{e}) {
		t.Errorf("C day 3 = %v, want [E]", got)
	}
	err = WriteGrid(&bytes.Buffer{}, inst, r)
	if err == nil || !strings.Contains(err.Error(), "staff A day 0 has 2 shifts") {
		t.Errorf("WriteGrid of a two-shift day: got %v", err)
	}
}

func TestReadXMLErrors(t *testing.T) {
	inst := tiny1(t)
	const good = `<?xml version="1.0"?>
<Roster>
  <Employee ID="A">
    <Assign><Day>0</Day><Shift>E</Shift></Assign>
  </Employee>
</Roster>
`
	if _, err := ReadXML(strings.NewReader(good), inst); err != nil {
		t.Fatalf("base roster: %v", err)
	}
	tests := []struct {
		name, old, new string
		line           int // 0: not a *ParseError
		want           string
	}{
		{"unknown staff", `ID="A"`, `ID="Q"`, 3, `unknown staff id "Q"`},
		{"no ID", `ID="A"`, `Name="A"`, 3, "<Employee> without an ID attribute"},
		{"day out of range", "<Day>0</Day>", "<Day>7</Day>", 4, "staff A: day 7 out of range 0..6"},
		{"bad day", "<Day>0</Day>", "<Day>zero</Day>", 4, `staff A: bad integer "zero" for <Day>`},
		{"unknown shift", "<Shift>E</Shift>", "<Shift>X</Shift>", 4, `staff A: day 0: unknown shift id "X"`},
		{"no shift", "<Shift>E</Shift>", "", 4, "<Assign> needs both <Day> and <Shift>"},
		{"wrong root", "Roster>", "Solution>", 2, "root element is <Solution>, want <Roster>"},
		{"malformed", "</Employee>", "</Employe>", 0, "xml roster: XML syntax error on line 5"},
		{"empty", good, "", 0, "xml roster: no <Roster> element"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.ReplaceAll(good, tc.old, tc.new)
			_, err := ReadXML(strings.NewReader(text), inst)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
			var pe *ParseError
			if tc.line != 0 && (!errors.As(err, &pe) || pe.Line != tc.line) {
				t.Errorf("got %q, want a *ParseError on line %d", err, tc.line)
			}
		})
	}
}

// FuzzReadGrid checks that ReadGrid never panics and that what it accepts
// survives a write/read round trip.
func FuzzReadGrid(f *testing.F) {
	inst := tiny1(f)
	paths, _ := filepath.Glob(filepath.Join(dataDir, "fixtures", "Tiny1.*.sol.csv"))
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadGrid(bytes.NewReader(data), inst)
		if err != nil {
			return
		}
		roundTrip(t, inst, r)
		Check(inst, r)
	})
}

// FuzzReadXML checks that ReadXML never panics and that Check accepts what
// it returns.
func FuzzReadXML(f *testing.F) {
	inst := tiny1(f)
	data, err := os.ReadFile(filepath.Join(dataDir, "fixtures", "Tiny1.feasible-dup.sol.xml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		if r, err := ReadXML(bytes.NewReader(data), inst); err == nil {
			Check(inst, r)
		}
	})
}
