package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kycsim/kycsim/mocks/emu"
	"github.com/kycsim/kycsim/mocks/peerdata"
)

const allToken = "Bearer 1|KycsimNordexoReadCreateUpdateDelete00001"

func start(t *testing.T, opts Options) *Server {
	t.Helper()
	if opts.LogOutput == nil {
		opts.LogOutput = io.Discard
	}
	s, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

type answer struct {
	status int
	header http.Header
	body   string
}

func do(t *testing.T, method, url, body string, headers ...string) answer {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, resp.Header, string(b)}
}

func decode(t *testing.T, a answer) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(a.body), &m); err != nil {
		t.Fatalf("not JSON (%v): %s", err, a.body)
	}
	return m
}

func TestHealth(t *testing.T) {
	s := start(t, Options{})
	a := do(t, "GET", s.URL()+"/__admin/health", "")
	if a.status != 200 || a.header.Get("Content-Type") != "application/json" {
		t.Fatalf("health: %d %v", a.status, a.header)
	}
	m := decode(t, a)
	if m["status"] != "ok" || m["namespace"] != "default" {
		t.Fatalf("health body: %s", a.body)
	}
	a = do(t, "GET", s.URL()+"/t/job-1/__admin/health", "")
	if m := decode(t, a); m["namespace"] != "job-1" {
		t.Fatalf("namespaced health: %s", a.body)
	}
}

func TestClockAdminAPI(t *testing.T) {
	s := start(t, Options{})
	base := s.URL() + "/t/clock/__admin/clock"
	a := do(t, "POST", base+"/freeze", "")
	if decode(t, a)["now"] == nil || decode(t, a)["frozen"] != true {
		t.Fatalf("freeze: %s", a.body)
	}
	if a = do(t, "PUT", base, `{"now":"2026-01-02T03:04:05Z"}`); a.status != 200 || decode(t, a)["now"] != "2026-01-02T03:04:05Z" {
		t.Fatalf("PUT clock: %d %s", a.status, a.body)
	}
	if a = do(t, "POST", base+"/advance", `{"by":"1d31m"}`); decode(t, a)["now"] != "2026-01-03T03:35:05Z" {
		t.Fatalf("advance: %s", a.body)
	}
	if a = do(t, "GET", base, ""); decode(t, a)["now"] != "2026-01-03T03:35:05Z" || decode(t, a)["frozen"] != true {
		t.Fatalf("get: %s", a.body)
	}
	if a = do(t, "POST", base+"/unfreeze", ""); decode(t, a)["frozen"] != false {
		t.Fatalf("unfreeze: %s", a.body)
	}
	// The default namespace's clock is untouched.
	a = do(t, "GET", s.URL()+"/__admin/clock", "")
	now, _ := time.Parse(time.RFC3339Nano, decode(t, a)["now"].(string))
	if d := time.Since(now); d < -time.Minute || d > time.Minute {
		t.Fatalf("default clock moved: %s", a.body)
	}
	for _, bad := range []struct{ path, body string }{
		{"", `{"now":"yesterday"}`},
		{"/advance", `{"by":"soon"}`},
		{"/advance", `{"by":""}`},
		{"/advance", `{"bye":"1h"}`},
		{"/advance", `not json`},
	} {
		method := "POST"
		if bad.path == "" {
			method = "PUT"
		}
		if a := do(t, method, base+bad.path, bad.body); a.status != 400 || !strings.Contains(a.body, `"error"`) {
			t.Errorf("%s %s %s: %d %s", method, bad.path, bad.body, a.status, a.body)
		}
	}
}

func TestJournalRecordsRequestsPerNamespace(t *testing.T) {
	s := start(t, Options{})
	do(t, "GET", s.URL()+"/t/j/api/v1/clients/69ade873-f02c-4df1-a307-1c388f7a5172", "", "Authorization", allToken)
	do(t, "GET", s.URL()+"/t/j/api/v1/clients", "")
	a := do(t, "GET", s.URL()+"/t/j/__admin/journal", "")
	var j struct {
		Entries []emu.Entry `json:"entries"`
		Count   int         `json:"count"`
	}
	if err := json.Unmarshal([]byte(a.body), &j); err != nil || j.Count != 2 {
		t.Fatalf("journal: %v %s", err, a.body)
	}
	e := j.Entries[1] // newest first
	if e.Operation != "nilln.clients.show" || e.API != "nilln" || e.Status != 200 || e.Namespace != "j" ||
		e.Credential != "token 1 (visas tiesības)" || !strings.Contains(e.ResponseBody, `"uuid":"69ade873`) {
		t.Fatalf("show entry: %+v", e)
	}
	if j.Entries[0].Status != 401 || j.Entries[0].Operation != "nilln.clients.list" {
		t.Fatalf("401 entry: %+v", j.Entries[0])
	}
	a = do(t, "GET", s.URL()+"/t/j/__admin/journal?status=401&operation=nilln.clients.list&api=nilln&limit=5", "")
	if decode(t, a)["count"] != float64(1) {
		t.Fatalf("filtered: %s", a.body)
	}
	if a = do(t, "GET", s.URL()+"/t/j/__admin/journal?limit=x", ""); a.status != 400 {
		t.Fatalf("bad limit: %d", a.status)
	}
	// Another namespace has its own journal.
	if a = do(t, "GET", s.URL()+"/t/other/__admin/journal", ""); decode(t, a)["count"] != float64(0) {
		t.Fatalf("other namespace journal: %s", a.body)
	}
	if a = do(t, "DELETE", s.URL()+"/t/j/__admin/journal", ""); a.status != 204 {
		t.Fatalf("delete journal: %d", a.status)
	}
	if a = do(t, "GET", s.URL()+"/t/j/__admin/journal", ""); decode(t, a)["count"] != float64(0) {
		t.Fatalf("cleared journal: %s", a.body)
	}
}

func TestJournalStaysBounded(t *testing.T) {
	s := start(t, Options{JournalSize: 5})
	for i := 0; i < 20; i++ {
		do(t, "GET", s.URL()+"/t/b/api/v1/nothing", "")
	}
	ns, _ := s.Namespace("b")
	if ns.Journal.Len() != 5 {
		t.Fatalf("journal holds %d entries, want 5", ns.Journal.Len())
	}
}

func TestResetRestoresFixtures(t *testing.T) {
	s := start(t, Options{})
	u := s.URL() + "/t/r/api/v1/clients/69ade873-f02c-4df1-a307-1c388f7a5172"
	if a := do(t, "DELETE", u, "", "Authorization", allToken); a.status != 204 {
		t.Fatalf("archive: %d %s", a.status, a.body)
	}
	if a := do(t, "GET", u, "", "Authorization", allToken); a.status != 404 {
		t.Fatalf("archived show: %d", a.status)
	}
	do(t, "POST", s.URL()+"/t/r/__admin/clock/freeze", "")
	if a := do(t, "POST", s.URL()+"/t/r/__admin/reset", ""); a.status != 200 {
		t.Fatalf("reset: %d %s", a.status, a.body)
	}
	if a := do(t, "GET", u, "", "Authorization", allToken); a.status != 200 {
		t.Fatalf("show after reset: %d", a.status)
	}
	if a := do(t, "GET", s.URL()+"/t/r/__admin/clock", ""); decode(t, a)["frozen"] != false {
		t.Fatalf("clock after reset: %s", a.body)
	}
}

func TestNamespacesAreIsolated(t *testing.T) {
	s := start(t, Options{})
	u := "/api/v1/clients/69ade873-f02c-4df1-a307-1c388f7a5172"
	if a := do(t, "DELETE", s.URL()+"/t/a"+u, "", "Authorization", allToken); a.status != 204 {
		t.Fatalf("archive in a: %d", a.status)
	}
	if a := do(t, "GET", s.URL()+"/t/b"+u, "", "Authorization", allToken); a.status != 200 {
		t.Fatalf("b sees a's archive: %d", a.status)
	}
	if a := do(t, "GET", s.URL()+u, "", "Authorization", allToken); a.status != 200 {
		t.Fatalf("default sees a's archive: %d", a.status)
	}
	if a := do(t, "GET", s.URL()+"/t/bad%20name/api/v1/clients", ""); a.status != 404 {
		t.Fatalf("bad namespace name: %d", a.status)
	}
}

func TestTooManyNamespaces(t *testing.T) {
	s := start(t, Options{MaxNamespaces: 2})
	if a := do(t, "GET", s.URL()+"/t/one/api/v1/clients", "", "Authorization", allToken); a.status != 200 {
		t.Fatalf("first namespace: %d", a.status)
	}
	a := do(t, "GET", s.URL()+"/t/two/api/v1/clients", "", "Authorization", allToken)
	if a.status != 503 || a.body != `{"message":"Service Unavailable"}` {
		t.Fatalf("namespace over the limit: %d %s", a.status, a.body)
	}
}

func TestAdminToken(t *testing.T) {
	s := start(t, Options{AdminToken: "sekret"})
	if a := do(t, "GET", s.URL()+"/__admin/health", ""); a.status != 401 || !strings.Contains(a.body, "--admin-token") {
		t.Fatalf("without token: %d %s", a.status, a.body)
	}
	if a := do(t, "GET", s.URL()+"/t/x/__admin/health", "", "Authorization", "Bearer wrong"); a.status != 401 {
		t.Fatalf("wrong token: %d", a.status)
	}
	if a := do(t, "GET", s.URL()+"/__admin/health", "", "Authorization", "Bearer sekret"); a.status != 200 {
		t.Fatalf("with token: %d", a.status)
	}
}

func TestBodyOverLimitIs413InLaravelFormat(t *testing.T) {
	s := start(t, Options{BodyLimit: 100})
	body := `{"name":"` + strings.Repeat("a", 200) + `","type":"legal"}`
	a := do(t, "POST", s.URL()+"/api/v1/clients", body, "Authorization", allToken, "Content-Type", "application/json")
	if a.status != 413 || a.body != `{"message":""}` || a.header.Get("Content-Type") != "application/json" {
		t.Fatalf("413: %d %q %v", a.status, a.body, a.header)
	}
	// A chunked body (no Content-Length) is caught while it is read.
	req, _ := http.NewRequest("POST", s.URL()+"/api/v1/clients", io.MultiReader(strings.NewReader(body)))
	req.ContentLength = -1
	req.Header.Set("Authorization", allToken)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 413 || string(b) != `{"message":""}` {
		t.Fatalf("chunked 413: %d %s", resp.StatusCode, b)
	}
}

type panicHook struct{}

func (panicHook) Before(w http.ResponseWriter, r *http.Request, c *emu.Call) bool {
	if r.Header.Get("X-Test-Panic") != "" {
		panic("boom")
	}
	return false
}

func TestPanicBecomesTheAPIs500(t *testing.T) {
	var logs bytes.Buffer
	s := start(t, Options{LogOutput: &logs})
	s.AddHook(panicHook{})
	a := do(t, "GET", s.URL()+"/api/v1/clients", "", "X-Test-Panic", "1")
	if a.status != 500 || a.body != `{"message":"Server Error"}` {
		t.Fatalf("panic answer: %d %s", a.status, a.body)
	}
	if !strings.Contains(logs.String(), "panic serving request") || !strings.Contains(logs.String(), "goroutine") {
		t.Fatalf("panic not logged with stack: %s", logs.String())
	}
	if a := do(t, "GET", s.URL()+"/api/v1/clients", "", "Authorization", allToken); a.status != 200 {
		t.Fatalf("server unusable after panic: %d", a.status)
	}
}

func TestUnknownPathOutsideAnyAPI(t *testing.T) {
	s := start(t, Options{})
	a := do(t, "GET", s.URL()+"/nowhere", "")
	if a.status != 404 || !strings.Contains(a.body, "no emulated API serves /nowhere") {
		t.Fatalf("unknown path: %d %s", a.status, a.body)
	}
}

func TestFixturesListsCredentials(t *testing.T) {
	s := start(t, Options{})
	a := do(t, "GET", s.URL()+"/t/fx/__admin/fixtures", "")
	var fx struct {
		NILLN struct {
			BaseURL string `json:"base_url"`
			Tokens  []struct {
				ID        int      `json:"id"`
				Token     string   `json:"token"`
				Abilities []string `json:"abilities"`
				Profile   string   `json:"profile"`
			} `json:"tokens"`
		} `json:"nilln"`
	}
	if err := json.Unmarshal([]byte(a.body), &fx); err != nil {
		t.Fatal(err)
	}
	if fx.NILLN.BaseURL != s.URL()+"/t/fx/api/v1" || len(fx.NILLN.Tokens) != 7 {
		t.Fatalf("fixtures: %s", a.body)
	}
	if tk := fx.NILLN.Tokens[0]; tk.Token != "1|KycsimNordexoReadCreateUpdateDelete00001" || len(tk.Abilities) != 4 || tk.Profile != "nordexo" {
		t.Fatalf("token 1: %+v", tk)
	}
}

func TestLogLinePerRequest(t *testing.T) {
	var logs bytes.Buffer
	s := start(t, Options{LogOutput: &logs, LogFormat: "json"})
	do(t, "GET", s.URL()+"/t/logs/api/v1/clients", "", "Authorization", allToken)
	var line map[string]any
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		if strings.Contains(l, `"msg":"request"`) {
			_ = json.Unmarshal([]byte(l), &line)
		}
	}
	if line["namespace"] != "logs" || line["operation"] != "nilln.clients.list" || line["status"] != float64(200) || line["duration"] == nil {
		t.Fatalf("log line: %v\n%s", line, logs.String())
	}
}

func TestParseArgsFlagsAndEnvironment(t *testing.T) {
	env := map[string]string{"KYCSIM_ADDR": ":9999", "KYCSIM_SEED": "7", "KYCSIM_NILLN_RATE_LIMIT": "0", "KYCSIM_PEERDATA_DELAY": "fixed:30s", "KYCSIM_PEERDATA_DEADLINE": "2m", "KYCSIM_LURSOFT_LANGUAGE": "ru", "KYCSIM_LURSOFT_SIGN_NIL_AS_NULL": "true", "KYCSIM_PEERDATA_MAX_REQUESTS": "5000"}
	o, err := ParseArgs("kycsim", []string{"--journal-size", "50", "--strict"}, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if o.Addr != ":9999" || o.Seed != 7 || o.JournalSize != 50 || !o.Strict || o.NILLN.RateLimit != -1 || o.BodyLimit != DefaultBodyLimit ||
		o.PeerData.Delay != "fixed:30s" || o.PeerData.Deadline != 2*time.Minute ||
		o.Lursoft.Language != "ru" || !o.Lursoft.SignNilAsNull || o.Lursoft.TrustForwardedFor ||
		o.PeerData.MaxRequests != 5000 || o.PeerData.MaxKeysPerClient != peerdata.DefaultMaxKeysPerClient {
		t.Fatalf("options: %+v", o)
	}
	o, err = ParseArgs("kycsim", []string{"--addr", ":1"}, func(k string) string { return env[k] }, io.Discard)
	if err != nil || o.Addr != ":1" {
		t.Fatalf("flag over env: %v %+v", err, o)
	}
	if _, err := ParseArgs("kycsim", []string{"--lursoft-language", "de"}, func(string) string { return "" }, io.Discard); err == nil {
		t.Fatal("--lursoft-language de accepted")
	}
	var help bytes.Buffer
	if _, err := ParseArgs("kycsim", []string{"--help"}, func(string) string { return "" }, &help); err != ErrHelp {
		t.Fatalf("help: %v", err)
	}
	for _, want := range []string{"-addr", "KYCSIM_ADDR", "-fixtures", "KYCSIM_FIXTURES", "-seed", "-public-url", "-log-format", "-admin-token", "-journal-size", "-body-limit"} {
		if !strings.Contains(help.String(), want) {
			t.Errorf("--help lacks %s", want)
		}
	}
	if _, err := ParseArgs("kycsim", nil, func(k string) string {
		if k == "KYCSIM_JOURNAL_SIZE" {
			return "many"
		}
		return ""
	}, io.Discard); err == nil || !strings.Contains(err.Error(), "KYCSIM_JOURNAL_SIZE") {
		t.Fatalf("bad env: %v", err)
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"31m": 31 * time.Minute, "1d": 24 * time.Hour, "1d12h": 36 * time.Hour, "-2d": -48 * time.Hour, "90s": 90 * time.Second} {
		if got, err := ParseDuration(in); err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "x", "1dx", "d"} {
		if _, err := ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) succeeded", bad)
		}
	}
}

func TestBadFixturesStopStartUp(t *testing.T) {
	dir := t.TempDir()
	if err := writeFile(dir+"/nilln.yaml", "profiles: 3\n"); err != nil {
		t.Fatal(err)
	}
	_, err := New(Options{FixturesDir: dir, LogOutput: io.Discard})
	if err == nil || !strings.Contains(err.Error(), "nilln.yaml") {
		t.Fatalf("bad fixtures: %v", err)
	}
}

func TestListenAndServeShutsDownGracefully(t *testing.T) {
	s, err := New(Options{Addr: "127.0.0.1:0", LogOutput: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.ListenAndServe(ctx) }()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("ListenAndServe after cancel: %v", err)
	}
}
