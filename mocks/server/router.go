package server

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"
	"github.com/kycsim/kycsim/mocks/emu"
)

// routes builds the one router of every emulated API. Each API mounts its
// own routes (named by operation) and its own 404/405 answers; the hook
// middleware runs on every matched route.
func (s *Server) routes() *mux.Router {
	r := mux.NewRouter()
	r.Use(s.hookMiddleware)
	for _, api := range s.apis {
		api.Mount(r)
	}
	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		emu.CallOf(r).Name("kycsim", "kycsim.not_found")
		writeAdminError(w, http.StatusNotFound, "no emulated API serves "+r.URL.Path+"; see GET /__admin/health for the APIs and their base paths")
	})
	return r
}

// hookMiddleware names the call after the matched route and lets the
// scenario hooks answer before the API handler.
func (s *Server) hookMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		call := emu.CallOf(r)
		if route := mux.CurrentRoute(r); route != nil {
			if name := route.GetName(); name != "" {
				api, _ := call.Operation()
				if api == "" {
					api = name
					if i := strings.IndexByte(name, '.'); i > 0 {
						api = name[:i]
					}
				}
				call.Name(api, name)
			}
		}
		for _, h := range s.hooks {
			if h.Before(w, r, call) {
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
