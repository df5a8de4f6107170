// Command garde builds and publishes the on-call rota of a pilot territory.
//
// Usage: garde COMMAND [arguments]; garde help lists the commands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // territories name their zone; the binary must not depend on the host's tzdata
)

// A command is one subcommand of garde. run returns the process exit code.
type command struct {
	name    string
	usage   string // arguments, after the name
	summary string
	run     func(ctx context.Context, e *env, c *command, args []string) int
}

// env is what a command reads and writes, so that tests can run commands
// in-process.
type env struct {
	stdout, stderr io.Writer
}

func (e *env) errorf(format string, args ...any) {
	fmt.Fprintf(e.stderr, "garde: "+format+"\n", args...)
}

// Exit codes shared by the commands.
const (
	exitOK      = 0
	exitFailed  = 1 // the input is readable but fails: invalid, or breaks hard rules
	exitBadArgs = 2 // unreadable input or bad arguments
)

func commands() []command {
	return []command{
		validateCommand,
		shiftsCommand,
		scoreCommand,
		solveCommand,
		gapsCommand,
		candidatesCommand,
		repairCommand,
		benchCommand,
		genCommand,
		migrateCommand,
		importCommand,
		exportCommand,
		territoriesCommand,
		rotaCommand,
		serveCommand,
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, &env{stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:]))
}

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			for _, c := range commands() {
				if c.name == args[1] {
					fmt.Fprintf(e.stdout, "usage: garde %s %s\n\n%s\n", c.name, c.usage, c.summary)
					return exitOK
				}
			}
		}
		usage(e.stdout)
		if len(args) == 0 {
			return exitBadArgs
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, e, &c, args[1:])
		}
	}
	e.errorf("unknown command %q; run garde help for the list", args[0])
	return exitBadArgs
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "garde builds the night, weekend and holiday on-call rota of a territory.")
	fmt.Fprintln(w, "\nUsage: garde COMMAND [arguments]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun garde help COMMAND for a command's arguments.")
}
