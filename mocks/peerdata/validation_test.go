package peerdata_test

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/mocks/server"
)

const (
	phoneReason = `does not match pattern '^(\\+380|380|0)[0-9]{9}$': expected +380XXXXXXXXX, 380XXXXXXXXX or 0XXXXXXXXX`
	docReason   = `does not match pattern '^([0-9]{9}|[0-9]{10}|[А-ЩЬЮЯҐЄІЇ]{2}[0-9]{6}|[A-Z]{2}[0-9]{6})$': expected an ID card number (9 digits), an RNOKPP tax number (10 digits), an old passport booklet (2 Cyrillic capitals and 6 digits) or a passport for travel abroad (2 Latin capitals and 6 digits)`
	enumReason  = `value must be one of \"All categories\", \"Address\", \"Consumer Profile\", \"Contacts\", \"Credit History\", \"Identity\", \"Name\", \"Services\", \"Socio-Demographic Profile\", \"Subscription\"`
)

// invalid is the 400 answer for one problem.
func invalid(path, reason, tail string, index int) string {
	idx := ""
	if index >= 0 {
		idx = `"index":` + strconv.Itoa(index) + `,`
	}
	msg := "Invalid request body: " + reason
	if path != "" {
		msg = "Invalid request body: " + path + ": " + reason
	}
	return `{"response":{"status":"Error","code":2002,"message":"` + msg + tail + `"},"errors":[{` + idx + `"path":"` + path + `","reason":"` + reason + `"}]}`
}

const noneCreated = "; no request was created"

func TestPhoneFormats(t *testing.T) {
	e := newEnv(t, server.Options{})
	for _, ok := range []string{"+380671234567", "380671234567", "0671234567", "0000000000"} {
		e.create(keyFull, `{"type_request":"Name","value":[{"PhoneNumber":"`+ok+`"}]}`).expect(t, 200, "")
	}
	for _, bad := range []string{
		"+38067123456",      // a digit short
		"+3806712345678",    // a digit long
		"80671234567",       // 380 without the 3
		"+38 067 123 45 67", // spaces
		"(067) 123-45-67",   // punctuation
		"671234567",         // no prefix
		"+370612345678",     // not Ukrainian
		"",                  // empty
		"0671234567\\n",     // trailing newline
		"+380６71234567",     // full-width digit
		"00380671234567",    // international 00 prefix
		"+380-67-123-45-67", // dashes
		"067123456a",        // a letter
		"+380671234567 ",    // trailing space
		" 0671234567",       // leading space
		"+ 380671234567",    // space after +
		"380 671234567",     // space
		"tel:+380671234567", // URI
		"+380 (67) 1234567", // brackets
		"0 67 123 45 67",    // spaces
		"+3800671234567",    // 0 after 380
		"0-67-123-45-67",    // dashes
		"+380.67.123.45.67", // dots
		"38(067)1234567",    // brackets
		"+380671234567,",    // comma
	} {
		t.Run(bad, func(t *testing.T) {
			e.create(keyFull, `{"type_request":"Name","value":[{"PhoneNumber":"`+bad+`"}]}`).
				expect(t, 400, invalid("/value/0/PhoneNumber", phoneReason, noneCreated, 0))
		})
	}
	e.create(keyFull, `{"type_request":"Name","value":[{"PhoneNumber":671234567}]}`).
		expect(t, 400, invalid("/value/0/PhoneNumber", "expected string, but got number", noneCreated, 0))
}

func TestDocumentRule(t *testing.T) {
	e := newEnv(t, server.Options{})
	for _, ok := range []string{"123456789", "1234567890", "КВ123456", "ЄІ654321", "ҐЇ000001", "FA123456"} {
		e.create(keyFull, `{"type_request":"Name","value":[{"IdDocument":"`+ok+`"}]}`).expect(t, 200, "")
	}
	for _, bad := range []string{"12345678", "12345678901", "кв123456", "KB12345", "ЫЭ123456", "AB 123456", "A1234567", "", "КB123456"} {
		t.Run(bad, func(t *testing.T) {
			e.create(keyFull, `{"type_request":"Name","value":[{"IdDocument":"`+bad+`"}]}`).
				expect(t, 400, invalid("/value/0/IdDocument", docReason, noneCreated, 0))
		})
	}
}

// An invalid item refuses the whole batch, each problem with its index.
func TestBatchAllOrNothing(t *testing.T) {
	e := newEnv(t, server.Options{})
	r := e.create(keyFull, `{"type_request":"Name","value":[{"PhoneNumber":"123"},{"IdDocument":"123456789"},{},{"idDocument":"123456789","PhoneNumber":"0671234567x"}]}`)
	r.expect(t, 400, `{"response":{"status":"Error","code":2002,"message":"Invalid request body: /value/0/PhoneNumber: `+phoneReason+` (and 2 more); no request was created"},"errors":[`+
		`{"index":0,"path":"/value/0/PhoneNumber","reason":"`+phoneReason+`"},`+
		`{"index":2,"path":"/value/2","reason":"one of 'IdDocument', 'PhoneNumber' is required"},`+
		`{"index":3,"path":"/value/3/PhoneNumber","reason":"`+phoneReason+`"}]}`)
	r.valid(t, "error-response.json")
	if w := e.lastWarnings(); w != "" {
		t.Errorf("warnings before validation passed: %q", w)
	}
	e.respond(keyFull, `{"type_request":"All categories","period":60}`).
		expect(t, 200, `{"response":{"status":"Success","code":0,"message":"Requests found: 0"},"parametrRequest":[]}`)
	// A lower-case field is unknown: ignored, and the journal says why.
	e.create(keyFull, `{"type_request":"Name","value":[{"idDocument":"123456789","PhoneNumber":"0671234567"}]}`).expect(t, 200, "")
	if w := e.lastWarnings(); !strings.Contains(w, `unknown field "idDocument" in value/0 is ignored; did you mean "IdDocument"? (field names are case-sensitive)`) {
		t.Errorf("warnings %q", w)
	}
}

func TestBadBodies(t *testing.T) {
	e := newEnv(t, server.Options{})
	batch := func(n int) string {
		items := make([]string, n)
		for i := range items {
			items[i] = `{"PhoneNumber":"0671234567"}`
		}
		return `{"type_request":"Name","value":[` + strings.Join(items, ",") + `]}`
	}
	huge := strings.Repeat("9", 1<<20)
	cases := []struct {
		name, path, body, want string
	}{
		{"empty body", "/api/createrequest", "", `{"response":{"status":"Error","code":2001,"message":"Malformed JSON: the body is empty; send a JSON object"}}`},
		{"blank body", "/api/respond", " \n", `{"response":{"status":"Error","code":2001,"message":"Malformed JSON: the body is empty; send a JSON object"}}`},
		{"cut short", "/api/createrequest", `{"type_request":`, `{"response":{"status":"Error","code":2001,"message":"Malformed JSON: unexpected end of the body at byte 16"}}`},
		{"syntax error", "/api/respond", `{"type_request":Name}`, `{"response":{"status":"Error","code":2001,"message":"Malformed JSON: invalid character 'N' looking for beginning of value at byte 17"}}`},
		{"trailing comma", "/api/respond", `{"type_request":"Name","period":5,}`, `{"response":{"status":"Error","code":2001,"message":"Malformed JSON: invalid character '}' looking for beginning of object key string at byte 35"}}`},
		{"two values", "/api/respond", `{"type_request":"Name","period":5}{}`, `{"response":{"status":"Error","code":2001,"message":"Malformed JSON: unexpected data after the JSON value at byte 34"}}`},
		{"invalid UTF-8", "/api/createrequest", "{\"type_request\":\"\xff\"}", `{"response":{"status":"Error","code":2001,"message":"Malformed JSON: the body is not valid UTF-8"}}`},
		{"deep nesting", "/api/respond", strings.Repeat("[", 20000) + strings.Repeat("]", 20000), `{"response":{"status":"Error","code":2001,"message":"Malformed JSON: invalid character '[' exceeded max depth at byte 10001"}}`},
		{"null", "/api/respond", `null`, invalid("", "expected object, but got null", "", -1)},
		{"array", "/api/createrequest", `[{"PhoneNumber":"0671234567"}]`, invalid("", "expected object, but got array", noneCreated, -1)},
		{"no type_request", "/api/createrequest", `{"value":[{"PhoneNumber":"0671234567"}]}`, invalid("/type_request", "required field is missing", noneCreated, -1)},
		{"type_request not a string", "/api/createrequest", `{"type_request":5,"value":[{"PhoneNumber":"0671234567"}]}`, invalid("/type_request", enumReason, noneCreated, -1)},
		{"type_request in lower case", "/api/respond", `{"type_request":"name","period":5}`, invalid("/type_request", enumReason, "", -1)},
		{"value an object", "/api/createrequest", `{"type_request":"Name","value":{"PhoneNumber":"0671234567"}}`, invalid("/value", "expected array, but got object", noneCreated, -1)},
		{"value items strings", "/api/createrequest", `{"type_request":"Name","value":["0671234567"]}`, invalid("/value/0", "expected object, but got string", noneCreated, 0)},
		{"empty value", "/api/createrequest", `{"type_request":"Name","value":[]}`, invalid("/value", "minimum 1 items required, but found 0 items", noneCreated, -1)},
		{"101 items", "/api/createrequest", batch(101), invalid("/value", "maximum 100 items required, but found 101 items", noneCreated, -1)},
		{"10 000 items", "/api/createrequest", batch(10000), invalid("/value", "maximum 100 items required, but found 10000 items", noneCreated, -1)},
		{"huge phone", "/api/createrequest", `{"type_request":"Name","value":[{"PhoneNumber":"` + huge + `"}]}`, invalid("/value/0/PhoneNumber", phoneReason, noneCreated, 0)},
		{"huge type_request", "/api/respond", `{"type_request":"` + huge + `","period":5}`, invalid("/type_request", enumReason, "", -1)},
		{"huge idRequest", "/api/respond", `{"type_request":"Name","idRequest":["` + huge + `"]}`, invalid("/idRequest/0", "length must be <= 64, but got 1048576", "", 0)},
		{"empty idRequest", "/api/respond", `{"type_request":"Name","idRequest":[]}`, invalid("/idRequest", "minimum 1 items required, but found 0 items", "", -1)},
		{"idRequest a string", "/api/respond", `{"type_request":"Name","idRequest":"x"}`, invalid("/idRequest", "expected array, but got string", "", -1)},
		{"idRequest numbers", "/api/respond", `{"type_request":"Name","idRequest":[1]}`, invalid("/idRequest/0", "expected string, but got number", "", 0)},
		{"period a string", "/api/respond", `{"type_request":"Name","period":"5"}`, invalid("/period", "expected number, but got string", "", -1)},
		{"period zero", "/api/respond", `{"type_request":"Name","period":0}`, invalid("/period", "must be > 0 but found 0", "", -1)},
		{"period over a year", "/api/respond", `{"type_request":"Name","period":527041}`, invalid("/period", "must be <= 527040 but found 527041", "", -1)},
		{"neither idRequest nor period", "/api/respond", `{"type_request":"Name"}`, invalid("", "one of 'idRequest', 'period' is required", "", -1)},
		{"both idRequest and period", "/api/respond", `{"type_request":"Name","period":5,"idRequest":["a"]}`, invalid("", "give only one of 'idRequest', 'period'", "", -1)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.do("POST", c.path, keyFull, c.body)
			r.expect(t, 400, c.want)
			r.valid(t, "error-response.json")
		})
	}
	// A long list of problems is cut at 100.
	items := make([]string, 150)
	for i := range items {
		items[i] = `{"PhoneNumber":"1"}`
	}
	r := e.create(keyFull, `{"type_request":"Name","value":[`+strings.Join(items, ",")+`]}`)
	r.expect(t, 400, "")
	r.valid(t, "error-response.json")
	m := r.json(t)
	if n := len(m["errors"].([]any)); n != 100 {
		t.Errorf("%d errors listed", n)
	}
	if msg := m["response"].(map[string]any)["message"].(string); !strings.HasSuffix(msg, "(and 150 more); no request was created") {
		t.Errorf("message %q", msg)
	}
}

func TestBodyOverLimit(t *testing.T) {
	e := newEnv(t, server.Options{BodyLimit: 1024})
	body := `{"type_request":"Name","value":[{"PhoneNumber":"` + strings.Repeat("0", 2000) + `"}]}`
	r := e.create(keyFull, body)
	r.expect(t, 413, `{"response":{"status":"Error","code":4013,"message":"Request body is too large"}}`)
	r.valid(t, "error-response.json")
	// Without Content-Length (chunked) the handler finds out as it reads.
	req, err := http.NewRequest("POST", e.srv.URL()+"/api/respond", io.MultiReader(strings.NewReader(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", keyFull)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 413 || string(got) != `{"response":{"status":"Error","code":4013,"message":"Request body is too large"}}` {
		t.Errorf("chunked: %d %s", resp.StatusCode, got)
	}
	if w := e.lastWarnings(); w != "request body is over the 1024-byte body limit" {
		t.Errorf("warnings %q: the handler's read did not hit the limit", w)
	}
}

func TestUnknownRequests(t *testing.T) {
	e := newEnv(t, server.Options{})
	r := e.create(keyFull, nameRequest)
	id := r.json(t)["parametrRequest"].([]any)[0].(map[string]any)["idRequest"].(string)
	other := e.create(keyLimited, nameRequest).json(t)["parametrRequest"].([]any)[0].(map[string]any)["idRequest"].(string)

	e.respond(keyFull, `{"type_request":"Name","idRequest":["nope","11111111-2222-4333-8444-555555555555"]}`).
		expect(t, 404, `{"response":{"status":"Error","code":3001,"message":"Unknown idRequest: nope, 11111111-2222-4333-8444-555555555555"}}`)
	// Another client's request is unknown to this one.
	e.respond(keyFull, `{"type_request":"Name","idRequest":["`+other+`"]}`).
		expect(t, 404, `{"response":{"status":"Error","code":3001,"message":"Unknown idRequest: `+other+`"}}`)
	if w := e.lastWarnings(); !strings.Contains(w, "belongs to another client") {
		t.Errorf("warnings %q", w)
	}
	// Known and unknown together: 200, the unknown ones in the message;
	// a repeated id is answered once.
	r = e.respond(keyFull, `{"type_request":"Name","idRequest":["nope","`+id+`","`+id+`","`+other+`"]}`)
	r.expect(t, 200, "")
	r.valid(t, "respond-response.json")
	m := r.json(t)
	if msg := m["response"].(map[string]any)["message"]; msg != "Requests found: 1; unknown idRequest: nope, "+other {
		t.Errorf("message %q", msg)
	}
	if n := len(m["parametrRequest"].([]any)); n != 1 {
		t.Errorf("%d items", n)
	}
	// Each client's period sees its own requests only.
	if got := idsOf(items(t, e.respond(keyLimited, `{"type_request":"Name","period":5}`))); len(got) != 1 || got[0] != other {
		t.Errorf("limited client's period: %v", got)
	}
}

func TestRoutes(t *testing.T) {
	e := newEnv(t, server.Options{})
	r := e.do("GET", "/api/createrequest", keyFull, "")
	r.expect(t, 405, `{"response":{"status":"Error","code":4005,"message":"Method GET is not allowed for /api/createrequest; use POST"}}`)
	if r.header.Get("Allow") != "POST" {
		t.Errorf("Allow %q", r.header.Get("Allow"))
	}
	e.do("PUT", "/api/respond", keyFull, "{}").
		expect(t, 405, `{"response":{"status":"Error","code":4005,"message":"Method PUT is not allowed for /api/respond; use POST"}}`)
	e.do("GET", "/auth/gettoken", "", "").
		expect(t, 404, `{"response":{"status":"Error","code":4004,"message":"No such API method: GET /auth/gettoken"}}`)
	// Namespaced copies answer the same way, with their own state.
	r = e.do("GET", "/t/other/auth/getToken", basic(fullID, fullSecret), "")
	r.expect(t, 200, "")
	e.do("POST", "/t/other/api/respond", r.json(t)["apiKey"].(string), respondPeriod).expect(t, 200, "")
}
