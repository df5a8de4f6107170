package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"garde/scheduler"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"gorm.io/gorm"
)

// territoryFiles are every fixture (the pilot territory included once it
// lands) and the edge-case files of testdata.
func territoryFiles(t testing.TB) []string {
	t.Helper()
	fixtures, _ := filepath.Glob("../fixtures/*.json")
	edges, _ := filepath.Glob("testdata/*.json")
	if len(fixtures) == 0 || len(edges) < 3 {
		t.Fatalf("found %d fixtures and %d edge-case files: the round trip would prove nothing", len(fixtures), len(edges))
	}
	return append(fixtures, edges...)
}

func readTerritory(t testing.TB, path string) ([]byte, *scheduler.Territory) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ter, err := scheduler.ParseTerritory(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return data, ter
}

// sameTerritory compares territories field by field: unexported fields hold
// what validation derives, not content. An optional list given empty ([])
// equals one left out: the file format (omitempty) does not tell them apart.
var sameTerritory = cmp.Options{
	cmpopts.IgnoreUnexported(scheduler.Territory{}, scheduler.Template{}, scheduler.Unavailability{}, scheduler.Wish{}),
	cmpopts.EquateEmpty(),
}

func importFile(t testing.TB, s *Store, path string) (*scheduler.Territory, ImportResult) {
	t.Helper()
	data, ter := readTerritory(t, path)
	res, err := s.ImportTerritoryFile(context.Background(), data)
	if err != nil {
		t.Fatalf("import %s: %v", path, err)
	}
	return ter, res
}

// Exporting what was imported gives the same territory, and the same file.
func testRoundTripFiles(t *testing.T, b backend) {
	s := b.migrated(t, Options{})
	ctx := context.Background()
	for _, path := range territoryFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			want, res := importFile(t, s, path)
			if res.Revision != 1 || !res.Created || res.Unchanged {
				t.Errorf("import: got %+v, want a new territory at revision 1", res)
			}
			got, info, err := s.ExportTerritory(ctx, want.Info.ID, 0)
			if err != nil {
				t.Fatalf("export: %v", err)
			}
			if info.Revision != 1 || info.Territory != want.Info.ID {
				t.Errorf("export info: %+v", info)
			}
			if d := cmp.Diff(want, got, sameTerritory); d != "" {
				t.Errorf("exported territory differs (-imported +exported):\n%s", d)
			}
			// As a file: the exported territory encodes to the same JSON
			// (but for -0, stored as 0), and the file parses and validates.
			wantJSON, _ := json.Marshal(want)
			wantJSON = negativeZero.ReplaceAll(wantJSON, []byte("${1}0$2"))
			gotJSON, _ := json.MarshalIndent(got, "", "  ")
			if compact := compactJSON(t, gotJSON); !bytes.Equal(wantJSON, compact) {
				t.Errorf("exported file differs:\n got %s\nwant %s", compact, wantJSON)
			}
			again, err := scheduler.ParseTerritory(gotJSON)
			if err != nil {
				t.Fatalf("the exported file does not parse: %v", err)
			}
			if d := cmp.Diff(want, again, sameTerritory); d != "" {
				t.Errorf("re-parsed export differs (-imported +re-parsed):\n%s", d)
			}
			if hash, _ := contentHash(got); hash != info.ContentHash {
				t.Errorf("content hash %s, but the export hashes to %s", info.ContentHash, hash)
			}
			// Importing the export again is a no-op.
			if res, err := s.ImportTerritoryFile(ctx, gotJSON); err != nil || !res.Unchanged || res.Revision != 1 {
				t.Errorf("re-importing the export: %+v, %v", res, err)
			}
		})
	}
}

// negativeZero finds a JSON number -0.
var negativeZero = regexp.MustCompile(`([:,\[])-0([,}\]])`)

func compactJSON(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The edge-case files do what their names say: all-optional sets every
// optional field of the format somewhere, minimal sets none. Without this
// check, a field added to the format later could miss the round trip.
func TestEdgeCaseFilesCoverTheFormat(t *testing.T) {
	optional := optionalFields(reflect.TypeFor[scheduler.Territory](), map[reflect.Type]bool{})
	if len(optional) < 40 {
		t.Fatalf("found only %d optional fields: %v", len(optional), optional)
	}
	_, all := readTerritory(t, "testdata/all-optional.json")
	set := map[string]bool{}
	fieldsSet(reflect.ValueOf(all).Elem(), set)
	for _, f := range optional {
		if !set[f] {
			t.Errorf("all-optional.json never sets %s", f)
		}
	}
	_, none := readTerritory(t, "testdata/minimal.json")
	set = map[string]bool{}
	fieldsSet(reflect.ValueOf(none).Elem(), set)
	for _, f := range optional {
		if set[f] {
			t.Errorf("minimal.json sets %s", f)
		}
	}
}

// optionalFields lists Type.Field for every omitempty JSON field reachable
// from a struct type.
func optionalFields(t reflect.Type, seen map[reflect.Type]bool) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return nil
	}
	seen[t] = true
	var out []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if !f.IsExported() || tag == "" {
			continue
		}
		if strings.Contains(tag, "omitempty") {
			out = append(out, t.Name()+"."+f.Name)
		}
		out = append(out, optionalFields(f.Type, seen)...)
	}
	return out
}

// fieldsSet records Type.Field for every JSON field with a non-zero value.
func fieldsSet(v reflect.Value, set map[string]bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			fieldsSet(v.Elem(), set)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			fieldsSet(v.Index(i), set)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Tag.Get("json") == "" {
				continue
			}
			fv := v.Field(i)
			if !fv.IsZero() && !(fv.Kind() == reflect.Slice && fv.Len() == 0) {
				set[v.Type().Name()+"."+f.Name] = true
			}
			fieldsSet(fv, set)
		}
	}
}

// A new import of a territory is a new revision; old revisions stay, and
// each exports as it was imported.
func testRevisions(t *testing.T, b backend) {
	s := b.migrated(t, Options{})
	ctx := context.Background()
	v1, _ := importFile(t, s, "../fixtures/tiny.json")

	_, v2 := readTerritory(t, "../fixtures/tiny.json")
	v2.Info.Name = "Renamed"
	v2.Doctors = v2.Doctors[:2]
	v2.Doctors[0].Wishes = nil
	res, err := s.ImportTerritory(ctx, v2)
	if err != nil {
		t.Fatal(err)
	}
	if res.Revision != 2 || res.Created || res.Unchanged {
		t.Errorf("second import: %+v, want revision 2 of an existing territory", res)
	}
	for rev, want := range map[int]*scheduler.Territory{1: v1, 2: v2, 0: v2} {
		got, info, err := s.ExportTerritory(ctx, v1.Info.ID, rev)
		if err != nil {
			t.Fatalf("export revision %d: %v", rev, err)
		}
		if d := cmp.Diff(want, got, sameTerritory); d != "" {
			t.Errorf("revision %d differs:\n%s", rev, d)
		}
		if rev != 0 && info.Revision != rev {
			t.Errorf("asked revision %d, got %d", rev, info.Revision)
		}
	}
	revs, err := s.Revisions(ctx, v1.Info.ID)
	if err != nil || len(revs) != 2 || revs[0].Revision != 1 || revs[1].Revision != 2 || revs[1].Name != "Renamed" {
		t.Errorf("Revisions: %+v, %v", revs, err)
	}
	list, err := s.Territories(ctx)
	if err != nil || len(list) != 1 || list[0].LatestRevision != 2 || list[0].Name != "Renamed" || list[0].ID != v1.Info.ID {
		t.Errorf("Territories: %+v, %v", list, err)
	}

	_, _, err = s.ExportTerritory(ctx, v1.Info.ID, 3)
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "revisions are 1 to 2") {
		t.Errorf("export of a missing revision: %v", err)
	}
	_, _, err = s.ExportTerritory(ctx, "nowhere", 0)
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("export of a missing territory: %v", err)
	}
	if _, err := s.Revisions(ctx, "nowhere"); !errors.Is(err, ErrNotFound) {
		t.Errorf("revisions of a missing territory: %v", err)
	}
}

// Importing the same content again writes nothing and says so.
func testIdenticalImport(t *testing.T, b backend) {
	s := b.migrated(t, Options{})
	ctx := context.Background()
	_, first := importFile(t, s, "../fixtures/tiny.json")
	before := snapshot(t, s)

	// Same content, other layout: compare content, not bytes.
	data, _ := os.ReadFile("../fixtures/tiny.json")
	var generic any
	json.Unmarshal(data, &generic)
	relaid, _ := json.MarshalIndent(generic, "", "\t")
	res, err := s.ImportTerritoryFile(ctx, relaid)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Unchanged || res.Revision != first.Revision || res.Created {
		t.Errorf("re-import: %+v, want unchanged at revision %d", res, first.Revision)
	}
	if d := cmp.Diff(before, snapshot(t, s)); d != "" {
		t.Errorf("an unchanged import wrote:\n%s", d)
	}
}

// A bad file changes nothing: not the tables, not a row.
func testBadImportChangesNothing(t *testing.T, b backend) {
	s := b.migrated(t, Options{})
	ctx := context.Background()
	importFile(t, s, "../fixtures/tiny.json")
	good, _ := os.ReadFile("../fixtures/tiny.json")
	before := snapshot(t, s)
	if rowCount(before) < 20 {
		t.Fatalf("the baseline holds only %d rows", rowCount(before))
	}
	bad := map[string][]byte{
		"not JSON":             []byte(`{"format": "garde.territory/v1",`),
		"unknown field":        bytes.Replace(good, []byte(`"share": 0.5`), []byte(`"share": 0.5, "reason": "ill"`), 1),
		"unknown reference":    bytes.Replace(good, []byte(`"sites": ["ch-sud"]`), []byte(`"sites": ["nowhere"]`), 1),
		"bad value":            bytes.Replace(good, []byte(`"max_shifts": 6`), []byte(`"max_shifts": -6`), 1),
		"pin on a non-shift":   bytes.Replace(good, []byte(`2027-01-04T18:30`), []byte(`2027-01-04T18:31`), 1),
		"another territory":    []byte(`{"format": "garde.territory/v1", "territory": {"id": "new"}, "establishments": [], "lines": [], "doctors": []}`),
		"empty":                {},
		"wrong format":         bytes.Replace(good, []byte(`garde.territory/v1`), []byte(`garde.territory/v2`), 1),
		"rule without dtstart": bytes.Replace(good, []byte(`"rrule": "FREQ=DAILY"`), []byte(`"rrule": "FREQ=DAILY;INTERVAL=2"`), 1),
		// Valid for the parser, but PostgreSQL text cannot hold NUL: refused on both backends.
		"NUL in a name": bytes.Replace(good, []byte(`"Dr C. Petit"`), []byte(`"Dr C.\u0000Petit"`), 1),
	}
	for name, data := range bad {
		if bytes.Equal(data, good) {
			t.Fatalf("%s: the replacement did not apply", name)
		}
		_, err := s.ImportTerritoryFile(ctx, data)
		var problems scheduler.FieldErrors
		if !errors.Is(err, ErrInvalid) || !errors.As(err, &problems) || len(problems) == 0 {
			t.Errorf("%s: got %v, want ErrInvalid with the problems listed", name, err)
		}
		if d := cmp.Diff(before, snapshot(t, s)); d != "" {
			t.Errorf("%s: the bad import changed the database:\n%s", name, d)
		}
	}
}

// Two imports of one territory at once both land, as consecutive revisions.
func testConcurrentImports(t *testing.T, b backend) {
	s := b.migrated(t, Options{})
	ctx := context.Background()
	_, base := readTerritory(t, "../fixtures/tiny.json")
	const writers = 4
	var wg sync.WaitGroup
	results := make([]ImportResult, writers)
	errs := make([]error, writers)
	start := make(chan struct{})
	for i := range writers {
		_, ter := readTerritory(t, "../fixtures/tiny.json")
		ter.Info.Name = strings.Repeat("v", i+1) // distinct content
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			results[i], errs[i] = s.ImportTerritory(ctx, ter)
		}()
	}
	close(start)
	wg.Wait()
	seen := map[int]bool{}
	created := 0
	for i := range writers {
		if errs[i] != nil {
			t.Fatalf("import %d: %v", i, errs[i])
		}
		seen[results[i].Revision] = true
		if results[i].Created {
			created++
		}
	}
	if len(seen) != writers || created != 1 {
		t.Errorf("got %+v: want revisions 1 to %d, one of them creating the territory", results, writers)
	}
	revs, err := s.Revisions(ctx, base.Info.ID)
	if err != nil || len(revs) != writers {
		t.Errorf("revisions: %+v, %v", revs, err)
	}
}

// Export follows the position columns, not the order rows happen to come
// back in: rows written in reverse order still export in file order.
func testExportFollowsPositions(t *testing.T, b backend) {
	s := b.migrated(t, Options{})
	ctx := context.Background()
	_, want := readTerritory(t, "testdata/all-optional.json")
	err := s.write(ctx, func(tx *gorm.DB) error {
		now := s.clock()
		if err := tx.Create(&territoryRow{ID: want.Info.ID, LatestRevision: 1, CreatedAt: now, UpdatedAt: now}).Error; err != nil {
			return err
		}
		rev := revisionHeader(want)
		rev.Revision, rev.ContentHash, rev.CreatedAt = 1, "x", now
		if err := tx.Create(&rev).Error; err != nil {
			return err
		}
		c := contentOf(want, rev.ID)
		slices.Reverse(c.payRates)
		slices.Reverse(c.establishments)
		slices.Reverse(c.lines)
		slices.Reverse(c.pool)
		slices.Reverse(c.overrides)
		slices.Reverse(c.templates)
		slices.Reverse(c.templateDayTypes)
		slices.Reverse(c.templatePay)
		slices.Reverse(c.doctors)
		slices.Reverse(c.specialties)
		slices.Reverse(c.sites)
		slices.Reverse(c.unavailable)
		slices.Reverse(c.wishes)
		slices.Reverse(c.wishDates)
		slices.Reverse(c.wishDayTypes)
		slices.Reverse(c.pins)
		return c.insert(tx)
	})
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := s.ExportTerritory(ctx, want.Info.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got, sameTerritory); d != "" {
		t.Errorf("rows written in reverse export differently:\n%s", d)
	}
}
