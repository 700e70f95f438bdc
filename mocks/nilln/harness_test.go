package nilln_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/mocks/emu"
	"github.com/kycsim/kycsim/mocks/nilln"
	"github.com/kycsim/kycsim/mocks/server"
	"github.com/kycsim/kycsim/mocks/server/servertest"
)

// Fixture tokens (fixtures/nilln.yaml).
const (
	tokAll          = "KycsimNordexoReadCreateUpdateDelete00001"
	tokRead         = "KycsimNordexoReadOnly0000000000000000002"
	tokCreate       = "KycsimNordexoCreateOnly00000000000000003"
	tokUpdate       = "KycsimNordexoUpdateOnly00000000000000004"
	tokDelete       = "KycsimNordexoDeleteOnly00000000000000005"
	tokRevoked      = "KycsimNordexoRevokedAllAbilities00000006"
	tokOtherProfile = "KycsimCapitaxReadCreateUpdateDelete00007"

	nordexoUUID = "69ade873-f02c-4df1-a307-1c388f7a5172"
	capitaxUUID = "49c7436f-7616-4e92-b2b6-b4e0f9e07cfd"
)

// seedShowBody is seed 000's show example as the PHP platform writes it.
const seedShowBody = `{"data":{"uuid":"69ade873-f02c-4df1-a307-1c388f7a5172","type":"Juridiska persona","name":"SIA \"Nordexo IT\"","reg_no":"40203206226","reference_no":"1","email":null,"comment":"IT uz\u0146\u0113mums","risk_level":"zems","is_active":true,"set_at":"2022-04-25T00:00:00.000000Z","reviewed_at":"2022-04-25T00:00:00.000000Z","inputs":[]}}`

type env struct {
	t   *testing.T
	srv *server.Server
	ns  string
}

func newEnv(t *testing.T, opts server.Options) *env {
	t.Helper()
	return &env{t: t, srv: servertest.Start(t, opts), ns: "default"}
}

// base is the API base URL of the env's namespace.
func (e *env) base() string {
	if e.ns == "default" {
		return e.srv.URL() + "/api/v1"
	}
	return e.srv.URL() + "/t/" + e.ns + "/api/v1"
}

func (e *env) admin(path string) string {
	if e.ns == "default" {
		return e.srv.URL() + "/__admin" + path
	}
	return e.srv.URL() + "/t/" + e.ns + "/__admin" + path
}

func (e *env) state() *nilln.State {
	ns, err := e.srv.Namespace(e.ns)
	if err != nil {
		e.t.Fatal(err)
	}
	return ns.State("nilln").(*nilln.State)
}

func (e *env) journal() []emu.Entry {
	ns, _ := e.srv.Namespace(e.ns)
	return ns.Journal.List(emu.Filter{})
}

type reply struct {
	status int
	header http.Header
	body   string
}

// call sends a request with seed 000's three headers (Authorization only
// when token is not ""); extra headers are name, value pairs, and a value
// of "-" removes the header.
func (e *env) call(method, path, token, body string, extra ...string) reply {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	url := path
	if !strings.HasPrefix(path, "http") {
		url = e.base() + path
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(extra); i += 2 {
		if extra[i+1] == "-" {
			req.Header.Del(extra[i])
		} else {
			req.Header.Set(extra[i], extra[i+1])
		}
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return reply{resp.StatusCode, resp.Header, string(b)}
}

// expect checks status, JSON content type and the exact body.
func (r reply) expect(t *testing.T, status int, body string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	if body != "" && r.body != body {
		t.Fatalf("body\n got %s\nwant %s", r.body, body)
	}
	if body != "" && r.header.Get("Content-Type") != "application/json" {
		t.Fatalf("Content-Type %q", r.header.Get("Content-Type"))
	}
}

func (r reply) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(r.body), &m); err != nil {
		t.Fatalf("not JSON: %v: %s", err, r.body)
	}
	return m
}

// esc writes a URL as json_encode does.
func esc(s string) string { return strings.ReplaceAll(s, "/", `\/`) }

// hasWarning reports whether the newest journal entry carries a warning
// containing sub.
func (e *env) hasWarning(sub string) bool {
	j := e.journal()
	if len(j) == 0 {
		return false
	}
	for _, w := range j[0].Warnings {
		if strings.Contains(w, sub) {
			return true
		}
	}
	return false
}

var emptyFilter = emu.Filter{}

// noRedirects shows a redirect as it is answered.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
