package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"garde/scheduler"

	"github.com/google/go-cmp/cmp"
)

var (
	jan = RotaKey{Territory: "bordeaux-sud", From: scheduler.DateOf(2027, 1, 1), To: scheduler.DateOf(2027, 2, 1)}
	feb = RotaKey{Territory: "bordeaux-sud", From: scheduler.DateOf(2027, 2, 1), To: scheduler.DateOf(2027, 3, 1)}
)

// withTiny opens a migrated store holding fixtures/tiny.json, territory
// "bordeaux-sud".
func withTiny(t testing.TB, b backend, opt Options) (*Store, *scheduler.Territory) {
	t.Helper()
	s := b.migrated(t, opt)
	ter, _ := importFile(t, s, "../fixtures/tiny.json")
	return s, ter
}

// rotaFor makes a rota of key over the territory's real shifts, doctors
// taken in turn from the shift's position plus offset: different offsets
// make different rotas.
func rotaFor(t testing.TB, ter *scheduler.Territory, key RotaKey, offset int) *scheduler.Rota {
	t.Helper()
	shifts, err := ter.Shifts(key.From, key.To)
	if err != nil {
		t.Fatal(err)
	}
	r := &scheduler.Rota{Format: scheduler.RotaFormat, Territory: key.Territory, From: key.From, To: key.To}
	for i, sh := range shifts {
		r.Assignments = append(r.Assignments, scheduler.Assignment{Shift: sh.Key, Doctor: ter.Doctors[(i+offset)%len(ter.Doctors)].ID})
	}
	return r
}

func save(t testing.TB, s *Store, r *scheduler.Rota, opt SaveOptions) VersionInfo {
	t.Helper()
	v, err := s.SaveVersion(context.Background(), r, opt)
	if err != nil {
		t.Fatalf("save: %v", err)
	}
	return v
}

func testSaveAndPublish(t *testing.T, b backend) {
	s, ter := withTiny(t, b, Options{})
	ctx := context.Background()
	r1 := rotaFor(t, ter, jan, 0)
	r1.Score = &scheduler.Score{U: 2, F: 12.5, K: 0.1 + 0.2, P: 3, S: 4, T: 1e-9, C: 5, Total: 2_000_123.456789}
	seed := int64(0)
	prov := Provenance{SolverVersion: "garde 0.3.0", Seed: &seed, TimeLimit: 30 * time.Second, InputHash: "sha256:abc", Duration: 1234 * time.Millisecond}
	v1 := save(t, s, r1, SaveOptions{Provenance: prov})
	if v1.Version != 1 || v1.Status != Draft || v1.BasedOn != 0 || v1.TerritoryRevision != 1 || v1.Assignments != len(r1.Assignments) {
		t.Errorf("first save: %+v", v1)
	}
	r2 := rotaFor(t, ter, jan, 1)
	r2.Assignments = r2.Assignments[:len(r2.Assignments)-3]
	v2 := save(t, s, r2, SaveOptions{Base: 1})

	versions, err := s.Versions(ctx, jan)
	if err != nil || len(versions) != 2 {
		t.Fatalf("versions: %+v, %v", versions, err)
	}
	if d := cmp.Diff([]VersionInfo{v1, v2}, versions); d != "" {
		t.Errorf("listed versions differ from saved ones:\n%s", d)
	}
	if d := cmp.Diff(prov, versions[0].Provenance); d != "" {
		t.Errorf("provenance:\n%s", d)
	}
	if versions[1].Score != nil || versions[1].Provenance != (Provenance{}) {
		t.Errorf("version 2 had no score and no provenance: %+v", versions[1])
	}

	// Each version exports as the rota file it was saved from.
	for n, want := range map[int]*scheduler.Rota{1: r1, 2: r2} {
		got, info, err := s.Version(ctx, jan, n)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("version %d differs:\n%s", n, d)
		}
		if info.Version != n {
			t.Errorf("asked version %d, got %+v", n, info)
		}
	}
	diff, err := s.DiffVersions(ctx, jan, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(scheduler.DiffRotas(r1, r2), diff); d != "" || len(diff.Moved) == 0 || len(diff.Removed) != 3 {
		t.Errorf("diff: %+v\n%s", diff, d)
	}

	// Publish 1, then 2: 1 is superseded by 2.
	p1, err := s.PublishVersion(ctx, jan, 1, 0)
	if err != nil || p1.Status != Published || p1.PublishedAt == nil {
		t.Fatalf("publish 1: %+v, %v", p1, err)
	}
	if _, err := s.PublishVersion(ctx, jan, 2, 1); err != nil {
		t.Fatalf("publish 2: %v", err)
	}
	versions, _ = s.Versions(ctx, jan)
	if got := versions[0]; got.Status != Superseded || got.SupersededBy != 2 || got.SupersededAt == nil || got.PublishedAt == nil {
		t.Errorf("version 1 after publishing 2: %+v", got)
	}
	if got := versions[1]; got.Status != Published || got.PublishedAt == nil || got.SupersededAt != nil {
		t.Errorf("version 2 after publishing it: %+v", got)
	}
	rotas, err := s.Rotas(ctx, jan.Territory, nil)
	if err != nil || len(rotas) != 1 || rotas[0].Rota != jan || rotas[0].LatestVersion != 2 || rotas[0].PublishedVersion != 2 {
		t.Errorf("rotas: %+v, %v", rotas, err)
	}

	// A version names the territory revision it was made for.
	_, ter2 := readTerritory(t, "../fixtures/tiny.json")
	ter2.Info.Name = "revised"
	if _, err := s.ImportTerritory(ctx, ter2); err != nil {
		t.Fatal(err)
	}
	if v3 := save(t, s, r1, SaveOptions{Base: 2}); v3.TerritoryRevision != 2 {
		t.Errorf("a save after revision 2 names revision %d", v3.TerritoryRevision)
	}
	if v4 := save(t, s, r1, SaveOptions{Base: 3, Revision: 1}); v4.TerritoryRevision != 1 {
		t.Errorf("a save for revision 1 names revision %d", v4.TerritoryRevision)
	}
	if _, err := s.SaveVersion(ctx, r1, SaveOptions{Base: 4, Revision: 9}); !errors.Is(err, ErrNotFound) {
		t.Errorf("a save for a missing revision: %v", err)
	}
	if _, _, err := s.Version(ctx, jan, 9); !errors.Is(err, ErrNotFound) {
		t.Errorf("a missing version: %v", err)
	}
	if _, _, err := s.Version(ctx, feb, 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("a missing rota: %v", err)
	}
}

// A rota belongs to a stored territory; a bad rota changes nothing.
func testSaveNeedsStoredTerritory(t *testing.T, b backend) {
	s, ter := withTiny(t, b, Options{})
	ctx := context.Background()
	before := snapshot(t, s)
	orphan := rotaFor(t, ter, jan, 0)
	orphan.Territory = "elsewhere"
	if _, err := s.SaveVersion(ctx, orphan, SaveOptions{}); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), `"elsewhere"`) {
		t.Errorf("a rota of an unknown territory: %v", err)
	}
	bad := map[string][]byte{
		"not JSON":      []byte(`{"format"`),
		"empty period":  []byte(`{"format": "garde.rota/v1", "territory": "bordeaux-sud", "from": "2027-01-01", "to": "2027-01-01", "assignments": []}`),
		"wrong format":  []byte(`{"format": "garde.rota/v2", "territory": "bordeaux-sud", "from": "2027-01-01", "to": "2027-02-01", "assignments": []}`),
		"unknown field": []byte(`{"format": "garde.rota/v1", "territory": "bordeaux-sud", "from": "2027-01-01", "to": "2027-02-01", "assignments": [], "x": 1}`),
	}
	for name, data := range bad {
		if _, err := s.SaveRotaFile(ctx, data, SaveOptions{}); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
	if _, err := s.SaveVersion(ctx, &scheduler.Rota{Format: scheduler.RotaFormat, Territory: jan.Territory, From: jan.From, To: jan.To,
		Assignments: []scheduler.Assignment{{Shift: "", Doctor: "d001"}}}, SaveOptions{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("an assignment without a shift: %v", err)
	}
	nul := rotaFor(t, ter, jan, 0)
	nul.Assignments[3].Doctor = "d\x00"
	if _, err := s.SaveVersion(ctx, nul, SaveOptions{}); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "$.assignments[3].doctor") {
		t.Errorf("a NUL in a doctor id: %v", err)
	}
	if d := cmp.Diff(before, snapshot(t, s)); d != "" {
		t.Errorf("refused saves changed the database:\n%s", d)
	}
}

// A write based on a stale state is a conflict that says what changed.
func testStaleWrites(t *testing.T, b backend) {
	s, ter := withTiny(t, b, Options{})
	ctx := context.Background()
	save(t, s, rotaFor(t, ter, jan, 0), SaveOptions{Base: 0, Provenance: Provenance{SolverVersion: "garde 9"}})
	save(t, s, rotaFor(t, ter, jan, 1), SaveOptions{Base: 1})
	before := snapshot(t, s)

	_, err := s.SaveVersion(ctx, rotaFor(t, ter, jan, 2), SaveOptions{Base: 1})
	if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "version 2 was saved since") || !strings.Contains(err.Error(), "base 2") {
		t.Errorf("save on a stale base: %v", err)
	}
	_, err = s.SaveVersion(ctx, rotaFor(t, ter, jan, 2), SaveOptions{Base: 0})
	if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "expected no version yet") {
		t.Errorf("save expecting no version: %v", err)
	}
	if _, err = s.SaveVersion(ctx, rotaFor(t, ter, jan, 2), SaveOptions{Base: 7}); !errors.Is(err, ErrNotFound) {
		t.Errorf("save on a version that does not exist: %v", err)
	}
	if _, err := s.PublishVersion(ctx, jan, 1, 0); err != nil {
		t.Fatal(err)
	}
	before = snapshot(t, s)
	_, err = s.PublishVersion(ctx, jan, 2, 0)
	if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "version 1 has been published since") {
		t.Errorf("publish expecting none while 1 is published: %v", err)
	}
	_, err = s.PublishVersion(ctx, jan, 2, 2)
	if !errors.Is(err, ErrConflict) {
		t.Errorf("publish expecting the wrong version: %v", err)
	}
	if _, err := s.PublishVersion(ctx, jan, 5, 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("publish of a missing version: %v", err)
	}
	if _, err := s.PublishVersion(ctx, feb, 1, 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("publish of a missing rota: %v", err)
	}
	if d := cmp.Diff(before, snapshot(t, s)); d != "" {
		t.Errorf("refused writes changed the database:\n%s", d)
	}
}

// Eight writers save on the same base at once: exactly one wins, the others
// get a conflict, and no version is lost or numbered twice.
func testConcurrentSaves(t *testing.T, b backend) {
	s, ter := withTiny(t, b, Options{})
	ctx := context.Background()
	const writers = 8
	for round, base := range []int{0, 1, 2} {
		rotas := make([]*scheduler.Rota, writers)
		errs := make([]error, writers)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range writers {
			rotas[i] = rotaFor(t, ter, jan, i+round)
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, errs[i] = s.SaveVersion(ctx, rotas[i], SaveOptions{Base: base})
			}()
		}
		close(start)
		wg.Wait()
		winner := -1
		for i, err := range errs {
			switch {
			case err == nil && winner >= 0:
				t.Fatalf("round %d: writers %d and %d both won", round, winner, i)
			case err == nil:
				winner = i
			case !errors.Is(err, ErrConflict):
				t.Fatalf("round %d: writer %d: %v, want a conflict", round, i, err)
			}
		}
		if winner < 0 {
			t.Fatalf("round %d: nobody won", round)
		}
		versions, err := s.Versions(ctx, jan)
		if err != nil || len(versions) != base+1 {
			t.Fatalf("round %d: %d versions, %v", round, len(versions), err)
		}
		for i, v := range versions {
			if v.Version != i+1 || v.BasedOn != i {
				t.Errorf("round %d: version %d is %+v", round, i+1, v)
			}
		}
		got, _, err := s.Version(ctx, jan, base+1)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(rotas[winner], got); d != "" {
			t.Errorf("round %d: the stored version is not the winner's:\n%s", round, d)
		}
	}
}

// Eight writers publish different drafts, all expecting none published:
// one wins, and exactly one version ends up published.
func testConcurrentPublishes(t *testing.T, b backend) {
	s, ter := withTiny(t, b, Options{})
	ctx := context.Background()
	const writers = 8
	for i := range writers {
		save(t, s, rotaFor(t, ter, jan, i), SaveOptions{Base: i})
	}
	errs := make([]error, writers)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, errs[i] = s.PublishVersion(ctx, jan, i+1, 0)
		}()
	}
	close(start)
	wg.Wait()
	winner := 0
	for i, err := range errs {
		if err == nil {
			if winner != 0 {
				t.Fatalf("versions %d and %d were both published", winner, i+1)
			}
			winner = i + 1
		} else if !errors.Is(err, ErrConflict) {
			t.Fatalf("publisher of version %d: %v", i+1, err)
		}
	}
	versions, _ := s.Versions(ctx, jan)
	published := 0
	for _, v := range versions {
		if v.Status == Published {
			published++
			if v.Version != winner {
				t.Errorf("version %d is published, but %d won", v.Version, winner)
			}
		} else if v.Status != Draft {
			t.Errorf("version %d is %s", v.Version, v.Status)
		}
	}
	rotas, _ := s.Rotas(ctx, jan.Territory, nil)
	if published != 1 || winner == 0 || len(rotas) != 1 || rotas[0].PublishedVersion != winner {
		t.Errorf("%d published, winner %d, rotas %+v", published, winner, rotas)
	}
}

// Published and superseded versions never change, through the store or
// around it; no version's assignments ever change.
func testVersionsNeverChange(t *testing.T, b backend) {
	s, ter := withTiny(t, b, Options{})
	ctx := context.Background()
	r1 := rotaFor(t, ter, jan, 0)
	save(t, s, r1, SaveOptions{})
	save(t, s, rotaFor(t, ter, jan, 1), SaveOptions{Base: 1})
	save(t, s, rotaFor(t, ter, jan, 2), SaveOptions{Base: 2})
	if _, err := s.PublishVersion(ctx, jan, 1, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PublishVersion(ctx, jan, 2, 1); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, s)
	if _, err := s.PublishVersion(ctx, jan, 1, 2); !errors.Is(err, ErrImmutable) || !strings.Contains(err.Error(), "superseded by version 2") {
		t.Errorf("re-publishing a superseded version: %v", err)
	}
	if _, err := s.PublishVersion(ctx, jan, 2, 2); !errors.Is(err, ErrImmutable) {
		t.Errorf("re-publishing the published version: %v", err)
	}
	// Around the store: the database itself refuses.
	for _, stmt := range []string{
		"UPDATE rota_assignments SET doctor_id = 'd003'",
		"DELETE FROM rota_assignments",
		"UPDATE rota_versions SET score_total = 1 WHERE version = 2",
		"UPDATE rota_versions SET assignment_count = 0 WHERE version = 3",
		"UPDATE rota_versions SET status = 'draft' WHERE version = 1",
		"UPDATE rota_versions SET status = 'published', published_at = created_at WHERE version = 1",
		"UPDATE rota_versions SET published_at = created_at WHERE version = 2",
		"DELETE FROM rota_versions WHERE version = 3",
	} {
		if err := s.db.Exec(stmt).Error; err == nil {
			t.Errorf("the database accepted %s", stmt)
		}
	}
	if d := cmp.Diff(before, snapshot(t, s)); d != "" {
		t.Errorf("versions changed:\n%s", d)
	}
	got, _, err := s.Version(ctx, jan, 1)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(r1, got); d != "" {
		t.Errorf("version 1 changed:\n%s", d)
	}
}

// Rotas lists the rotas whose period lies within the one asked (a date range
// query on both backends).
func testRotasWithin(t *testing.T, b backend) {
	s, ter := withTiny(t, b, Options{})
	ctx := context.Background()
	q1 := RotaKey{Territory: jan.Territory, From: scheduler.DateOf(2027, 1, 1), To: scheduler.DateOf(2027, 4, 1)}
	dec := RotaKey{Territory: jan.Territory, From: scheduler.DateOf(2026, 12, 1), To: scheduler.DateOf(2027, 1, 1)}
	for _, k := range []RotaKey{feb, q1, jan, dec} {
		save(t, s, rotaFor(t, ter, k, 0), SaveOptions{})
	}
	for _, tc := range []struct {
		within *Period
		want   []RotaKey
	}{
		{nil, []RotaKey{dec, jan, q1, feb}},
		{&Period{jan.From, feb.To}, []RotaKey{jan, feb}},
		{&Period{jan.From, jan.To}, []RotaKey{jan}},
		{&Period{scheduler.DateOf(2026, 1, 1), scheduler.DateOf(2028, 1, 1)}, []RotaKey{dec, jan, q1, feb}},
		{&Period{scheduler.DateOf(2027, 1, 2), scheduler.DateOf(2027, 3, 1)}, []RotaKey{feb}},
		{&Period{scheduler.DateOf(2028, 1, 1), scheduler.DateOf(2028, 2, 1)}, []RotaKey{}},
	} {
		got, err := s.Rotas(ctx, jan.Territory, tc.within)
		if err != nil {
			t.Fatal(err)
		}
		keys := []RotaKey{}
		for _, r := range got {
			keys = append(keys, r.Rota)
		}
		if d := cmp.Diff(tc.want, keys); d != "" {
			t.Errorf("within %v:\n%s", tc.within, d)
		}
	}
	if _, err := s.Rotas(ctx, "nowhere", nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("rotas of a missing territory: %v", err)
	}
}

// bigRota has n assignments: enough for several INSERT batches.
func bigRota(key RotaKey, n int) *scheduler.Rota {
	r := &scheduler.Rota{Format: scheduler.RotaFormat, Territory: key.Territory, From: key.From, To: key.To}
	for i := range n {
		r.Assignments = append(r.Assignments, scheduler.Assignment{Shift: fmt.Sprintf("anesth-sud/nuit/2027-01-%02dT18:30", i%31+1), Doctor: fmt.Sprintf("d%03d", i%3+1)})
	}
	return r
}
