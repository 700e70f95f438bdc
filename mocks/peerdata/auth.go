package peerdata

import (
	"crypto/subtle"
	"net/http"
	"strings"
	"time"

	"github.com/kycsim/kycsim/mocks/emu"
)

// call is one authenticated request as a handler sees it.
type call struct {
	w     http.ResponseWriter
	r     *http.Request
	state *State
	key   *apiKey
	now   time.Time
}

// getToken is GET /auth/getToken: HTTP Basic with a client's id and secret
// (decided) issues a key valid 24 hours (seed 004) with the client's scope.
func (a *API) getToken(w http.ResponseWriter, r *http.Request) {
	s := stateOf(r)
	if s == nil {
		a.WriteError(w, r, http.StatusInternalServerError)
		return
	}
	c := emu.CallOf(r)
	id, secret, ok := r.BasicAuth()
	if !ok {
		if h := r.Header.Get("Authorization"); h == "" {
			c.Warn("no Authorization header: getToken authenticates the client with HTTP Basic (client id and secret, GET /__admin/fixtures lists them)")
		} else {
			c.Warn("the Authorization header is not HTTP Basic: getToken takes the client id and secret, not an API key")
		}
		w.Header().Set("WWW-Authenticate", `Basic realm="peer-data", charset="UTF-8"`)
		fail(w, http.StatusUnauthorized, CodeClientCredentials, "Client credentials are missing: authenticate with HTTP Basic (client id and secret)")
		return
	}
	s.mu.RLock()
	cl := s.clients[id]
	s.mu.RUnlock()
	if cl == nil || subtle.ConstantTimeCompare([]byte(cl.secret), []byte(secret)) != 1 {
		if cl == nil {
			c.Warn("no API client %q in the fixtures", id)
		} else {
			c.Warn("wrong secret for API client %q", id)
		}
		w.Header().Set("WWW-Authenticate", `Basic realm="peer-data", charset="UTF-8"`)
		fail(w, http.StatusUnauthorized, CodeClientCredentials, "Client credentials are invalid")
		return
	}
	c.SetCredential("client " + cl.id)
	k := s.issueKey(cl, cl.scope, "", sourceGetToken, s.clock.Now())
	writeJSON(w, http.StatusOK, tokenBody{
		Response:  success("API key issued"),
		APIKey:    k.key,
		ExpiresAt: k.expiresAt.Format(time.RFC3339),
		Scope:     k.scope.list(),
	})
}

// keyed wraps a handler with the API key check: 401 for a missing,
// unknown, revoked or expired key, 403 for a method outside its scope.
func (a *API) keyed(method string, h func(q *call)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := stateOf(r)
		if s == nil {
			a.WriteError(w, r, http.StatusInternalServerError)
			return
		}
		c := emu.CallOf(r)
		now := s.clock.Now()
		raw := strings.TrimSpace(r.Header.Get("Authorization"))
		key := raw
		if strings.EqualFold(raw, "Bearer") { // "Bearer " arrives trimmed
			key = ""
		} else if len(raw) > 7 && strings.EqualFold(raw[:7], "Bearer ") {
			if a.strict {
				c.Warn("strict mode: the document sends the API key bare in Authorization, without 'Bearer '")
			} else {
				key = strings.TrimSpace(raw[7:])
			}
		}
		if key == "" {
			c.Warn("no API key: send it in the Authorization header (seed 004, APIKeyHeader); GET /auth/getToken issues one")
			fail(w, http.StatusUnauthorized, CodeKeyMissing, "API key is missing: send it in the Authorization header")
			return
		}
		s.mu.RLock()
		k := s.keys[key]
		var revoked bool
		if k != nil {
			revoked = k.revoked
		}
		evictedKeys := s.evictedKeys
		s.mu.RUnlock()
		switch {
		case k == nil:
			if strings.HasPrefix(strings.ToLower(raw), "basic ") {
				c.Warn("the Authorization header is HTTP Basic: only GET /auth/getToken takes the client credentials; send the API key it issues")
			}
			if evictedKeys > 0 {
				c.Warn("this namespace has forgotten %d of the keys it issued: it keeps at most %d per client, the newest (--peerdata-max-keys-per-client)", evictedKeys, s.maxKeys)
			}
			fail(w, http.StatusUnauthorized, CodeKeyUnknown, "API key is unknown")
			return
		case revoked:
			c.SetCredential(k.label())
			fail(w, http.StatusUnauthorized, CodeKeyRevoked, "API key has been revoked")
			return
		case k.expired(now):
			c.SetCredential(k.label())
			c.Warn("the key expired %s ago (keys are valid 24 hours); GET /auth/getToken issues a new one", now.Sub(k.expiresAt).Round(time.Second))
			fail(w, http.StatusUnauthorized, CodeKeyExpired, "API key expired at "+k.expiresAt.Format(time.RFC3339))
			return
		}
		c.SetCredential(k.label())
		if !k.scope.hasMethod(method) {
			fail(w, http.StatusForbidden, CodeMethodOutOfScope, "API key does not cover the method "+method)
			return
		}
		h(&call{w: w, r: r, state: s, key: k, now: now})
	})
}

// inScope answers 403 when the key does not cover type_request t.
func (q *call) inScope(t string) bool {
	if q.key.scope.covers(t) {
		return true
	}
	fail(q.w, http.StatusForbidden, CodeCategoryOutOfScope, "API key does not cover type_request '"+t+"'")
	return false
}
