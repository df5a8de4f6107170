package scheduler

import (
	"encoding/json"
	"reflect"
	"testing"
)

func rotaOf(pairs ...string) *Rota {
	r := &Rota{Format: RotaFormat, Territory: "t", From: DateOf(2027, 1, 1), To: DateOf(2027, 2, 1), Assignments: []Assignment{}}
	for i := 0; i+1 < len(pairs); i += 2 {
		r.Assignments = append(r.Assignments, Assignment{Shift: pairs[i], Doctor: pairs[i+1]})
	}
	return r
}

func TestDiffRotas(t *testing.T) {
	const n1, n2, n3 = "l/nuit/2027-01-01T18:30", "l/nuit/2027-01-02T18:30", "l/nuit/2027-01-03T18:30"
	none := RotaDiff{Added: []Assignment{}, Removed: []Assignment{}, Moved: []Move{}}
	with := func(f func(d *RotaDiff)) RotaDiff {
		d := RotaDiff{Added: []Assignment{}, Removed: []Assignment{}, Moved: []Move{}}
		f(&d)
		return d
	}
	tests := []struct {
		name string
		a, b *Rota
		want RotaDiff
	}{
		{"identical", rotaOf(n1, "d1", n2, "d2"), rotaOf(n1, "d1", n2, "d2"), none},
		{"file order does not matter", rotaOf(n1, "d1", n2, "d2"), rotaOf(n2, "d2", n1, "d1"), none},
		{"added", rotaOf(n1, "d1"), rotaOf(n1, "d1", n2, "d2"), with(func(d *RotaDiff) {
			d.Added = []Assignment{{n2, "d2"}}
		})},
		{"removed", rotaOf(n1, "d1", n2, "d2"), rotaOf(n2, "d2"), with(func(d *RotaDiff) {
			d.Removed = []Assignment{{n1, "d1"}}
		})},
		{"moved", rotaOf(n1, "d1", n2, "d2"), rotaOf(n1, "d3", n2, "d2"), with(func(d *RotaDiff) {
			d.Moved = []Move{{Shift: n1, From: "d1", To: "d3"}}
		})},
		{"two seats, one changes hands", rotaOf(n1, "d1", n1, "d2"), rotaOf(n1, "d2", n1, "d3"), with(func(d *RotaDiff) {
			d.Moved = []Move{{Shift: n1, From: "d1", To: "d3"}}
		})},
		{"two seats, both change, paired in file order", rotaOf(n1, "d1", n1, "d2"), rotaOf(n1, "d4", n1, "d3"), with(func(d *RotaDiff) {
			d.Moved = []Move{{Shift: n1, From: "d1", To: "d4"}, {Shift: n1, From: "d2", To: "d3"}}
		})},
		{"move plus an extra seat", rotaOf(n1, "d1"), rotaOf(n1, "d2", n1, "d3"), with(func(d *RotaDiff) {
			d.Moved = []Move{{Shift: n1, From: "d1", To: "d2"}}
			d.Added = []Assignment{{n1, "d3"}}
		})},
		{"repeated assignment counts twice", rotaOf(n1, "d1", n1, "d1"), rotaOf(n1, "d1"), with(func(d *RotaDiff) {
			d.Removed = []Assignment{{n1, "d1"}}
		})},
		{"sorted by shift key", rotaOf(n3, "d1", n1, "d1"), rotaOf(n2, "d1"), with(func(d *RotaDiff) {
			d.Removed = []Assignment{{n1, "d1"}, {n3, "d1"}}
			d.Added = []Assignment{{n2, "d1"}}
		})},
		{"nil old rota: everything added", nil, rotaOf(n1, "d1"), with(func(d *RotaDiff) {
			d.Added = []Assignment{{n1, "d1"}}
		})},
		{"nil new rota: everything removed", rotaOf(n1, "d1"), nil, with(func(d *RotaDiff) {
			d.Removed = []Assignment{{n1, "d1"}}
		})},
		{"both nil", nil, nil, none},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := DiffRotas(tc.a, tc.b)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("DiffRotas:\n got %+v\nwant %+v", got, tc.want)
			}
			if got.Empty() != (len(tc.want.Added)+len(tc.want.Removed)+len(tc.want.Moved) == 0) {
				t.Errorf("Empty() = %v for %+v", got.Empty(), got)
			}
		})
	}
}

// Diffing b against a gives the inverse diff: additions become removals and
// every move goes back.
func TestDiffRotasIsSymmetric(t *testing.T) {
	a := rotaOf("l/n/2027-01-01T18:30", "d1", "l/n/2027-01-02T18:30", "d2", "l/n/2027-01-02T18:30", "d3")
	b := rotaOf("l/n/2027-01-01T18:30", "d4", "l/n/2027-01-03T18:30", "d2", "l/n/2027-01-02T18:30", "d3")
	ab, ba := DiffRotas(a, b), DiffRotas(b, a)
	if !reflect.DeepEqual(ab.Added, ba.Removed) || !reflect.DeepEqual(ab.Removed, ba.Added) {
		t.Errorf("added and removed are not swapped:\n a->b %+v\n b->a %+v", ab, ba)
	}
	if len(ab.Moved) != len(ba.Moved) {
		t.Fatalf("moves differ: %+v vs %+v", ab.Moved, ba.Moved)
	}
	for i, m := range ab.Moved {
		if back := ba.Moved[i]; back.Shift != m.Shift || back.From != m.To || back.To != m.From {
			t.Errorf("move %+v is not undone by %+v", m, back)
		}
	}
}

// The lists encode as [] rather than null, so an API client sees three lists.
func TestDiffRotasEncodesEmptyLists(t *testing.T) {
	b, err := json.Marshal(DiffRotas(nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"added":[],"removed":[],"moved":[]}`; string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
}
