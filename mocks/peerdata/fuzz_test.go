package peerdata_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/mocks/server"
	"github.com/kycsim/kycsim/mocks/server/servertest"
)

// FuzzPeerdataBody sends arbitrary bodies to createrequest and respond: the
// answer is always one of the documented answers in the documented JSON
// shape (200, 400, 403 for an out-of-scope category, 404 for unknown ids,
// 413), never a panic or a 500.
func FuzzPeerdataBody(f *testing.F) {
	srv := servertest.New(f, server.Options{BodyLimit: 1 << 20})
	for _, s := range []string{
		batchOfThree,
		`{"type_request":"Name","value":[{"PhoneNumber":"0671234567"}]}`,
		`{"type_request":"Name","value":[{},{"IdDocument":5},{"PhoneNumber":null}]}`,
		`{"type_request":"All categories","idRequest":["c8596e4a-84eb-48f9-8863-7a8ce78af4f7","x"]}`,
		`{"type_request":"Identity","period":1e308}`,
		`{"type_request":"Identity","period":-0.0,"idRequest":[]}`,
		`{"type_request":["Name"],"value":"x"}`,
		`[[[[[[[]]]]]]]`,
		"{\"type_request\":\"\xff\"}",
		`{"type_request":"Name","value":[{"IdDocument":"КВ123456","PhoneNumber":"+380671234567","x":{"y":[1,2,{}]}}]}`,
		``,
		`nul`,
	} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, body string, create bool) {
		path := "/api/respond"
		if create {
			path = "/api/createrequest"
		}
		req := httptest.NewRequest("POST", path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", keyFull)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusNotFound, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body)
		}
		var v any
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			t.Fatalf("answer is not JSON: %s", rec.Body)
		}
		schema := "error-response.json"
		if rec.Code == http.StatusOK {
			schema = "respond-response.json"
			if create {
				schema = "createrequest-response.json"
			}
		}
		if err := schemas(t)[schema].Validate(v); err != nil {
			t.Fatalf("%s does not match %s: %v", rec.Body, schema, err)
		}
	})
}
