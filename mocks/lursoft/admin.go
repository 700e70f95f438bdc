package lursoft

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/gorilla/mux"
	"github.com/kycsim/kycsim/fixtures"
	"github.com/kycsim/kycsim/mocks/emu"
)

// RoleInfo is one role as GET /__admin/fixtures lists it.
type RoleInfo struct {
	RoleID      int    `json:"role_id"`
	Name        string `json:"name"`
	APIRights   bool   `json:"api_rights"`
	HasKey      bool   `json:"has_key"`
	ObjectLimit int    `json:"object_limit"`
	// Key names the key for the conformance suite's sign_with:
	// fixture:<username>/<role id>.
	Key string `json:"key"`
	// PrivateKey is the TEST ONLY PEM private key matching the role's
	// public key, when the fixtures ship it (null after a key of your own
	// is registered).
	PrivateKey *string `json:"private_key"`
	PublicKey  *string `json:"public_key"`
}

// UserInfo is one user with its password and roles.
type UserInfo struct {
	Username string     `json:"username"`
	Password string     `json:"password"`
	Roles    []RoleInfo `json:"roles"`
}

// Credentials implements emu.API.
func (a *API) Credentials(r *http.Request, st emu.State) any {
	s, ok := st.(*State)
	if !ok {
		return map[string]any{}
	}
	call := emu.CallOf(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	users := make([]UserInfo, 0, len(s.users))
	for _, u := range s.users {
		ui := UserInfo{Username: u.username, Password: u.password, Roles: []RoleInfo{}}
		for _, ro := range u.roles {
			ri := RoleInfo{RoleID: ro.id, Name: ro.name, APIRights: ro.apiRights, HasKey: ro.pub != nil,
				ObjectLimit: ro.objectLimit, Key: u.username + "/" + strconv.Itoa(ro.id)}
			if ro.privPEM != "" {
				p := ro.privPEM
				ri.PrivateKey = &p
			}
			if ro.pubPEM != "" {
				p := ro.pubPEM
				ri.PublicKey = &p
			}
			ui.Roles = append(ui.Roles, ri)
		}
		users = append(users, ui)
	}
	sort.Slice(users, func(i, j int) bool { return users[i].Roles[0].RoleID < users[j].Roles[0].RoleID })
	base := call.BaseURL + call.Prefix + Path
	return map[string]any{
		"wsdl":     base,
		"endpoint": base + "?ws=1",
		"users":    users,
		"note":     "TEST ONLY keys: never use them outside tests against kycsim",
	}
}

// MountAdmin implements emu.API, under /__admin/lursoft:
//
//	PUT    /roles/{id}/key      register a role's public key (PEM body, or {"public_key": PEM})
//	DELETE /roles/{id}/key      take the role's key away (login answers 3000)
//	PUT    /backend             {"failing": true} makes every function answer 1000
//	PUT    /sessions/{sid}/ip   {"ip": "203.0.113.7"} moves a session to another client address (2006)
func (a *API) MountAdmin(r *mux.Router) {
	r.HandleFunc("/roles/{id}/key", a.adminSetKey).Methods(http.MethodPut)
	r.HandleFunc("/roles/{id}/key", a.adminDeleteKey).Methods(http.MethodDelete)
	r.HandleFunc("/backend", a.adminBackend).Methods(http.MethodPut)
	r.HandleFunc("/sessions/{sid}/ip", a.adminSessionIP).Methods(http.MethodPut)
}

func adminState(w http.ResponseWriter, r *http.Request) *State {
	s, ok := emu.CallOf(r).Namespace.State("lursoft").(*State)
	if !ok {
		emu.WriteAdminError(w, http.StatusInternalServerError, "no Lursoft state in this namespace")
	}
	return s
}

func (s *State) roleFrom(w http.ResponseWriter, r *http.Request) *role {
	id, err := strconv.Atoi(mux.Vars(r)["id"])
	ro := s.roles[id]
	if err != nil || ro == nil {
		emu.WriteAdminError(w, http.StatusNotFound, "no Lursoft role "+mux.Vars(r)["id"]+" (GET /__admin/fixtures lists them)")
		return nil
	}
	return ro
}

func (a *API) adminSetKey(w http.ResponseWriter, r *http.Request) {
	s := adminState(w, r)
	if s == nil {
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	if err != nil {
		emu.WriteAdminError(w, http.StatusBadRequest, "cannot read the body: "+err.Error())
		return
	}
	pemText := string(body)
	if trimmed := strings.TrimSpace(pemText); strings.HasPrefix(trimmed, "{") {
		var doc struct {
			PublicKey string `json:"public_key"`
		}
		if err := json.Unmarshal(body, &doc); err != nil {
			emu.WriteAdminError(w, http.StatusBadRequest, `the body must be a PEM public key or {"public_key": "<PEM>"}: `+err.Error())
			return
		}
		pemText = doc.PublicKey
	}
	pub, err := fixtures.ParseRSAPublicKey([]byte(pemText))
	if err != nil {
		emu.WriteAdminError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ro := s.roleFrom(w, r)
	if ro == nil {
		return
	}
	der, _ := x509.MarshalPKIXPublicKey(pub)
	sum := sha256.Sum256(der)
	ro.pub, ro.pubPEM, ro.privPEM, ro.keyName = pub, pemText, "", ""
	emu.WriteAdminJSON(w, http.StatusOK, map[string]any{"role_id": ro.id, "key_sha256": hex.EncodeToString(sum[:]), "bits": pub.N.BitLen()})
}

func (a *API) adminDeleteKey(w http.ResponseWriter, r *http.Request) {
	s := adminState(w, r)
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ro := s.roleFrom(w, r)
	if ro == nil {
		return
	}
	ro.pub, ro.pubPEM, ro.privPEM, ro.keyName = nil, "", "", ""
	emu.WriteAdminJSON(w, http.StatusOK, map[string]any{"role_id": ro.id, "has_key": false})
}

func (a *API) adminBackend(w http.ResponseWriter, r *http.Request) {
	s := adminState(w, r)
	if s == nil {
		return
	}
	var body struct {
		Failing *bool `json:"failing"`
	}
	if err := emu.DecodeAdminJSON(r, &body); err != nil || body.Failing == nil {
		emu.WriteAdminError(w, http.StatusBadRequest, `the body must be {"failing": true} or {"failing": false}`)
		return
	}
	s.mu.Lock()
	s.failing = *body.Failing
	s.mu.Unlock()
	emu.WriteAdminJSON(w, http.StatusOK, map[string]any{"failing": *body.Failing})
}

func (a *API) adminSessionIP(w http.ResponseWriter, r *http.Request) {
	s := adminState(w, r)
	if s == nil {
		return
	}
	var body struct {
		IP string `json:"ip"`
	}
	if err := emu.DecodeAdminJSON(r, &body); err != nil || net.ParseIP(body.IP) == nil {
		emu.WriteAdminError(w, http.StatusBadRequest, `the body must be {"ip": "<an IP address>"}`)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	se := s.sessions[mux.Vars(r)["sid"]]
	if se == nil {
		emu.WriteAdminError(w, http.StatusNotFound, "no session "+mux.Vars(r)["sid"])
		return
	}
	se.ip = body.IP
	emu.WriteAdminJSON(w, http.StatusOK, map[string]any{"sid": se.sid, "ip": se.ip})
}
