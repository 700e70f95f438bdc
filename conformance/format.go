package conformance

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net/http"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// suite is every case file, loaded and validated, with the schemas and the
// list of documented answers they refer to.
type suite struct {
	files      []*caseFile
	schemas    *schemaSet
	documented *documented
}

// caseFile is one cases/*.yaml file: the cases of one documented area.
type caseFile struct {
	name     string // "nilln-show" (file name without .yaml)
	api      string
	seed     string
	basePath string
	cases    []*testCase
}

// testCase is one case: a short sequence of steps with expectations.
type testCase struct {
	file       *caseFile
	name       string
	cite       string
	note       string
	safe       bool
	needs      []string
	covers     []string
	credential credential
	steps      []*step
	line       int
}

func (c *testCase) id() string { return c.file.name + "/" + c.name }

func (c *testCase) needsAny(what ...string) bool {
	for _, n := range c.needs {
		if slices.Contains(what, n) {
			return true
		}
	}
	return false
}

// Values of needs:.
const (
	needEmulator = "emulator" // admin control: clock, reset, scenarios
	needFixtures = "fixtures" // kycsim's default fixture data (the seed's example clients)
	needKycsim   = "kycsim"   // a kycsim decision where the real service is known to answer otherwise
)

var knownNeeds = []string{needEmulator, needFixtures, needKycsim}

// Credential roles a case may ask for.
var credentialRoles = []string{"all", "read", "create", "update", "delete", "revoked", "other-profile", "none"}

// credential says what goes into the Authorization header: the token of a
// role ("Bearer <token>"), nothing (role "none"), or a literal header value
// that may use ${token.<role>} / ${secret.<role>}.
type credential struct {
	role   string
	header string
	set    bool
}

// step is one request (HTTP, admin or SOAP) and what its answer must be.
type step struct {
	line       int
	http       *httpRequest
	admin      *adminRequest
	soap       *soapCall
	credential *credential // overrides the case's
	repeat     int
	captures   []capture
	expect     *expectation
}

type httpRequest struct {
	method  string
	path    string
	headers []header
	body    *requestBody
}

type header struct{ name, value string }

// requestBody is exactly one of the body kinds.
type requestBody struct {
	json      any      // json: any YAML value, sent as JSON
	form      []header // form: urlencoded fields in order
	multipart *multipartBody
	raw       *string
	filler    *filler
}

type multipartBody struct {
	contentType string // Content-Type before "; boundary=…" (default multipart/form-data)
	disposition string // "form-data" (default) or e.g. "attachment", as curl sends with a custom type
	fields      []header
}

// filler is a body of size bytes of one repeated character: 413 cases.
type filler struct {
	size int64
	char string
}

type adminRequest struct {
	method string
	path   string
	body   any
}

type capture struct {
	name, from string // from: JSON pointer or "header:Name"
}

type expectation struct {
	status       int
	headers      []header
	bodySchema   string
	body         any
	hasBody      bool
	jsonChecks   []jsonCheck
	bodyBytes    *string
	bodyContains []string
	soap         *soapExpect
}

type jsonCheck struct {
	pointer string
	value   any
}

// loadSuite reads every *.yaml in casesDir of fsys, the schemas of schemas
// and the documented answers, and validates all of it together. Every
// problem found is reported, each with its file and line.
func loadSuite(casesFS fs.FS, schemas *schemaSet, doc *documented) (*suite, error) {
	names, err := fs.Glob(casesFS, "*.yaml")
	if err != nil {
		return nil, err
	}
	names = slices.DeleteFunc(names, func(n string) bool { return n == "documented.yaml" })
	sort.Strings(names)
	s := &suite{schemas: schemas, documented: doc}
	var errs []error
	seen := map[string]string{}
	for _, name := range names {
		data, err := fs.ReadFile(casesFS, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		f, ferrs := parseCaseFile(name, data)
		errs = append(errs, ferrs...)
		if f == nil {
			continue
		}
		for _, c := range f.cases {
			if prev, dup := seen[c.id()]; dup {
				errs = append(errs, fmt.Errorf("%s:%d: case %q repeats the name of the case at %s", name, c.line, c.name, prev))
			}
			seen[c.id()] = fmt.Sprintf("%s:%d", name, c.line)
			for _, st := range c.steps {
				if st.expect != nil && st.expect.bodySchema != "" && !schemas.has(st.expect.bodySchema) {
					errs = append(errs, fmt.Errorf("%s:%d: body_schema %q is not a file in schemas/ (%s)", name, st.line, st.expect.bodySchema, strings.Join(schemas.names(), ", ")))
				}
			}
			if doc != nil {
				for _, cov := range c.covers {
					if !doc.has(cov) {
						errs = append(errs, fmt.Errorf("%s:%d: case %q covers %q, which documented.yaml does not list", name, c.line, c.name, cov))
					}
				}
			}
		}
		s.files = append(s.files, f)
	}
	if len(names) == 0 {
		errs = append(errs, errors.New("no case files (*.yaml)"))
	}
	return s, errors.Join(errs...)
}

// The YAML documents, decoded with unknown keys rejected so that a typo in
// a case is an error, not a silently missing check.
type fileDoc struct {
	API      string    `yaml:"api"`
	Seed     string    `yaml:"seed"`
	BasePath string    `yaml:"base_path"`
	About    string    `yaml:"about"`
	Cases    []caseDoc `yaml:"cases"`
}

type caseDoc struct {
	Name       string    `yaml:"name"`
	Cite       string    `yaml:"cite"`
	Note       string    `yaml:"note"`
	Safe       *bool     `yaml:"safe"`
	Needs      []string  `yaml:"needs"`
	Covers     []string  `yaml:"covers"`
	Credential yaml.Node `yaml:"credential"`
	Steps      []stepDoc `yaml:"steps"`
	line       int
}

type stepDoc struct {
	Note string `yaml:"note"`
	// HTTP request
	Method    string        `yaml:"method"`
	Path      string        `yaml:"path"`
	Headers   yaml.Node     `yaml:"headers"`
	JSON      yaml.Node     `yaml:"json"`
	Form      yaml.Node     `yaml:"form"`
	Multipart *multipartDoc `yaml:"multipart"`
	Raw       *string       `yaml:"raw"`
	Filler    *fillerDoc    `yaml:"filler"`
	// other kinds
	Admin *adminDoc `yaml:"admin"`
	SOAP  *soapDoc  `yaml:"soap"`

	Credential yaml.Node  `yaml:"credential"`
	Repeat     int        `yaml:"repeat"`
	Capture    yaml.Node  `yaml:"capture"`
	Expect     *expectDoc `yaml:"expect"`
}

type multipartDoc struct {
	ContentType string    `yaml:"content_type"`
	Disposition string    `yaml:"disposition"`
	Fields      yaml.Node `yaml:"fields"`
}

type fillerDoc struct {
	Size int64  `yaml:"size"`
	Char string `yaml:"char"`
}

type adminDoc struct {
	Method string    `yaml:"method"`
	Path   string    `yaml:"path"`
	Body   yaml.Node `yaml:"body"`
}

type expectDoc struct {
	Status       int       `yaml:"status"`
	Headers      yaml.Node `yaml:"headers"`
	BodySchema   string    `yaml:"body_schema"`
	Body         yaml.Node `yaml:"body"`
	JSON         yaml.Node `yaml:"json"`
	BodyBytes    *string   `yaml:"body_bytes"`
	BodyContains []string  `yaml:"body_contains"`
	// SOAP
	Success    *bool     `yaml:"success"`
	Code       *int      `yaml:"code"`
	Message    *string   `yaml:"message"`
	ReturnType string    `yaml:"return_type"`
	Return     yaml.Node `yaml:"return"`
	Fault      *faultDoc `yaml:"fault"`
}

var (
	caseFileName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*\.yaml$`)
	apiName      = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	httpMethods  = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
	captureName  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// parseCaseFile parses and validates one case file.
func parseCaseFile(name string, data []byte) (*caseFile, []error) {
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}
	if !caseFileName.MatchString(name) {
		fail(1, "case file names are lowercase words joined by '-' ending in .yaml (e.g. nilln-show.yaml)")
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, []error{fmt.Errorf("%s: %v", name, err)}
	}
	var doc fileDoc
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		return nil, []error{fmt.Errorf("%s: %v", name, err)}
	}
	caseLines := caseNodeLines(&root)
	f := &caseFile{name: strings.TrimSuffix(path.Base(name), ".yaml"), api: doc.API, seed: doc.Seed, basePath: strings.TrimRight(doc.BasePath, "/")}
	if !apiName.MatchString(doc.API) {
		fail(1, "api: must name the API (e.g. nilln)")
	}
	if doc.Seed == "" {
		fail(1, "seed: must name the seed document the cases check (e.g. 000_697566b915268f01.txt)")
	}
	if doc.BasePath != "" && !strings.HasPrefix(doc.BasePath, "/") {
		fail(1, "base_path: must start with / (e.g. /api/v1)")
	}
	if len(doc.Cases) == 0 {
		fail(1, "cases: a case file needs at least one case")
	}
	for i, cd := range doc.Cases {
		line := 1
		if i < len(caseLines) {
			line = caseLines[i]
		}
		c := &testCase{file: f, name: cd.Name, cite: cd.Cite, note: cd.Note, needs: cd.Needs, covers: cd.Covers, line: line}
		where := func() string { return fmt.Sprintf("case %q", cd.Name) }
		if strings.TrimSpace(cd.Name) == "" {
			fail(line, "case %d has no name", i+1)
		}
		if strings.ContainsAny(cd.Name, "/\n") {
			fail(line, "%s: a name may not contain / or a line break", where())
		}
		if strings.TrimSpace(cd.Cite) == "" {
			fail(line, "%s: cite: must name the seed section it checks (e.g. \"seed 000 §3 SHOW CLIENT\")", where())
		}
		if cd.Safe == nil {
			fail(line, "%s: safe: must be given (true for reads and authentication failures)", where())
		} else {
			c.safe = *cd.Safe
		}
		for _, n := range cd.Needs {
			if !slices.Contains(knownNeeds, n) {
				fail(line, "%s: needs: unknown %q (one of %s)", where(), n, strings.Join(knownNeeds, ", "))
			}
		}
		for _, cov := range cd.Covers {
			if len(strings.Fields(cov)) != 2 {
				fail(line, "%s: covers: %q must be \"<endpoint> <answer>\", e.g. \"nilln.clients.show 404\"", where(), cov)
			}
		}
		cred, err := parseCredential(&cd.Credential)
		if err != nil {
			fail(line, "%s: credential: %v", where(), err)
		}
		if !cred.set {
			cred = credential{role: "all", set: true}
		}
		c.credential = cred
		if len(cd.Steps) == 0 {
			fail(line, "%s: steps: a case needs at least one step", where())
		}
		stepNodes := stepNodeLines(&root, i)
		for j := range cd.Steps {
			sline := line
			if j < len(stepNodes) {
				sline = stepNodes[j]
			}
			st, serrs := parseStep(&cd.Steps[j], sline, c)
			for _, e := range serrs {
				fail(sline, "%s, step %d: %v", where(), j+1, e)
			}
			if st != nil {
				c.steps = append(c.steps, st)
			}
		}
		f.cases = append(f.cases, c)
	}
	return f, errs
}

// caseNodeLines finds the line of each case in the document, for messages.
func caseNodeLines(root *yaml.Node) []int {
	seq := mappingValue(documentMapping(root), "cases")
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return nil
	}
	lines := make([]int, len(seq.Content))
	for i, n := range seq.Content {
		lines[i] = n.Line
	}
	return lines
}

func stepNodeLines(root *yaml.Node, caseIndex int) []int {
	seq := mappingValue(documentMapping(root), "cases")
	if seq == nil || seq.Kind != yaml.SequenceNode || caseIndex >= len(seq.Content) {
		return nil
	}
	steps := mappingValue(seq.Content[caseIndex], "steps")
	if steps == nil || steps.Kind != yaml.SequenceNode {
		return nil
	}
	lines := make([]int, len(steps.Content))
	for i, n := range steps.Content {
		lines[i] = n.Line
	}
	return lines
}

func documentMapping(root *yaml.Node) *yaml.Node {
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		return root.Content[0]
	}
	return root
}

func mappingValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func parseCredential(n *yaml.Node) (credential, error) {
	if n.Kind == 0 {
		return credential{}, nil
	}
	n = resolveAlias(n)
	switch n.Kind {
	case yaml.ScalarNode:
		if !slices.Contains(credentialRoles, n.Value) {
			return credential{}, fmt.Errorf("unknown role %q (one of %s)", n.Value, strings.Join(credentialRoles, ", "))
		}
		return credential{role: n.Value, set: true}, nil
	case yaml.MappingNode:
		var d struct {
			Token  string  `yaml:"token"`
			Header *string `yaml:"header"`
		}
		if err := decodeStrict(n, &d); err != nil {
			return credential{}, err
		}
		switch {
		case d.Token != "" && d.Header != nil:
			return credential{}, errors.New("give token: or header:, not both")
		case d.Header != nil:
			return credential{header: *d.Header, set: true}, nil
		case slices.Contains(credentialRoles, d.Token):
			return credential{role: d.Token, set: true}, nil
		}
		return credential{}, fmt.Errorf("token: unknown role %q (one of %s)", d.Token, strings.Join(credentialRoles, ", "))
	}
	return credential{}, errors.New("expected a role name or {token: ROLE} or {header: VALUE}")
}

// decodeStrict decodes a node into v, rejecting unknown keys (Node.Decode
// does not apply KnownFields, so re-encode and decode strictly).
func decodeStrict(n *yaml.Node, v any) error {
	data, err := yaml.Marshal(n)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	return dec.Decode(v)
}

func parseStep(sd *stepDoc, line int, c *testCase) (*step, []error) {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	st := &step{line: line, repeat: sd.Repeat}
	kinds := 0
	if sd.Method != "" || sd.Path != "" {
		kinds++
	}
	if sd.Admin != nil {
		kinds++
	}
	if sd.SOAP != nil {
		kinds++
	}
	if kinds != 1 {
		bad("a step is exactly one of: an HTTP request (method, path), admin:, soap:")
		return nil, errs
	}
	if sd.Repeat < 0 || sd.Repeat > 1000 {
		bad("repeat: must be between 1 and 1000")
	}
	if sd.Repeat == 0 {
		st.repeat = 1
	}
	if sd.Credential.Kind != 0 {
		cred, err := parseCredential(&sd.Credential)
		if err != nil {
			bad("credential: %v", err)
		}
		st.credential = &cred
	}
	caps, err := parseCaptures(&sd.Capture)
	if err != nil {
		bad("capture: %v", err)
	}
	st.captures = caps
	hasHTTPBody := sd.JSON.Kind != 0 || sd.Form.Kind != 0 || sd.Multipart != nil || sd.Raw != nil || sd.Filler != nil || sd.Headers.Kind != 0

	switch {
	case sd.Admin != nil:
		if !c.needsAny(needEmulator) {
			bad("admin: steps control the emulator: the case must say needs: [emulator]")
		}
		if hasHTTPBody || sd.Credential.Kind != 0 {
			bad("an admin: step takes its method, path and body inside admin:")
		}
		m := strings.ToUpper(sd.Admin.Method)
		if m == "" {
			m = http.MethodPost
		}
		if !slices.Contains(httpMethods, m) {
			bad("admin: method %q is not an HTTP method", sd.Admin.Method)
		}
		if !strings.HasPrefix(sd.Admin.Path, "/") {
			bad("admin: path must start with / and is relative to /__admin (e.g. /clock/advance)")
		}
		a := &adminRequest{method: m, path: sd.Admin.Path}
		if sd.Admin.Body.Kind != 0 {
			v, err := nodeValue(&sd.Admin.Body)
			if err != nil {
				bad("admin: body: %v", err)
			}
			a.body = v
		}
		st.admin = a
		if sd.Expect != nil {
			e, eerrs := parseHTTPExpect(sd.Expect)
			errs = append(errs, eerrs...)
			st.expect = e
		}
	case sd.SOAP != nil:
		if hasHTTPBody {
			bad("a soap: step builds its own envelope: headers go inside soap:, no json/form/raw body")
		}
		call, cerrs := parseSOAP(sd.SOAP)
		errs = append(errs, cerrs...)
		st.soap = call
		if sd.Expect == nil {
			bad("expect: a soap: step needs expectations (status, success, return_type, …)")
		} else {
			e, eerrs := parseSOAPExpect(sd.Expect)
			errs = append(errs, eerrs...)
			st.expect = e
		}
	default:
		req, rerrs := parseHTTPRequest(sd)
		errs = append(errs, rerrs...)
		st.http = req
		if sd.Expect == nil {
			bad("expect: every request needs at least an expected status")
		} else {
			e, eerrs := parseHTTPExpect(sd.Expect)
			errs = append(errs, eerrs...)
			st.expect = e
		}
	}
	return st, errs
}

func parseCaptures(n *yaml.Node) ([]capture, error) {
	if n.Kind == 0 {
		return nil, nil
	}
	pairs, err := stringPairs(n)
	if err != nil {
		return nil, err
	}
	var out []capture
	for _, p := range pairs {
		if !captureName.MatchString(p.name) {
			return nil, fmt.Errorf("%q is not a variable name (letters, digits, _)", p.name)
		}
		if !strings.HasPrefix(p.value, "header:") {
			if _, err := pointerTokens(p.value); err != nil {
				return nil, fmt.Errorf("%s: %v (or header:NAME)", p.name, err)
			}
		}
		out = append(out, capture{name: p.name, from: p.value})
	}
	return out, nil
}

func parseHTTPRequest(sd *stepDoc) (*httpRequest, []error) {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	m := strings.ToUpper(sd.Method)
	if !slices.Contains(httpMethods, m) {
		bad("method: %q is not an HTTP method (%s)", sd.Method, strings.Join(httpMethods, ", "))
	}
	if !strings.HasPrefix(sd.Path, "/") && !strings.HasPrefix(sd.Path, "${") {
		bad("path: must start with / and is relative to the API's base (e.g. /clients)")
	}
	req := &httpRequest{method: m, path: sd.Path}
	if sd.Headers.Kind != 0 {
		hs, err := stringPairs(&sd.Headers)
		if err != nil {
			bad("headers: %v", err)
		}
		req.headers = hs
	}
	bodies := 0
	b := &requestBody{}
	if sd.JSON.Kind != 0 {
		bodies++
		v, err := nodeValue(&sd.JSON)
		if err != nil {
			bad("json: %v", err)
		}
		b.json = v
	}
	if sd.Form.Kind != 0 {
		bodies++
		fs, err := stringPairs(&sd.Form)
		if err != nil {
			bad("form: %v", err)
		}
		b.form = fs
	}
	if sd.Multipart != nil {
		bodies++
		mp := &multipartBody{contentType: sd.Multipart.ContentType, disposition: sd.Multipart.Disposition}
		if mp.disposition == "" {
			mp.disposition = "form-data"
		}
		fs, err := stringPairs(&sd.Multipart.Fields)
		if err != nil {
			bad("multipart: fields: %v", err)
		}
		mp.fields = fs
		b.multipart = mp
	}
	if sd.Raw != nil {
		bodies++
		b.raw = sd.Raw
	}
	if sd.Filler != nil {
		bodies++
		if sd.Filler.Size <= 0 || sd.Filler.Size > 1<<30 {
			bad("filler: size must be between 1 and 1 GiB")
		}
		if len(sd.Filler.Char) != 1 {
			bad("filler: char must be one ASCII character")
		}
		b.filler = &filler{size: sd.Filler.Size, char: sd.Filler.Char}
	}
	if bodies > 1 {
		bad("a request has at most one body: json, form, multipart, raw or filler")
	}
	if bodies == 1 {
		req.body = b
	}
	return req, errs
}

func parseHTTPExpect(ed *expectDoc) (*expectation, []error) {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if ed.Success != nil || ed.Code != nil || ed.Message != nil || ed.ReturnType != "" || ed.Return.Kind != 0 || ed.Fault != nil {
		bad("expect: success, code, message, return_type, return and fault belong to soap: steps")
	}
	e := &expectation{status: ed.Status, bodySchema: ed.BodySchema, bodyBytes: ed.BodyBytes, bodyContains: ed.BodyContains}
	if ed.Status < 100 || ed.Status > 599 {
		bad("expect: status must be an HTTP status (100-599)")
	}
	errs = append(errs, parseCommonExpect(ed, e)...)
	if ed.Body.Kind != 0 {
		v, err := nodeValue(&ed.Body)
		if err != nil {
			bad("expect: body: %v", err)
		} else if err := checkMarkers(v); err != nil {
			bad("expect: body: %v", err)
		}
		e.body, e.hasBody = v, true
	}
	if ed.JSON.Kind != 0 {
		n := resolveAlias(&ed.JSON)
		if n.Kind != yaml.MappingNode {
			bad("expect: json: must map JSON pointers to values")
		} else {
			for i := 0; i+1 < len(n.Content); i += 2 {
				ptr := n.Content[i].Value
				if _, err := pointerTokens(ptr); err != nil {
					bad("expect: json: %v", err)
					continue
				}
				v, err := nodeValue(n.Content[i+1])
				if err != nil {
					bad("expect: json: %s: %v", ptr, err)
					continue
				}
				if err := checkMarkers(v); err != nil {
					bad("expect: json: %s: %v", ptr, err)
				}
				e.jsonChecks = append(e.jsonChecks, jsonCheck{pointer: ptr, value: v})
			}
		}
	}
	return e, errs
}

// parseCommonExpect reads what HTTP and SOAP expectations share: headers.
func parseCommonExpect(ed *expectDoc, e *expectation) []error {
	if ed.Headers.Kind == 0 {
		return nil
	}
	hs, err := stringPairs(&ed.Headers)
	if err != nil {
		return []error{fmt.Errorf("expect: headers: %v", err)}
	}
	var errs []error
	for _, h := range hs {
		if !strings.Contains(h.value, "${") {
			if _, _, err := parseMarker(h.value); err != nil {
				errs = append(errs, fmt.Errorf("expect: headers: %s: %v", h.name, err))
			}
		}
	}
	e.headers = hs
	return errs
}

// stringPairs reads a mapping of scalars in document order.
func stringPairs(n *yaml.Node) ([]header, error) {
	n = resolveAlias(n)
	if n.Kind != yaml.MappingNode {
		return nil, errors.New("expected a mapping of names to values")
	}
	var out []header
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolveAlias(n.Content[i+1])
		if v.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("%s: expected a single value", k.Value)
		}
		out = append(out, header{name: k.Value, value: v.Value})
	}
	return out, nil
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// nodeValue converts a YAML node into an ordered JSON value. YAML anchors
// and aliases may be used (e.g. to share the seed's example client between
// cases of a file); merge keys may not, because they would hide key order.
func nodeValue(n *yaml.Node) (any, error) {
	n = resolveAlias(n)
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) != 1 {
			return nil, errors.New("empty document")
		}
		return nodeValue(n.Content[0])
	case yaml.MappingNode:
		o := newObject()
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Tag == "!!merge" {
				return nil, fmt.Errorf("line %d: merge keys (<<) are not supported: write the keys out, their order matters", k.Line)
			}
			if _, dup := o.vals[k.Value]; dup {
				return nil, fmt.Errorf("line %d: duplicate key %q", k.Line, k.Value)
			}
			v, err := nodeValue(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			o.set(k.Value, v)
		}
		return o, nil
	case yaml.SequenceNode:
		arr := []any{}
		for _, c := range n.Content {
			v, err := nodeValue(c)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		return arr, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil, nil
		case "!!bool":
			var b bool
			if err := n.Decode(&b); err != nil {
				return nil, err
			}
			return b, nil
		case "!!int":
			var i int64
			if err := n.Decode(&i); err != nil {
				return nil, err
			}
			return json.Number(strconv.FormatInt(i, 10)), nil
		case "!!float":
			var f float64
			if err := n.Decode(&f); err != nil {
				return nil, err
			}
			if math.IsInf(f, 0) || math.IsNaN(f) {
				return nil, fmt.Errorf("line %d: %s is not a JSON number", n.Line, n.Value)
			}
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
		case "!!str", "!!timestamp", "!!binary":
			// A date such as 2022-04-25 stays the text written.
			return n.Value, nil
		}
		return nil, fmt.Errorf("line %d: unsupported YAML tag %s", n.Line, n.Tag)
	}
	return nil, fmt.Errorf("line %d: unsupported YAML node", n.Line)
}
