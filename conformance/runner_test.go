package conformance

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests run the runner against small httptest servers written here,
// so that they say what the runner does whatever kycsim's NILLN emulation
// does (e2e_test.go runs the real suite against kycsim).

func noEnv(string) string { return "" }

// writeCases puts case files (and optionally documented.yaml or
// schemas/…) into a fresh directory for --cases.
func writeCases(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// run calls Main and returns its exit status and output.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, noEnv, &out, &errOut)
	return code, out.String(), errOut.String()
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// recorder is a test server that answers from a handler and remembers every
// request's method and path.
type recorder struct {
	mu       sync.Mutex
	requests []string
}

func (rec *recorder) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.requests = append(rec.requests, r.Method+" "+r.URL.RequestURI())
		rec.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

func (rec *recorder) list() []string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]string(nil), rec.requests...)
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

const demoHeader = "api: demo\nseed: 000_697566b915268f01.txt\nbase_path: /api/v1\ncases:\n"

func TestFailingCaseFailsWithDiffAndCitation(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"data":{"uuid":"69ade873-f02c-4df1-a307-1c388f7a5172","name":"got","risk_level":"zems"}}`)
	}))
	defer srv.Close()
	dir := writeCases(t, map[string]string{"demo-show.yaml": demoHeader + `
  - name: the name is wrong
    cite: seed 000 §3 SHOW CLIENT
    safe: true
    credential: none
    steps:
      - method: GET
        path: /clients/x
        expect:
          status: 200
          headers: {Content-Type: application/json}
          body:
            data:
              uuid: <any:uuid>
              name: expected
              risk_level: zems
  - name: the status is wrong
    cite: seed 000 §A 401
    safe: true
    credential: none
    steps:
      - method: GET
        path: /clients
        expect: {status: 401}
  - name: this one passes
    cite: seed 000 §3
    safe: true
    credential: none
    steps:
      - method: GET
        path: /clients/x
        expect:
          status: 200
          json: {/data/name: got, /data/missing: <absent>}
`})
	code, out, _ := run(t, "--target", srv.URL, "--target-kind", "real", "--interval", "0", "--cases", dir)
	if code != 1 {
		t.Errorf("exit status %d, want 1\n%s", code, out)
	}
	for _, want := range []string{
		"FAIL demo-show/the name is wrong",
		"cite: seed 000 §3 SHOW CLIENT",
		"step 1 (cases/demo-show.yaml:",
		`/data/name: expected "expected", got "got"`,
		`-     "name": "expected",`,
		`+     "name": "got",`,
		`      "uuid": "69ade873-f02c-4df1-a307-1c388f7a5172",`, // the matched marker shows the value, not a diff
		"FAIL demo-show/the status is wrong",
		"status: expected 401, got 200",
		"PASS demo-show/this one passes",
		"failed:\n  demo-show/the name is wrong\n  demo-show/the status is wrong\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if got := lastLine(out); got != "1 passed, 2 failed" {
		t.Errorf("last line %q, want %q", got, "1 passed, 2 failed")
	}
}

func TestBodyBytesAndHeaderFailures(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-RateLimit-Limit", "60")
		writeJSON(w, 200, `{"label":"N\u0101kamais &raquo;","path":"http://x/y"}`)
	}))
	defer srv.Close()
	dir := writeCases(t, map[string]string{"demo-bytes.yaml": demoHeader + `
  - name: bytes
    cite: SPEC.md §1 json_encode
    safe: true
    credential: none
    steps:
      - method: GET
        path: /clients
        expect:
          status: 200
          headers:
            X-RateLimit-Limit: "<re:^[0-9]+$>"
            Retry-After: <absent>
            Content-Type: text/html
            X-Missing: "1"
          body_bytes: '{"label":"N\u0101kamais &raquo;","path":"http:\/\/x\/y"}'
          body_contains: ['"path":"http:\/\/x\/y"']
`})
	code, out, _ := run(t, "--target", srv.URL, "--target-kind", "real", "--interval", "0", "--cases", dir)
	if code != 1 {
		t.Fatalf("exit status %d, want 1\n%s", code, out)
	}
	for _, want := range []string{
		`header Content-Type: expected "text/html", got "application/json"`,
		`header X-Missing: missing (expected "1")`,
		`body_bytes: the body is not byte for byte the expected one; first difference at byte 46 (expected 56 bytes, got 53)`,
		`body_contains: the body does not contain "\"path\":\"http:\\/\\/x\\/y\""`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "X-RateLimit-Limit") || strings.Contains(out, "Retry-After") {
		t.Errorf("headers that match were reported:\n%s", out)
	}
}

func TestCaptureAndSubstitution(t *testing.T) {
	var got struct {
		sync.Mutex
		paths, auth, bodies, xn []string
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got.Lock()
		got.paths = append(got.paths, r.URL.RequestURI())
		got.auth = append(got.auth, r.Header.Get("Authorization"))
		got.bodies = append(got.bodies, string(body))
		got.xn = append(got.xn, r.Header.Get("X-N"))
		got.Unlock()
		switch {
		case r.Method == http.MethodPost:
			w.Header().Set("Location", "/api/v1/things/abc-1")
			writeJSON(w, 201, `{"data":{"id":"abc-1","n":3,"tags":["a","b"]},"meta":{"last_page":15}}`)
		default:
			writeJSON(w, 200, fmt.Sprintf(`{"echo":%q,"n":3,"four":4,"label":"14","tags":["a","b"],"url":"http://h/p?page=14"}`, r.URL.RequestURI()))
		}
	}))
	defer srv.Close()
	dir := writeCases(t, map[string]string{"demo-capture.yaml": demoHeader + `
  - name: captures flow into later steps
    cite: seed 000 §2
    safe: true
    credential: {header: "Bearer ${token.all}"}
    steps:
      - method: POST
        path: /things
        json: {name: "Kalniņš/${token.all}", n: 1}
        expect: {status: 201}
        capture:
          id: /data/id
          n: /data/n
          tags: /data/tags
          last: /meta/last_page
          loc: header:Location
      - method: GET
        path: /things/${id}?page=${last-1}&i=${i}
        repeat: 2
        headers: {X-N: "${n}", Accept: <absent>}
        credential: {header: "Bearer ${secret.all}"}
        expect:
          status: 200
          json:
            /echo: /api/v1/things/abc-1?page=14&i=${i}
            /n: ${n}
            /four: ${n+1}
            /label: ${last-1|string}
            /tags: ${tags}
            /url: http://h/p?page=${last-1}
      - method: GET
        path: ${loc}
        expect:
          status: 200
          body_contains: ['"echo":"/api/v1/api/v1/things/abc-1"']
`})
	code, out, errOut := run(t, "--target", srv.URL, "--target-kind", "real", "--interval", "0", "--cases", dir, "--token-all", "7|secret7")
	if code != 0 {
		t.Fatalf("exit status %d, want 0\n%s%s", code, out, errOut)
	}
	got.Lock()
	defer got.Unlock()
	wantPaths := []string{"/api/v1/things", "/api/v1/things/abc-1?page=14&i=0", "/api/v1/things/abc-1?page=14&i=1", "/api/v1/api/v1/things/abc-1"}
	if strings.Join(got.paths, " ") != strings.Join(wantPaths, " ") {
		t.Errorf("paths %q, want %q", got.paths, wantPaths)
	}
	wantAuth := []string{"Bearer 7|secret7", "Bearer secret7", "Bearer secret7", "Bearer 7|secret7"}
	if strings.Join(got.auth, " ") != strings.Join(wantAuth, " ") {
		t.Errorf("Authorization %q, want %q", got.auth, wantAuth)
	}
	if got.bodies[0] != `{"name":"Kalniņš/7|secret7","n":1}` {
		t.Errorf("JSON body %q", got.bodies[0])
	}
	if got.xn[1] != "3" {
		t.Errorf("X-N %q, want 3", got.xn[1])
	}
}

func TestSubstitution(t *testing.T) {
	v := vars{"n": json.Number("15"), "s": "a/ā", "obj": newObject(), "token.other-profile": "t"}
	tests := []struct {
		in   string
		want any // what subst returns
	}{
		{"${n}", json.Number("15")},
		{"${n-1}", json.Number("14")},
		{"${n*15-14}", json.Number("211")},
		{"${-1+n}", json.Number("14")},
		{"${n|string}", "15"},
		{"page=${n+1}", "page=16"},
		{"${s|json}", `a\/\u0101`},
		{"x ${s} y", "x a/ā y"},
		{"$${n}", "${n}"},
		{"${token.other-profile}", "t"},
		{"plain", "plain"},
	}
	for _, tt := range tests {
		got, err := v.subst(tt.in)
		if err != nil {
			t.Errorf("subst(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("subst(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
	for _, bad := range []string{"${nope}", "${n+nope}", "${s+1}", "${n|upper}", "${n"} {
		if _, err := v.subst(bad); err == nil {
			t.Errorf("subst(%q) gave no error", bad)
		}
	}
}

func TestPHPEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{`SIA "Nordexo IT"`, `SIA \"Nordexo IT\"`},
		{"IT uzņēmums", `IT uz\u0146\u0113mums`},
		{"http://h/a", `http:\/\/h\/a`},
		{"😀", `\ud83d\ude00`},
		{"a\tb\n\x01<>&'", `a\tb\n\u0001<>&'`},
		{`back\slash`, `back\\slash`},
	}
	for _, tt := range tests {
		if got := phpEscape(tt.in); got != tt.want {
			t.Errorf("phpEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func mustDecode(t *testing.T, s string) any {
	t.Helper()
	v, err := decodeJSON([]byte(s))
	if err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return v
}

func TestCompareJSON(t *testing.T) {
	tests := []struct {
		name, exp, got string
		problems       []string
	}{
		{"equal", `{"a":1,"b":[true,null,"x"]}`, `{"a":1.0,"b":[true,null,"x"]}`, nil},
		{"key order", `{"a":1,"b":2}`, `{"b":2,"a":1}`, []string{"(document): keys in the wrong order: expected a, b, got b, a"}},
		{"extra key", `{"a":1}`, `{"a":1,"inputs":[]}`, []string{`(document): unexpected keys "inputs"`}},
		{"absent ok", `{"a":1,"inputs":"<absent>"}`, `{"a":1}`, nil},
		{"absent fails", `{"a":1,"inputs":"<absent>"}`, `{"a":1,"inputs":[]}`, []string{"/inputs: expected no such key, got []"}},
		{"missing", `{"a":1,"b":2}`, `{"a":1}`, []string{"/b: missing (expected 2)"}},
		{"markers", `["<any>","<any:uuid>","<any:integer>","<re:^ab+$>","<any:datetime>","<any:null>"]`,
			`[null,"69ade873-f02c-4df1-a307-1c388f7a5172",3,"abb","2022-04-25T00:00:00.000000Z",null]`, nil},
		{"marker mismatch", `["<any:uuid>","<any:integer>"]`, `["nope",1.5]`, []string{`/0: expected <any:uuid>, got "nope"`, "/1: expected <any:integer>, got 1.5"}},
		{"length", `[1,2]`, `[1]`, []string{"(document): expected 2 elements, got 1"}},
		{"type", `{"a":{"b":1}}`, `{"a":[1]}`, []string{"/a: expected an object, got [1]"}},
	}
	for _, tt := range tests {
		var problems []string
		compareJSON(mustDecode(t, tt.exp), mustDecode(t, tt.got), "", &problems)
		if strings.Join(problems, "\n") != strings.Join(tt.problems, "\n") {
			t.Errorf("%s: problems\n%q\nwant\n%q", tt.name, problems, tt.problems)
		}
	}
}

func TestLineDiff(t *testing.T) {
	got := lineDiff("a\nb\nc\nd\ne\nf\ng\nh", "a\nb\nc\nd\nE\nf\ng\nh", 1)
	want := "  …\n  d\n- e\n+ E\n  f\n  …\n"
	if got != want {
		t.Errorf("lineDiff:\n%s\nwant\n%s", got, want)
	}
	if lineDiff("x\ny", "x\ny", 3) != "" {
		t.Error("equal texts gave a diff")
	}
}

// realModeCases has one case of each kind a real endpoint treats
// differently.
var realModeCases = demoHeader + `
  - name: safe read
    cite: seed 000 §1
    safe: true
    credential: none
    steps:
      - {method: GET, path: /clients, expect: {status: 200}}
  - name: a write
    cite: seed 000 §2
    safe: false
    credential: none
    steps:
      - {method: POST, path: /clients, json: {name: x}, expect: {status: 200}}
  - name: needs the clock
    cite: SPEC.md §1 429
    safe: true
    needs: [emulator]
    credential: none
    steps:
      - admin: {method: POST, path: /clock/advance, body: {by: 61s}}
      - {method: GET, path: /clients, expect: {status: 200}}
  - name: needs the example data
    cite: seed 000 §3
    safe: true
    needs: [fixtures]
    credential: none
    steps:
      - {method: GET, path: /clients/69ade873-f02c-4df1-a307-1c388f7a5172, expect: {status: 200}}
  - name: a kycsim decision
    cite: SPEC.md §1 decided
    safe: true
    needs: [kycsim]
    credential: none
    steps:
      - {method: GET, path: /clients, expect: {status: 200}}
  - name: a soap call
    cite: seed 001 login
    safe: true
    steps:
      - soap:
          function: login
          params: {username: lietotaja_vards, password: parole, role_id: 1234}
          sign_with: fixture:lietotaja_vards/1234
        expect: {status: 200, success: true, return_type: LoginResponse}
  - name: needs a token nobody gave
    cite: seed 000 §A
    safe: true
    credential: update
    steps:
      - {method: GET, path: /clients, expect: {status: 200}}
`

func TestRealTargetRunsSafeCasesOnlyAndNeverTouchesAdmin(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{}`)
	})))
	defer srv.Close()
	dir := writeCases(t, map[string]string{"demo-real.yaml": realModeCases})

	code, out, errOut := run(t, "--target", srv.URL, "--target-kind", "real", "--interval", "0", "--cases", dir)
	if code != 0 {
		t.Fatalf("exit status %d, want 0\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"PASS demo-real/safe read",
		"SKIP demo-real/a write: changes data: give --allow-writes to run it against a real endpoint",
		"SKIP demo-real/needs the clock: needs emulator control (clock, reset, scenarios), which a real endpoint does not offer",
		"SKIP demo-real/needs the example data: relies on kycsim's default fixture data",
		"SKIP demo-real/a kycsim decision: checks a kycsim decision where the real service is known to answer otherwise",
		"SKIP demo-real/a soap call: signs with a kycsim fixture key (sign_with: fixture:…), which a real account does not have",
		`SKIP demo-real/needs a token nobody gave: no "update" token: give --token-update or KYCSIM_CONFORMANCE_TOKEN_UPDATE`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if got := lastLine(out); got != "1 passed, 0 failed, 6 skipped" {
		t.Errorf("last line %q", got)
	}
	if got := rec.list(); strings.Join(got, ",") != "GET /api/v1/clients" {
		t.Errorf("requests %q, want only the safe read", got)
	}

	// --allow-writes adds the write, and a token from the environment the
	// update case; admin is still never reached.
	var outW, errW bytes.Buffer
	env := func(k string) string {
		if k == "KYCSIM_CONFORMANCE_TOKEN_UPDATE" {
			return "9|upd"
		}
		return ""
	}
	code = Main([]string{"--target", srv.URL + "/api/v1", "--target-kind", "real", "--interval", "0", "--cases", dir, "--allow-writes"}, env, &outW, &errW)
	if code != 0 {
		t.Fatalf("exit status %d\n%s%s", code, outW.String(), errW.String())
	}
	if got := lastLine(outW.String()); got != "3 passed, 0 failed, 4 skipped" {
		t.Errorf("with --allow-writes: last line %q\n%s", got, outW.String())
	}
	for _, r := range rec.list() {
		if strings.Contains(r, "__admin") {
			t.Errorf("a real target got an admin request: %s", r)
		}
	}
}

// fakeKycsim is a minimal kycsim: the admin API (health, reset, fixtures)
// and one API endpoint per namespace.
func fakeKycsim(rec *recorder) *httptest.Server {
	fixtures := `{"demo":{"base_url":"x","tokens":[
	  {"id":1,"token":"1|AllOfThem","secret":"AllOfThem","abilities":["read","create","update","delete"],"revoked":false,"profile":"p1"},
	  {"id":2,"token":"2|ReadOnly","secret":"ReadOnly","abilities":["read"],"revoked":false,"profile":"p1"},
	  {"id":3,"token":"3|Revoked","secret":"Revoked","abilities":["read"],"revoked":true,"profile":"p1"},
	  {"id":4,"token":"4|Other","secret":"Other","abilities":["read","create","update","delete"],"revoked":false,"profile":"p2"}],
	  "profiles":[{"id":"p1"},{"id":"p2"}]}}`
	mux := http.NewServeMux()
	mux.HandleFunc("GET /__admin/health", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, `{"status":"ok"}`) })
	mux.HandleFunc("POST /t/{ns}/__admin/reset", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, `{}`) })
	mux.HandleFunc("GET /t/{ns}/__admin/fixtures", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, fixtures) })
	mux.HandleFunc("POST /t/{ns}/__admin/clock/advance", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, `{}`) })
	mux.HandleFunc("GET /t/{ns}/api/v1/whoami", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, fmt.Sprintf(`{"auth":%q,"ns":%q}`, r.Header.Get("Authorization"), r.PathValue("ns")))
	})
	return httptest.NewServer(rec.wrap(mux))
}

func TestKycsimTargetUsesNamespacesAndFixtureTokens(t *testing.T) {
	rec := &recorder{}
	srv := fakeKycsim(rec)
	defer srv.Close()
	dir := writeCases(t, map[string]string{"demo-ns.yaml": demoHeader + `
  - name: all
    cite: c
    safe: true
    steps:
      - {method: GET, path: /whoami, expect: {status: 200, json: {/auth: Bearer 1|AllOfThem, /ns: conf-1}}}
  - name: roles
    cite: c
    safe: true
    needs: [emulator]
    steps:
      - admin: {path: /clock/advance, body: {by: 61s}}
      - {method: GET, path: /whoami, credential: read, expect: {status: 200, json: {/auth: Bearer 2|ReadOnly, /ns: conf-2}}}
      - {method: GET, path: /whoami, credential: revoked, expect: {status: 200, json: {/auth: Bearer 3|Revoked}}}
      - {method: GET, path: /whoami, credential: other-profile, expect: {status: 200, json: {/auth: Bearer 4|Other}}}
      - {method: GET, path: /whoami, credential: none, expect: {status: 200, json: {/auth: ""}}}
      - {method: GET, path: /whoami, credential: {header: "Bearer ${secret.read}"}, expect: {status: 200, json: {/auth: Bearer ReadOnly}}}
  - name: no create token in these fixtures
    cite: c
    safe: true
    credential: create
    steps:
      - {method: GET, path: /whoami, expect: {status: 200}}
`})
	code, out, errOut := run(t, "--target", srv.URL, "--cases", dir)
	if code != 0 {
		t.Fatalf("exit status %d\n%s%s", code, out, errOut)
	}
	if got := lastLine(out); got != "2 passed, 0 failed, 1 skipped" {
		t.Errorf("last line %q\n%s", got, out)
	}
	if !strings.Contains(out, `no "create" token: the fixtures have none and neither --token-create nor KYCSIM_CONFORMANCE_TOKEN_CREATE gives one`) {
		t.Errorf("missing skip reason:\n%s", out)
	}
	want := []string{
		"GET /__admin/health",
		"POST /t/conf-1/__admin/reset", "GET /t/conf-1/__admin/fixtures", "GET /t/conf-1/api/v1/whoami",
		"POST /t/conf-2/__admin/reset", "GET /t/conf-2/__admin/fixtures", "POST /t/conf-2/__admin/clock/advance",
	}
	got := rec.list()
	if len(got) < len(want) || strings.Join(got[:len(want)], "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant first:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestKycsimTargetThatIsNotKycsim(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	code, _, errOut := run(t, "--target", srv.URL)
	if code != 2 || !strings.Contains(errOut, "this is not kycsim; for a vendor's endpoint use --target-kind real") {
		t.Errorf("exit status %d, stderr %q", code, errOut)
	}
}

func TestJUnitOutput(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, `{}`) }))
	defer srv.Close()
	dir := writeCases(t, map[string]string{"demo-real.yaml": realModeCases, "demo-fail.yaml": demoHeader + `
  - name: fails <with> "markup" & ampersands
    cite: seed 000 §1
    safe: true
    credential: none
    steps:
      - {method: GET, path: /clients, expect: {status: 404}}
`})
	junit := filepath.Join(t.TempDir(), "out.xml")
	code, out, _ := run(t, "--target", srv.URL, "--target-kind", "real", "--interval", "0", "--cases", dir, "--junit", junit)
	if code != 1 {
		t.Fatalf("exit status %d\n%s", code, out)
	}
	data, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	var doc junitSuites
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, data)
	}
	if doc.Tests != 8 || doc.Failures != 1 || doc.Skipped != 6 {
		t.Errorf("totals tests=%d failures=%d skipped=%d, want 8, 1, 6", doc.Tests, doc.Failures, doc.Skipped)
	}
	if len(doc.Suites) != 2 || doc.Suites[0].Name != "demo-fail" || doc.Suites[1].Name != "demo-real" {
		t.Fatalf("suites %+v", doc.Suites)
	}
	fail := doc.Suites[0].Cases[0]
	if fail.Name != `fails <with> "markup" & ampersands` || fail.Failure == nil || !strings.Contains(fail.Failure.Text, "status: expected 404, got 200") {
		t.Errorf("failure case %+v", fail)
	}
	if s := doc.Suites[1]; s.Tests != 7 || s.Skipped != 6 || s.Failures != 0 {
		t.Errorf("demo-real suite %+v", s)
	}
	if !bytes.HasPrefix(data, []byte(xml.Header)) {
		t.Error("no XML declaration")
	}
}

func TestCoverageShowsGaps(t *testing.T) {
	dir := writeCases(t, map[string]string{
		"documented.yaml": `apis:
  - api: demo
    seed: 000_697566b915268f01.txt
    endpoints:
      - id: demo.things.show
        what: GET /things/{id}
        answers: ["200", "404", "418"]
`,
		"demo-things.yaml": demoHeader + `
  - name: shows a thing
    cite: c
    safe: true
    covers: [demo.things.show 200]
    steps:
      - {method: GET, path: /things/1, expect: {status: 200}}
  - name: a missing thing
    cite: c
    safe: false
    covers: [demo.things.show 404]
    steps:
      - {method: GET, path: /things/2, expect: {status: 404}}
`})
	code, out, errOut := run(t, "--coverage", "--cases", dir)
	if code != 0 {
		t.Fatalf("exit status %d (gaps are no error)\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"demo — seed 000_697566b915268f01.txt\n  demo.things.show  GET /things/{id}\n",
		"    200           1 case\n                    demo-things/shows a thing [real]\n",
		"    404           1 case\n                    demo-things/a missing thing\n",
		"    418           MISSING: no case\n",
		"2 of 3 documented answers have a case (1 with a case that runs against a real endpoint); 1 missing\n  missing: demo.things.show 418\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("coverage lacks %q:\n%s", want, out)
		}
	}
}

func TestBuiltInCoverageHasNoGaps(t *testing.T) {
	code, out, errOut := run(t, "--coverage")
	if code != 0 {
		t.Fatalf("exit status %d\n%s", code, errOut)
	}
	if !strings.Contains(out, " 0 missing\n") {
		t.Errorf("the built-in cases leave documented answers without a case:\n%s", out)
	}
}

func TestFlags(t *testing.T) {
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{}, 2, "--target URL is required"},
		{[]string{"--target", "ftp://x"}, 2, "must be an http:// or https:// URL"},
		{[]string{"--target", "http://x", "--target-kind", "mock"}, 2, "--target-kind must be kycsim or real"},
		{[]string{"--target", "http://x", "--only", "("}, 2, "--only:"},
		{[]string{"--target", "http://x", "--only", "no such case at all"}, 2, "no case matches"},
		{[]string{"--target", "http://x", "--api", "viss"}, 2, `--api "viss": no case file is about it`},
		{[]string{"--target", "http://x", "--interval", "soon"}, 2, "--interval"},
		{[]string{"--bogus"}, 2, "flag provided but not defined"},
		{[]string{"extra"}, 2, `unexpected argument "extra"`},
		{[]string{"--help"}, 0, "Usage: kycsim conformance --target URL"},
	}
	for _, tt := range tests {
		code, _, errOut := run(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.err) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tt.args, code, errOut, tt.code, tt.err)
		}
	}
}

func TestListAndOnly(t *testing.T) {
	code, out, _ := run(t, "--list", "--only", "nilln-show/.*404")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	want := "nilln-show/an unknown uuid is 404 with Laravel's model message  (safe)  seed 000 §A Kļūdu paziņojumi 404 Not Found (1.); SPEC.md §1 errors\n"
	if !strings.Contains(out, want) {
		t.Errorf("--list lacks %q:\n%s", want, out)
	}
	if strings.Contains(out, "nilln-auth/") {
		t.Errorf("--only let other files through:\n%s", out)
	}
}

func TestMultipartAsCurlSendsIt(t *testing.T) {
	body, ct, err := buildMultipart(&multipartBody{contentType: "application/json", disposition: "attachment",
		fields: []header{{"name", "test"}, {"reference_no", ""}, {"who", "${w}"}}}, vars{"w": "Jānis"})
	if err != nil {
		t.Fatal(err)
	}
	b := "------------------------kycsimconformance7f3a"
	want := "--" + b + "\r\nContent-Disposition: attachment; name=\"name\"\r\n\r\ntest\r\n" +
		"--" + b + "\r\nContent-Disposition: attachment; name=\"reference_no\"\r\n\r\n\r\n" +
		"--" + b + "\r\nContent-Disposition: attachment; name=\"who\"\r\n\r\nJānis\r\n" +
		"--" + b + "--\r\n"
	if string(body) != want {
		t.Errorf("body\n%q\nwant\n%q", body, want)
	}
	if ct != "application/json; boundary="+b {
		t.Errorf("Content-Type %q", ct)
	}
}

func TestIntervalSpacesRequests(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	var slept []string
	clock := []int{0, 300, 300} // ms: the first request at 0, the second asked for at 300
	i := 0
	r := &runner{cfg: runConfig{
		interval: 1100 * 1e6, client: srv.Client(),
		now: func() (tm time.Time) {
			tm = time.UnixMilli(int64(clock[min(i, len(clock)-1)]))
			i++
			return tm
		},
		sleep: func(d time.Duration) { slept = append(slept, d.String()) },
	}}
	for range 2 {
		req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
		if _, err := r.do(req); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Join(slept, ",") != "800ms" {
		t.Errorf("slept %v, want [800ms]", slept)
	}
}

func TestRepeatedStepNamesTheFailingRepetition(t *testing.T) {
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		if n == 3 {
			w.WriteHeader(429)
			return
		}
		w.WriteHeader(200)
	}))
	defer srv.Close()
	dir := writeCases(t, map[string]string{"demo-repeat.yaml": demoHeader + `
  - name: five in a row
    cite: SPEC.md §1 429
    safe: true
    credential: none
    steps:
      - {method: GET, path: /clients, repeat: 5, expect: {status: 200}}
`})
	code, out, _ := run(t, "--target", srv.URL, "--target-kind", "real", "--interval", "0", "--cases", dir)
	if code != 1 || !strings.Contains(out, "[repetition 3 of 5]: GET "+srv.URL+"/api/v1/clients\n    status: expected 200, got 429") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}
