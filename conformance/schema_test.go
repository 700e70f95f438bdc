package conformance

import (
	"io/fs"
	"strings"
	"testing"
)

func builtInSchemas(t *testing.T) *schemaSet {
	t.Helper()
	sub, err := fs.Sub(embedded, "schemas")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	if err := readSchemaFiles(sub, files); err != nil {
		t.Fatal(err)
	}
	s, err := compileSchemas(files)
	if err != nil {
		t.Fatalf("the built-in schemas do not compile: %v", err)
	}
	return s
}

// The seed's own examples (as the SPEC reads them) must validate, and the
// shapes the documents rule out must not.
const (
	seedShow   = `{"data":{"uuid":"69ade873-f02c-4df1-a307-1c388f7a5172","type":"Juridiska persona","name":"SIA \"Nordexo IT\"","reg_no":"40203206226","reference_no":"1","email":null,"comment":"IT uzņēmums","risk_level":"zems","is_active":true,"set_at":"2022-04-25T00:00:00.000000Z","reviewed_at":"2022-04-25T00:00:00.000000Z","inputs":[]}}`
	seedCreate = `{"data":{"uuid":"65dedfaf-87cb-4745-be81-d4923843bab7","type":"Juridiska persona","name":"Sabiedrība ar ierobežotu atbildību \"DAGGA\"","reg_no":"40103477934","reference_no":null,"email":null,"comment":null,"risk_level":"nav definēts","is_active":null,"set_at":null,"reviewed_at":null}}`
	seedList   = `{"data":[{"uuid":"69ade873-f02c-4df1-a307-1c388f7a5172","type":"Juridiska persona","name":"SIA \"Nordexo IT\"","reg_no":"40203206226","reference_no":"1","email":null,"comment":"IT uzņēmums","risk_level":"zems","is_active":true,"set_at":"2022-04-25T00:00:00.000000Z","reviewed_at":"2022-04-25T00:00:00.000000Z","inputs":[]}],
	  "links":{"first":"https://iks.nilln.lv/api/v1/clients?page=1","last":"https://iks.nilln.lv/api/v1/clients?page=1","prev":null,"next":null},
	  "meta":{"current_page":1,"from":1,"last_page":1,"links":[{"url":null,"label":"&laquo; iepriekšējais","active":false},{"url":"https://iks.nilln.lv/api/v1/clients?page=1","label":"1","active":true},{"url":null,"label":"Nākamais &raquo;","active":false}],"path":"https://iks.nilln.lv/api/v1/clients","per_page":15,"to":5,"total":5}}`
)

func TestSchemasAcceptTheSeedExamples(t *testing.T) {
	s := builtInSchemas(t)
	tests := []struct {
		schema, body string
	}{
		{"client-response.json", seedShow},
		{"client-created-response.json", seedCreate},
		{"client-list.json", seedList},
		{"error.json", `{"message":"Unauthenticated."}`},
		{"error.json", `{"message":"Invalid ability provided."}`},
		{"error.json", `{"message":"No query results for model [App\\Models\\Client] 69ade873-f02c-4df1-a307-1c388f7a5172"}`},
		{"validation-error.json", `{"message":"The name field is required. (and 1 more error)","errors":{"name":["The name field is required."],"type":["The selected type is invalid."]}}`},
	}
	for _, tt := range tests {
		if errs := s.validate(tt.schema, mustDecode(t, tt.body)); len(errs) > 0 {
			t.Errorf("%s rejects the documented example: %v", tt.schema, errs)
		}
	}
}

func TestSchemasRejectUndocumentedShapes(t *testing.T) {
	s := builtInSchemas(t)
	tests := []struct {
		name, schema, body, want string
	}{
		{"create has no inputs", "client-created-response.json", strings.Replace(seedCreate, `"reviewed_at":null}`, `"reviewed_at":null,"inputs":[]}`, 1), "/data: additionalProperties 'inputs' not allowed"},
		{"show has inputs", "client-response.json", strings.Replace(seedShow, `,"inputs":[]`, ``, 1), "/data: missing properties: 'inputs'"},
		{"dates are midnight with microseconds", "client-response.json", strings.Replace(seedShow, `"set_at":"2022-04-25T00:00:00.000000Z"`, `"set_at":"2022-04-25"`, 1), "/data/set_at: "},
		{"uuid", "client-response.json", strings.Replace(seedShow, `"69ade873-f02c-4df1-a307-1c388f7a5172"`, `"69ADE873"`, 1), "/data/uuid: "},
		{"is_active is a boolean", "client-response.json", strings.Replace(seedShow, `"is_active":true`, `"is_active":"1"`, 1), "/data/is_active: expected boolean or null, but got string"},
		{"previous label verbatim", "client-list.json", strings.Replace(seedList, `&laquo; iepriekšējais`, `« Iepriekšējais`, 1), "/meta/links/0/label: value must be "},
		{"meta keys", "client-list.json", strings.Replace(seedList, `"per_page":15,`, ``, 1), "/meta: missing properties: 'per_page'"},
		{"error has only a message", "error.json", `{"message":"x","exception":"E"}`, "additionalProperties 'exception' not allowed"},
		{"validation errors are lists", "validation-error.json", `{"message":"x","errors":{"name":"x"}}`, "/errors/name: expected array, but got string"},
	}
	for _, tt := range tests {
		errs := s.validate(tt.schema, mustDecode(t, tt.body))
		if !strings.Contains(strings.Join(errs, "\n"), tt.want) {
			t.Errorf("%s: %s gave %q, want one containing %q", tt.name, tt.schema, errs, tt.want)
		}
	}
}

func TestBrokenSchemaIsReported(t *testing.T) {
	_, err := compileSchemas(map[string][]byte{
		"good.json":    []byte(`{"$ref":"bad.json"}`),
		"bad.json":     []byte(`{"type":5}`),
		"remote.json":  []byte(`{"$ref":"https://example.com/x.json"}`),
		"notjson.json": []byte(`{`),
	})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"schemas/bad.json", "schemas/notjson.json", "schemas/remote.json", "may only $ref one another by file name"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}
