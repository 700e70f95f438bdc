package lursoft_test

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/fixtures"
	"github.com/kycsim/kycsim/mocks/emu"
	"github.com/kycsim/kycsim/mocks/kit/soap"
	"github.com/kycsim/kycsim/mocks/lursoft"
	"github.com/kycsim/kycsim/mocks/server"
	"github.com/kycsim/kycsim/mocks/server/servertest"
)

// Fixture users and roles (fixtures/lursoft.yaml).
const (
	user     = "lietotaja_vards"
	password = "parole"
	role     = "1234"
	zeroSID  = "00000000000000000000000000000000"
)

type env struct {
	t   testing.TB
	srv *server.Server
	ns  string
	// headers go on every request (X-Forwarded-For in IP tests).
	headers map[string]string
}

func newEnv(t testing.TB, cfg lursoft.Config) *env {
	t.Helper()
	srv := servertest.Start(t, server.Options{Lursoft: cfg})
	return &env{t: t, srv: srv, ns: "default", headers: map[string]string{}}
}

func (e *env) prefix() string {
	if e.ns == "default" {
		return ""
	}
	return "/t/" + e.ns
}

func (e *env) endpoint() string { return e.srv.URL() + e.prefix() + "/api/wsdl?ws=1" }

// key returns the TEST ONLY fixture private key of a role.
func key(t testing.TB, roleID string) *rsa.PrivateKey {
	t.Helper()
	pemData, err := fixtures.LursoftFixtureKey("lursoft-role-" + roleID)
	if err != nil {
		t.Fatal(err)
	}
	k, err := fixtures.ParseRSAPrivateKey(pemData)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// p is a parameter typed by the WSDL; pt one with an explicit xsi:type.
func p(name, text string) lursoft.Arg       { return lursoft.Arg{Name: name, Text: text} }
func pt(name, typ, text string) lursoft.Arg { return lursoft.Arg{Name: name, Text: text, Type: typ} }
func items(name string, values ...string) lursoft.Arg {
	return lursoft.Arg{Name: name, Items: values}
}

type reply struct {
	t      testing.TB
	status int
	header http.Header
	body   string
	// ret is the decoded <return> (its Items are the fields), or the
	// Fault element's content for a fault.
	ret   soap.Value
	fault bool
}

// post sends body to the SOAP endpoint.
func (e *env) post(body string, extra ...string) reply {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.endpoint(), strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	for k, v := range e.headers {
		req.Header.Set(k, v)
	}
	for i := 0; i+1 < len(extra); i += 2 {
		req.Header.Set(extra[i], extra[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	r := reply{t: e.t, status: resp.StatusCode, header: resp.Header, body: string(data)}
	parsed, fault := soap.ParseRequest(data, soap.Limits{MaxBytes: int64(len(data)) + 1, MaxDepth: 64, MaxElements: 1 << 22})
	if fault != nil {
		e.t.Fatalf("cannot parse the answer (%v): %s", fault, trim(r.body))
	}
	if parsed.Function == "Fault" {
		r.fault = true
		r.ret = soap.Value{Items: parsed.Params}
	} else if len(parsed.Params) > 0 {
		r.ret = parsed.Params[0]
	}
	return r
}

func trim(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// callKey signs function's parameters with k and posts them.
func (e *env) callKey(k *rsa.PrivateKey, function string, args ...lursoft.Arg) reply {
	e.t.Helper()
	data, err := lursoft.Canonical(function, args)
	if err != nil {
		e.t.Fatal(err)
	}
	sig, err := lursoft.Sign(k, data)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.post(string(lursoft.RequestEnvelope(function, sig, args)))
}

// call signs with role 1234's key.
func (e *env) call(function string, args ...lursoft.Arg) reply {
	e.t.Helper()
	return e.callKey(key(e.t, role), function, args...)
}

// loginAs logs in and returns the sid.
func (e *env) loginAs(username, pass, roleID string) string {
	e.t.Helper()
	r := e.callKey(key(e.t, roleID), "login", p("username", username), p("password", pass), p("role_id", roleID))
	r.ok("LoginResponse")
	return r.str("sid")
}

func (e *env) login() string { e.t.Helper(); return e.loginAs(user, password, role) }

// admin calls the namespace's admin API.
func (e *env) admin(method, path, body string) (int, string) {
	e.t.Helper()
	req, _ := http.NewRequest(method, e.srv.URL()+e.prefix()+"/__admin"+path, strings.NewReader(body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}

func (e *env) advance(by string) {
	e.t.Helper()
	if st, body := e.admin(http.MethodPost, "/clock/advance", `{"by":"`+by+`"}`); st != 200 {
		e.t.Fatalf("advance: %d %s", st, body)
	}
}

// field finds a member of a struct value by path.
func field(v soap.Value, path ...string) (soap.Value, bool) {
	for _, name := range path {
		found := false
		if i, err := strconv.Atoi(name); err == nil && i >= 0 && i < len(v.Items) && v.IsArray {
			v, found = v.Items[i], true
		} else {
			for _, it := range v.Items {
				if it.Name == name {
					v, found = it, true
					break
				}
			}
		}
		if !found {
			return soap.Value{}, false
		}
	}
	return v, true
}

func (r reply) get(path ...string) soap.Value {
	r.t.Helper()
	v, ok := field(r.ret, path...)
	if !ok {
		r.t.Fatalf("no %s in the answer: %s", strings.Join(path, "/"), trim(r.body))
	}
	return v
}

func (r reply) str(path ...string) string { r.t.Helper(); return r.get(path...).Text }

func (r reply) num(path ...string) int {
	r.t.Helper()
	n, err := strconv.Atoi(r.get(path...).Text)
	if err != nil {
		r.t.Fatalf("%s is not a number: %q", strings.Join(path, "/"), r.get(path...).Text)
	}
	return n
}

// ok asserts a success answer of the return type typ: HTTP 200, text/xml,
// success true, no code.
func (r reply) ok(typ string) reply {
	r.t.Helper()
	if r.fault || r.status != 200 || r.str("success") != "true" {
		r.t.Fatalf("want success, got %d: %s", r.status, trim(r.body))
	}
	if r.ret.Type != typ {
		r.t.Errorf("return type %q, want %q", r.ret.Type, typ)
	}
	if _, has := field(r.ret, "code"); has {
		r.t.Errorf("a success answer carries code: %s", trim(r.body))
	}
	if ct := r.header.Get("Content-Type"); ct != "text/xml; charset=utf-8" {
		r.t.Errorf("Content-Type %q", ct)
	}
	return r
}

// failed asserts an error answer: the code's status, success false, the
// code and its Latvian message (or msg when given), of return type typ.
func (r reply) failed(typ string, code int, msg ...string) reply {
	r.t.Helper()
	if r.fault {
		r.t.Fatalf("want code %d, got a fault: %s", code, trim(r.body))
	}
	want := lursoft.Message(code, lursoft.Latvian)
	if len(msg) > 0 {
		want = msg[0]
	}
	if r.status != lursoft.HTTPStatus(code) || r.str("success") != "false" || r.str("code") != strconv.Itoa(code) || r.str("message") != want {
		r.t.Fatalf("want %d %d %q, got %d: %s", lursoft.HTTPStatus(code), code, want, r.status, trim(r.body))
	}
	if r.ret.Type != typ {
		r.t.Errorf("return type %q, want %q", r.ret.Type, typ)
	}
	if len(r.ret.Items) != 3 {
		r.t.Errorf("an error answer holds success, message and code only: %s", trim(r.body))
	}
	return r
}

// isFault asserts a SOAP fault.
func (r reply) isFault(code, text string) {
	r.t.Helper()
	if !r.fault || r.status != 500 || r.str("faultcode") != code || r.str("faultstring") != text {
		r.t.Fatalf("want fault %s %q, got %d: %s", code, text, r.status, trim(r.body))
	}
}

func emuFilter() emu.Filter { return emu.Filter{} }

// pemPublic is k's public half as a PUBLIC KEY PEM block.
func pemPublic(k *rsa.PrivateKey) (string, error) {
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})), err
}
