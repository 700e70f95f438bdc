// Package cli is the kycsim command line: serving (the default) and the
// subcommands.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/signal"
	"syscall"

	"github.com/kycsim/kycsim/conformance"
	"github.com/kycsim/kycsim/mocks/lursoft"
	"github.com/kycsim/kycsim/mocks/server"
)

// Main runs kycsim with args and returns the exit status.
func Main(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "serve":
			args = args[1:]
		case "conformance":
			return conformance.Main(args[1:], getenv, stdout, stderr)
		case "sign":
			return lursoft.SignMain(args[1:], stdout, stderr)
		}
	}
	return serve(args, getenv, stdout, stderr)
}

func serve(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	opts, err := server.ParseArgs("kycsim", args, getenv, stdout)
	if errors.Is(err, server.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "kycsim:", err)
		return 2
	}
	opts.LogOutput = stderr
	srv, err := server.New(opts)
	if err != nil {
		fmt.Fprintln(stderr, "kycsim: cannot start:", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := srv.ListenAndServe(ctx); err != nil {
		fmt.Fprintln(stderr, "kycsim:", err)
		return 1
	}
	return 0
}
