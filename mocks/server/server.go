// Package server is kycsim's one router and the request pipeline every
// emulated API shares: namespace → journal → scenario hooks → API handler.
//
// Go tests, kycsim's own and its users', start it in-process:
//
//	srv, err := server.Start(server.Options{})
//	defer srv.Close()
//	resp, err := http.Get(srv.URL() + "/api/v1/clients")
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/mux"
	"github.com/kycsim/kycsim/fixtures"
	"github.com/kycsim/kycsim/mocks/emu"
	"github.com/kycsim/kycsim/mocks/lursoft"
	"github.com/kycsim/kycsim/mocks/nilln"
	"github.com/kycsim/kycsim/mocks/peerdata"
)

// DefaultNamespace serves the bare (prefix-less) paths.
const DefaultNamespace = "default"

// Server serves every emulated API and the admin API.
type Server struct {
	opts     Options
	log      *slog.Logger
	fixtures *fixtures.Set
	apis     []emu.API
	router   *mux.Router
	admin    *mux.Router
	hooks    []emu.Hook

	mu         sync.Mutex
	namespaces map[string]*emu.Namespace

	test *httptest.Server // set by Start
}

// New builds a server from opts: it loads and validates the fixtures (a
// *fixtures.Error names the file, path and reason of a bad one) and creates
// the default namespace.
func New(opts Options) (*Server, error) {
	opts.setDefaults()
	fx, err := fixtures.LoadDir(opts.FixturesDir, opts.Seed)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, fixtures: fx, namespaces: map[string]*emu.Namespace{}}
	s.log = opts.Logger
	if s.log == nil {
		s.log = newLogger(opts.LogFormat, opts.LogOutput)
	}
	s.apis = []emu.API{
		nilln.New(opts.NILLN, opts.Strict, s.log),
		lursoft.New(opts.Lursoft, opts.Strict, s.log),
		peerdata.New(opts.PeerData, opts.Strict, s.log),
	}
	s.router = s.routes()
	s.admin = s.adminRoutes()
	if _, err := s.namespace(DefaultNamespace); err != nil {
		return nil, err
	}
	return s, nil
}

// Start builds a server and serves it on a loopback port, like
// httptest.NewServer; URL tells where. Close stops it.
func Start(opts Options) (*Server, error) {
	s, err := New(opts)
	if err != nil {
		return nil, err
	}
	s.test = httptest.NewServer(s)
	return s, nil
}

// URL is the base URL of a server made by Start.
func (s *Server) URL() string {
	if s.test == nil {
		return ""
	}
	return s.test.URL
}

// Close stops a server made by Start and every namespace's background work.
func (s *Server) Close() {
	if s.test != nil {
		s.test.Close()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ns := range s.namespaces {
		ns.Close()
	}
}

// Fixtures is the loaded fixture set.
func (s *Server) Fixtures() *fixtures.Set { return s.fixtures }

// Namespace returns the named namespace, creating it from the fixtures if
// it does not exist yet.
func (s *Server) Namespace(name string) (*emu.Namespace, error) { return s.namespace(name) }

// AddHook appends a hook that runs before every API handler (scenarios).
func (s *Server) AddHook(h emu.Hook) { s.hooks = append(s.hooks, h) }

// ListenAndServe serves on opts.Addr until ctx is done, then shuts down
// gracefully, letting requests in flight finish.
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	s.log.Info("kycsim listening", "addr", ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("kycsim shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = hs.Shutdown(shutdownCtx)
	s.Close()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

var namespaceName = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

// errTooManyNamespaces is answered with 503: namespaces hold state, so the
// number of them is what keeps memory bounded.
var errTooManyNamespaces = errors.New("too many namespaces")

func (s *Server) namespace(name string) (*emu.Namespace, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ns, ok := s.namespaces[name]; ok {
		return ns, nil
	}
	if len(s.namespaces) >= s.opts.MaxNamespaces {
		return nil, errTooManyNamespaces
	}
	clock := emu.NewClock(s.opts.Now)
	ns, err := emu.NewNamespace(name, clock, emu.NewJournal(s.opts.JournalSize), func(ns *emu.Namespace) (map[string]emu.State, error) {
		states := map[string]emu.State{}
		for _, api := range s.apis {
			st, err := api.NewState(ns, s.fixtures)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", api.Name(), err)
			}
			states[api.Name()] = st
		}
		return states, nil
	})
	if err != nil {
		return nil, err
	}
	s.namespaces[name] = ns
	return ns, nil
}

func (s *Server) apiFor(path string) emu.API {
	for _, a := range s.apis {
		if a.Owns(path) {
			return a
		}
	}
	return nil
}

// ServeHTTP is the shared pipeline.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	name, prefix, rest, ok := splitNamespace(r.URL.Path)
	if !ok {
		writeAdminError(w, http.StatusNotFound, "namespace names are 1-64 characters of A-Z a-z 0-9 _ . -")
		return
	}
	// A shallow copy with its own URL: handlers see the path without the
	// namespace prefix. (r.Clone would copy every header on the hot path.)
	r2 := new(http.Request)
	*r2 = *r
	u := *r.URL
	u.Path, u.RawPath = rest, ""
	r2.URL = &u
	api := s.apiFor(rest)
	call := &emu.Call{Prefix: prefix, BaseURL: s.baseURL(r)}
	ns, err := s.namespace(name)
	if err != nil {
		if api != nil {
			api.WriteError(w, r2, http.StatusServiceUnavailable)
		} else {
			writeAdminError(w, http.StatusServiceUnavailable, err.Error())
		}
		return
	}
	call.Namespace = ns
	r2 = r2.WithContext(emu.WithCall(r2.Context(), call))

	isAdmin := rest == "/__admin" || strings.HasPrefix(rest, "/__admin/")
	rec := newRecorder(w)
	reqBody := newBodyTap(r2, s.opts.BodyLimit)
	func() {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic serving request", "namespace", name, "path", rest, "panic", fmt.Sprint(p), "stack", stack())
				call.Warn("kycsim panicked: %v", p)
				if !rec.wroteHeader {
					if api != nil {
						api.WriteError(rec, r2, http.StatusInternalServerError)
					} else {
						writeAdminError(rec, http.StatusInternalServerError, "internal error")
					}
				}
			}
		}()
		switch {
		case isAdmin:
			call.Name("admin", "admin")
			s.serveAdmin(rec, r2)
		case r2.ContentLength > s.opts.BodyLimit && api != nil:
			// PHP refuses a body over post_max_size before the application runs.
			call.Name(api.Name(), api.Name()+".body_too_large")
			call.Warn("request body of %d bytes is over the %d-byte limit", r2.ContentLength, s.opts.BodyLimit)
			api.WriteError(rec, r2, http.StatusRequestEntityTooLarge)
		default:
			s.router.ServeHTTP(rec, r2)
		}
	}()
	if isAdmin {
		return // admin calls are not journaled: they would crowd out the traffic under test
	}
	apiName, op, cred, scenario, warnings := call.Snapshot()
	dur := time.Since(start)
	reqText, reqTrunc := reqBody.text()
	respText, respTrunc := rec.text()
	ns.Journal.Add(emu.Entry{
		Time: ns.Clock.Now(), Namespace: name, API: apiName, Operation: op,
		Method: r.Method, Path: rest, Query: r.URL.RawQuery, RemoteAddr: r.RemoteAddr,
		Credential: cred, Status: rec.status, DurationMS: float64(dur.Microseconds()) / 1000,
		RequestBody: reqText, ResponseBody: respText, Truncated: reqTrunc || respTrunc,
		Warnings: warnings, Scenario: scenario,
	})
	attrs := []any{"namespace", name, "operation", op, "method", r.Method, "path", rest, "status", rec.status, "duration", dur}
	if len(warnings) > 0 {
		attrs = append(attrs, "warnings", warnings)
	}
	s.log.Info("request", attrs...)
}

// splitNamespace separates /t/{name}/rest into its parts; a bare path is
// the default namespace.
func splitNamespace(path string) (name, prefix, rest string, ok bool) {
	if !strings.HasPrefix(path, "/t/") {
		return DefaultNamespace, "", path, true
	}
	after := path[len("/t/"):]
	name, rest, _ = strings.Cut(after, "/")
	rest = "/" + rest
	if !namespaceName.MatchString(name) {
		return "", "", "", false
	}
	return name, "/t/" + name, rest, true
}

// baseURL is where the client reached us: the configured public URL, or
// the request's own scheme and host (so URLs work inside docker-compose).
func (s *Server) baseURL(r *http.Request) string {
	if s.opts.PublicURL != "" {
		return s.opts.PublicURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if p := r.Header.Get("X-Forwarded-Proto"); p == "http" || p == "https" {
		scheme = p
	}
	return scheme + "://" + r.Host
}

func newLogger(format string, out interface{ Write([]byte) (int, error) }) *slog.Logger {
	if out == nil {
		out = os.Stderr
	}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(out, nil))
	}
	return slog.New(slog.NewTextHandler(out, nil))
}
