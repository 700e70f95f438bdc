package lursoft_test

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kycsim/kycsim/mocks/lursoft"
)

var sidPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// TestSeedLoginExample: seed 001's login answer, byte for byte apart from
// the random sid.
func TestSeedLoginExample(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	r := e.callKey(key(t, role), "login", p("username", user), p("password", password), p("role_id", role)).ok("LoginResponse")
	sid := r.str("sid")
	if !sidPattern.MatchString(sid) {
		t.Fatalf("sid %q", sid)
	}
	want := `<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn:ApiControllerwsdl" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body><ns1:loginResponse><return xsi:type="ns1:LoginResponse"><sid xsi:type="xsd:string">` + sid + `</sid><success xsi:type="xsd:boolean">true</success><message xsi:type="xsd:string">Autorizācija veiksmīga</message></return></ns1:loginResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>
`
	if r.body != want {
		t.Errorf("body\n%s\nwant\n%s", r.body, want)
	}
}

// TestSeedLoginEnvelopeAsWritten: the seed's hand-written envelope (no
// xsi:types, soap: prefix, the signature wrapped over lines) is accepted.
func TestSeedLoginEnvelopeAsWritten(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	data := []byte(`{"username":"lietotaja_vards","password":"parole","role_id":1234}`)
	sig, _ := lursoft.Sign(key(t, role), data)
	var wrapped strings.Builder
	for i := 0; i < len(sig); i += 87 {
		wrapped.WriteString(sig[i:min(len(sig), i+87)] + "\n")
	}
	body := `<?xml version="1.0"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
soap:encodingStyle="http://www.w3.org/2001/12/soap-encoding">
    <soap:Body>
        <login>
            <signature>
` + wrapped.String() + `</signature>
            <username>lietotaja_vards</username>
            <password>parole</password>
            <role_id>1234</role_id>
        </login>
    </soap:Body>
</soap:Envelope>`
	e.post(body).ok("LoginResponse")
}

func TestWSDL(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	for _, path := range []string{"/api/wsdl", "/t/ns1/api/wsdl"} {
		resp, err := http.Get(e.srv.URL() + path)
		if err != nil {
			t.Fatal(err)
		}
		body := readAll(t, resp)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/xml;charset=UTF-8" {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		location := `location="` + e.srv.URL() + strings.TrimSuffix(path, "/api/wsdl") + `/api/wsdl?ws=1"`
		for _, want := range append([]string{location, `targetNamespace="urn:ApiControllerwsdl"`, "ApiControllerPortType",
			"ApiControllerBinding", "ApiControllerService", `soapAction="urn:ApiControllerwsdl#get_session_events"`,
			`name="ResponseListArray"`, `name="stringArray"`}, lursoft.Functions()...) {
			if !strings.Contains(body, want) {
				t.Errorf("%s: the WSDL lacks %s", path, want)
			}
		}
	}
}

func TestSOAPOnPostWithAndWithoutWS(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	data, _ := lursoft.Canonical("login", []lursoft.Arg{p("username", user), p("password", password), p("role_id", role)})
	sig, _ := lursoft.Sign(key(t, role), data)
	env := string(lursoft.RequestEnvelope("login", sig, []lursoft.Arg{p("username", user), p("password", password), p("role_id", role)}))
	for _, url := range []string{e.srv.URL() + "/api/wsdl", e.srv.URL() + "/api/wsdl?ws=1"} {
		resp, err := http.Post(url, "text/xml", strings.NewReader(env))
		if err != nil {
			t.Fatal(err)
		}
		body := readAll(t, resp)
		if resp.StatusCode != 200 || !strings.Contains(body, "Autorizācija veiksmīga") {
			t.Errorf("%s: %d %s", url, resp.StatusCode, body)
		}
	}
}

func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return b.String()
}

// TestFunctions runs every function's success path on the fixtures.
func TestFunctions(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	e.admin(http.MethodPut, "/clock", `{"now":"2026-03-02T10:00:00Z"}`)
	e.admin(http.MethodPost, "/clock/freeze", "")
	sid := e.login()

	r := e.call("get_lists", p("sid", sid)).ok("GetListsResponse")
	if n := r.num("list_count"); n != 5 {
		t.Errorf("list_count %d, want 5 (6750, 6751, 6752, 6760, 6790)", n)
	}
	if r.num("lists", "3", "object_count") != 25001 || r.str("lists", "3", "name") != "Lielais saraksts" {
		t.Errorf("big list: %s", trim(r.body))
	}
	if !r.get("lists", "0", "objects").Nil || r.str("lists", "1", "users", "1", "rights") != "READ" {
		t.Errorf("lists: %s", trim(r.body))
	}

	r = e.call("get_objects", p("sid", sid), p("list_id", "6750")).ok("GetObjectsResponse")
	if r.num("list", "object_count") != 3 || r.str("list", "objects", "0", "code") != "40203206226" ||
		r.str("list", "objects", "0", "virtual_id") != "203206226" || r.str("list", "objects", "2", "name") != "Jānis Bērziņš" {
		t.Errorf("get_objects: %s", trim(r.body))
	}
	r = e.call("get_objects", p("sid", sid), p("list_id", "6760"), p("start", "25000"), p("rows", "10")).ok("GetObjectsResponse")
	if len(r.get("list", "objects").Items) != 1 || r.str("list", "objects", "0", "code") != "50000025001" {
		t.Errorf("last generated object: %s", trim(r.body))
	}
	// The largest page: counted in the raw body (parsing 16 MB of XML
	// would only slow the test down).
	args := []lursoft.Arg{p("sid", sid), p("list_id", "6760"), p("rows", "25000")}
	data, _ := lursoft.Canonical("get_objects", args)
	sig, _ := lursoft.Sign(key(t, role), data)
	resp, err := http.Post(e.endpoint(), "text/xml", strings.NewReader(string(lursoft.RequestEnvelope("get_objects", sig, args))))
	if err != nil {
		t.Fatal(err)
	}
	if body := readAll(t, resp); resp.StatusCode != 200 || strings.Count(body, `<item xsi:type="ns1:ResponseObject">`) != 25000 {
		t.Errorf("rows=25000: %d, %d objects", resp.StatusCode, strings.Count(body, `<item xsi:type="ns1:ResponseObject">`))
	}

	r = e.call("get_object", p("sid", sid), p("id", "103")).ok("GetObjectResponse")
	if r.str("object", "name") != "Jānis Bērziņš" || r.str("object", "email") != "janis.berzins@example.lv" || !r.get("object", "phone").Nil {
		t.Errorf("get_object: %s", trim(r.body))
	}

	r = e.call("add_list", p("sid", sid), p("name", "Būvnieki / ņ"), p("type", "PERSONS"), p("description", "Apraksts")).ok("AddListResponse")
	listID := r.str("list", "id")
	if r.str("list", "name") != "Būvnieki / ņ" || r.str("list", "form") != "SIMPLE" || r.num("list", "object_count") != 0 ||
		r.str("list", "users", "0", "rights") != "OWNER" || r.str("list", "users", "0", "id") != role || !r.get("list", "monitoring_id").Nil {
		t.Errorf("add_list: %s", trim(r.body))
	}

	r = e.call("update_list", p("sid", sid), p("id", listID), p("name", "Būvnieki"), p("description", "")).ok("UpdateListResponse")
	if r.str("list", "name") != "Būvnieki" || !r.get("list", "description").Nil {
		t.Errorf("update_list: %s", trim(r.body))
	}

	r = e.call("add_object", p("sid", sid), p("list_id", listID), p("code", "40103091563"), p("type", "COMPANY"), p("name", "ignored"), p("check_ur", "true")).ok("AddObjectResponse")
	companyID := r.str("object", "id")
	if r.str("object", "name") != `Akciju sabiedrība "Daugavas Loģistika"` || r.str("object", "address") != "Maskavas iela 240, Rīga, LV-1063" ||
		r.str("object", "created") != "2026-03-02 12:00:00" || r.str("object", "status") != "ACTIVE" {
		t.Errorf("add_object check_ur: %s", trim(r.body))
	}
	r = e.call("add_object", p("sid", sid), p("list_id", listID), p("code", "40000000001"), p("type", "COMPANY"), p("name", "SIA \"Nav reģistrā\""), p("check_ur", "false")).ok("AddObjectResponse")
	if r.str("object", "name") != `SIA "Nav reģistrā"` || !r.get("object", "address").Nil {
		t.Errorf("add_object without check_ur: %s", trim(r.body))
	}
	// The same company in a second list is the same object.
	r = e.call("add_object", p("sid", sid), p("list_id", "6751"), p("code", "40103091563"), p("type", "COMPANY")).ok("AddObjectResponse")
	if r.str("object", "id") != companyID {
		t.Errorf("one company, two ids: %s and %s", companyID, r.str("object", "id"))
	}

	r = e.call("update_object", p("sid", sid), p("id", companyID), p("address", "Cita iela 1"), p("phone", "+371 20000000"),
		p("email", "info@example.lv"), p("www", "https://example.lv"), p("contact_person", "Anna Kalniņa"), p("client_id", "K-77")).ok("UpdateObjectResponse")
	if r.str("object", "user_address") != "Cita iela 1" || r.str("object", "address") != "Maskavas iela 240, Rīga, LV-1063" ||
		r.str("object", "client_id") != "K-77" || r.str("object", "contact_person") != "Anna Kalniņa" {
		t.Errorf("update_object: %s", trim(r.body))
	}

	r = e.call("get_available_services", p("sid", sid), p("list_id", listID)).ok("GetAvailableServicesResponse")
	if r.str("services", "0", "type") != "SV_BIRTH" || len(r.get("services").Items) != 5 {
		t.Errorf("get_available_services: %s", trim(r.body))
	}

	r = e.call("add_list_monitoring", p("sid", sid), p("list_id", listID), items("email", "a@example.lv", "b@example.lv"), p("empty_mail", "true"),
		p("period", "D"), p("start_date", "2026-03-01"), items("services", "SV_BIRTH", "SV_UBIRTH"), p("end_date", "2026-12-31")).ok("AddListMonitoringResponse")
	if r.str("monitoring", "email") != "a@example.lv,b@example.lv" || r.str("monitoring", "empty_email") != "true" ||
		r.num("monitoring", "object_count") != 2 || r.str("monitoring", "services", "1", "type") != "SV_UBIRTH" {
		t.Errorf("add_list_monitoring: %s", trim(r.body))
	}
	monitoringID := r.str("monitoring", "monitoring_id")

	r = e.call("get_list_monitoring", p("sid", sid), p("list_id", listID)).ok("GetListMonitoringResponse")
	if r.str("monitoring", "monitoring_id") != monitoringID || r.str("monitoring", "period") != "D" {
		t.Errorf("get_list_monitoring: %s", trim(r.body))
	}

	// Three midnights later (Riga time), three sessions; empty_mail keeps the empty ones.
	e.advance("3d")
	sid = e.login() // the session expired meanwhile
	r = e.call("get_monitoring_sessions", p("sid", sid), p("list_id", listID)).ok("GetMonitoringSessionsResponse")
	if r.num("session_count") != 3 || r.str("monitoring_id") != monitoringID || r.str("sessions", "0", "sent") != "2026-03-03 00:00:00" {
		t.Fatalf("get_monitoring_sessions: %s", trim(r.body))
	}
	total := 0
	for i := 0; i < 3; i++ {
		sessionID := r.str("sessions", strconv.Itoa(i), "id")
		n := r.num("sessions", strconv.Itoa(i), "sent_events_count")
		ev := e.call("get_session_events", p("sid", sid), p("list_id", listID), p("session_id", sessionID)).ok("GetSessionEventsResponse")
		if len(ev.get("events").Items) != n {
			t.Errorf("session %s: %d events, sent_events_count %d", sessionID, len(ev.get("events").Items), n)
		}
		total += n
	}
	r = e.call("get_monitoring_sessions", p("sid", sid), p("list_id", listID), p("from", "2026-03-04"), p("to", "2026-03-04")).ok("GetMonitoringSessionsResponse")
	if r.num("session_count") != 1 || r.str("sessions", "0", "sent") != "2026-03-04 00:00:00" {
		t.Errorf("from/to: %s", trim(r.body))
	}

	r = e.call("update_list_monitoring", p("sid", sid), p("list_id", listID), items("email", "c@example.lv"), p("empty_mail", "false"),
		p("period", "W"), p("start_date", "2026-03-01"), items("services", "SV_BIRTH")).ok("UpdateListMonitoringResponse")
	if r.str("monitoring", "period") != "W" || !r.get("monitoring", "end_date").Nil || len(r.get("monitoring", "services").Items) != 1 {
		t.Errorf("update_list_monitoring: %s", trim(r.body))
	}

	r = e.call("delete_object", p("sid", sid), p("id", companyID), p("list_id", "6751")).ok("DeleteObjectResponse")
	e.call("get_object", p("sid", sid), p("id", companyID)).ok("GetObjectResponse") // still in the new list
	r = e.call("delete_object", p("sid", sid), p("id", companyID)).ok("DeleteObjectResponse")
	if r.num("list_count") != 6 {
		t.Errorf("delete_object lists: %s", trim(r.body))
	}
	e.call("get_object", p("sid", sid), p("id", companyID)).failed("GetObjectResponse", lursoft.CodeObjectNotFound)

	r = e.call("delete_list", p("sid", sid), p("id", listID)).ok("DeleteListResponse")
	if r.num("list_count") != 5 {
		t.Errorf("delete_list: %s", trim(r.body))
	}
	e.call("logout", p("sid", sid)).ok("LogoutResponse")
	e.call("get_lists", p("sid", sid)).failed("GetListsResponse", lursoft.CodeNoSession)
}

// TestMonitoringDeterministic: the same scenario gives the same sessions
// and events in two namespaces.
func TestMonitoringDeterministic(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	var bodies []string
	for _, ns := range []string{"a", "b"} {
		e.ns = ns
		e.admin(http.MethodPut, "/clock", `{"now":"2026-03-02T10:00:00Z"}`)
		e.admin(http.MethodPost, "/clock/freeze", "")
		k := key(t, "1700")
		sid := e.loginAs("partneris", "partnera-parole", "1700")
		e.callKey(k, "add_list_monitoring", p("sid", sid), p("list_id", "6760"), items("email", "a@example.lv"),
			p("period", "O"), p("start_date", "2026-03-02"), items("services", "SV_BIRTH", "SV_INSOLV")).ok("AddListMonitoringResponse")
		e.advance("48h")
		sid = e.loginAs("partneris", "partnera-parole", "1700")
		r := e.callKey(k, "get_monitoring_sessions", p("sid", sid), p("list_id", "6760")).ok("GetMonitoringSessionsResponse")
		if r.num("session_count") < 20 {
			t.Fatalf("too few sessions: %s", trim(r.body))
		}
		ev := e.callKey(k, "get_session_events", p("sid", sid), p("list_id", "6760"), p("session_id", r.str("sessions", "0", "id"))).ok("GetSessionEventsResponse")
		bodies = append(bodies, r.body+ev.body)
	}
	if bodies[0] != bodies[1] {
		t.Error("two namespaces, same scenario, different sessions")
	}
}

func TestSessionSlidingExpiry(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	e.admin(http.MethodPost, "/clock/freeze", "")
	sid := e.login()
	for i := 0; i < 3; i++ {
		e.advance("29m")
		e.call("get_lists", p("sid", sid)).ok("GetListsResponse")
	}
	e.advance("30m")
	e.call("get_lists", p("sid", sid)).failed("GetListsResponse", lursoft.CodeSessionExpired)
}

func TestSessionBoundToForwardedIP(t *testing.T) {
	e := newEnv(t, lursoft.Config{TrustForwardedFor: true})
	e.headers["X-Forwarded-For"] = "198.51.100.1, 10.0.0.1"
	sid := e.login()
	e.call("get_lists", p("sid", sid)).ok("GetListsResponse")
	e.headers["X-Forwarded-For"] = "198.51.100.2"
	e.call("get_lists", p("sid", sid)).failed("GetListsResponse", lursoft.CodeWrongIP)

	// Without the setting the header is ignored.
	e2 := newEnv(t, lursoft.Config{})
	sid = e2.login()
	e2.headers["X-Forwarded-For"] = "198.51.100.2"
	e2.call("get_lists", p("sid", sid)).ok("GetListsResponse")
}

// TestSignatureDiagnostics: 3002 keeps the documented message, and the
// header, the journal and the log tell what was verified.
func TestSignatureDiagnostics(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	sid := e.login()
	data, _ := lursoft.Canonical("get_objects", []lursoft.Arg{p("sid", sid), p("list_id", "6750")})
	sig, _ := lursoft.Sign(key(t, role), data)
	// One value changed after signing.
	r := e.post(string(lursoft.RequestEnvelope("get_objects", sig, []lursoft.Arg{p("sid", sid), p("list_id", "6751")})))
	r.failed("GetObjectsResponse", lursoft.CodeSignatureMismatch)
	want := `{"sid":"` + sid + `","list_id":6751}`
	h := r.header.Get(lursoft.SignatureHeader)
	if !strings.HasSuffix(h, "; json="+want) || !strings.HasPrefix(h, "sha256=") || len(h) != len("sha256=")+64+len("; json=")+len(want) {
		t.Errorf("%s: %q", lursoft.SignatureHeader, h)
	}
	ns, _ := e.srv.Namespace("default")
	entries := ns.Journal.List(emuFilter())
	last := entries[0]
	if last.Operation != "lursoft.get_objects" || len(last.Warnings) == 0 || !strings.Contains(last.Warnings[0], want) {
		t.Errorf("journal: %+v", last)
	}
	// A success carries no diagnostic header.
	if h := e.call("get_lists", p("sid", sid)).ok("GetListsResponse").header.Get(lursoft.SignatureHeader); h != "" {
		t.Errorf("header on success: %q", h)
	}
}

func TestSignNilAsNull(t *testing.T) {
	for _, accept := range []bool{false, true} {
		e := newEnv(t, lursoft.Config{SignNilAsNull: accept})
		sid := e.login()
		// The client signed start and rows as null and sent them as xsi:nil.
		data := []byte(`{"sid":"` + sid + `","list_id":6750,"start":null,"rows":null}`)
		sig, _ := lursoft.Sign(key(t, role), data)
		body := string(lursoft.RequestEnvelope("get_objects", sig, []lursoft.Arg{p("sid", sid), p("list_id", "6750"), {Name: "start", Nil: true}, {Name: "rows", Nil: true}}))
		r := e.post(body)
		if accept {
			r.ok("GetObjectsResponse")
		} else {
			r.failed("GetObjectsResponse", lursoft.CodeSignatureMismatch)
		}
	}
}

func TestOwnKeyThroughAdmin(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	pub, _ := pemPublic(key(t, "1700"))
	if st, body := e.admin(http.MethodPut, "/lursoft/roles/1234/key", pub); st != 200 || !strings.Contains(body, `"bits": 2048`) {
		t.Fatalf("set key: %d %s", st, body)
	}
	e.call("login", p("username", user), p("password", password), p("role_id", role)).failed("LoginResponse", lursoft.CodeSignatureMismatch)
	e.callKey(key(t, "1700"), "login", p("username", user), p("password", password), p("role_id", role)).ok("LoginResponse")
	if st, _ := e.admin(http.MethodPut, "/lursoft/roles/1234/key", "not a key"); st != 400 {
		t.Errorf("bad key: %d", st)
	}
	if st, _ := e.admin(http.MethodPut, "/lursoft/roles/99/key", pub); st != 404 {
		t.Errorf("unknown role: %d", st)
	}
	if st, _ := e.admin(http.MethodDelete, "/lursoft/roles/1234/key", ""); st != 200 {
		t.Errorf("delete key: %d", st)
	}
	e.callKey(key(t, "1700"), "login", p("username", user), p("password", password), p("role_id", role)).failed("LoginResponse", lursoft.CodeNoKey)
}

func TestCredentials(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	st, body := e.admin(http.MethodGet, "/fixtures", "")
	for _, want := range []string{`"username": "lietotaja_vards"`, `"password": "parole"`, `"role_id": 1234`, `"key": "lietotaja_vards/1234"`,
		`TEST ONLY - kycsim fixture key for Lursoft role 1234`, `-----BEGIN PRIVATE KEY-----`, `"endpoint": "` + e.srv.URL() + `/api/wsdl?ws=1"`} {
		if st != 200 || !strings.Contains(body, want) {
			t.Errorf("fixtures lack %s", want)
		}
	}
}

func TestRights(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	sid := e.loginAs("lasitajs", "lasitaja-parole", "1300")
	k := key(t, "1300")
	r := e.callKey(k, "get_lists", p("sid", sid)).ok("GetListsResponse")
	if r.num("list_count") != 1 || r.str("lists", "0", "id") != "6751" {
		t.Errorf("reader lists: %s", trim(r.body))
	}
	e.callKey(k, "get_objects", p("sid", sid), p("list_id", "6751")).ok("GetObjectsResponse")
	e.callKey(k, "get_object", p("sid", sid), p("id", "104")).ok("GetObjectResponse")
	e.callKey(k, "add_object", p("sid", sid), p("list_id", "6751"), p("code", "40103853198"), p("type", "COMPANY")).failed("AddObjectResponse", lursoft.CodeNoActionRights)
	e.callKey(k, "update_list", p("sid", sid), p("id", "6751"), p("name", "x")).failed("UpdateListResponse", lursoft.CodeNoActionRights)
	e.callKey(k, "update_object", p("sid", sid), p("id", "104"), p("phone", "1")).failed("UpdateObjectResponse", lursoft.CodeNoActionRights)
	e.callKey(k, "delete_object", p("sid", sid), p("id", "104"), p("list_id", "6751")).failed("DeleteObjectResponse", lursoft.CodeNoActionRights)
	e.callKey(k, "get_objects", p("sid", sid), p("list_id", "6750")).failed("GetObjectsResponse", lursoft.CodeNoListAccess)
	e.callKey(k, "get_object", p("sid", sid), p("id", "102")).failed("GetObjectResponse", lursoft.CodeNoObjectAccess)

	// Role 1234 may write but not delete in 6790: deleting object 101
	// from every list is 1003, from its own list fine.
	sid = e.login()
	e.call("delete_object", p("sid", sid), p("id", "101")).failed("DeleteObjectResponse", lursoft.CodeNoObjectAccess)
	e.call("delete_object", p("sid", sid), p("id", "101"), p("list_id", "6750")).ok("DeleteObjectResponse")
	e.call("update_object", p("sid", sid), p("id", "108"), p("phone", "1")).ok("UpdateObjectResponse")
}

// TestGeneratedListCopyOnWrite: changing the generated list in one
// namespace leaves it whole in another.
func TestGeneratedListCopyOnWrite(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	e.ns = "writer"
	sid := e.loginAs("partneris", "partnera-parole", "1700")
	k := key(t, "1700")
	e.callKey(k, "update_object", p("sid", sid), p("id", "10000001"), p("phone", "+371 1")).ok("UpdateObjectResponse")
	e.callKey(k, "delete_object", p("sid", sid), p("id", "10000002")).ok("DeleteObjectResponse")
	r := e.callKey(k, "add_object", p("sid", sid), p("list_id", "6760"), p("code", "40103853198"), p("type", "COMPANY")).ok("AddObjectResponse")
	r = e.callKey(k, "get_objects", p("sid", sid), p("list_id", "6760"), p("start", "0"), p("rows", "2")).ok("GetObjectsResponse")
	if r.num("list", "object_count") != 25001 || r.str("list", "objects", "1", "code") != "50000000003" {
		t.Errorf("writer: %s", trim(r.body))
	}
	e.ns = "reader"
	sid = e.login()
	r = e.call("get_objects", p("sid", sid), p("list_id", "6760"), p("rows", "2")).ok("GetObjectsResponse")
	if r.num("list", "object_count") != 25001 || r.str("list", "objects", "1", "code") != "50000000002" {
		t.Errorf("reader: %s", trim(r.body))
	}
	o := e.call("get_object", p("sid", sid), p("id", "10000001")).ok("GetObjectResponse")
	if !o.get("object", "phone").Nil {
		t.Errorf("the writer's change leaked: %s", trim(o.body))
	}
}

func TestValidation(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	sid := e.login()
	long := strings.Repeat("ā", 101)
	tests := []struct {
		function string
		args     []lursoft.Arg
		typ, msg string
	}{
		{"add_list", []lursoft.Arg{p("name", long), p("type", "PERSONS")}, "AddListResponse", "Saraksta nosaukums nedrīkst būt garāks par 100 simboliem"},
		{"add_list", []lursoft.Arg{p("name", "x"), p("type", "PERSONS"), p("form", "FANCY")}, "AddListResponse", "Nekorekta saraksta forma. Iespējamās vērtības: SIMPLE, OUTERID"},
		{"add_object", []lursoft.Arg{p("list_id", "6750"), p("code", "123"), p("type", "COMPANY")}, "AddObjectResponse", "Nekorekts objekta kods (COMPANY)"},
		{"add_object", []lursoft.Arg{p("list_id", "6750"), p("code", "123"), p("type", "SHIP")}, "AddObjectResponse", "Nekorekts objekta tips"},
		{"add_object", []lursoft.Arg{p("list_id", "6750"), p("code", "40103853198"), p("type", "COMPANY"), p("name", strings.Repeat("x", 256))}, "AddObjectResponse", "Parametrs name nedrīkst būt garāks par 255 simboliem"},
		{"update_object", []lursoft.Arg{p("id", "101"), p("email", "nav-epasts")}, "UpdateObjectResponse", "Nekorekta e-pasta adrese: nav-epasts"},
		{"update_object", []lursoft.Arg{p("id", "101"), p("phone", strings.Repeat("1", 201))}, "UpdateObjectResponse", "Parametrs phone nedrīkst būt garāks par 200 simboliem"},
		{"get_objects", []lursoft.Arg{p("list_id", "6750"), p("rows", "-1")}, "GetObjectsResponse", "Parametrs rows nedrīkst būt negatīvs"},
		{"get_objects", []lursoft.Arg{p("list_id", "6750"), pt("start", "xsd:string", "a")}, "GetObjectsResponse", "Parametram start jābūt veselam skaitlim"},
		{"add_list_monitoring", []lursoft.Arg{p("list_id", "6750"), items("email", "a@example.lv"), p("period", "Y"), p("start_date", "2026-01-01"), items("services", "SV_BIRTH")}, "AddListMonitoringResponse", "Nekorekts monitoringa periods. Iespējamās vērtības: D, W, M, O"},
		{"add_list_monitoring", []lursoft.Arg{p("list_id", "6750"), items("email", "a@example.lv"), p("period", "D"), p("start_date", "2026-02-30"), items("services", "SV_BIRTH")}, "AddListMonitoringResponse", "Parametram start_date jābūt datumam formātā YYYY-MM-DD"},
		{"add_list_monitoring", []lursoft.Arg{p("list_id", "6750"), items("email", "a@example.lv"), p("period", "D"), p("start_date", "2026-01-01"), items("services", "SV_CAD")}, "AddListMonitoringResponse", "Pakalpojums SV_CAD šim sarakstam nav pieejams"},
		{"add_list_monitoring", []lursoft.Arg{p("list_id", "6750"), items("email", "a@example.lv"), p("period", "D"), p("start_date", "2026-01-02"), items("services", "SV_BIRTH"), p("end_date", "2026-01-01")}, "AddListMonitoringResponse", "Monitoringa beigu datums nedrīkst būt agrāks par sākuma datumu"},
		{"get_session_events", []lursoft.Arg{p("list_id", "6750"), p("session_id", "1")}, "GetSessionEventsResponse", ""},
	}
	for _, tt := range tests {
		args := append([]lursoft.Arg{p("sid", sid)}, tt.args...)
		r := e.call(tt.function, args...)
		if tt.msg == "" {
			r.failed(tt.typ, lursoft.CodeNoMonitoring)
			continue
		}
		r.failed(tt.typ, lursoft.CodeValidation, tt.msg)
	}
}

func TestClockBoundaries(t *testing.T) {
	// Riga is UTC+2 in winter: the boundary after 2026-03-02 10:00 UTC is
	// 2026-03-02 22:00 UTC.
	e := newEnv(t, lursoft.Config{})
	e.admin(http.MethodPut, "/clock", `{"now":"2026-03-02T21:59:00Z"}`)
	e.admin(http.MethodPost, "/clock/freeze", "")
	sid := e.login()
	e.call("add_list_monitoring", p("sid", sid), p("list_id", "6750"), items("email", "a@example.lv"), p("empty_mail", "true"),
		p("period", "D"), p("start_date", "2026-03-01"), items("services", "SV_BIRTH")).ok("AddListMonitoringResponse")
	r := e.call("get_monitoring_sessions", p("sid", sid), p("list_id", "6750")).ok("GetMonitoringSessionsResponse")
	if r.num("session_count") != 0 {
		t.Errorf("session before the boundary: %s", trim(r.body))
	}
	e.advance("1m")
	r = e.call("get_monitoring_sessions", p("sid", sid), p("list_id", "6750")).ok("GetMonitoringSessionsResponse")
	if r.num("session_count") != 1 || r.str("sessions", "0", "sent") != "2026-03-03 00:00:00" {
		t.Errorf("boundary session: %s", trim(r.body))
	}
	_ = time.Second
}
