// Package nilln emulates the NILLN.LV IKS platform REST API (seed 000,
// SPEC.md §1): Sanctum bearer tokens with abilities, the seven client
// endpoints with Laravel's validation, pagination and error answers, and
// per-profile webhooks.
package nilln

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/mux"
	"github.com/kycsim/kycsim/mocks/emu"
	"github.com/kycsim/kycsim/mocks/kit/laravel"
	"github.com/kycsim/kycsim/mocks/kit/phpjson"
)

// Defaults of Config.
const (
	DefaultRateLimit       = 60 // Laravel's api limiter: 60 a minute per user
	DefaultWebhookAttempts = 5
)

// Config tunes the emulation.
type Config struct {
	// RateLimit is requests a minute per user before 429: 0 means the
	// default (60, Laravel's api limiter), a negative value turns it off.
	RateLimit int
	// WebhookAttempts bounds deliveries of one event (first try included).
	WebhookAttempts int
	// WebhookBackoff is the wait before retry n (1-based); nil means
	// exponential from one second.
	WebhookBackoff func(n int) time.Duration
	// WebhookClient sends deliveries; nil means a client with a 10 s timeout.
	WebhookClient *http.Client
}

// SetDefaults fills unset fields.
func (c *Config) SetDefaults() {
	if c.RateLimit == 0 {
		c.RateLimit = DefaultRateLimit
	}
	if c.WebhookAttempts <= 0 {
		c.WebhookAttempts = DefaultWebhookAttempts
	}
}

// perMinute is the limiter's setting: 0 is off there.
func (c *Config) perMinute() int {
	if c.RateLimit < 0 {
		return 0
	}
	return c.RateLimit
}

// API is the NILLN emulation; it implements emu.API.
type API struct {
	cfg    Config
	strict bool
	log    *slog.Logger
}

// New returns the NILLN emulation. strict reproduces the real platform's
// less helpful answers too (see SPEC.md §1).
func New(cfg Config, strict bool, log *slog.Logger) *API {
	cfg.SetDefaults()
	if log == nil {
		log = slog.Default()
	}
	return &API{cfg: cfg, strict: strict, log: log}
}

// Name implements emu.API.
func (a *API) Name() string { return "nilln" }

// BasePath is where the API lives, as in seed 000.
const BasePath = "/api/v1"

// Owns implements emu.API: everything under /api/v1 is Laravel's to answer.
func (a *API) Owns(path string) bool {
	return path == BasePath || strings.HasPrefix(path, BasePath+"/")
}

// Operation names, stable: the journal, scenarios and the conformance suite
// use them.
const (
	OpList             = "nilln.clients.list"
	OpCreate           = "nilln.clients.create"
	OpShow             = "nilln.clients.show"
	OpUpdate           = "nilln.clients.update"
	OpArchive          = "nilln.clients.archive"
	OpForceDestroy     = "nilln.clients.force_destroy"
	OpRestore          = "nilln.clients.restore"
	OpRouteNotFound    = "nilln.route_not_found"
	OpMethodNotAllowed = "nilln.method_not_allowed"
	OpOptions          = "nilln.options"
)

// Mount implements emu.API. Routes are registered in the order Laravel's
// Route::apiResource does, which is also the order of the Allow header.
func (a *API) Mount(r *mux.Router) {
	sub := r.PathPrefix(BasePath).Subrouter()
	const uuid = "/clients/{client}"
	sub.Handle("/clients", a.endpoint(abilityRead, bindNone, a.list)).Methods(http.MethodGet, http.MethodHead).Name(OpList)
	sub.Handle("/clients", a.endpoint(abilityCreate, bindNone, a.create)).Methods(http.MethodPost).Name(OpCreate)
	sub.Handle(uuid, a.endpoint(abilityRead, bindActive, a.show)).Methods(http.MethodGet, http.MethodHead).Name(OpShow)
	sub.Handle(uuid, a.endpoint(abilityUpdate, bindActive, a.update)).Methods(http.MethodPut, http.MethodPatch).Name(OpUpdate)
	sub.Handle(uuid, a.endpoint(abilityDelete, bindActive, a.archive)).Methods(http.MethodDelete).Name(OpArchive)
	sub.Handle(uuid+"/force-destroy", a.endpoint(abilityDelete, bindWithArchived, a.forceDestroy)).Methods(http.MethodDelete).Name(OpForceDestroy)
	sub.Handle(uuid+"/restore", a.endpoint(abilityCreate, bindWithArchived, a.restore)).Methods(http.MethodPost).Name(OpRestore)
	// gorilla/mux reports a method mismatch as not-found once a later
	// route's path fails, so both cases go through one handler that asks
	// the routes itself.
	unmatched := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if methods := routeMethods(sub, r); len(methods) > 0 {
			a.methodNotAllowed(w, r, methods)
			return
		}
		a.routeNotFound(w, r)
	})
	sub.NotFoundHandler, sub.MethodNotAllowedHandler = unmatched, unmatched
}

// routeNotFound is Laravel's NotFoundHttpException for a path no route has.
func (a *API) routeNotFound(w http.ResponseWriter, r *http.Request) {
	emu.CallOf(r).Name("nilln", OpRouteNotFound)
	a.fail(w, r, http.StatusNotFound, laravel.RouteNotFound(r.URL.EscapedPath()))
}

// methodNotAllowed answers a known path with a wrong method: 405 with Allow,
// except OPTIONS, which Laravel answers 200 with the methods itself.
func (a *API) methodNotAllowed(w http.ResponseWriter, r *http.Request, routeMethods []string) {
	allowed := laravel.SupportedMethods(routeMethods, r.Method)
	if r.Method == http.MethodOptions {
		emu.CallOf(r).Name("nilln", OpOptions)
		w.Header().Set("Allow", strings.Join(allowed, ","))
		w.WriteHeader(http.StatusOK)
		return
	}
	emu.CallOf(r).Name("nilln", OpMethodNotAllowed)
	laravel.SetAllow(w.Header(), allowed)
	a.fail(w, r, http.StatusMethodNotAllowed, laravel.MethodNotAllowed(r.Method, r.URL.EscapedPath(), allowed))
}

// routeMethods lists the methods of the routes whose path matches r.
func routeMethods(router *mux.Router, r *http.Request) []string {
	var out []string
	seen := map[string]bool{}
	_ = router.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		methods, err := route.GetMethods()
		if err != nil {
			return nil
		}
		for _, m := range methods {
			probe := r.Clone(r.Context())
			probe.Method = m
			var match mux.RouteMatch
			if route.Match(probe, &match) && match.MatchErr == nil && !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
		}
		return nil
	})
	return out
}

// WriteError implements emu.API.
func (a *API) WriteError(w http.ResponseWriter, r *http.Request, status int) {
	switch status {
	case http.StatusRequestEntityTooLarge:
		a.fail(w, r, status, laravel.PostTooLarge())
	case http.StatusServiceUnavailable:
		a.fail(w, r, status, phpjson.Object{{Key: "message", Value: "Service Unavailable"}})
	default:
		a.fail(w, r, http.StatusInternalServerError, laravel.ServerError())
	}
}
