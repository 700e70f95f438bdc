package nilln

import (
	"crypto/subtle"
	"fmt"
	"html"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"
	"github.com/kycsim/kycsim/mocks/emu"
	"github.com/kycsim/kycsim/mocks/kit/laravel"
	"github.com/kycsim/kycsim/mocks/kit/phpjson"
)

// Abilities of a Sanctum token (seed 000, "API tiesību saraksts").
const (
	abilityRead   = "read"
	abilityCreate = "create"
	abilityUpdate = "update"
	abilityDelete = "delete"
)

// bindMode is how the {client} route parameter is resolved.
type bindMode int

const (
	bindNone         bindMode = iota
	bindActive                // archived clients are not found (show, update, archive)
	bindWithArchived          // withTrashed(): force-destroy and restore
)

// request is one authenticated NILLN request as a handler sees it.
type request struct {
	w      http.ResponseWriter
	r      *http.Request
	state  *State
	token  *token
	client *client // the bound {client}, if the route has one
}

// endpoint wraps a handler in Laravel's order: Sanctum authentication
// (401), the api throttle (429), route model binding (404), then the
// token's ability (403). Binding runs before the ability check, so a
// read-only token deleting a missing client gets 404, not 403 (SPEC.md §1).
func (a *API) endpoint(ability string, bind bindMode, h func(q *request)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		call := emu.CallOf(r)
		s, _ := call.Namespace.State("nilln").(*State)
		if s == nil { // a handler mounted outside the pipeline
			a.fail(w, r, http.StatusInternalServerError, laravel.ServerError())
			return
		}
		t := s.authenticate(r)
		if t == nil {
			a.unauthenticated(w, r)
			return
		}
		call.SetCredential(t.label)
		d := s.limiter.Hit("user:"+strconv.Itoa(t.user.id), s.clock.Now())
		d.SetHeaders(w.Header())
		if !d.Allowed {
			a.fail(w, r, http.StatusTooManyRequests, laravel.TooManyAttempts())
			return
		}
		q := &request{w: w, r: r, state: s, token: t}
		if bind != bindNone {
			id := mux.Vars(r)["client"]
			s.mu.RLock()
			c := t.user.profile.byUUID[id]
			s.mu.RUnlock()
			if c == nil || (bind == bindActive && c.archived) {
				a.fail(w, r, http.StatusNotFound, laravel.ModelNotFound(`App\Models\Client`, id))
				return
			}
			q.client = c
		}
		if !t.abilities[ability] {
			a.fail(w, r, http.StatusForbidden, laravel.InvalidAbility())
			return
		}
		h(q)
	})
}

// authenticate finds the token of the Authorization header as Sanctum does:
// the text after the last "Bearer " (case-sensitive, so "bearer x" is
// unauthenticated), cut at a comma; "{id}|{secret}" is checked against that
// token id, a bare secret against every token.
func (s *State) authenticate(r *http.Request) *token {
	h := r.Header.Get("Authorization")
	i := strings.LastIndex(h, "Bearer ")
	if i < 0 {
		return nil
	}
	raw := h[i+len("Bearer "):]
	if j := strings.IndexByte(raw, ','); j >= 0 {
		raw = raw[:j]
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var t *token
	if id, secret, ok := strings.Cut(raw, "|"); ok {
		n, err := strconv.Atoi(id)
		if err != nil {
			return nil
		}
		t = s.tokenIDs[n]
		if t == nil || subtle.ConstantTimeCompare([]byte(t.secret), []byte(secret)) != 1 {
			return nil
		}
	} else {
		t = s.tokens[raw]
	}
	if t == nil || t.revoked {
		return nil
	}
	return t
}

// unauthenticated is Laravel's AuthenticationException answer: JSON for a
// client that asks for JSON, a redirect to the login page otherwise.
func (a *API) unauthenticated(w http.ResponseWriter, r *http.Request) {
	call := emu.CallOf(r)
	if r.Header.Get("Authorization") == "" {
		call.Warn("no Authorization header: send 'Authorization: Bearer <token>' (seed 000, A. Autorizācija)")
	} else if strings.Contains(strings.ToLower(r.Header.Get("Authorization")), "bearer ") && !strings.Contains(r.Header.Get("Authorization"), "Bearer ") {
		call.Warn("the scheme must be written 'Bearer' with a capital B: Laravel's bearerToken() does not match %q", strings.SplitN(r.Header.Get("Authorization"), " ", 2)[0])
	} else {
		call.Warn("the bearer token is unknown or revoked")
	}
	if !expectsJSON(r) && a.strict {
		call.Warn("no 'Accept: application/json': the real platform redirects to its login page (strict mode)")
		redirect(w, emu.CallOf(r).BaseURL+"/login")
		return
	}
	a.fail(w, r, http.StatusUnauthorized, laravel.Unauthenticated())
}

// fail writes an error answer. Laravel renders errors as JSON only for a
// request that expects JSON; kycsim answers JSON anyway and says so in the
// journal, and strict mode answers with the HTML page the platform shows.
func (a *API) fail(w http.ResponseWriter, r *http.Request, status int, body phpjson.Object) {
	if !expectsJSON(r) {
		call := emu.CallOf(r)
		call.Warn("the request has no 'Accept: application/json' header: the real API would answer this %d with an HTML page or a redirect, not JSON (seed 000 asks for the header)", status)
		if a.strict {
			w.Header().Set("Content-Type", "text/html; charset=UTF-8")
			w.WriteHeader(status)
			fmt.Fprintf(w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>%d</title></head>\n<body>%s</body>\n</html>\n", status, html.EscapeString(http.StatusText(status)))
			return
		}
	}
	laravel.WriteJSON(w, status, body)
}

// expectsJSON is Laravel's Request::expectsJson: an XMLHttpRequest that
// accepts anything, or a first Accept type that is JSON.
func expectsJSON(r *http.Request) bool {
	accept := r.Header.Get("Accept")
	first := strings.TrimSpace(strings.Split(accept, ",")[0])
	if mt, _, err := mime.ParseMediaType(first); err == nil {
		first = mt
	}
	if strings.Contains(first, "/json") || strings.Contains(first, "+json") {
		return true
	}
	ajax := r.Header.Get("X-Requested-With") == "XMLHttpRequest"
	return ajax && (accept == "" || first == "*/*" || first == "*")
}

// redirect writes Symfony's RedirectResponse, body included.
func redirect(w http.ResponseWriter, url string) {
	u := html.EscapeString(url)
	w.Header().Set("Location", url)
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.WriteHeader(http.StatusFound)
	fmt.Fprintf(w, "<!DOCTYPE html>\n<html>\n    <head>\n        <meta charset=\"UTF-8\" />\n        <meta http-equiv=\"refresh\" content=\"0;url='%[1]s'\" />\n\n        <title>Redirecting to %[1]s</title>\n    </head>\n    <body>\n        Redirecting to <a href=\"%[1]s\">%[1]s</a>.\n    </body>\n</html>", u)
}
