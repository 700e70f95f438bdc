package lursoft_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/mocks/kit/soap"
	"github.com/kycsim/kycsim/mocks/lursoft"
)

// seedTypes are the response objects of seed 001 "Atbilžu objekti" (seed
// 002 "Объекты ответов" lists the same fields in the same order).
var seedTypes = map[string][]string{
	"ResponseRole":       {"id", "name", "rights"},
	"ResponseObject":     {"id", "code", "virtual_id", "client_id", "name", "status", "created", "updated", "address"},
	"ResponseList":       {"id", "name", "type", "form", "description", "monitoring_id", "object_count", "objects", "monitored_object_count", "users"},
	"ResponseObjectInfo": {"id", "code", "virtual_id", "name", "status", "created", "updated", "address", "contact_person", "user_address", "phone", "email", "fax", "www", "client_id"},
	"ResponseMonitoring": {"monitoring_id", "list_id", "email", "period", "start_date", "end_date", "empty_email", "object_count", "services"},
	"ResponseService":    {"type", "name"},
	"ResponseSession":    {"id", "sent", "sent_events_count"},
	"ResponseEvent":      {"event_type", "title", "object_name", "object_code", "date", "sent_date", "notes"},
}

// seedFunctions are each function's parameters (after signature, in the
// documents' signing order) and answer fields (before success, message
// and code), as seeds 001 and 002 list them.
var seedFunctions = []struct {
	name           string
	params, answer []string
}{
	{"login", []string{"username", "password", "role_id"}, []string{"sid"}},
	{"logout", []string{"sid"}, nil},
	{"get_lists", []string{"sid"}, []string{"list_count", "lists"}},
	{"get_objects", []string{"sid", "list_id", "start", "rows"}, []string{"list"}},
	{"get_object", []string{"sid", "id"}, []string{"object"}},
	{"add_list", []string{"sid", "name", "type", "description", "form"}, []string{"list"}},
	{"update_list", []string{"sid", "id", "name", "description"}, []string{"list"}},
	{"delete_list", []string{"sid", "id"}, []string{"list_count", "lists"}},
	{"add_object", []string{"sid", "list_id", "code", "type", "name", "check_ur"}, []string{"object"}},
	{"update_object", []string{"sid", "id", "address", "phone", "fax", "email", "www", "contact_person", "client_id"}, []string{"object"}},
	{"delete_object", []string{"sid", "id", "list_id"}, []string{"list_count", "lists"}},
	{"get_list_monitoring", []string{"sid", "list_id"}, []string{"monitoring"}},
	{"get_monitoring_sessions", []string{"sid", "list_id", "from", "to"}, []string{"sessions", "session_count", "monitoring_id"}},
	{"get_session_events", []string{"sid", "list_id", "session_id"}, []string{"events"}},
	{"get_available_services", []string{"sid", "list_id"}, []string{"services"}},
	{"add_list_monitoring", []string{"sid", "list_id", "email", "empty_mail", "period", "start_date", "services", "end_date"}, []string{"monitoring"}},
	{"update_list_monitoring", []string{"sid", "list_id", "email", "empty_mail", "period", "start_date", "services", "end_date"}, []string{"monitoring"}},
}

func names(v soap.Value) []string {
	out := make([]string, 0, len(v.Items))
	for _, it := range v.Items {
		out = append(out, it.Name)
	}
	return out
}

// TestSeedResponseTypesOnTheWire: every response object a success answer
// carries has exactly the seeds' fields in the seeds' order, and every
// function's answer its documented fields, then success and message.
func TestSeedResponseTypesOnTheWire(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	e.admin(http.MethodPut, "/clock", `{"now":"2026-03-02T10:00:00Z"}`)
	e.admin(http.MethodPost, "/clock/freeze", "")
	seen := map[string]bool{}
	var check func(path string, v soap.Value)
	check = func(path string, v soap.Value) {
		if want, ok := seedTypes[v.Type]; ok {
			seen[v.Type] = true
			if got := names(v); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%s (%s): fields %v, want %v", path, v.Type, got, want)
			}
		}
		for _, it := range v.Items {
			check(path+"/"+it.Name, it)
		}
	}
	answer := func(function string, r reply) {
		t.Helper()
		for _, f := range seedFunctions {
			if f.name == function {
				want := append(append([]string(nil), f.answer...), "success", "message")
				if got := names(r.ret); strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("%s answer: fields %v, want %v", function, got, want)
				}
			}
		}
		check(function, r.ret)
	}

	lr := e.callKey(key(t, role), "login", p("username", user), p("password", password), p("role_id", role)).ok("LoginResponse")
	answer("login", lr)
	sid := lr.str("sid")
	answer("get_lists", e.call("get_lists", p("sid", sid)).ok("GetListsResponse"))
	answer("get_objects", e.call("get_objects", p("sid", sid), p("list_id", "6750")).ok("GetObjectsResponse"))
	answer("get_object", e.call("get_object", p("sid", sid), p("id", "101")).ok("GetObjectResponse"))
	r := e.call("add_list", p("sid", sid), p("name", "Jauns"), p("type", "PERSONS")).ok("AddListResponse")
	answer("add_list", r)
	listID := r.str("list", "id")
	answer("update_list", e.call("update_list", p("sid", sid), p("id", listID), p("description", "x")).ok("UpdateListResponse"))
	r = e.call("add_object", p("sid", sid), p("list_id", listID), p("code", "40103091563"), p("type", "COMPANY")).ok("AddObjectResponse")
	answer("add_object", r)
	objectID := r.str("object", "id")
	answer("update_object", e.call("update_object", p("sid", sid), p("id", objectID), p("phone", "1")).ok("UpdateObjectResponse"))
	answer("get_available_services", e.call("get_available_services", p("sid", sid), p("list_id", listID)).ok("GetAvailableServicesResponse"))
	answer("add_list_monitoring", e.call("add_list_monitoring", p("sid", sid), p("list_id", listID), items("email", "a@example.lv"),
		p("empty_mail", "true"), p("period", "D"), p("start_date", "2026-03-01"), items("services", "SV_BIRTH")).ok("AddListMonitoringResponse"))
	answer("update_list_monitoring", e.call("update_list_monitoring", p("sid", sid), p("list_id", listID), items("email", "a@example.lv"),
		p("empty_mail", "true"), p("period", "D"), p("start_date", "2026-03-01"), items("services", "SV_BIRTH", "SV_UBIRTH")).ok("UpdateListMonitoringResponse"))
	answer("get_list_monitoring", e.call("get_list_monitoring", p("sid", sid), p("list_id", listID)).ok("GetListMonitoringResponse"))
	e.advance("2d")
	sid = e.login()
	r = e.call("get_monitoring_sessions", p("sid", sid), p("list_id", listID)).ok("GetMonitoringSessionsResponse")
	answer("get_monitoring_sessions", r)
	// The first session with events, for ResponseEvent.
	for _, se := range r.get("sessions").Items {
		if se.Items[2].Text != "0" {
			answer("get_session_events", e.call("get_session_events", p("sid", sid), p("list_id", listID), p("session_id", se.Items[0].Text)).ok("GetSessionEventsResponse"))
			break
		}
	}
	answer("delete_object", e.call("delete_object", p("sid", sid), p("id", objectID), p("list_id", listID)).ok("DeleteObjectResponse"))
	answer("delete_list", e.call("delete_list", p("sid", sid), p("id", listID)).ok("DeleteListResponse"))
	answer("logout", e.call("logout", p("sid", sid)).ok("LogoutResponse"))
	for typ := range seedTypes {
		if !seen[typ] {
			t.Errorf("no answer carried a %s", typ)
		}
	}
}

// TestSeedTypesInWSDL: the WSDL's messages list each function's parts as
// the seeds do (signature first), and its complex types the seeds' fields.
func TestSeedTypesInWSDL(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	resp, err := http.Get(e.srv.URL() + "/api/wsdl")
	if err != nil {
		t.Fatal(err)
	}
	wsdl := readAll(t, resp)
	elements := regexp.MustCompile(`<(?:wsdl:part|xsd:element) name="([a-z_]+)"`)
	section := func(open, name, close string) []string {
		t.Helper()
		start := strings.Index(wsdl, open+` name="`+name+`"`)
		if start < 0 {
			t.Fatalf("the WSDL has no %s %s", open, name)
		}
		end := strings.Index(wsdl[start:], close)
		var out []string
		for _, m := range elements.FindAllStringSubmatch(wsdl[start:start+end], -1) {
			out = append(out, m[1])
		}
		return out
	}
	if len(lursoft.Functions()) != len(seedFunctions) {
		t.Errorf("functions %v", lursoft.Functions())
	}
	for i, f := range seedFunctions {
		if i < len(lursoft.Functions()) && lursoft.Functions()[i] != f.name {
			t.Errorf("function %d is %s, want %s", i, lursoft.Functions()[i], f.name)
		}
		want := append([]string{"signature"}, f.params...)
		if got := section("<wsdl:message", f.name+"Request", "</wsdl:message>"); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%sRequest parts %v, want %v", f.name, got, want)
		}
	}
	for typ, want := range seedTypes {
		if got := section("<xsd:complexType", typ, "</xsd:complexType>"); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("complexType %s: %v, want %v", typ, got, want)
		}
	}
}
