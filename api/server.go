package api

import (
	"net/http"
	"time"
)

// NewServer wraps the API handler in an http.Server with the limits a
// server facing the network needs: a slow or idle client cannot hold a
// connection for ever. The limits are the server's, not a Timeout
// middleware's (which races with handlers still writing).
func NewServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		// A year's gap diagnosis of a large territory takes a few seconds.
		WriteTimeout:   60 * time.Second,
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 64 << 10,
	}
}
