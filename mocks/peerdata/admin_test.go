package peerdata_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/kycsim/kycsim/mocks/peerdata"
	"github.com/kycsim/kycsim/mocks/server"
)

func TestAdminKeys(t *testing.T) {
	e := newEnv(t, server.Options{})
	var list struct {
		Keys  []peerdata.KeyInfo `json:"keys"`
		Count int                `json:"count"`
	}
	r := e.admin("GET", "/peerdata/keys", "")
	r.expect(t, 200, "")
	if err := json.Unmarshal([]byte(r.body), &list); err != nil {
		t.Fatal(err)
	}
	want := []peerdata.KeyInfo{
		{Key: keyFull, Name: "pre-issued, full scope", Client: fullID, Source: "fixture", Scope: []string{"createrequest", "respond", "All categories"}, Status: "active"},
		{Key: keyRespondOnly, Name: "pre-issued, respond only", Client: fullID, Source: "fixture", Scope: []string{"respond", "All categories"}, Status: "active"},
		{Key: keyRevoked, Name: "revoked", Client: fullID, Source: "fixture", Scope: []string{"createrequest", "respond", "All categories"}, Status: "revoked"},
		{Key: keyExpired, Name: "expired (issued 2024-01-01)", Client: fullID, Source: "fixture", IssuedAt: "2024-01-01T00:00:00Z", ExpiresAt: "2024-01-02T00:00:00Z", Scope: []string{"createrequest", "respond", "All categories"}, Status: "expired"},
		{Key: keyLimited, Name: "pre-issued, limited scope", Client: limitedID, Source: "fixture", Scope: []string{"createrequest", "respond", "Address", "Contacts", "Name"}, Status: "active"},
	}
	if got, _ := json.Marshal(list.Keys); string(got) != mustJSON(t, want) || list.Count != 5 {
		t.Fatalf("keys\n got %s\nwant %s", got, mustJSON(t, want))
	}

	// Issue a narrower key for a client; it works within that scope only.
	r = e.admin("POST", "/peerdata/keys", `{"client":"kycsim-limited","name":"address reader","methods":["respond"],"categories":["Address"]}`)
	r.expect(t, 201, "")
	var k peerdata.KeyInfo
	if err := json.Unmarshal([]byte(r.body), &k); err != nil {
		t.Fatal(err)
	}
	if k.Source != "admin" || k.IssuedAt != "2026-03-02T09:00:00Z" || k.ExpiresAt != "2026-03-03T09:00:00Z" || mustJSON(t, k.Scope) != `["respond","Address"]` {
		t.Fatalf("issued %s", r.body)
	}
	e.respond(k.Key, `{"type_request":"Address","period":5}`).expect(t, 200, "")
	e.respond(k.Key, `{"type_request":"Name","period":5}`).expect(t, 403, "")
	e.create(k.Key, `{"type_request":"Address","value":[{"PhoneNumber":"0671234567"}]}`).expect(t, 403, "")
	// A key issued in the past is expired already.
	r = e.admin("POST", "/peerdata/keys", `{"client":"kycsim-full","issued_at":"2026-03-01T08:00:00Z"}`)
	r.expect(t, 201, "")
	old := r.json(t)
	if old["status"] != "expired" {
		t.Errorf("back-dated key: %s", r.body)
	}
	e.respond(old["key"].(string), respondPeriod).
		expect(t, 401, `{"response":{"status":"Error","code":1003,"message":"API key expired at 2026-03-02T08:00:00Z"}}`)

	for _, bad := range []struct{ body, status string }{
		{`{"client":"nobody"}`, "404"},
		{`{"client":"kycsim-limited","categories":["Identity"]}`, "400"},
		{`{"client":"kycsim-limited","categories":["All categories"]}`, "400"},
		{`{"client":"kycsim-respond-only","methods":["createrequest"]}`, "400"},
		{`{"client":"kycsim-full","methods":[]}`, "400"},
		{`{"client":"kycsim-full","categories":["Cars"]}`, "400"},
		{`{"client":"kycsim-full","issued_at":"yesterday"}`, "400"},
		{`{"client":"kycsim-full","colour":"red"}`, "400"},
	} {
		if r := e.admin("POST", "/peerdata/keys", bad.body); r.status != atoi(bad.status) {
			t.Errorf("%s: %d %s", bad.body, r.status, r.body)
		}
	}
	r = e.admin("GET", "/peerdata/keys?client=kycsim-limited", "")
	if err := json.Unmarshal([]byte(r.body), &list); err != nil || list.Count != 2 {
		t.Errorf("limited client's keys: %s", r.body)
	}
	e.admin("GET", "/peerdata/keys?client=nobody", "").expect(t, 404, "")
}

func TestAdminRequest(t *testing.T) {
	e := newEnv(t, server.Options{PeerData: peerdata.Config{Delay: "fixed:30s", Deadline: 20 * time.Second}})
	id := e.createOne(keyFull, "Name", `{"IdDocument":"000000000","PhoneNumber":"0671234567"}`)
	want := `{
  "idRequest": "` + id + `",
  "client": "kycsim-full",
  "type_request": "Name",
  "IdDocument": "000000000",
  "PhoneNumber": "0671234567",
  "created_at": "2026-03-02T09:00:00Z",
  "deadline": "2026-03-02T09:00:20Z",
  "status": "Panding",
  "unknown_person": true,
  "peers": [
    {
      "peer": "PEER-0101",
      "answers_at": "2026-03-02T09:00:30Z",
      "answered": false
    },
    {
      "peer": "PEER-0202",
      "answers_at": "2026-03-02T09:00:30Z",
      "answered": false
    },
    {
      "peer": "PEER-0303",
      "answers_at": "2026-03-02T09:00:30Z",
      "answered": false
    }
  ]
}
`
	e.admin("GET", "/peerdata/requests/"+id, "").expect(t, 200, want)
	e.admin("GET", "/peerdata/requests/nope", "").expect(t, 404, "")
}

func TestCredentials(t *testing.T) {
	e := newEnv(t, server.Options{})
	var fx struct {
		PeerData struct {
			BaseURL       string                `json:"base_url"`
			Clients       []peerdata.ClientInfo `json:"clients"`
			Keys          []peerdata.KeyInfo    `json:"keys"`
			Peers         []map[string]any      `json:"peers"`
			UnknownPeople []map[string]string   `json:"unknown_people"`
			ResponseDelay string                `json:"response_delay"`
			Deadline      string                `json:"deadline"`
			KeyTTL        string                `json:"key_ttl"`
		} `json:"peerdata"`
	}
	r := e.admin("GET", "/fixtures", "")
	if err := json.Unmarshal([]byte(r.body), &fx); err != nil {
		t.Fatal(err)
	}
	pd := fx.PeerData
	if pd.BaseURL != e.srv.URL() || len(pd.Keys) != 5 || len(pd.Peers) != 3 || len(pd.UnknownPeople) != 3 ||
		pd.ResponseDelay != "uniform:5s..2m0s" || pd.Deadline != "5m0s" || pd.KeyTTL != "24h0m0s" {
		t.Errorf("peerdata fixtures: %+v", pd)
	}
	want := []peerdata.ClientInfo{
		{ID: fullID, Name: "Full access (every method, every category)", Secret: fullSecret, Authorization: basic(fullID, fullSecret), Scope: []string{"createrequest", "respond", "All categories"}},
		{ID: limitedID, Name: "Limited scope (Address, Contacts and Name only)", Secret: limitedSecret, Authorization: basic(limitedID, limitedSecret), Scope: []string{"createrequest", "respond", "Address", "Contacts", "Name"}},
		{ID: respondOnlyID, Name: "Respond only (polls, never creates)", Secret: respondOnlySecret, Authorization: basic(respondOnlyID, respondOnlySecret), Scope: []string{"respond", "All categories"}},
	}
	if mustJSON(t, pd.Clients) != mustJSON(t, want) {
		t.Errorf("clients\n got %s\nwant %s", mustJSON(t, pd.Clients), mustJSON(t, want))
	}
	// Each listed Authorization header works on getToken.
	for _, c := range pd.Clients {
		e.do("GET", "/auth/getToken", c.Authorization, "").expect(t, 200, "")
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
