package conformance

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Target kinds.
const (
	kindKycsim = "kycsim" // kycsim itself: namespaces, admin API, fixtures
	kindReal   = "real"   // a vendor's endpoint: safe cases only, never /__admin
)

// runConfig is what a run is told from the command line.
type runConfig struct {
	target      string // scheme://host[:port][/prefix], no trailing slash
	kind        string
	allowWrites bool
	tokens      map[string]string // role → token given by flag or environment
	adminToken  string
	interval    time.Duration // least time between two requests (rate limits of real endpoints)
	nsPrefix    string        // kycsim namespaces are /t/<nsPrefix>-<n>/
	client      *http.Client
	progress    io.Writer
	now         func() time.Time
	sleep       func(time.Duration)
}

// result is the outcome of one case.
type result struct {
	c        *testCase
	status   string // "pass", "fail", "skip"
	reason   string // why it was skipped
	failure  string // what went wrong, several lines
	duration time.Duration
}

type runner struct {
	cfg         runConfig
	suite       *suite
	lastRequest time.Time
}

// newHTTPClient never follows redirects: a redirect (to a login page, say)
// is an answer to check, not to hide.
func newHTTPClient(timeout time.Duration) *http.Client {
	return &http.Client{
		Timeout: timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// run runs the cases in order, one after the other, writing a progress line
// per case as it finishes.
func (r *runner) run(cases []*testCase) []result {
	results := make([]result, 0, len(cases))
	width := len(strconv.Itoa(len(cases)))
	for i, c := range cases {
		start := r.cfg.now()
		res := r.runCase(c, i+1)
		res.duration = r.cfg.now().Sub(start)
		results = append(results, res)
		prefix := fmt.Sprintf("[%*d/%d]", width, i+1, len(cases))
		switch res.status {
		case "pass":
			fmt.Fprintf(r.cfg.progress, "%s PASS %s (%s)\n", prefix, c.id(), roundDuration(res.duration))
		case "skip":
			fmt.Fprintf(r.cfg.progress, "%s SKIP %s: %s\n", prefix, c.id(), res.reason)
		default:
			fmt.Fprintf(r.cfg.progress, "%s FAIL %s (%s)\n%s\n", prefix, c.id(), roundDuration(res.duration), indent(res.failure, "    "))
		}
	}
	return results
}

func roundDuration(d time.Duration) time.Duration {
	if d > time.Second {
		return d.Round(10 * time.Millisecond)
	}
	return d.Round(100 * time.Microsecond)
}

func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

// skipReason says why a case cannot run in this configuration, or "".
func (r *runner) skipReason(c *testCase) string {
	if r.cfg.kind == kindReal {
		for _, st := range c.steps {
			if st.soap != nil && st.soap.sign.kind == "fixture" {
				return "signs with a kycsim fixture key (sign_with: fixture:…), which a real account does not have"
			}
		}
		switch {
		case c.needsAny(needEmulator):
			return "needs emulator control (clock, reset, scenarios), which a real endpoint does not offer"
		case c.needsAny(needFixtures):
			return "relies on kycsim's default fixture data (the seed document's example clients), which a real account does not hold"
		case c.needsAny(needKycsim):
			return "checks a kycsim decision where the real service is known to answer otherwise (see the case's note)"
		case !c.safe && !r.cfg.allowWrites:
			return "changes data: give --allow-writes to run it against a real endpoint"
		}
	}
	return ""
}

// caseRun is the state of one running case.
type caseRun struct {
	c      *testCase
	nsPath string // "/t/conf-3" against kycsim, "" against a real endpoint
	base   string // the API's base URL for this case
	creds  map[string]tokenCred
	vars   vars
	// soapKeys are the fixture private keys by name (user/role), read
	// from GET /__admin/fixtures when a soap: step first signs.
	soapKeys map[string]string
}

type tokenCred struct{ token, secret string }

func (r *runner) runCase(c *testCase, n int) result {
	res := result{c: c}
	if reason := r.skipReason(c); reason != "" {
		res.status, res.reason = "skip", reason
		return res
	}
	cr := &caseRun{c: c, vars: vars{}}
	target := r.cfg.target
	if r.cfg.kind == kindKycsim {
		cr.nsPath = fmt.Sprintf("/t/%s-%d", r.cfg.nsPrefix, n)
		creds, err := r.prepareNamespace(cr.nsPath, c.file.api)
		if err != nil {
			res.status, res.failure = "fail", fmt.Sprintf("cite: %s\nsetting up namespace %s: %v", c.cite, cr.nsPath, err)
			return res
		}
		cr.creds = creds
	} else {
		target = strings.TrimSuffix(target, c.file.basePath)
		cr.creds = map[string]tokenCred{}
	}
	for role, tok := range r.cfg.tokens {
		cr.creds[role] = credFromToken(tok)
	}
	cr.base = target + cr.nsPath + c.file.basePath
	cr.vars["base"] = cr.base
	cr.vars["target"] = target + cr.nsPath
	for role, tc := range cr.creds {
		cr.vars["token."+role] = tc.token
		cr.vars["secret."+role] = tc.secret
	}
	if missing := r.missingCredentials(cr); missing != "" {
		res.status, res.reason = "skip", missing
		return res
	}
	for i, st := range c.steps {
		if failure := r.runStep(cr, i, st); failure != "" {
			res.status = "fail"
			res.failure = fmt.Sprintf("cite: %s\n%s", c.cite, failure)
			return res
		}
	}
	res.status = "pass"
	return res
}

// missingCredentials names a role the case needs but nobody gave a token for.
func (r *runner) missingCredentials(cr *caseRun) string {
	var roles []string
	need := func(cred credential) {
		if cred.header != "" {
			for _, role := range credentialRoles {
				if strings.Contains(cred.header, "."+role+"}") || strings.Contains(cred.header, "."+role+"|") {
					roles = append(roles, role)
				}
			}
			return
		}
		if cred.role != "none" {
			roles = append(roles, cred.role)
		}
	}
	for _, st := range cr.c.steps {
		if st.soap == nil && st.admin == nil { // soap: steps sign instead
			need(cr.c.credential)
			break
		}
	}
	for _, st := range cr.c.steps {
		if st.credential != nil {
			need(*st.credential)
		}
	}
	for _, role := range roles {
		if _, ok := cr.creds[role]; !ok {
			flag := "--token-" + role
			env := "KYCSIM_CONFORMANCE_TOKEN_" + strings.ToUpper(strings.ReplaceAll(role, "-", "_"))
			if r.cfg.kind == kindKycsim {
				return fmt.Sprintf("no %q token: the fixtures have none and neither %s nor %s gives one", role, flag, env)
			}
			return fmt.Sprintf("no %q token: give %s or %s", role, flag, env)
		}
	}
	return ""
}

// credFromToken splits a Sanctum "{id}|{secret}" token; a bare secret is
// both forms.
func credFromToken(tok string) tokenCred {
	if _, secret, ok := strings.Cut(tok, "|"); ok {
		return tokenCred{token: tok, secret: secret}
	}
	return tokenCred{token: tok, secret: tok}
}

// prepareNamespace resets a kycsim namespace to its fixtures and reads the
// credentials of api there.
func (r *runner) prepareNamespace(nsPath, api string) (map[string]tokenCred, error) {
	resp, err := r.adminCall(nsPath, http.MethodPost, "/reset", nil)
	if err != nil {
		return nil, err
	}
	if resp.status != http.StatusOK {
		return nil, fmt.Errorf("POST %s/__admin/reset answered %d: %s", nsPath, resp.status, snippet(resp.body, 300))
	}
	resp, err = r.adminCall(nsPath, http.MethodGet, "/fixtures", nil)
	if err != nil {
		return nil, err
	}
	if resp.status != http.StatusOK {
		return nil, fmt.Errorf("GET %s/__admin/fixtures answered %d: %s", nsPath, resp.status, snippet(resp.body, 300))
	}
	return credentialsFromFixtures(resp.body, api)
}

// fixtureTokens is one API's block of GET /__admin/fixtures.
type fixtureTokens struct {
	Tokens []struct {
		Token     string   `json:"token"`
		Secret    string   `json:"secret"`
		Abilities []string `json:"abilities"`
		Revoked   bool     `json:"revoked"`
		Profile   string   `json:"profile"`
	} `json:"tokens"`
	Profiles []struct {
		ID string `json:"id"`
	} `json:"profiles"`
}

// credentialsFromFixtures picks a token per role: "all" holds every
// ability, "read"/"create"/… exactly that one, all of the first profile;
// "revoked" is a revoked token; "other-profile" a live token of another
// profile (all abilities preferred). An API without tokens has no roles.
func credentialsFromFixtures(body []byte, api string) (map[string]tokenCred, error) {
	var all map[string]json.RawMessage
	if err := json.Unmarshal(body, &all); err != nil {
		return nil, fmt.Errorf("GET /__admin/fixtures: %v", err)
	}
	creds := map[string]tokenCred{}
	raw, ok := all[api]
	if !ok {
		return creds, nil
	}
	var fx fixtureTokens
	if err := json.Unmarshal(raw, &fx); err != nil {
		return nil, fmt.Errorf("GET /__admin/fixtures: %s: %v", api, err)
	}
	fullSet := []string{"create", "delete", "read", "update"}
	sorted := func(a []string) []string {
		b := slices.Clone(a)
		slices.Sort(b)
		return b
	}
	primary := ""
	if len(fx.Profiles) > 0 {
		primary = fx.Profiles[0].ID
	}
	pick := func(role string, ok func(i int) bool) {
		if _, done := creds[role]; done {
			return
		}
		for i, t := range fx.Tokens {
			if ok(i) {
				tok := t.Token
				if tok == "" {
					tok = t.Secret
				}
				secret := t.Secret
				if secret == "" {
					secret = credFromToken(tok).secret
				}
				creds[role] = tokenCred{token: tok, secret: secret}
				return
			}
		}
	}
	if primary == "" {
		for _, t := range fx.Tokens {
			if !t.Revoked && slices.Equal(sorted(t.Abilities), fullSet) {
				primary = t.Profile
				break
			}
		}
	}
	live := func(i int) bool { return !fx.Tokens[i].Revoked }
	inPrimary := func(i int) bool { return fx.Tokens[i].Profile == primary }
	pick("all", func(i int) bool {
		return live(i) && inPrimary(i) && slices.Equal(sorted(fx.Tokens[i].Abilities), fullSet)
	})
	for _, ab := range fullSet {
		pick(ab, func(i int) bool {
			return live(i) && inPrimary(i) && slices.Equal(fx.Tokens[i].Abilities, []string{ab})
		})
	}
	pick("revoked", func(i int) bool { return !live(i) && inPrimary(i) })
	pick("revoked", func(i int) bool { return !live(i) })
	pick("other-profile", func(i int) bool {
		return live(i) && !inPrimary(i) && slices.Equal(sorted(fx.Tokens[i].Abilities), fullSet)
	})
	pick("other-profile", func(i int) bool { return live(i) && !inPrimary(i) })
	return creds, nil
}

// response is an answer as the checks see it.
type response struct {
	status int
	header http.Header
	body   []byte
	method string
	url    string
}

const maxBody = 64 << 20

func (r *runner) do(req *http.Request) (*response, error) {
	if r.cfg.interval > 0 && !r.lastRequest.IsZero() {
		if wait := r.cfg.interval - r.cfg.now().Sub(r.lastRequest); wait > 0 {
			r.cfg.sleep(wait)
		}
	}
	r.lastRequest = r.cfg.now()
	resp, err := r.cfg.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, fmt.Errorf("reading the answer: %v", err)
	}
	return &response{status: resp.StatusCode, header: resp.Header, body: body, method: req.Method, url: req.URL.String()}, nil
}

// adminCall calls the kycsim admin API of a namespace. It is the only way
// the runner reaches /__admin, and only against kycsim.
func (r *runner) adminCall(nsPath, method, path string, body any) (*response, error) {
	if r.cfg.kind != kindKycsim {
		return nil, errors.New("the admin API is only used against kycsim")
	}
	var rd io.Reader
	if body != nil {
		rd = strings.NewReader(compact(body))
	}
	req, err := http.NewRequest(method, r.cfg.target+nsPath+"/__admin"+path, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.cfg.adminToken != "" {
		req.Header.Set("Authorization", "Bearer "+r.cfg.adminToken)
	}
	return r.do(req)
}

// runStep runs one step (every repetition of it) and returns "" or what
// went wrong.
func (r *runner) runStep(cr *caseRun, index int, st *step) string {
	where := fmt.Sprintf("step %d (cases/%s.yaml:%d)", index+1, cr.c.file.name, st.line)
	for it := 0; it < st.repeat; it++ {
		v := cr.vars
		if st.repeat > 1 {
			v = cloneVars(cr.vars)
			v["i"] = json.Number(strconv.Itoa(it))
		}
		var resp *response
		var err error
		switch {
		case st.admin != nil:
			var body any
			if st.admin.body != nil {
				body, err = v.substValue(st.admin.body)
			}
			if err == nil {
				var path string
				path, err = v.substString(st.admin.path)
				if err == nil {
					resp, err = r.adminCall(cr.nsPath, st.admin.method, path, body)
				}
			}
		case st.soap != nil:
			resp, err = r.soapCall(cr, st, v)
		default:
			var req *http.Request
			req, err = r.buildRequest(cr, st, v)
			if err == nil {
				resp, err = r.do(req)
			}
		}
		iteration := ""
		if st.repeat > 1 {
			iteration = fmt.Sprintf(" [repetition %d of %d]", it+1, st.repeat)
		}
		if err != nil {
			return fmt.Sprintf("%s%s: %v", where, iteration, err)
		}
		var problems []string
		if st.expect != nil {
			problems = r.check(st.expect, resp, v)
			if len(problems) == 0 && st.expect.soap != nil {
				problems = checkSOAP(st.expect.soap, resp, v)
			}
		} else if resp.status < 200 || resp.status > 299 {
			problems = []string{fmt.Sprintf("status: expected 2xx, got %d\nbody: %s", resp.status, snippet(resp.body, 2000))}
		}
		if len(problems) > 0 {
			return fmt.Sprintf("%s%s: %s %s\n%s", where, iteration, resp.method, resp.url, strings.Join(problems, "\n"))
		}
		if it == st.repeat-1 {
			capture := captureValues
			if st.soap != nil {
				capture = captureSOAP
			}
			if err := capture(cr.vars, st.captures, resp); err != nil {
				return fmt.Sprintf("%s: %s %s\ncapture: %v", where, resp.method, resp.url, err)
			}
		}
	}
	return ""
}

func cloneVars(v vars) vars {
	out := make(vars, len(v)+1)
	for k, x := range v {
		out[k] = x
	}
	return out
}

func captureValues(v vars, caps []capture, resp *response) error {
	if len(caps) == 0 {
		return nil
	}
	var doc any
	var docErr error
	decoded := false
	for _, c := range caps {
		if name, ok := strings.CutPrefix(c.from, "header:"); ok {
			vals := resp.header.Values(name)
			if len(vals) == 0 {
				return fmt.Errorf("%s: the answer has no %s header", c.name, name)
			}
			v[c.name] = strings.Join(vals, ", ")
			continue
		}
		if !decoded {
			doc, docErr = decodeJSON(resp.body)
			decoded = true
		}
		if docErr != nil {
			return fmt.Errorf("%s: the body is not JSON: %v", c.name, docErr)
		}
		val, found, err := lookup(doc, c.from)
		if err != nil {
			return err
		}
		if !found {
			return fmt.Errorf("%s: nothing at %s in %s", c.name, c.from, snippet(resp.body, 500))
		}
		v[c.name] = val
	}
	return nil
}

// buildRequest makes the HTTP request of a step: the seed's headers
// (Accept and Content-Type application/json) and the credential, then the
// body's own Content-Type, then the step's headers, where "<absent>" removes
// a header.
func (r *runner) buildRequest(cr *caseRun, st *step, v vars) (*http.Request, error) {
	hr := st.http
	path, err := v.substString(hr.path)
	if err != nil {
		return nil, err
	}
	var body io.Reader
	var length int64 = -1
	contentType := "application/json"
	if b := hr.body; b != nil {
		switch {
		case b.json != nil || (b.form == nil && b.multipart == nil && b.raw == nil && b.filler == nil):
			val, err := v.substValue(b.json)
			if err != nil {
				return nil, err
			}
			data := compact(val)
			body, length = strings.NewReader(data), int64(len(data))
		case b.form != nil:
			var parts []string
			for _, f := range b.form {
				val, err := v.substString(f.value)
				if err != nil {
					return nil, err
				}
				parts = append(parts, url.QueryEscape(f.name)+"="+url.QueryEscape(val))
			}
			data := strings.Join(parts, "&")
			body, length = strings.NewReader(data), int64(len(data))
			contentType = "application/x-www-form-urlencoded"
		case b.multipart != nil:
			data, ct, err := buildMultipart(b.multipart, v)
			if err != nil {
				return nil, err
			}
			body, length = bytes.NewReader(data), int64(len(data))
			contentType = ct
		case b.raw != nil:
			data, err := v.substString(*b.raw)
			if err != nil {
				return nil, err
			}
			body, length = strings.NewReader(data), int64(len(data))
		case b.filler != nil:
			body, length = io.LimitReader(repeatReader(b.filler.char[0]), b.filler.size), b.filler.size
		}
	}
	req, err := http.NewRequest(hr.method, cr.base+path, body)
	if err != nil {
		return nil, err
	}
	if length >= 0 {
		req.ContentLength = length
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", contentType)
	cred := cr.c.credential
	if st.credential != nil {
		cred = *st.credential
	}
	switch {
	case cred.header != "":
		val, err := v.substString(cred.header)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", val)
	case cred.role != "none":
		req.Header.Set("Authorization", "Bearer "+cr.creds[cred.role].token)
	}
	for _, h := range hr.headers {
		val, err := v.substString(h.value)
		if err != nil {
			return nil, err
		}
		if val == "<absent>" {
			req.Header.Del(h.name)
			continue
		}
		if strings.EqualFold(h.name, "Host") {
			req.Host = val
			continue
		}
		req.Header.Set(h.name, val)
	}
	return req, nil
}

type repeatReader byte

func (c repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(c)
	}
	return len(p), nil
}

// multipartBoundary is fixed so that a request is the same bytes on every
// run (curl's are random; nothing depends on their value).
const multipartBoundary = "------------------------kycsimconformance7f3a"

// buildMultipart writes a multipart body by hand, because curl's form of it
// with a custom Content-Type (seed 000's create example) uses
// "Content-Disposition: attachment", which mime/multipart cannot write.
func buildMultipart(mp *multipartBody, v vars) ([]byte, string, error) {
	var b bytes.Buffer
	for _, f := range mp.fields {
		val, err := v.substString(f.value)
		if err != nil {
			return nil, "", err
		}
		fmt.Fprintf(&b, "--%s\r\nContent-Disposition: %s; name=%q\r\n\r\n%s\r\n", multipartBoundary, mp.disposition, f.name, val)
	}
	fmt.Fprintf(&b, "--%s--\r\n", multipartBoundary)
	ct := mp.contentType
	if ct == "" {
		ct = "multipart/form-data"
	}
	return b.Bytes(), ct + "; boundary=" + multipartBoundary, nil
}

// check applies an expectation to an answer. A wrong status is reported
// alone, with the body, since the other checks would only repeat it.
func (r *runner) check(e *expectation, resp *response, v vars) []string {
	var problems []string
	if resp.status != e.status {
		return []string{fmt.Sprintf("status: expected %d, got %d\nbody: %s", e.status, resp.status, snippet(resp.body, 2000))}
	}
	for _, h := range e.headers {
		want, err := v.substString(h.value)
		if err != nil {
			problems = append(problems, "headers: "+err.Error())
			continue
		}
		if p := checkHeader(resp.header, h.name, want); p != "" {
			problems = append(problems, p)
		}
	}
	if e.bodyBytes != nil {
		want, err := v.substString(*e.bodyBytes)
		if err != nil {
			problems = append(problems, "body_bytes: "+err.Error())
		} else if want != string(resp.body) {
			problems = append(problems, fmt.Sprintf("body_bytes: the body is not byte for byte the expected one; %s\n  expected: %s\n  got:      %s",
				firstDifference(want, string(resp.body)), snippet([]byte(want), 2000), snippet(resp.body, 2000)))
		}
	}
	for _, sub := range e.bodyContains {
		want, err := v.substString(sub)
		if err != nil {
			problems = append(problems, "body_contains: "+err.Error())
		} else if !bytes.Contains(resp.body, []byte(want)) {
			problems = append(problems, fmt.Sprintf("body_contains: the body does not contain %q\n  body: %s", want, snippet(resp.body, 2000)))
		}
	}
	if e.bodySchema == "" && !e.hasBody && len(e.jsonChecks) == 0 {
		return problems
	}
	doc, err := decodeJSON(resp.body)
	if err != nil {
		return append(problems, fmt.Sprintf("body: not JSON (%v): %s", err, snippet(resp.body, 2000)))
	}
	if e.bodySchema != "" {
		if errs := r.suite.schemas.validate(e.bodySchema, doc); len(errs) > 0 {
			problems = append(problems, fmt.Sprintf("body_schema %s: the body does not validate:\n  %s", e.bodySchema, strings.Join(errs, "\n  ")))
		}
	}
	if e.hasBody {
		want, err := v.substValue(e.body)
		if err != nil {
			problems = append(problems, "body: "+err.Error())
		} else {
			var diffs []string
			display := compareJSON(want, doc, "", &diffs)
			if len(diffs) > 0 {
				problems = append(problems, fmt.Sprintf("body differs from the expected one:\n  %s\n  (- expected, + got)\n%s",
					strings.Join(diffs, "\n  "), indent(lineDiff(render(display), render(doc), 3), "  ")))
			}
		}
	}
	problems = append(problems, checkPointers(v, doc, e.jsonChecks, "json")...)
	return problems
}

func checkHeader(h http.Header, name, want string) string {
	vals := h.Values(name)
	got := strings.Join(vals, ", ")
	m, isMarker, err := parseMarker(want)
	if err != nil {
		return fmt.Sprintf("header %s: %v", name, err)
	}
	switch {
	case isMarker && m.kind == "absent":
		if len(vals) > 0 {
			return fmt.Sprintf("header %s: expected none, got %q", name, got)
		}
	case len(vals) == 0:
		return fmt.Sprintf("header %s: missing (expected %q)", name, want)
	case isMarker:
		if !m.matches(got) {
			return fmt.Sprintf("header %s: expected %s, got %q", name, want, got)
		}
	case got != want:
		return fmt.Sprintf("header %s: expected %q, got %q", name, want, got)
	}
	return ""
}

// snippet is at most n bytes of a body, for messages; valid UTF-8 is kept
// whole, anything else is quoted.
func snippet(b []byte, n int) string {
	s := string(b)
	cut := ""
	if len(s) > n {
		s, cut = s[:n], fmt.Sprintf("… (%d bytes in all)", len(b))
		for !utf8.ValidString(s) && len(s) > 0 {
			s = s[:len(s)-1]
		}
	}
	if s == "" && cut == "" {
		return "(empty)"
	}
	if !utf8.ValidString(s) {
		s = strconv.Quote(s)
	}
	return s + cut
}

// checkPointers checks each JSON-pointer expectation against doc; label
// ("json", "return") starts every problem it reports.
func checkPointers(v vars, doc any, checks []jsonCheck, label string) []string {
	var problems []string
	for _, jc := range checks {
		want, err := v.substValue(jc.value)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s %s: %v", label, jc.pointer, err))
			continue
		}
		got, found, err := lookup(doc, jc.pointer)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s %s: %v", label, jc.pointer, err))
			continue
		}
		if s, ok := want.(string); ok && s == "<absent>" {
			if found {
				problems = append(problems, fmt.Sprintf("%s %s: expected nothing there, got %s", label, jc.pointer, compact(got)))
			}
			continue
		}
		if !found {
			problems = append(problems, fmt.Sprintf("%s %s: missing (expected %s)", label, jc.pointer, compact(want)))
			continue
		}
		var diffs []string
		compareJSON(want, got, jc.pointer, &diffs)
		for _, d := range diffs {
			problems = append(problems, label+" "+d)
		}
	}
	return problems
}
