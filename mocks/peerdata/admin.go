package peerdata

import (
	"encoding/base64"
	"net/http"
	"slices"
	"time"

	"github.com/gorilla/mux"
	"github.com/kycsim/kycsim/fixtures"
	"github.com/kycsim/kycsim/mocks/emu"
)

// KeyInfo is one API key as the admin API and GET /__admin/fixtures list it.
type KeyInfo struct {
	Key    string `json:"key"`
	Name   string `json:"name,omitempty"`
	Client string `json:"client"`
	// Source is how the key came to be: fixture, getToken or admin.
	Source string `json:"source"`
	// IssuedAt and ExpiresAt are absent for a fixture key without
	// issued_at, which never expires.
	IssuedAt  string   `json:"issued_at,omitempty"`
	ExpiresAt string   `json:"expires_at,omitempty"`
	Scope     []string `json:"scope"`
	// Status is active, expired or revoked at the namespace's clock.
	Status    string `json:"status"`
	RevokedAt string `json:"revoked_at,omitempty"`
}

// ClientInfo is one API client as GET /__admin/fixtures lists it.
type ClientInfo struct {
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	Secret string `json:"secret"`
	// Authorization is the header value GET /auth/getToken takes.
	Authorization string   `json:"authorization"`
	Scope         []string `json:"scope"`
}

// RequestInfo is one request with the peers' schedule, for debugging
// (GET /__admin/peerdata/requests/{idRequest}).
type RequestInfo struct {
	IDRequest     string     `json:"idRequest"`
	Client        string     `json:"client"`
	TypeRequest   string     `json:"type_request"`
	IDDocument    string     `json:"IdDocument"`
	PhoneNumber   string     `json:"PhoneNumber"`
	CreatedAt     string     `json:"created_at"`
	Deadline      string     `json:"deadline"`
	Status        string     `json:"status"`
	UnknownPerson bool       `json:"unknown_person"`
	Peers         []PeerTime `json:"peers"`
}

// PeerTime is when one peer answers (or would have answered) a request.
type PeerTime struct {
	Peer      string `json:"peer"`
	AnswersAt string `json:"answers_at"`
	// Answered is false before AnswersAt and for a peer later than the
	// request's deadline, which never answers.
	Answered bool `json:"answered"`
}

func (k *apiKey) info(now time.Time) KeyInfo {
	ki := KeyInfo{Key: k.key, Name: k.name, Client: k.client.id, Source: k.source,
		Scope: k.scope.list(), Status: "active"}
	if !k.expiresAt.IsZero() {
		ki.IssuedAt, ki.ExpiresAt = k.issuedAt.Format(time.RFC3339), k.expiresAt.Format(time.RFC3339)
	}
	switch {
	case k.revoked:
		ki.Status = "revoked"
		if !k.revokedAt.IsZero() {
			ki.RevokedAt = k.revokedAt.Format(time.RFC3339)
		}
	case k.expired(now):
		ki.Status = "expired"
	}
	return ki
}

func basic(id, secret string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(id+":"+secret))
}

// MountAdmin implements emu.API, under /__admin/peerdata:
//
//	GET  /keys[?client=ID]        every key with its status
//	POST /keys                    issue a key: {"client", "name", "methods", "categories", "issued_at"}
//	POST /keys/{key}/revoke       revoke a key
//	GET  /requests/{idRequest}    a request with each peer's answer time
func (a *API) MountAdmin(r *mux.Router) {
	r.HandleFunc("/keys", adminState(a.adminKeys)).Methods(http.MethodGet)
	r.HandleFunc("/keys", adminState(a.adminIssueKey)).Methods(http.MethodPost)
	r.HandleFunc("/keys/{key}/revoke", adminState(a.adminRevoke)).Methods(http.MethodPost)
	r.HandleFunc("/requests/{id}", adminState(a.adminRequest)).Methods(http.MethodGet)
}

func adminState(h func(w http.ResponseWriter, r *http.Request, s *State)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s := stateOf(r)
		if s == nil {
			emu.WriteAdminError(w, http.StatusInternalServerError, "no peer-data state")
			return
		}
		h(w, r, s)
	}
}

func (a *API) adminKeys(w http.ResponseWriter, r *http.Request, s *State) {
	only := r.URL.Query().Get("client")
	now := s.clock.Now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	if only != "" && s.clients[only] == nil {
		emu.WriteAdminError(w, http.StatusNotFound, "no API client "+only)
		return
	}
	keys := []KeyInfo{}
	for _, k := range s.keyOrder {
		if !k.evicted && (only == "" || k.client.id == only) {
			keys = append(keys, k.info(now))
		}
	}
	emu.WriteAdminJSON(w, http.StatusOK, map[string]any{"keys": keys, "count": len(keys)})
}

func (a *API) adminIssueKey(w http.ResponseWriter, r *http.Request, s *State) {
	var body struct {
		Client     string   `json:"client"`
		Name       string   `json:"name"`
		Methods    []string `json:"methods"`
		Categories []string `json:"categories"`
		IssuedAt   string   `json:"issued_at"`
	}
	if err := emu.DecodeAdminJSON(r, &body); err != nil {
		emu.WriteAdminError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.mu.RLock()
	c := s.clients[body.Client]
	s.mu.RUnlock()
	if c == nil {
		emu.WriteAdminError(w, http.StatusNotFound, `no API client "`+body.Client+`"; GET /__admin/fixtures lists them`)
		return
	}
	methods, cats := body.Methods, body.Categories
	if methods == nil {
		methods = c.scope.methods
	}
	if cats == nil {
		cats = c.scope.categoryList()
	}
	for _, m := range methods {
		if !c.scope.hasMethod(m) {
			emu.WriteAdminError(w, http.StatusBadRequest, "method "+m+" is outside the client's scope")
			return
		}
	}
	valid := append(fixtures.PeerCategories(), fixtures.AllCategories)
	for _, cat := range cats {
		if !slices.Contains(valid, cat) {
			emu.WriteAdminError(w, http.StatusBadRequest, "unknown category "+cat)
			return
		}
	}
	if err := fixtures.CategoriesWithin(cats, c.scope.categoryList()); err != nil {
		emu.WriteAdminError(w, http.StatusBadRequest, err.Error())
		return
	}
	sc := newScope(methods, cats)
	if len(sc.methods) == 0 || (!sc.all && len(sc.categories) == 0) {
		emu.WriteAdminError(w, http.StatusBadRequest, "a key needs at least one method and one category")
		return
	}
	now := s.clock.Now()
	issued := now
	if body.IssuedAt != "" {
		t, err := time.Parse(time.RFC3339, body.IssuedAt)
		if err != nil {
			emu.WriteAdminError(w, http.StatusBadRequest, `"issued_at" must be an RFC 3339 time such as "2026-01-02T03:04:05Z"`)
			return
		}
		issued = t
	}
	k := s.issueKey(c, sc, body.Name, sourceAdmin, issued)
	emu.WriteAdminJSON(w, http.StatusCreated, k.info(now))
}

func (a *API) adminRevoke(w http.ResponseWriter, r *http.Request, s *State) {
	now := s.clock.Now()
	s.mu.Lock()
	k := s.keys[mux.Vars(r)["key"]]
	if k != nil && !k.revoked {
		k.revoked, k.revokedAt = true, now.Truncate(time.Second)
	}
	var info KeyInfo
	if k != nil {
		info = k.info(now)
	}
	s.mu.Unlock()
	if k == nil {
		emu.WriteAdminError(w, http.StatusNotFound, "no such API key")
		return
	}
	emu.WriteAdminJSON(w, http.StatusOK, info)
}

func (a *API) adminRequest(w http.ResponseWriter, r *http.Request, s *State) {
	s.mu.RLock()
	req := s.requests[mux.Vars(r)["id"]]
	s.mu.RUnlock()
	if req == nil {
		emu.WriteAdminError(w, http.StatusNotFound, "no such idRequest")
		return
	}
	now := s.clock.Now()
	status, answered := req.status(now)
	info := RequestInfo{IDRequest: req.id, Client: req.client.id, TypeRequest: req.typeRequest,
		IDDocument: req.idDocument, PhoneNumber: req.phoneNumber,
		CreatedAt: req.created.Format(time.RFC3339Nano), Deadline: req.deadline.Format(time.RFC3339Nano),
		Status: status, UnknownPerson: req.unknown, Peers: []PeerTime{}}
	for i, a := range req.answers {
		info.Peers = append(info.Peers, PeerTime{Peer: a.peer.id, AnswersAt: a.at.Format(time.RFC3339Nano), Answered: i < len(answered)})
	}
	emu.WriteAdminJSON(w, http.StatusOK, info)
}

// Credentials implements emu.API: the clients with their getToken header,
// the pre-issued keys, the peers, the unknown people and the timing.
func (a *API) Credentials(r *http.Request, st emu.State) any {
	s, ok := st.(*State)
	if !ok {
		return map[string]any{}
	}
	call := emu.CallOf(r)
	now := s.clock.Now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	clients := []ClientInfo{}
	for _, c := range s.order {
		clients = append(clients, ClientInfo{ID: c.id, Name: c.name, Secret: c.secret,
			Authorization: basic(c.id, c.secret), Scope: c.scope.list()})
	}
	keys := []KeyInfo{}
	for _, k := range s.keyOrder {
		if k.source == sourceFixture {
			keys = append(keys, k.info(now))
		}
	}
	peers := []map[string]any{}
	for _, p := range s.peers {
		peers = append(peers, map[string]any{"id": p.id, "name": p.name, "categories": p.categories})
	}
	unknown := []map[string]string{}
	for _, u := range s.fx.UnknownPeople {
		m := map[string]string{}
		if u.IDDocument != "" {
			m["IdDocument"] = u.IDDocument
		}
		if u.PhoneNumber != "" {
			m["PhoneNumber"] = u.PhoneNumber
		}
		unknown = append(unknown, m)
	}
	return map[string]any{
		"base_url":       call.BaseURL + call.Prefix,
		"clients":        clients,
		"keys":           keys,
		"peers":          peers,
		"unknown_people": unknown,
		"response_delay": s.delay.String(),
		"deadline":       s.deadline.String(),
		"key_ttl":        KeyTTL.String(),
		// The caps on what the namespace remembers (Config).
		"max_requests":        s.maxRequests,
		"max_keys_per_client": s.maxKeys,
	}
}
