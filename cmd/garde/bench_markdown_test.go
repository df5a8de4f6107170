package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The Curtois table is regenerated inside docs/benchmarks.md: the text
// around its markers must survive, and a second run must replace, not append.
func TestWriteMarkdownSectionKeepsTheRestOfThePage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "benchmarks.md")
	page := "# Benchmarks\n\nintro\n<!-- curtois:begin -->\nold table\n<!-- curtois:end -->\n\nafter\n"
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"first\n", "| new | table |\n"} {
		if err := writeMarkdownSection(path, "curtois", table); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := os.ReadFile(path)
	want := "# Benchmarks\n\nintro\n<!-- curtois:begin -->\n| new | table |\n<!-- curtois:end -->\n\nafter\n"
	if string(got) != want {
		t.Errorf("page:\n%s\nwant:\n%s", got, want)
	}

	bare := filepath.Join(t.TempDir(), "table.md")
	if err := writeMarkdownSection(bare, "curtois", "only\n"); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(bare); string(got) != "only\n" {
		t.Errorf("file without markers: %q", got)
	}
}

// --rosters makes its folder before solving: a missing folder used to
// fail only when the first roster was written, minutes into the run.
func TestCurtoisAllMakesTheRostersFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rosters", "today")
	var out, errOut strings.Builder
	args := []string{"bench", "curtois-all", "--dir", "../../testdata/curtois", "--only", "1", "--limits", "200ms", "--seeds", "1", "--rosters", dir}
	if code := run(context.Background(), &env{stdout: &out, stderr: &errOut}, args); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "Instance1-seed1.csv")); err != nil {
		t.Fatalf("roster not written: %v\n%s", err, out.String())
	}
}
