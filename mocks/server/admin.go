package server

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"
	"github.com/kycsim/kycsim/mocks/emu"
)

// adminRoutes is the admin API: JSON in and out, acting on the namespace of
// the path it was reached under (/__admin/… or /t/{ns}/__admin/…).
func (s *Server) adminRoutes() *mux.Router {
	r := mux.NewRouter()
	a := r.PathPrefix("/__admin").Subrouter()
	a.HandleFunc("/health", s.adminHealth).Methods(http.MethodGet)
	a.HandleFunc("/reset", s.adminReset).Methods(http.MethodPost)
	a.HandleFunc("/clock", s.adminClockGet).Methods(http.MethodGet)
	a.HandleFunc("/clock", s.adminClockSet).Methods(http.MethodPut)
	a.HandleFunc("/clock/advance", s.adminClockAdvance).Methods(http.MethodPost)
	a.HandleFunc("/clock/freeze", s.adminClockFreeze(true)).Methods(http.MethodPost)
	a.HandleFunc("/clock/unfreeze", s.adminClockFreeze(false)).Methods(http.MethodPost)
	a.HandleFunc("/journal", s.adminJournal).Methods(http.MethodGet)
	a.HandleFunc("/journal", s.adminJournalClear).Methods(http.MethodDelete)
	a.HandleFunc("/fixtures", s.adminFixtures).Methods(http.MethodGet)
	for _, api := range s.apis {
		api.MountAdmin(a.PathPrefix("/" + api.Name()).Subrouter())
	}
	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeAdminError(w, http.StatusNotFound, "no admin endpoint "+r.Method+" "+r.URL.Path)
	})
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeAdminError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed on "+r.URL.Path)
	})
	return r
}

func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	if s.opts.AdminToken != "" {
		got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		if subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.AdminToken)) != 1 {
			writeAdminError(w, http.StatusUnauthorized, "the admin API needs 'Authorization: Bearer <admin token>' (--admin-token)")
			return
		}
	}
	s.admin.ServeHTTP(w, r)
}

func writeAdminError(w http.ResponseWriter, status int, msg string) {
	emu.WriteAdminError(w, status, msg)
}

func (s *Server) adminHealth(w http.ResponseWriter, r *http.Request) {
	apis := []string{}
	for _, a := range s.apis {
		apis = append(apis, a.Name())
	}
	emu.WriteAdminJSON(w, http.StatusOK, map[string]any{
		"status": "ok", "namespace": emu.CallOf(r).Namespace.Name, "apis": apis,
	})
}

func (s *Server) adminReset(w http.ResponseWriter, r *http.Request) {
	ns := emu.CallOf(r).Namespace
	if err := ns.Reset(); err != nil {
		writeAdminError(w, http.StatusInternalServerError, err.Error())
		return
	}
	emu.WriteAdminJSON(w, http.StatusOK, map[string]any{"status": "reset", "namespace": ns.Name})
}

func clockJSON(c *emu.Clock) map[string]any {
	return map[string]any{"now": c.Now().Format(time.RFC3339Nano), "frozen": c.Frozen()}
}

func (s *Server) adminClockGet(w http.ResponseWriter, r *http.Request) {
	emu.WriteAdminJSON(w, http.StatusOK, clockJSON(emu.CallOf(r).Namespace.Clock))
}

func (s *Server) adminClockSet(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Now string `json:"now"`
	}
	if err := decodeAdmin(r, &body); err != nil {
		writeAdminError(w, http.StatusBadRequest, err.Error())
		return
	}
	t, err := time.Parse(time.RFC3339Nano, body.Now)
	if err != nil {
		writeAdminError(w, http.StatusBadRequest, `"now" must be an RFC 3339 time such as "2026-01-02T03:04:05Z"`)
		return
	}
	c := emu.CallOf(r).Namespace.Clock
	c.Set(t)
	emu.WriteAdminJSON(w, http.StatusOK, clockJSON(c))
}

func (s *Server) adminClockAdvance(w http.ResponseWriter, r *http.Request) {
	var body struct {
		By string `json:"by"`
	}
	if err := decodeAdmin(r, &body); err != nil {
		writeAdminError(w, http.StatusBadRequest, err.Error())
		return
	}
	d, err := ParseDuration(body.By)
	if err != nil {
		writeAdminError(w, http.StatusBadRequest, err.Error())
		return
	}
	c := emu.CallOf(r).Namespace.Clock
	c.Advance(d)
	emu.WriteAdminJSON(w, http.StatusOK, clockJSON(c))
}

func (s *Server) adminClockFreeze(freeze bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := emu.CallOf(r).Namespace.Clock
		if freeze {
			c.Freeze()
		} else {
			c.Unfreeze()
		}
		emu.WriteAdminJSON(w, http.StatusOK, clockJSON(c))
	}
}

func (s *Server) adminJournal(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := emu.Filter{API: q.Get("api"), Operation: q.Get("operation")}
	for name, dst := range map[string]*int{"status": &f.Status, "limit": &f.Limit} {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				writeAdminError(w, http.StatusBadRequest, name+" must be a whole number")
				return
			}
			*dst = n
		}
	}
	entries := emu.CallOf(r).Namespace.Journal.List(f)
	emu.WriteAdminJSON(w, http.StatusOK, map[string]any{"entries": entries, "count": len(entries)})
}

func (s *Server) adminJournalClear(w http.ResponseWriter, r *http.Request) {
	emu.CallOf(r).Namespace.Journal.Clear()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) adminFixtures(w http.ResponseWriter, r *http.Request) {
	ns := emu.CallOf(r).Namespace
	out := map[string]any{}
	for _, a := range s.apis {
		out[a.Name()] = a.Credentials(r, ns.State(a.Name()))
	}
	emu.WriteAdminJSON(w, http.StatusOK, out)
}

func decodeAdmin(r *http.Request, v any) error { return emu.DecodeAdminJSON(r, v) }

// ParseDuration reads Go duration syntax plus a `d` unit for days
// ("31m", "24h", "1d12h", "-2d").
func ParseDuration(s string) (time.Duration, error) {
	if s == "" {
		return 0, errors.New(`"by" is required, e.g. "31m", "24h" or "1d"`)
	}
	orig := s
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(s, "+-")
	var days time.Duration
	if i := strings.IndexByte(s, 'd'); i >= 0 {
		n, err := strconv.ParseFloat(s[:i], 64)
		if err != nil {
			return 0, fmt.Errorf("invalid duration %q", orig)
		}
		days = time.Duration(n * float64(24*time.Hour))
		s = s[i+1:]
	}
	var rest time.Duration
	if s != "" {
		d, err := time.ParseDuration(s)
		if err != nil {
			return 0, fmt.Errorf("invalid duration %q: use Go syntax plus d for days, e.g. \"1d2h30m\"", orig)
		}
		rest = d
	}
	d := days + rest
	if neg {
		d = -d
	}
	return d, nil
}
