package store

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gorm.io/gorm"
)

// An interrupter stops a write after its nth INSERT statement, the way a
// killed process or a failing disk would: by cancelling the write's context,
// or by failing the statement.
type interrupter struct {
	mu     sync.Mutex
	after  int // 0: never
	count  int
	fail   bool
	cancel context.CancelFunc
}

var errInjected = errors.New("injected failure")

// interrupt registers the interrupter on the store's INSERTs.
func interrupt(t testing.TB, s *Store) *interrupter {
	t.Helper()
	in := &interrupter{}
	err := s.db.Callback().Create().After("gorm:create").Register("garde_test:interrupt", func(db *gorm.DB) {
		in.mu.Lock()
		defer in.mu.Unlock()
		in.count++
		if in.after == 0 || in.count != in.after {
			return
		}
		if in.fail {
			db.AddError(errInjected)
		} else {
			in.cancel()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// arm sets the next write to stop after its nth INSERT and returns the
// context to give it.
func (in *interrupter) arm(n int, fail bool) context.Context {
	in.mu.Lock()
	defer in.mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	in.after, in.count, in.fail, in.cancel = n, 0, fail, cancel
	return ctx
}

func (in *interrupter) inserts() int {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.count
}

// stopEverywhere runs write once per INSERT it makes, stopping it after the
// 1st, the 2nd, ... INSERT, and checks each time that it failed and that the
// database is exactly as before. The last run, which nothing stops, must
// succeed. It returns how many runs were stopped.
func stopEverywhere(t *testing.T, s *Store, in *interrupter, fail bool, write func(ctx context.Context) error) int {
	t.Helper()
	before := snapshot(t, s)
	for n := 1; ; n++ {
		err := write(in.arm(n, fail))
		if in.inserts() < n { // finished before the nth INSERT: nothing stopped it
			if err != nil {
				t.Fatalf("the uninterrupted write failed: %v", err)
			}
			return n - 1
		}
		want := context.Canceled
		if fail {
			want = errInjected
		}
		if !errors.Is(err, want) {
			t.Fatalf("stopped after INSERT %d: got %v, want %v", n, err, want)
		}
		if d := cmp.Diff(before, snapshot(t, s)); d != "" {
			t.Fatalf("stopped after INSERT %d, the write left rows behind:\n%s", n, d)
		}
	}
}

// An import stopped anywhere leaves no half-written revision.
func testInterruptedImport(t *testing.T, b backend) {
	for _, fail := range []bool{false, true} {
		for _, path := range []string{"testdata/all-optional.json", "../fixtures/tiny.json"} {
			name := map[bool]string{false: "cancelled/", true: "failed/"}[fail] + path
			t.Run(name, func(t *testing.T) {
				s, _ := withTiny(t, b, Options{})
				_, ter := readTerritory(t, path)
				ter.Info.Name = "changed" // for tiny.json: a new revision, not a no-op
				in := interrupt(t, s)
				stopped := stopEverywhere(t, s, in, fail, func(ctx context.Context) error {
					_, err := s.ImportTerritory(ctx, ter)
					return err
				})
				if stopped < 10 {
					t.Errorf("the import was stopped at only %d points", stopped)
				}
				got, _, err := s.ExportTerritory(context.Background(), ter.Info.ID, 0)
				if err != nil {
					t.Fatal(err)
				}
				if d := cmp.Diff(ter, got, sameTerritory); d != "" {
					t.Errorf("after the interrupted attempts, the import stored:\n%s", d)
				}
			})
		}
	}
}

// A version save stopped anywhere leaves no half-written version.
func testInterruptedSave(t *testing.T, b backend) {
	for _, fail := range []bool{false, true} {
		for _, base := range []int{0, 1} {
			name := map[bool]string{false: "cancelled", true: "failed"}[fail] + map[int]string{0: "/first", 1: "/second"}[base]
			t.Run(name, func(t *testing.T) {
				s, ter := withTiny(t, b, Options{})
				if base == 1 {
					save(t, s, rotaFor(t, ter, jan, 0), SaveOptions{})
				}
				r := bigRota(jan, 3*insertBatch+7)
				in := interrupt(t, s)
				stopped := stopEverywhere(t, s, in, fail, func(ctx context.Context) error {
					_, err := s.SaveVersion(ctx, r, SaveOptions{Base: base})
					return err
				})
				if stopped < 6 { // rota, version, 4 batches of assignments
					t.Errorf("the save was stopped at only %d points", stopped)
				}
				got, _, err := s.Version(context.Background(), jan, base+1)
				if err != nil {
					t.Fatal(err)
				}
				if d := cmp.Diff(r, got); d != "" {
					t.Errorf("after the interrupted attempts, the save stored:\n%s", d)
				}
			})
		}
	}
}
