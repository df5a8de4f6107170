package curtois

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const dataDir = "../../testdata/curtois"

func tiny1(t testing.TB) *Instance {
	t.Helper()
	inst, err := ParseFile(filepath.Join(dataDir, "fixtures", "Tiny1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

func TestParseTiny1(t *testing.T) {
	inst := tiny1(t)
	if inst.Name != "Tiny1" || inst.Horizon != 7 || len(inst.Shifts) != 2 || len(inst.Staff) != 3 {
		t.Fatalf("got name %q horizon %d, %d shifts, %d staff", inst.Name, inst.Horizon, len(inst.Shifts), len(inst.Staff))
	}
	e, _ := inst.ShiftIndex("E")
	n, _ := inst.ShiftIndex("N")
	if inst.Shifts[n].Minutes != 600 || !inst.Shifts[n].Forbidden[e] || inst.Shifts[n].Forbidden[n] || inst.Shifts[e].Forbidden[n] {
		t.Errorf("shift N = %+v, want 600 minutes and only E forbidden after it", inst.Shifts[n])
	}
	c, ok := inst.StaffIndex("C")
	if !ok {
		t.Fatal("staff C not found")
	}
	wantC := Staff{ID: "C", MaxShifts: []int{5, 0}, MaxTotalMinutes: 1920, MinTotalMinutes: 1680,
		MaxConsecutiveShifts: 5, MinConsecutiveShifts: 1, MinConsecutiveDaysOff: 1, MaxWeekends: 0,
		DayOff: []bool{true, false, false, false, false, false, false}}
	if got := fmt.Sprintf("%+v", inst.Staff[c]); got != fmt.Sprintf("%+v", wantC) {
		t.Errorf("staff C = %s\nwant %+v", got, wantC)
	}
	if len(inst.OnRequests) != 5 || len(inst.OffRequests) != 3 {
		t.Errorf("got %d on / %d off requests, want 5 / 3", len(inst.OnRequests), len(inst.OffRequests))
	}
	if q := inst.OffRequests[1]; q != (Request{Staff: 1, Day: 1, Shift: e, Weight: 2}) {
		t.Errorf("second off request = %+v, want B day 1 E weight 2", q)
	}
	if cv := inst.Cover[3][e]; cv != (Cover{Requirement: 2, UnderWeight: 100, OverWeight: 1}) {
		t.Errorf("cover day 3 E = %+v", cv)
	}
	if _, ok := inst.ShiftIndex("X"); ok {
		t.Error("ShiftIndex found unknown id X")
	}
}

// instanceSizes is the table of section 5 of testdata/curtois/README.md.
var instanceSizes = []struct {
	staff, days, shifts, daysOff, on, off, coverLines, requirement int
}{
	{8, 14, 1, 8, 21, 5, 14, 71},
	{14, 14, 2, 14, 50, 12, 28, 108},
	{20, 14, 3, 20, 39, 25, 42, 154},
	{10, 28, 2, 20, 52, 19, 56, 182},
	{16, 28, 2, 32, 79, 27, 56, 288},
	{18, 28, 3, 36, 87, 48, 84, 299},
	{20, 28, 3, 40, 104, 64, 84, 315},
	{30, 28, 4, 60, 139, 86, 112, 482},
	{36, 28, 4, 72, 144, 88, 112, 410},
	{40, 28, 5, 80, 210, 74, 140, 693},
	{50, 28, 6, 100, 197, 139, 168, 811},
	{60, 28, 10, 120, 294, 128, 280, 1007},
	{120, 28, 18, 240, 589, 252, 504, 1737},
	{32, 42, 4, 128, 266, 93, 168, 692},
	{45, 42, 6, 180, 350, 140, 252, 941},
	{20, 56, 3, 120, 177, 103, 168, 671},
	{32, 56, 4, 160, 351, 129, 224, 1088},
	{22, 84, 3, 176, 322, 92, 252, 1116},
	{40, 84, 5, 320, 587, 247, 420, 1857},
	{50, 182, 6, 900, 1665, 653, 1092, 4468},
	{100, 182, 8, 1800, 3210, 1492, 1456, 8718},
	{50, 364, 10, 1800, 3253, 1385, 3640, 9633},
	{100, 364, 16, 3600, 6549, 2861, 5824, 16079},
	{150, 364, 32, 5400, 9540, 4269, 11648, 22590},
}

func TestParseInstances(t *testing.T) {
	for i, want := range instanceSizes {
		name := fmt.Sprintf("Instance%d", i+1)
		t.Run(name, func(t *testing.T) {
			inst, err := ParseFile(filepath.Join(dataDir, name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			daysOff := 0
			for _, st := range inst.Staff {
				for _, off := range st.DayOff {
					if off {
						daysOff++
					}
				}
			}
			// Parse rejects a second line for a (day, shift) pair, so the
			// cover lines are the pairs with a non-zero entry (all of them
			// in the data: the weights are never zero).
			coverLines, requirement := 0, 0
			for _, day := range inst.Cover {
				for _, cv := range day {
					if cv != (Cover{}) {
						coverLines++
					}
					requirement += cv.Requirement
				}
			}
			got := [8]int{len(inst.Staff), inst.Horizon, len(inst.Shifts), daysOff,
				len(inst.OnRequests), len(inst.OffRequests), coverLines, requirement}
			exp := [8]int{want.staff, want.days, want.shifts, want.daysOff, want.on, want.off, want.coverLines, want.requirement}
			if got != exp {
				t.Errorf("staff, days, shifts, days-off, on, off, cover lines, Σ requirement =\n got %v\nwant %v", got, exp)
			}
			if inst.Name != name {
				t.Errorf("Name = %q, want %q", inst.Name, name)
			}
		})
	}
}

func TestWeekend(t *testing.T) {
	for day, want := range map[int]int{0: -1, 4: -1, 5: 0, 6: 0, 7: -1, 12: 1, 13: 1, 363: 51, -2: -1} {
		if got := Weekend(day); got != want {
			t.Errorf("Weekend(%d) = %d, want %d", day, got, want)
		}
	}
}

// tinyText is a small valid instance that the error tests below break one
// line at a time.
const tinyText = `SECTION_HORIZON
7

SECTION_SHIFTS
E,480,
N,600,E

SECTION_STAFF
A,E=7|N=2,2400,1440,3,2,2,1

SECTION_DAYS_OFF
A,3

SECTION_SHIFT_ON_REQUESTS
A,0,E,2

SECTION_SHIFT_OFF_REQUESTS
A,5,E,3

SECTION_COVER
0,E,1,100,1
`

func TestParseErrors(t *testing.T) {
	if _, err := Parse(strings.NewReader(tinyText)); err != nil {
		t.Fatalf("base text does not parse: %v", err)
	}
	tests := []struct {
		name, old, new string
		line           int
		want           string // substring of the message
	}{
		{"unknown shift in request", "A,0,E,2", "A,0,X,2", 15, `unknown shift id "X"`},
		{"unknown follower", "N,600,E", "N,600,E|Q", 6, `unknown shift id "Q" in forbidden followers`},
		{"unknown shift in MaxShifts", "E=7|N=2", "E=7|L=2", 9, `unknown shift id "L" in MaxShifts`},
		{"unknown staff", "A,3\n", "B,3\n", 12, `unknown staff id "B"`},
		{"day out of range", "A,5,E,3", "A,7,E,3", 18, "day 7 out of range 0..6"},
		{"bad integer", "2400,1440", "2400,14x0", 9, `bad integer "14x0" for MinTotalMinutes`},
		{"negative weight", "A,0,E,2", "A,0,E,-2", 15, "negative Weight -2"},
		{"wrong field count", "0,E,1,100,1", "0,E,1,100", 21, "4 fields, want 5"},
		{"duplicate cover", "0,E,1,100,1\n", "0,E,1,100,1\n0,E,2,100,1\n", 22, "second cover line for day 0 shift \"E\" (first on line 21)"},
		{"duplicate shift", "N,600,E", "E,600,E", 6, `shift id "E" defined twice`},
		{"horizon zero", "HORIZON\n7", "HORIZON\n0", 2, "horizon 0 out of range"},
		{"missing section", "SECTION_DAYS_OFF\nA,3\n\n", "", 11, "found SECTION_SHIFT_ON_REQUESTS where SECTION_DAYS_OFF was expected"},
		{"missing last section", "SECTION_COVER\n0,E,1,100,1\n", "", 19, "end of input: missing section SECTION_COVER"},
		{"unknown section", "SECTION_DAYS_OFF", "SECTION_HOLIDAYS", 11, `unknown section header "SECTION_HOLIDAYS"`},
		{"data after blank line", "A,3\n", "A,3\n\nA,4\n", 14, `data line "A,4" outside a section`},
		{"reserved shift id", "N,600,E", "-,600,E", 6, `shift id "-" is reserved`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Replace(tinyText, tc.old, tc.new, 1)
			if text == tinyText {
				t.Fatalf("test case does not change the text")
			}
			_, err := Parse(strings.NewReader(text))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got error %v, want a *ParseError", err)
			}
			if pe.Line != tc.line || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %q (line %d), want line %d and %q", err, pe.Line, tc.line, tc.want)
			}
			if !strings.HasPrefix(err.Error(), fmt.Sprintf("line %d", tc.line)) {
				t.Errorf("message %q does not start with the line number", err)
			}
		})
	}
}

func TestParseCRLFAndComments(t *testing.T) {
	text := "\uFEFF# leading comment\r\n" + strings.ReplaceAll(tinyText, "\n", "\r\n")
	text = strings.Replace(text, "SECTION_STAFF\r\n", "SECTION_STAFF\r\n   # indented comment\r\n", 1)
	inst, err := Parse(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if inst.Staff[0].ID != "A" || inst.Shifts[1].ID != "N" {
		t.Errorf("ids not clean: staff %q, shift %q", inst.Staff[0].ID, inst.Shifts[1].ID)
	}
}

func TestParseFileErrorNamesPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.txt")
	if err := os.WriteFile(path, []byte("SECTION_HORIZON\nseven\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ParseFile(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+": line 2") || !strings.Contains(err.Error(), `bad integer "seven"`) {
		t.Errorf("got %v", err)
	}
}

// FuzzParse checks that Parse never panics and that whatever it accepts is
// consistent enough for Check to run on an empty roster.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(dataDir, "Instance*.txt"))
	seeds = append(seeds, filepath.Join(dataDir, "fixtures", "Tiny1.txt"))
	for _, path := range seeds {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(tinyText))
	f.Fuzz(func(t *testing.T, data []byte) {
		inst, err := Parse(strings.NewReader(string(data)))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			return
		}
		if inst.Horizon < 1 || len(inst.Shifts) == 0 || len(inst.Staff) == 0 || len(inst.Cover) != inst.Horizon {
			t.Fatalf("accepted an instance of bad shape: horizon %d, %d shifts, %d staff, %d cover days",
				inst.Horizon, len(inst.Shifts), len(inst.Staff), len(inst.Cover))
		}
		Check(inst, NewRoster(inst))
	})
}
