package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is an output a running command writes while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// garde serve refuses a database without the schema, saying how to fix it;
// otherwise it serves until its context ends (SIGINT or SIGTERM), then stops
// cleanly.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "garde.db")
	expect(t, exitFailed, []string{"run garde migrate"}, "serve", "--db", db, "--addr", "127.0.0.1:0")
	expect(t, exitOK, nil, "migrate", "--db", db)

	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	out, errOut := &lockedBuffer{}, &lockedBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, &env{stdout: out, stderr: errOut}, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"})
	}()

	serving := regexp.MustCompile(`on (http://\S+)/api/v1`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := serving.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		t.Fatalf("the server did not start\nstdout: %s\nstderr: %s", out, errOut)
	}
	res, err := http.Get(base + "/api/v1/health")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), `"ok"`) {
		t.Errorf("health: %d %s", res.StatusCode, body)
	}

	stop() // what SIGINT does to main's context
	select {
	case code := <-done:
		if code != exitOK || !strings.Contains(out.String(), "stopped") {
			t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the server did not stop")
	}
	if _, err := http.Get(base + "/api/v1/health"); err == nil {
		t.Error("the server still answers after stopping")
	}
}
