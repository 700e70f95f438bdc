// Package peerdata emulates the peer-data asynchronous API (seed 004,
// SPEC.md §3): API keys from GET /auth/getToken, valid 24 hours on the
// emulator clock and limited in scope; POST /api/createrequest batches; and
// POST /api/respond polling while several peers answer each request, each
// after its own delay, with deterministic fake details.
//
// Nothing runs in the background: a request stores when each peer answers,
// and its status and details follow from the namespace's clock whenever it
// is read. Memory is bounded: a namespace keeps at most Config.MaxRequests
// requests and Config.MaxKeysPerClient issued keys per client, forgetting
// the oldest beyond them.
package peerdata

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/mux"
	"github.com/kycsim/kycsim/fixtures"
	"github.com/kycsim/kycsim/mocks/emu"
)

// Config tunes the emulation.
type Config struct {
	// Delay, when set, replaces the fixtures' response_delay: how long each
	// peer takes to answer ("fixed:30s", "uniform:5s..2m",
	// "exponential:1m").
	Delay string
	// Deadline, when positive, replaces the fixtures' deadline: a request
	// is Done this long after its creation whatever the peers did.
	Deadline time.Duration
	// MaxRequests caps the requests one namespace keeps (0:
	// DefaultMaxRequests). Beyond it the first created are forgotten: respond
	// answers them as unknown idRequest. It bounds memory under any load.
	MaxRequests int
	// MaxKeysPerClient caps the keys getToken and the admin API issue to
	// one client in one namespace (0: DefaultMaxKeysPerClient). Beyond it
	// the first issued is forgotten: it answers 401 "API key is unknown".
	// Fixture keys neither count nor are forgotten.
	MaxKeysPerClient int
}

// Defaults of Config's caps: generous enough that no test suite meets
// them, small enough that a namespace cannot grow without bound.
const (
	DefaultMaxRequests      = 1_000_000
	DefaultMaxKeysPerClient = 10_000
)

// Validate reports a Delay that does not parse or a negative Deadline.
func (c Config) Validate() error {
	if c.Delay != "" {
		if _, err := fixtures.ParseDelay(c.Delay); err != nil {
			return err
		}
	}
	if c.Deadline < 0 {
		return fmt.Errorf("peer-data deadline %s is negative", c.Deadline)
	}
	if c.MaxRequests < 0 {
		return fmt.Errorf("peer-data max requests %d is negative", c.MaxRequests)
	}
	if c.MaxKeysPerClient < 0 {
		return fmt.Errorf("peer-data max keys per client %d is negative", c.MaxKeysPerClient)
	}
	return nil
}

// API is the peer-data emulation; it implements emu.API.
type API struct {
	cfg    Config
	strict bool
	log    *slog.Logger
}

// New returns the peer-data emulation. strict refuses "Bearer <key>": the
// document sends the key bare in Authorization.
func New(cfg Config, strict bool, log *slog.Logger) *API {
	if log == nil {
		log = slog.Default()
	}
	return &API{cfg: cfg, strict: strict, log: log}
}

// Name implements emu.API.
func (a *API) Name() string { return "peerdata" }

// Paths of the API (seed 004).
const (
	PathGetToken      = "/auth/getToken"
	PathCreateRequest = "/api/createrequest"
	PathRespond       = "/api/respond"
)

// Owns implements emu.API: /auth/… and the two /api/ methods. The rest of
// /api/ belongs to the other emulations (/api/v1, /api/wsdl).
func (a *API) Owns(path string) bool {
	return path == "/auth" || strings.HasPrefix(path, "/auth/") || path == PathCreateRequest || path == PathRespond
}

// Operation names, stable: the journal, scenarios and the conformance suite
// use them.
const (
	OpGetToken         = "peerdata.get_token"
	OpCreateRequest    = "peerdata.createrequest"
	OpRespond          = "peerdata.respond"
	OpRouteNotFound    = "peerdata.route_not_found"
	OpMethodNotAllowed = "peerdata.method_not_allowed"
)

// Mount implements emu.API.
func (a *API) Mount(r *mux.Router) {
	r.Handle(PathGetToken, http.HandlerFunc(a.getToken)).Methods(http.MethodGet).Name(OpGetToken)
	r.Handle(PathCreateRequest, a.keyed(fixtures.PeerMethodCreateRequest, a.createRequest)).Methods(http.MethodPost).Name(OpCreateRequest)
	r.Handle(PathRespond, a.keyed(fixtures.PeerMethodRespond, a.respond)).Methods(http.MethodPost).Name(OpRespond)
	// Registered after the method-bound routes, so gorilla/mux picks them
	// only when the method is wrong.
	r.Handle(PathGetToken, a.methodNotAllowed(http.MethodGet)).Name(OpMethodNotAllowed)
	r.Handle(PathCreateRequest, a.methodNotAllowed(http.MethodPost)).Name(OpMethodNotAllowed)
	r.Handle(PathRespond, a.methodNotAllowed(http.MethodPost)).Name(OpMethodNotAllowed)
	r.Handle("/auth", http.HandlerFunc(a.routeNotFound)).Name(OpRouteNotFound)
	r.PathPrefix("/auth/").Handler(http.HandlerFunc(a.routeNotFound)).Name(OpRouteNotFound)
}

func (a *API) routeNotFound(w http.ResponseWriter, r *http.Request) {
	fail(w, http.StatusNotFound, CodeRouteNotFound, "No such API method: "+r.Method+" "+r.URL.Path)
}

func (a *API) methodNotAllowed(allowed string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allowed)
		fail(w, http.StatusMethodNotAllowed, CodeMethodNotAllowed,
			fmt.Sprintf("Method %s is not allowed for %s; use %s", r.Method, r.URL.Path, allowed))
	})
}

// WriteError implements emu.API.
func (a *API) WriteError(w http.ResponseWriter, r *http.Request, status int) {
	switch status {
	case http.StatusRequestEntityTooLarge:
		fail(w, status, CodeBodyTooLarge, "Request body is too large")
	case http.StatusServiceUnavailable:
		fail(w, status, CodeUnavailable, "Service unavailable: too many namespaces")
	default:
		fail(w, http.StatusInternalServerError, CodeInternalError, "Internal error")
	}
}

// stateOf is the namespace's peer-data state; nil outside the pipeline.
func stateOf(r *http.Request) *State {
	ns := emu.CallOf(r).Namespace
	if ns == nil {
		return nil
	}
	s, _ := ns.State("peerdata").(*State)
	return s
}
