package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"garde/api"
)

var serveCommand = command{
	name:    "serve",
	usage:   "[--addr HOST:PORT] [--db URL]",
	summary: "serve the read-only HTTP API: territories, gaps, who is on duty (docs/api.md)",
	run:     runServe,
}

// shutdownGrace is how long requests under way may run once asked to stop.
const shutdownGrace = 10 * time.Second

// runServe serves the API until SIGINT or SIGTERM (ctx is cancelled), then
// lets the requests under way finish. It refuses a database whose schema
// is not this garde's, as every store command does.
func runServe(ctx context.Context, e *env, c *command, args []string) int {
	fs := newFlags(e, c)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (HOST:PORT; :0 picks a free port)")
	dbURL := dbFlag(fs)
	if _, err := parseArgs(fs, args, 0, 0); err != nil {
		return exitBadArgs
	}
	s, err := openStore(ctx, *dbURL)
	if err != nil {
		return storeFailed(e, err)
	}
	defer s.Close()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		e.errorf("cannot listen on %s: %v", *addr, err)
		return exitFailed
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	srv := api.NewServer(*addr, api.NewHandler(s, api.Options{Logger: log}))
	fmt.Fprintf(e.stdout, "serving the API of %s (%s) on http://%s%s\n", s.Location(), s.Backend(), ln.Addr(), api.Prefix)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		e.errorf("the server stopped: %v", err)
		return exitFailed
	case <-ctx.Done():
	}
	fmt.Fprintln(e.stdout, "stopping: finishing the requests under way")
	stopCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(stopCtx); err != nil {
		e.errorf("stopping the server: %v", err)
		return exitFailed
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		e.errorf("the server stopped: %v", err)
		return exitFailed
	}
	fmt.Fprintln(e.stdout, "stopped")
	return exitOK
}
