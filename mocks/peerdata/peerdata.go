// Package lursoft emulates the peer-data asynchronous API
// (seed 004, SPEC.md §3).
//
// PLACEHOLDER: the emulation is being built (issue 5); until then the
// package registers no routes.
package peerdata

import (
	"log/slog"
	"net/http"

	"github.com/gorilla/mux"
	"github.com/kycsim/kycsim/fixtures"
	"github.com/kycsim/kycsim/mocks/emu"
)

// Config tunes the emulation.
type Config struct{}

// API is the peer-data emulation; it implements emu.API.
type API struct {
	cfg    Config
	strict bool
	log    *slog.Logger
}

// New returns the peer-data emulation.
func New(cfg Config, strict bool, log *slog.Logger) *API {
	return &API{cfg: cfg, strict: strict, log: log}
}

// Name implements emu.API.
func (a *API) Name() string { return "peerdata" }

// Owns implements emu.API.
func (a *API) Owns(path string) bool { return false }

// Mount implements emu.API.
func (a *API) Mount(r *mux.Router) {}

// MountAdmin implements emu.API.
func (a *API) MountAdmin(r *mux.Router) {}

type state struct{}

func (state) Close() {}

// NewState implements emu.API.
func (a *API) NewState(ns *emu.Namespace, fx *fixtures.Set) (emu.State, error) { return state{}, nil }

// WriteError implements emu.API.
func (a *API) WriteError(w http.ResponseWriter, r *http.Request, status int) {
	w.WriteHeader(status)
}

// Credentials implements emu.API.
func (a *API) Credentials(r *http.Request, s emu.State) any { return map[string]any{} }
