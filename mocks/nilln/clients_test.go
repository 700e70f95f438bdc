package nilln_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/mocks/server"
)

func TestShowSeedExample(t *testing.T) {
	e := newEnv(t, server.Options{})
	r := e.call("GET", "/clients/"+nordexoUUID, tokAll, "")
	r.expect(t, 200, seedShowBody)
	if r.header.Get("Cache-Control") != "no-cache, private" {
		t.Fatalf("Cache-Control %q", r.header.Get("Cache-Control"))
	}
	if r.header.Get("X-RateLimit-Limit") != "60" || r.header.Get("X-RateLimit-Remaining") != "59" {
		t.Fatalf("rate-limit headers: %v", r.header)
	}
	// Sanctum's {id}|{secret} form works too.
	e.call("GET", "/clients/"+nordexoUUID, "1|"+tokAll, "").expect(t, 200, seedShowBody)
}

func TestListFirstPage(t *testing.T) {
	e := newEnv(t, server.Options{})
	e.ns = "list"
	r := e.call("GET", "/clients", tokAll, "")
	r.expect(t, 200, "")
	b := esc(e.base() + "/clients")
	if !strings.HasPrefix(r.body, `{"data":[{"uuid":"69ade873-f02c-4df1-a307-1c388f7a5172","type":"Juridiska persona","name":"SIA \"Nordexo IT\"",`) {
		t.Fatalf("first client: %.300s", r.body)
	}
	wantTail := `"links":{"first":"` + b + `?page=1","last":"` + b + `?page=4","prev":null,"next":"` + b + `?page=2"},` +
		`"meta":{"current_page":1,"from":1,"last_page":4,"links":[` +
		`{"url":null,"label":"&laquo; iepriek\u0161\u0113jais","active":false},` +
		`{"url":"` + b + `?page=1","label":"1","active":true},` +
		`{"url":"` + b + `?page=2","label":"2","active":false},` +
		`{"url":"` + b + `?page=3","label":"3","active":false},` +
		`{"url":"` + b + `?page=4","label":"4","active":false},` +
		`{"url":"` + b + `?page=2","label":"N\u0101kamais &raquo;","active":false}],` +
		`"path":"` + b + `","per_page":15,"to":15,"total":46}}`
	if !strings.HasSuffix(r.body, wantTail) {
		t.Fatalf("links/meta\n got %s\nwant …%s", r.body[strings.Index(r.body, `"links":{`):], wantTail)
	}
	if n := strings.Count(r.body, `"uuid":`); n != 15 {
		t.Fatalf("%d clients on page 1, want 15", n)
	}
}

func TestListLastOutOfRangeAndInvalidPages(t *testing.T) {
	e := newEnv(t, server.Options{PublicURL: "https://iks.nilln.lv"})
	b := esc("https://iks.nilln.lv/api/v1/clients")
	last := e.call("GET", "/clients?page=4", tokAll, "").json(t)
	meta := last["meta"].(map[string]any)
	links := last["links"].(map[string]any)
	if meta["from"] != 46.0 || meta["to"] != 46.0 || links["next"] != nil || links["prev"] != "https://iks.nilln.lv/api/v1/clients?page=3" || len(last["data"].([]any)) != 1 {
		t.Fatalf("last page: %v %v", meta, links)
	}
	r := e.call("GET", "/clients?page=9", tokAll, "")
	if !strings.HasPrefix(r.body, `{"data":[],"links":{"first":"`+b+`?page=1","last":"`+b+`?page=4","prev":"`+b+`?page=8","next":null},"meta":{"current_page":9,"from":null,"last_page":4,`) {
		t.Fatalf("out of range: %s", r.body)
	}
	for _, bad := range []string{"0", "-3", "abc", "2.5", ""} {
		m := e.call("GET", "/clients?page="+url.QueryEscape(bad), tokAll, "").json(t)
		if m["meta"].(map[string]any)["current_page"] != 1.0 {
			t.Errorf("page=%q: current_page %v", bad, m["meta"].(map[string]any)["current_page"])
		}
	}
}

func TestListWindowBeyondThirteenPages(t *testing.T) {
	e := newEnv(t, server.Options{})
	e.ns = "big"
	if err := e.state().AddGeneratedClients("nordexo", 300, 1); err != nil {
		t.Fatal(err)
	}
	m := e.call("GET", "/clients?page=10", tokAll, "").json(t)
	var labels []string
	for _, l := range m["meta"].(map[string]any)["links"].([]any) {
		labels = append(labels, l.(map[string]any)["label"].(string))
	}
	got := strings.Join(labels, " ")
	want := "&laquo; iepriekšējais 1 2 ... 7 8 9 10 11 12 13 ... 23 24 Nākamais &raquo;"
	if got != want {
		t.Fatalf("window labels\n got %s\nwant %s", got, want)
	}
}

func TestListSeesOnlyOwnProfile(t *testing.T) {
	e := newEnv(t, server.Options{})
	m := e.call("GET", "/clients", tokOtherProfile, "").json(t)
	data := m["data"].([]any)
	if len(data) != 2 || data[0].(map[string]any)["uuid"] != capitaxUUID {
		t.Fatalf("capitax list: %v", data)
	}
	e.call("GET", "/clients/"+nordexoUUID, tokOtherProfile, "").expect(t, 404,
		`{"message":"No query results for model [App\\Models\\Client] 69ade873-f02c-4df1-a307-1c388f7a5172"}`)
}

func TestCreateJSON(t *testing.T) {
	e := newEnv(t, server.Options{})
	r := e.call("POST", "/clients", tokCreate, `{"type":"natural","name":"Pēteris Kalniņš / test","reg_no":12345678901,"reference_no":"R-7","email":"peteris@example.com","comment":"  trimmed  ","risk_level":"high","is_active":"1","set_at":"2022-04-25","reviewed_at":"2023-05-06T10:11:12+03:00"}`)
	if r.status != 201 {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	uuid := r.json(t)["data"].(map[string]any)["uuid"].(string)
	want := `{"data":{"uuid":"` + uuid + `","type":"Fiziska persona","name":"P\u0113teris Kalni\u0146\u0161 \/ test","reg_no":"12345678901","reference_no":"R-7","email":"peteris@example.com","comment":"trimmed","risk_level":"augsts","is_active":true,"set_at":"2022-04-25T00:00:00.000000Z","reviewed_at":"2023-05-06T00:00:00.000000Z"}}`
	r.expect(t, 201, want)
	show := e.call("GET", "/clients/"+uuid, tokAll, "")
	show.expect(t, 200, strings.TrimSuffix(want, "}}")+`,"inputs":[]}}`)
	// It is listed last.
	m := e.call("GET", "/clients?page=4", tokAll, "").json(t)
	data := m["data"].([]any)
	if data[len(data)-1].(map[string]any)["uuid"] != uuid {
		t.Fatalf("created client not last in list")
	}
}

func TestCreateFromRegisterAndFormBodies(t *testing.T) {
	e := newEnv(t, server.Options{})
	want := func(uuid string) string {
		return `{"data":{"uuid":"` + uuid + `","type":"Juridiska persona","name":"Sabiedr\u012bba ar ierobe\u017eotu atbild\u012bbu \"DAGGA\"","reg_no":"40103477934","reference_no":null,"email":null,"comment":null,"risk_level":"nav defin\u0113ts","is_active":null,"set_at":null,"reviewed_at":null}}`
	}
	form := url.Values{"name": {"test"}, "type": {"legal"}, "reg_no": {"40103477934"}, "email": {""}}
	r := e.call("POST", "/clients", tokAll, form.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	r.expect(t, 201, want(r.json(t)["data"].(map[string]any)["uuid"].(string)))
	if !e.hasWarning("replaced by the company register") {
		t.Fatalf("no register warning: %v", e.journal()[0].Warnings)
	}
	body := "--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\ntest\r\n--XyZ\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nlegal\r\n--XyZ\r\nContent-Disposition: form-data; name=\"reg_no\"\r\n\r\n40103477934\r\n--XyZ--\r\n"
	r = e.call("POST", "/clients", tokAll, body, "Content-Type", "multipart/form-data; boundary=XyZ")
	r.expect(t, 201, want(r.json(t)["data"].(map[string]any)["uuid"].(string)))
}

func TestCreateValidation(t *testing.T) {
	e := newEnv(t, server.Options{})
	cases := []struct{ name, body, want string }{
		{"missing name, bad type", `{"type":"company"}`,
			`{"message":"The name field is required. (and 1 more error)","errors":{"name":["The name field is required."],"type":["The selected type is invalid."]}}`},
		{"empty body", `{}`,
			`{"message":"The name field is required. (and 1 more error)","errors":{"name":["The name field is required."],"type":["The type field is required."]}}`},
		{"empty strings count as absent", `{"name":"","type":"  "}`,
			`{"message":"The name field is required. (and 1 more error)","errors":{"name":["The name field is required."],"type":["The type field is required."]}}`},
		{"lengths, email, enums, boolean, dates", `{"name":"` + strings.Repeat("ā", 256) + `","type":"legal","reg_no":"` + strings.Repeat("1", 51) + `","email":"not-an-email","comment":"` + strings.Repeat("x", 1001) + `","risk_level":"extreme","is_active":"yes","set_at":"someday","reviewed_at":"2022-02-30"}`,
			`{"message":"The name field must not be greater than 255 characters. (and 7 more errors)","errors":{"name":["The name field must not be greater than 255 characters."],"reg_no":["The reg no field must not be greater than 50 characters."],"email":["The email field must be a valid email address."],"comment":["The comment field must not be greater than 1000 characters."],"risk_level":["The selected risk level is invalid."],"is_active":["The is active field must be true or false."],"set_at":["The set at field must be a valid date."],"reviewed_at":["The reviewed at field must be a valid date."]}}`},
		{"name must be a string", `{"name":42,"type":"legal"}`,
			`{"message":"The name field must be a string.","errors":{"name":["The name field must be a string."]}}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.call("POST", "/clients", tokAll, c.body).expect(t, 422, c.want)
		})
	}
}

func TestCreateBadBodies(t *testing.T) {
	e := newEnv(t, server.Options{})
	required := `{"message":"The name field is required. (and 1 more error)","errors":{"name":["The name field is required."],"type":["The type field is required."]}}`
	e.call("POST", "/clients", tokAll, `{"name":"x","type":"legal",}`).expect(t, 422, required)
	if !e.hasWarning("not valid JSON") {
		t.Fatalf("malformed JSON warning missing: %v", e.journal()[0].Warnings)
	}
	e.call("POST", "/clients", tokAll, `name=x&type=legal`, "Content-Type", "text/plain").expect(t, 422, required)
	e.call("POST", "/clients", tokAll, `[1,2,3]`).expect(t, 422, required)
	r := e.call("POST", "/clients", tokAll, `{"name":"x","type":"legal","colour":"blue"}`)
	if r.status != 201 || !e.hasWarning(`unknown field "colour"`) {
		t.Fatalf("unknown field: %d %v", r.status, e.journal()[0].Warnings)
	}
	e.call("POST", "/clients", tokAll, "{\"name\":\"bad \xff\xfe\",\"type\":\"legal\"}").expect(t, 422, required)
	r = e.call("POST", "/clients", tokAll, "name=bad%FF&type=legal", "Content-Type", "application/x-www-form-urlencoded")
	r.expect(t, 422, `{"message":"The name field must be valid UTF-8 (the real platform answers 500 Server Error).","errors":{"name":["The name field must be valid UTF-8 (the real platform answers 500 Server Error)."]}}`)
}

func TestUpdatePartialAndWebhookFree(t *testing.T) {
	e := newEnv(t, server.Options{})
	r := e.call("PUT", "/clients/"+nordexoUUID, tokUpdate, `{"comment":"Lorem Ipsum","email":"info@nordexo.com"}`)
	r.expect(t, 200, strings.Replace(strings.Replace(seedShowBody, `"comment":"IT uz\u0146\u0113mums"`, `"comment":"Lorem Ipsum"`, 1), `"email":null`, `"email":"info@nordexo.com"`, 1))
	// PATCH is the same route (Route::apiResource); clearing with "" → null.
	e.call("PATCH", "/clients/"+nordexoUUID, tokUpdate, `{"email":""}`).expect(t, 200,
		strings.Replace(seedShowBody, `"comment":"IT uz\u0146\u0113mums"`, `"comment":"Lorem Ipsum"`, 1))
	e.call("PUT", "/clients/"+nordexoUUID, tokUpdate, `{"name":""}`).expect(t, 422,
		`{"message":"The name field is required.","errors":{"name":["The name field is required."]}}`)
	e.call("PUT", "/clients/"+nordexoUUID, tokUpdate, `{"type":"legal","risk_level":"medium","is_active":0}`).expect(t, 200,
		strings.NewReplacer(`"comment":"IT uz\u0146\u0113mums"`, `"comment":"Lorem Ipsum"`, `"risk_level":"zems"`, `"risk_level":"vid\u0113js"`, `"is_active":true`, `"is_active":false`).Replace(seedShowBody))
}

func TestUpdateWithTrailingCommaChangesNothing(t *testing.T) {
	e := newEnv(t, server.Options{})
	e.call("PUT", "/clients/"+nordexoUUID, tokAll, "{\n\"comment\": \"Lorem Ipsum\",\n}").expect(t, 200, seedShowBody)
	if !e.hasWarning("not valid JSON") || !e.hasWarning("nothing changed") {
		t.Fatalf("warnings: %v", e.journal()[0].Warnings)
	}
}

func TestArchiveRestoreForceDestroy(t *testing.T) {
	e := newEnv(t, server.Options{})
	path := "/clients/" + nordexoUUID
	notFound := `{"message":"No query results for model [App\\Models\\Client] ` + nordexoUUID + `"}`
	r := e.call("DELETE", path, tokDelete, "")
	if r.status != 204 || r.body != "" || r.header.Get("Content-Type") != "" || r.header.Get("Cache-Control") != "no-cache, private" {
		t.Fatalf("archive: %d %q %v", r.status, r.body, r.header)
	}
	e.call("GET", path, tokAll, "").expect(t, 404, notFound)
	e.call("PUT", path, tokAll, `{"comment":"x"}`).expect(t, 404, notFound)
	e.call("DELETE", path, tokAll, "").expect(t, 404, notFound)
	if m := e.call("GET", "/clients", tokAll, "").json(t); m["meta"].(map[string]any)["total"] != 45.0 {
		t.Fatalf("archived client still counted: %v", m["meta"])
	}
	e.call("POST", path+"/restore", tokCreate, "").expect(t, 200, seedShowBody)
	if m := e.call("GET", "/clients", tokAll, "").json(t); m["data"].([]any)[0].(map[string]any)["uuid"] != nordexoUUID {
		t.Fatal("restored client is not back in its place")
	}
	// force-destroy works on active and archived clients; restore is then 404.
	e.call("DELETE", path, tokAll, "")
	if r := e.call("DELETE", path+"/force-destroy", tokDelete, ""); r.status != 204 || r.body != "" {
		t.Fatalf("force-destroy archived: %d %s", r.status, r.body)
	}
	e.call("POST", path+"/restore", tokAll, "").expect(t, 404, notFound)
	e.call("DELETE", path+"/force-destroy", tokAll, "").expect(t, 404, notFound)
	if r := e.call("DELETE", "/clients/"+"023ca0e2-25e4-4a33-b453-cc6154f18415"+"/force-destroy", tokAll, ""); r.status != 204 {
		t.Fatalf("force-destroy active: %d", r.status)
	}
	// The fixture's archived client restores.
	if r := e.call("POST", "/clients/dadd438e-8a42-4d17-ba9f-bfbbb3417cc7/restore", tokAll, ""); r.status != 200 {
		t.Fatalf("restore fixture archived: %d %s", r.status, r.body)
	}
}

func TestAuthentication(t *testing.T) {
	e := newEnv(t, server.Options{})
	unauth := `{"message":"Unauthenticated."}`
	for name, auth := range map[string]string{
		"missing":           "-",
		"lowercase bearer":  "bearer " + tokAll,
		"unknown":           "Bearer " + strings.Repeat("x", 40),
		"revoked":           "Bearer " + tokRevoked,
		"id of other token": "Bearer 2|" + tokAll,
		"bad id":            "Bearer x|" + tokAll,
		"basic":             "Basic Zm9vOmJhcg==",
	} {
		t.Run(name, func(t *testing.T) {
			r := e.call("GET", "/clients", "", "", "Authorization", auth)
			r.expect(t, 401, unauth)
			if r.header.Get("X-RateLimit-Limit") != "" {
				t.Fatal("401 carries rate-limit headers: authentication runs before the throttle")
			}
		})
	}
}

func TestAbilities(t *testing.T) {
	e := newEnv(t, server.Options{})
	forbidden := `{"message":"Invalid ability provided."}`
	p := "/clients/" + nordexoUUID
	for _, c := range []struct{ method, path, token string }{
		{"GET", "/clients", tokCreate}, {"GET", p, tokUpdate}, {"POST", "/clients", tokRead},
		{"PUT", p, tokRead}, {"DELETE", p, tokRead}, {"DELETE", p + "/force-destroy", tokCreate},
		{"POST", p + "/restore", tokDelete},
	} {
		e.call(c.method, c.path, c.token, `{"name":"x","type":"legal"}`).expect(t, 403, forbidden)
	}
	// Binding runs before the ability check.
	missing := "/clients/00000000-0000-4000-8000-000000000000"
	e.call("DELETE", missing, tokRead, "").expect(t, 404, `{"message":"No query results for model [App\\Models\\Client] 00000000-0000-4000-8000-000000000000"}`)
	e.call("GET", "/clients/not-a-uuid", tokAll, "").expect(t, 404, `{"message":"No query results for model [App\\Models\\Client] not-a-uuid"}`)
}

func TestRoutesNotFoundAndMethodNotAllowed(t *testing.T) {
	e := newEnv(t, server.Options{})
	e.call("GET", "/customers", tokAll, "").expect(t, 404, `{"message":"The route api\/v1\/customers could not be found."}`)
	r := e.call("POST", "/clients/"+nordexoUUID, tokAll, "")
	r.expect(t, 405, `{"message":"The POST method is not supported for route api\/v1\/clients\/`+nordexoUUID+`. Supported methods: GET, HEAD, PUT, PATCH, DELETE."}`)
	if r.header.Get("Allow") != "GET, HEAD, PUT, PATCH, DELETE" {
		t.Fatalf("Allow %q", r.header.Get("Allow"))
	}
	r = e.call("GET", "/clients/"+nordexoUUID+"/restore", tokAll, "")
	r.expect(t, 405, `{"message":"The GET method is not supported for route api\/v1\/clients\/`+nordexoUUID+`\/restore. Supported methods: POST."}`)
	if r.header.Get("Allow") != "POST" {
		t.Fatalf("Allow %q", r.header.Get("Allow"))
	}
	r = e.call("DELETE", "/clients", tokAll, "")
	if r.status != 405 || r.header.Get("Allow") != "GET, HEAD, POST" {
		t.Fatalf("DELETE /clients: %d %v", r.status, r.header)
	}
	r = e.call("OPTIONS", "/clients", "", "")
	if r.status != 200 || r.header.Get("Allow") != "GET,HEAD,POST" || r.body != "" {
		t.Fatalf("OPTIONS: %d %v %q", r.status, r.header, r.body)
	}
}

func TestRateLimit(t *testing.T) {
	e := newEnv(t, server.Options{})
	e.ns = "throttle"
	if r := e.call("PUT", e.admin("/clock"), "", `{"now":"2026-01-01T00:00:00Z"}`); r.status != 200 {
		t.Fatal(r.body)
	}
	e.call("POST", e.admin("/clock/freeze"), "", "")
	for i := 1; i <= 60; i++ {
		r := e.call("GET", "/clients/"+nordexoUUID, tokRead, "")
		if r.status != 200 || r.header.Get("X-RateLimit-Remaining") != fmt.Sprint(60-i) {
			t.Fatalf("request %d: %d remaining %q", i, r.status, r.header.Get("X-RateLimit-Remaining"))
		}
	}
	// Another token of the same user shares the limit.
	r := e.call("GET", "/clients", tokAll, "")
	r.expect(t, 429, `{"message":"Too Many Attempts."}`)
	h := r.header
	if h.Get("X-RateLimit-Limit") != "60" || h.Get("X-RateLimit-Remaining") != "0" || h.Get("Retry-After") != "60" || h.Get("X-RateLimit-Reset") == "" {
		t.Fatalf("429 headers: %v", h)
	}
	// Another user is not limited.
	e.call("GET", "/clients/"+capitaxUUID, tokOtherProfile, "").expect(t, 200, "")
	e.call("POST", e.admin("/clock/advance"), "", `{"by":"61s"}`)
	e.call("GET", "/clients/"+nordexoUUID, tokRead, "").expect(t, 200, seedShowBody)
}

func TestNoAcceptHeader(t *testing.T) {
	e := newEnv(t, server.Options{})
	e.call("GET", "/clients", "", "", "Accept", "-").expect(t, 401, `{"message":"Unauthenticated."}`)
	if !e.hasWarning("Accept: application/json") {
		t.Fatalf("warnings: %v", e.journal()[0].Warnings)
	}
	// Success answers are JSON whatever the Accept header.
	e.call("GET", "/clients/"+nordexoUUID, tokAll, "", "Accept", "-").expect(t, 200, seedShowBody)

	strict := newEnv(t, server.Options{Strict: true})
	r := strict.call("GET", "/clients", "", "", "Accept", "*/*")
	if r.status != 302 || r.header.Get("Location") != strict.srv.URL()+"/login" || !strings.Contains(r.body, "Redirecting to") {
		t.Fatalf("strict 401: %d %v %s", r.status, r.header, r.body)
	}
}

func TestStrictModeReadsMultipartUnderJSONAsNoInput(t *testing.T) {
	e := newEnv(t, server.Options{Strict: true})
	body := "--b\r\nContent-Disposition: attachment; name=\"name\"\r\n\r\ntest\r\n--b\r\nContent-Disposition: attachment; name=\"type\"\r\n\r\nlegal\r\n--b--\r\n"
	e.call("POST", "/clients", tokAll, body, "Content-Type", "application/json; boundary=b").expect(t, 422,
		`{"message":"The name field is required. (and 1 more error)","errors":{"name":["The name field is required."],"type":["The type field is required."]}}`)
	lax := newEnv(t, server.Options{})
	if r := lax.call("POST", "/clients", tokAll, body, "Content-Type", "application/json; boundary=b"); r.status != 201 {
		t.Fatalf("multipart under JSON: %d %s", r.status, r.body)
	}
}

func TestHeadRequests(t *testing.T) {
	e := newEnv(t, server.Options{})
	r := e.call(http.MethodHead, "/clients/"+nordexoUUID, tokAll, "")
	if r.status != 200 || r.body != "" {
		t.Fatalf("HEAD: %d %q", r.status, r.body)
	}
}
