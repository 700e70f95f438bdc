// Package emu holds what every emulated API shares at run time: the
// namespace with its emulator clock and bounded journal, the per-request
// Call the pipeline threads through handlers, and the API interface each
// emulation implements to plug into the one router.
package emu

import (
	"net/http"

	"github.com/gorilla/mux"
	"github.com/kycsim/kycsim/fixtures"
)

// API is one emulated third-party API.
type API interface {
	// Name is the API's short name: "nilln", "lursoft", "peerdata". It
	// prefixes every operation name.
	Name() string
	// Owns reports whether a (namespace-less) path belongs to this API, so
	// the pipeline can answer failures before routing in its format.
	Owns(path string) bool
	// Mount registers the API's routes, each named with its stable
	// operation name, plus its own not-found and method-not-allowed
	// answers.
	Mount(r *mux.Router)
	// MountAdmin registers the API's admin endpoints under /__admin/{name}/.
	MountAdmin(r *mux.Router)
	// NewState builds the API's state for ns from the fixtures.
	NewState(ns *Namespace, fx *fixtures.Set) (State, error)
	// WriteError answers a failure the pipeline detects (a panic: 500; a
	// body over the limit: 413; too many namespaces: 503) in the API's own
	// error format.
	WriteError(w http.ResponseWriter, r *http.Request, status int)
	// Credentials lists what a user needs to call the API in ns, for
	// GET /__admin/fixtures.
	Credentials(r *http.Request, s State) any
}

// Hook runs on every routed request after its operation is known and before
// the API handler: the point where scenario rules apply. Returning true means
// the hook answered the request itself.
type Hook interface {
	Before(w http.ResponseWriter, r *http.Request, c *Call) (handled bool)
}
