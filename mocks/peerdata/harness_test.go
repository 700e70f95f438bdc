package peerdata_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/kycsim/kycsim/mocks/emu"
	"github.com/kycsim/kycsim/mocks/peerdata"
	"github.com/kycsim/kycsim/mocks/server"
	"github.com/kycsim/kycsim/mocks/server/servertest"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

// Fixture clients and keys (fixtures/peerdata.yaml).
const (
	fullID, fullSecret       = "kycsim-full", "KycsimPeerDataFullAccessSecret0000000001"
	limitedID, limitedSecret = "kycsim-limited", "KycsimPeerDataLimitedSecret0000000000002"
	respondOnlyID            = "kycsim-respond-only"
	respondOnlySecret        = "KycsimPeerDataRespondOnlySecret000000003"

	keyFull        = "KycsimPeerKeyFullAccess000000000000000001"
	keyRespondOnly = "KycsimPeerKeyFullRespondOnly0000000000002"
	keyRevoked     = "KycsimPeerKeyFullRevoked00000000000000003"
	keyExpired     = "KycsimPeerKeyFullExpired00000000000000004"
	keyLimited     = "KycsimPeerKeyLimited000000000000000000005"
)

// t0 is where every test's frozen clock starts.
const t0 = "2026-03-02T09:00:00Z"

type env struct {
	t   *testing.T
	srv *server.Server
}

// newEnv starts a server whose default namespace's clock is frozen at t0.
func newEnv(t *testing.T, opts server.Options) *env {
	t.Helper()
	e := &env{t: t, srv: servertest.Start(t, opts)}
	e.admin("POST", "/clock/freeze", "").expect(t, 200, "")
	e.admin("PUT", "/clock", `{"now":"`+t0+`"}`).expect(t, 200, "")
	return e
}

type reply struct {
	status int
	header http.Header
	body   string
}

// do sends a request; auth is the Authorization header ("" for none).
func (e *env) do(method, path, auth, body string) reply {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.srv.URL()+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return reply{resp.StatusCode, resp.Header, string(b)}
}

func (e *env) admin(method, path, body string) reply {
	e.t.Helper()
	return e.do(method, "/__admin"+path, "", body)
}

func (e *env) advance(by string) {
	e.t.Helper()
	e.admin("POST", "/clock/advance", `{"by":"`+by+`"}`).expect(e.t, 200, "")
}

func basic(id, secret string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(id+":"+secret))
}

// token gets a fresh API key for a client.
func (e *env) token(id, secret string) string {
	e.t.Helper()
	r := e.do("GET", "/auth/getToken", basic(id, secret), "")
	r.expect(e.t, 200, "")
	return r.json(e.t)["apiKey"].(string)
}

func (e *env) create(key, body string) reply {
	e.t.Helper()
	return e.do("POST", "/api/createrequest", key, body)
}

func (e *env) respond(key, body string) reply {
	e.t.Helper()
	return e.do("POST", "/api/respond", key, body)
}

func (e *env) journal() []emu.Entry {
	ns, _ := e.srv.Namespace("default")
	return ns.Journal.List(emu.Filter{})
}

// lastWarnings are the warnings of the newest journal entry.
func (e *env) lastWarnings() string {
	j := e.journal()
	if len(j) == 0 {
		return ""
	}
	return strings.Join(j[0].Warnings, "\n")
}

// expect checks the status and, when body is not "", the exact body and
// the JSON content type.
func (r reply) expect(t *testing.T, status int, body string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	if body != "" {
		if r.body != body {
			t.Fatalf("body\n got %s\nwant %s", r.body, body)
		}
		if ct := r.header.Get("Content-Type"); ct != "application/json" {
			t.Fatalf("Content-Type %q", ct)
		}
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

// schemas compiles peerdata.Schemas the way the conformance suite does.
func schemas(t testing.TB) map[string]*jsonschema.Schema {
	t.Helper()
	m, err := compiledSchemas()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var compiledSchemas = sync.OnceValues(func() (map[string]*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	names, err := fs.Glob(peerdata.Schemas, "schemas/*.json")
	if err != nil || len(names) == 0 {
		return nil, fmt.Errorf("no schemas: %v", err)
	}
	for _, n := range names {
		data, err := peerdata.Schemas.ReadFile(n)
		if err != nil {
			return nil, err
		}
		if err := c.AddResource("https://test.invalid/"+n, bytes.NewReader(data)); err != nil {
			return nil, err
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, n := range names {
		s, err := c.Compile("https://test.invalid/" + n)
		if err != nil {
			return nil, err
		}
		out[strings.TrimPrefix(n, "schemas/")] = s
	}
	return out, nil
})

// valid checks a reply body against a response schema.
func (r reply) valid(t *testing.T, schema string) reply {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(r.body), &v); err != nil {
		t.Fatalf("not JSON: %s", r.body)
	}
	if err := schemas(t)[schema].Validate(v); err != nil {
		t.Fatalf("%s does not match %s: %#v", r.body, schema, err)
	}
	return r
}
