package conformance

import (
	"encoding/json"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kycsim/kycsim/mocks/peerdata"
)

// TestBuiltInSuiteLoads: every embedded schema compiles (against its
// meta-schema), every case file parses, and every case refers only to
// schemas that exist and answers documented.yaml lists.
func TestBuiltInSuiteLoads(t *testing.T) {
	s, err := loadFromFlags("")
	if err != nil {
		t.Fatal(err)
	}
	files, err := fs.Glob(embedded, "cases/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.files) != len(files) || len(files) < 10 {
		t.Errorf("%d case files loaded of %d", len(s.files), len(files))
	}
	schemaFiles, _ := fs.Glob(embedded, "schemas/*.json")
	peerdataSchemas, _ := fs.Glob(peerdata.Schemas, "schemas/*.json")
	if len(s.schemas.compiled) != len(schemaFiles)+len(peerdataSchemas) {
		t.Errorf("%d schemas compiled of %d", len(s.schemas.compiled), len(schemaFiles)+len(peerdataSchemas))
	}
	// Each API's files name its seed and base path, and each case cites
	// the seed or the SPEC.md section of that API.
	apis := map[string]struct {
		seeds    []string
		basePath string
		cites    []string // a case's cite names one of these
	}{
		"nilln":    {[]string{"000_697566b915268f01.txt"}, "/api/v1", []string{"seed 000", "SPEC.md §1"}},
		"lursoft":  {[]string{"001_b1977135910a870b.txt", "002_961591befb1cd761.txt"}, "", []string{"seed 001", "seed 002", "SPEC.md §2"}},
		"peerdata": {[]string{"004_e817c20b9e6be051.txt"}, "", []string{"seed 004", "SPEC.md §3"}},
	}
	n := 0
	for _, f := range s.files {
		want, ok := apis[f.api]
		if !ok || !slices.Contains(want.seeds, f.seed) || f.basePath != want.basePath {
			t.Errorf("%s: header api=%q seed=%q base_path=%q", f.name, f.api, f.seed, f.basePath)
		}
		for _, c := range f.cases {
			n++
			if len(c.covers) == 0 {
				t.Errorf("%s covers nothing", c.id())
			}
			if !slices.ContainsFunc(want.cites, func(s string) bool { return strings.Contains(c.cite, s) }) {
				t.Errorf("%s: cite %q names none of %s", c.id(), c.cite, strings.Join(want.cites, ", "))
			}
			for _, st := range c.steps {
				if st.admin != nil && !c.needsAny(needEmulator) {
					t.Errorf("%s: admin step without needs emulator", c.id())
				}
			}
		}
	}
	t.Logf("%d cases in %d files", n, len(s.files))
}

func TestCaseFileErrors(t *testing.T) {
	const head = "api: demo\nseed: s.txt\ncases:\n"
	const okStep = "    steps:\n      - {method: GET, path: /x, expect: {status: 200}}\n"
	tests := []struct {
		name, text, want string
	}{
		{"unknown key", head + "  - name: a\n    cite: c\n    safe: true\n    expct: {}\n" + okStep, "field expct not found"},
		{"no cite", head + "  - name: a\n    safe: true\n" + okStep, `t.yaml:4: case "a": cite: must name the seed section`},
		{"no safe", head + "  - name: a\n    cite: c\n" + okStep, `case "a": safe: must be given`},
		{"unknown need", head + "  - name: a\n    cite: c\n    safe: true\n    needs: [clock]\n" + okStep, `needs: unknown "clock"`},
		{"admin without emulator", head + "  - name: a\n    cite: c\n    safe: true\n    steps:\n      - admin: {path: /reset}\n", "admin: steps control the emulator: the case must say needs: [emulator]"},
		{"bad role", head + "  - name: a\n    cite: c\n    safe: true\n    credential: root\n" + okStep, `credential: unknown role "root"`},
		{"two bodies", head + "  - name: a\n    cite: c\n    safe: true\n    steps:\n      - {method: POST, path: /x, json: {}, raw: x, expect: {status: 200}}\n", "at most one body"},
		{"no expect", head + "  - name: a\n    cite: c\n    safe: true\n    steps:\n      - {method: GET, path: /x}\n", "expect: every request needs at least an expected status"},
		{"bad method", head + "  - name: a\n    cite: c\n    safe: true\n    steps:\n      - {method: FETCH, path: /x, expect: {status: 200}}\n", `method: "FETCH" is not an HTTP method`},
		{"bad marker", head + "  - name: a\n    cite: c\n    safe: true\n    steps:\n      - {method: GET, path: /x, expect: {status: 200, body: {a: <any:uuidish>}}}\n", `marker <any:uuidish>: unknown type "uuidish"`},
		{"bad regexp", head + "  - name: a\n    cite: c\n    safe: true\n    steps:\n      - {method: GET, path: /x, expect: {status: 200, headers: {X: \"<re:(>\"}}}\n", "marker <re:(>:"},
		{"bad pointer", head + "  - name: a\n    cite: c\n    safe: true\n    steps:\n      - {method: GET, path: /x, expect: {status: 200}, capture: {u: data/uuid}}\n", `JSON pointer "data/uuid" must start with /`},
		{"soap field on http", head + "  - name: a\n    cite: c\n    safe: true\n    steps:\n      - {method: GET, path: /x, expect: {status: 200, success: true}}\n", "belong to soap: steps"},
		{"merge key", head + "  - name: a\n    cite: c\n    safe: true\n    steps:\n      - {method: GET, path: /x, expect: {status: 200, body: {<<: {a: 1}}}}\n", "merge keys (<<) are not supported"},
		{"status", head + "  - name: a\n    cite: c\n    safe: true\n    steps:\n      - {method: GET, path: /x, expect: {status: 2000}}\n", "status must be an HTTP status"},
		{"slash in name", head + "  - name: a/b\n    cite: c\n    safe: true\n" + okStep, "a name may not contain /"},
		{"bad covers", head + "  - name: a\n    cite: c\n    safe: true\n    covers: [nilln.clients.show]\n" + okStep, `covers: "nilln.clients.show" must be "<endpoint> <answer>"`},
		{"no api", "seed: s.txt\ncases:\n  - name: a\n    cite: c\n    safe: true\n" + okStep, "api: must name the API"},
	}
	for _, tt := range tests {
		_, errs := parseCaseFile("t.yaml", []byte(tt.text))
		var msgs []string
		for _, e := range errs {
			msgs = append(msgs, e.Error())
		}
		joined := strings.Join(msgs, "\n")
		if !strings.Contains(joined, tt.want) {
			t.Errorf("%s: errors %q, want one containing %q", tt.name, joined, tt.want)
		}
	}
}

func TestSuiteCrossChecks(t *testing.T) {
	schemas, err := compileSchemas(map[string][]byte{"thing.json": []byte(`{"type":"object"}`)})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parseDocumented([]byte("apis:\n  - api: demo\n    seed: s\n    endpoints:\n      - {id: demo.show, what: x, answers: [\"200\"]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	cases := fstest.MapFS{"demo-a.yaml": {Data: []byte(`api: demo
seed: s.txt
cases:
  - name: a
    cite: c
    safe: true
    covers: [demo.show 200, demo.show 404]
    steps:
      - {method: GET, path: /x, expect: {status: 200, body_schema: other.json}}
  - name: a
    cite: c
    safe: true
    steps:
      - {method: GET, path: /x, expect: {status: 200, body_schema: thing.json}}
`)}}
	_, err = loadSuite(cases, schemas, doc)
	for _, want := range []string{
		`demo-a.yaml:9: body_schema "other.json" is not a file in schemas/ (thing.json)`,
		`demo-a.yaml:4: case "a" covers "demo.show 404", which documented.yaml does not list`,
		`demo-a.yaml:10: case "a" repeats the name of the case at demo-a.yaml:4`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("errors %v, want %q", err, want)
		}
	}
}

func TestSOAPStep(t *testing.T) {
	f, errs := parseCaseFile("lursoft-login.yaml", []byte(`api: lursoft
seed: 002_x.txt
cases:
  - name: login
    cite: seed 002 login
    safe: true
    steps:
      - soap:
          function: login
          params:
            username: lietotaja_vards
            password: parole
            role_id: 1234
            list_id: {value: "6750", type: xsd:string}
            email: [a@b.lv, c@d.lv]
            end_date: null
            check_ur: false
          sign_with: fixture:lietotaja_vards/1234
        expect:
          status: 200
          headers: {Content-Type: text/xml; charset=utf-8}
          success: true
          message: Autorizācija veiksmīga
          return_type: LoginResponse
          return: {/sid: "<re:^[0-9a-f]{32}$>"}
        capture: {sid: /sid}
      - soap:
          function: get_lists
          params: {sid: "${sid}"}
          signature: bm90IGEgc2lnbmF0dXJl
        expect: {status: 401, success: false, code: 3002, return_type: GetListsResponse}
      - soap:
          endpoint: /api/wsdl
          function: logout
          sign_with: pem:testdata/key.pem
        expect: {status: 500, fault: {code: SOAP-ENV:Client, string: Bad Request}}
`))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	steps := f.cases[0].steps
	call := steps[0].soap
	var got []string
	for _, p := range call.params {
		got = append(got, p.name+"="+compact(p.value)+":"+p.xsdType)
	}
	want := `username="lietotaja_vards":xsd:string password="parole":xsd:string role_id=1234:xsd:int list_id="6750":xsd:string email=["a@b.lv","c@d.lv"]: end_date=null: check_ur=false:xsd:boolean`
	if strings.Join(got, " ") != want {
		t.Errorf("params\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
	if call.endpoint != "/api/wsdl?ws=1" || call.function != "login" || call.sign != (signRef{kind: "fixture", ref: "lietotaja_vards/1234"}) {
		t.Errorf("call %+v", call)
	}
	e := steps[0].expect.soap
	if !*e.success || *e.message != "Autorizācija veiksmīga" || e.returnType != "LoginResponse" || len(e.returns) != 1 {
		t.Errorf("expect %+v", e)
	}
	if s := steps[1].soap; s.signature == nil || *s.signature != "bm90IGEgc2lnbmF0dXJl" || *steps[1].expect.soap.code != 3002 {
		t.Errorf("step 2 %+v", s)
	}
	if s := steps[2]; s.soap.endpoint != "/api/wsdl" || s.soap.sign != (signRef{kind: "pem", ref: "testdata/key.pem"}) || s.expect.soap.fault.code != "SOAP-ENV:Client" {
		t.Errorf("step 3 %+v", s.soap)
	}

	bad := []struct{ step, want string }{
		{"{soap: {function: login, sign_with: key}, expect: {status: 200, success: true, return_type: R}}", "sign_with: \"key\" must be fixture:<key name>, pem:<path to a private key> or none"},
		{"{soap: {function: login, sign_with: none, signature: x}, expect: {status: 200, success: true, return_type: R}}", "give sign_with: or signature:, not both"},
		{"{soap: {function: 'log in', sign_with: none}, expect: {status: 200, success: true, return_type: R}}", `function: "log in" is not a function name`},
		{"{soap: {function: login, sign_with: none, params: {signature: x}}, expect: {status: 200, success: true, return_type: R}}", "signature is not a parameter"},
		{"{soap: {function: login, sign_with: none}, expect: {status: 200, success: true}}", "return_type: the response type is required"},
		{"{soap: {function: login, sign_with: none}, expect: {status: 400, success: false, return_type: R}}", "an error answer (success: false) must give its code"},
		{"{soap: {function: login, sign_with: none}, expect: {status: 200, return_type: R}}", "success: true or false is required"},
		{"{soap: {function: login, sign_with: none}, expect: {status: 200, success: true, return_type: R, body: {}}}", "body_schema, body and json belong to JSON answers"},
		{"{soap: {function: login, sign_with: none}, expect: {status: 500, success: true, fault: {code: x, string: y}}}", "a fault has no success"},
		{"{soap: {function: login, sign_with: none, params: {id: {value: 1, type: xsd:number}}}, expect: {status: 200, success: true, return_type: R}}", `type "xsd:number" is not one of`},
		{"{soap: {function: login, sign_with: none}}", "expect: a soap: step needs expectations"},
		{"{soap: {function: login, sign_with: none}, json: {}, expect: {status: 200, success: true, return_type: R}}", "a soap: step builds its own envelope"},
	}
	for _, b := range bad {
		_, errs := parseCaseFile("l.yaml", []byte("api: lursoft\nseed: s\ncases:\n  - name: a\n    cite: c\n    safe: true\n    steps:\n      - "+b.step+"\n"))
		var msgs []string
		for _, e := range errs {
			msgs = append(msgs, e.Error())
		}
		if !strings.Contains(strings.Join(msgs, "\n"), b.want) {
			t.Errorf("%s: errors %q, want %q", b.step, msgs, b.want)
		}
	}
}

func TestCredentialsFromFixtures(t *testing.T) {
	body := []byte(`{"nilln":{"tokens":[
	  {"token":"1|A","secret":"A","abilities":["read","create","update","delete"],"profile":"p1"},
	  {"token":"2|R","secret":"R","abilities":["read"],"profile":"p1"},
	  {"token":"3|C","secret":"C","abilities":["create"],"profile":"p1"},
	  {"token":"4|U","secret":"U","abilities":["update"],"profile":"p1"},
	  {"token":"5|D","secret":"D","abilities":["delete"],"profile":"p1"},
	  {"token":"6|X","secret":"X","abilities":["read","create","update","delete"],"revoked":true,"profile":"p1"},
	  {"token":"8|Q","secret":"Q","abilities":["read"],"profile":"p2"},
	  {"token":"7|O","secret":"O","abilities":["delete","update","create","read"],"profile":"p2"},
	  {"token":"9|Z","secret":"Z","abilities":["read"],"profile":"p2"}],
	  "profiles":[{"id":"p1"},{"id":"p2"}]}}`)
	creds, err := credentialsFromFixtures(body, "nilln")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]tokenCred{
		"all": {"1|A", "A"}, "read": {"2|R", "R"}, "create": {"3|C", "C"}, "update": {"4|U", "U"},
		"delete": {"5|D", "D"}, "revoked": {"6|X", "X"}, "other-profile": {"7|O", "O"},
	}
	if len(creds) != len(want) {
		t.Errorf("roles %v", creds)
	}
	for role, w := range want {
		if creds[role] != w {
			t.Errorf("%s: %v, want %v", role, creds[role], w)
		}
	}
	if c, _ := credentialsFromFixtures(body, "lursoft"); len(c) != 0 {
		t.Errorf("an API without a block has roles: %v", c)
	}
	if _, err := credentialsFromFixtures([]byte("<html>"), "nilln"); err == nil {
		t.Error("no error for a non-JSON fixtures answer")
	}
	if got := credFromToken("secretonly"); got != (tokenCred{"secretonly", "secretonly"}) {
		t.Errorf("credFromToken: %v", got)
	}
}

func TestDecodeJSONKeepsOrderAndRejectsTrailingData(t *testing.T) {
	v, err := decodeJSON([]byte(`{"b":1,"a":{"d":[1,{"z":null,"y":true}],"c":"x"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := compact(v); got != `{"b":1,"a":{"d":[1,{"z":null,"y":true}],"c":"x"}}` {
		t.Errorf("round trip %s", got)
	}
	for _, bad := range []string{`{"a":1}{}`, `{"a":1,"a":2}`, `{`} {
		if _, err := decodeJSON([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
	got, found, _ := lookup(v, "/a/d/-1/y")
	if !found || got != true {
		t.Errorf("lookup negative index: %v %v", got, found)
	}
	if _, found, _ := lookup(v, "/a/d/5"); found {
		t.Error("lookup out of range found something")
	}
	if n, _, _ := lookup(v, "/b"); n != json.Number("1") {
		t.Errorf("lookup /b = %#v", n)
	}
}
