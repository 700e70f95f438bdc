// Package servertest starts kycsim servers for Go tests, as
// net/http/httptest does for plain handlers: kycsim's own API tests use it,
// and so can the tests of an integration under test.
package servertest

import (
	"io"
	"testing"

	"github.com/kycsim/kycsim/mocks/server"
)

// Start serves a kycsim built from opts on a loopback port until tb ends.
// Logs are dropped unless opts names a Logger or a LogOutput.
func Start(tb testing.TB, opts server.Options) *server.Server {
	tb.Helper()
	quiet(&opts)
	srv, err := server.Start(opts)
	if err != nil {
		tb.Fatalf("servertest: starting kycsim: %v", err)
	}
	tb.Cleanup(srv.Close)
	return srv
}

// New builds a kycsim without a listener, to be driven through ServeHTTP
// (benchmarks and fuzz targets), closed when tb ends.
func New(tb testing.TB, opts server.Options) *server.Server {
	tb.Helper()
	quiet(&opts)
	srv, err := server.New(opts)
	if err != nil {
		tb.Fatalf("servertest: building kycsim: %v", err)
	}
	tb.Cleanup(srv.Close)
	return srv
}

func quiet(opts *server.Options) {
	if opts.Logger == nil && opts.LogOutput == nil {
		opts.LogOutput = io.Discard
	}
}
