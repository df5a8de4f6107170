package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"garde/scheduler"
)

// garde runs one command in-process and returns its exit code and output.
func garde(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), &env{stdout: &out, stderr: &errOut}, args)
	return code, out.String(), errOut.String()
}

// expect runs a command and checks its exit code and that its output (or
// error output) holds each of the wanted strings.
func expect(t *testing.T, wantCode int, want []string, args ...string) string {
	t.Helper()
	code, out, errOut := garde(t, args...)
	if code != wantCode {
		t.Fatalf("garde %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, wantCode, out, errOut)
	}
	for _, w := range want {
		if !strings.Contains(out+errOut, w) {
			t.Errorf("garde %s: output lacks %q\nstdout: %s\nstderr: %s", strings.Join(args, " "), w, out, errOut)
		}
	}
	return out
}

func writeRota(t *testing.T, dir, name string, pairs ...string) string {
	t.Helper()
	r := scheduler.Rota{Format: scheduler.RotaFormat, Territory: "bordeaux-sud",
		From: scheduler.DateOf(2027, 1, 1), To: scheduler.DateOf(2027, 2, 1), Assignments: []scheduler.Assignment{}}
	for i := 0; i+1 < len(pairs); i += 2 {
		r.Assignments = append(r.Assignments, scheduler.Assignment{Shift: pairs[i], Doctor: pairs[i+1]})
	}
	b, _ := json.Marshal(r)
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A new user's session: migrate, import, export, save two versions,
// publish, list, diff, export the published version.
func TestStoreCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "garde.db")
	tiny := "../../fixtures/tiny.json"
	period := []string{"--from", "2027-01-01", "--to", "2027-02-01"}
	with := func(args ...string) []string { return append(args, "--db", db) }

	expect(t, exitFailed, []string{"run garde migrate"}, with("territories")...)
	if _, err := os.Stat(db); err == nil {
		t.Fatal("a command other than migrate created the database file")
	}
	expect(t, exitOK, []string{"applied 00001_initial.sql", "schema now at version 1"}, with("migrate")...)
	expect(t, exitOK, []string{"already up to date"}, with("migrate")...)
	expect(t, exitOK, []string{"bordeaux-sud imported as revision 1 (new territory)"}, with("import", tiny)...)
	expect(t, exitOK, []string{"unchanged", "identical to revision 1"}, with("import", tiny)...)
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"format": "garde.territory/v1", "territory": {"id": "x"}, "establishments": [], "lines": [], "doctors": []}`), 0o644)
	expect(t, exitFailed, []string{"nothing was stored", "$.establishments: must list at least one establishment"}, with("import", bad)...)
	expect(t, exitOK, []string{"bordeaux-sud", "Territoire pilote Bordeaux Sud"}, with("territories")...)

	exported := filepath.Join(dir, "export.json")
	expect(t, exitOK, []string{"wrote revision 1 of territory bordeaux-sud"}, with("export", "bordeaux-sud", "--out", exported)...)
	expect(t, exitOK, []string{`valid territory "bordeaux-sud"`}, "validate", exported)
	expect(t, exitFailed, []string{`territory "nowhere" is not stored`}, with("export", "nowhere")...)

	v1 := writeRota(t, dir, "v1.json", "anesth-sud/nuit/2027-01-04T18:30", "d001", "anesth-sud/nuit/2027-01-05T18:30", "d002")
	v2 := writeRota(t, dir, "v2.json", "anesth-sud/nuit/2027-01-04T18:30", "d001", "anesth-sud/nuit/2027-01-05T18:30", "d003",
		"anesth-sud/nuit/2027-01-06T18:30", "d002")
	expect(t, exitOK, []string{"saved version 1", "draft, 2 assignments, territory revision 1"},
		with("rota", "save", v1, "--solver-version", "garde test", "--seed", "0", "--time-limit", "30s")...)
	expect(t, exitFailed, []string{"expected no version yet", "save with base 1"}, with("rota", "save", v2)...)
	expect(t, exitOK, []string{"saved version 2"}, with("rota", "save", v2, "--base", "1")...)
	expect(t, exitOK, []string{"published version 1"}, with(append([]string{"rota", "publish", "bordeaux-sud", "--version", "1"}, period...)...)...)
	expect(t, exitFailed, []string{"you expected none to be published, but version 1 has been published"},
		with(append([]string{"rota", "publish", "bordeaux-sud", "--version", "2", "--expect", "0"}, period...)...)...)
	expect(t, exitOK, []string{"published version 2", "version 1 is now superseded"},
		with(append([]string{"rota", "publish", "bordeaux-sud", "--version", "2", "--expect", "1"}, period...)...)...)
	list := expect(t, exitOK, []string{"2027-01-01 to 2027-02-01 (version 2 published)", "superseded", "garde test"},
		with("rota", "list", "bordeaux-sud")...)
	if strings.Count(list, "\n") != 4 {
		t.Errorf("rota list:\n%s", list)
	}
	expect(t, exitOK, []string{"1 moved, 1 added, 0 removed", "anesth-sud/nuit/2027-01-05T18:30  d002 -> d003", "+  anesth-sud/nuit/2027-01-06T18:30  d002"},
		with(append([]string{"rota", "diff", "bordeaux-sud", "1", "2"}, period...)...)...)
	out := expect(t, exitOK, nil, with(append([]string{"rota", "export", "bordeaux-sud"}, period...)...)...)
	want, _ := os.ReadFile(v2)
	got, err := scheduler.ParseRota([]byte(out))
	if err != nil {
		t.Fatalf("exported rota: %v", err)
	}
	if b, _ := json.Marshal(got); !bytes.Equal(b, want) {
		t.Errorf("exported published rota:\n got %s\nwant %s", b, want)
	}
	expect(t, exitFailed, []string{"has no version 9"}, with(append([]string{"rota", "export", "bordeaux-sud", "--version", "9"}, period...)...)...)
	expect(t, exitBadArgs, []string{"--from and --to"}, with("rota", "export", "bordeaux-sud")...)
	expect(t, exitBadArgs, []string{"garde rota save"}, "rota")
}
