package main

import (
	"path/filepath"
	"testing"
)

// TestRefusedPeriodExitsTwo: every command that builds a problem refuses a
// period that ends before it starts the same way: exit 2, and the message
// says which way round the dates are.
func TestRefusedPeriodExitsTwo(t *testing.T) {
	tiny := filepath.Join("..", "..", "fixtures", "tiny.json")
	period := []string{"--from", "2027-03-10", "--to", "2027-03-01"}
	for _, cmd := range [][]string{
		{"shifts", tiny},
		{"gaps", tiny},
		{"solve", tiny, "--moves", "1", "--quiet"},
		{"bench", "solve", tiny, "--limits", "1ms", "--seeds", "1"},
	} {
		t.Run(cmd[0], func(t *testing.T) {
			expect(t, exitBadArgs, []string{"before it starts"}, append(cmd, period...)...)
		})
	}
}
