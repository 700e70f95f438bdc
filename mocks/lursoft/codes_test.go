package lursoft_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/mocks/lursoft"
)

// TestEveryCode reaches each of the 31 documented codes through the API
// (1000 through the admin backend switch) and checks status, success,
// code, message and return type.
func TestEveryCode(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	login := func(e *env) string { return e.login() }
	tests := []struct {
		code int
		typ  string
		msg  string // "" = the code's documented text
		do   func(e *env) reply
	}{
		{1000, "GetListsResponse", "", func(e *env) reply {
			sid := login(e)
			if st, body := e.admin(http.MethodPut, "/lursoft/backend", `{"failing": true}`); st != 200 {
				t.Fatalf("backend switch: %d %s", st, body)
			}
			defer e.admin(http.MethodPut, "/lursoft/backend", `{"failing": false}`)
			return e.call("get_lists", p("sid", sid))
		}},
		{1001, "LoginResponse", "", func(e *env) reply {
			return e.callKey(key(t, "1400"), "login", p("username", user), p("password", password), p("role_id", "1400"))
		}},
		{1002, "GetObjectsResponse", "", func(e *env) reply {
			return e.call("get_objects", p("sid", login(e)), p("list_id", "6770"))
		}},
		{1003, "GetObjectResponse", "", func(e *env) reply {
			return e.call("get_object", p("sid", login(e)), p("id", "105"))
		}},
		{1004, "AddObjectResponse", "", func(e *env) reply {
			sid := e.loginAs("limitets", "limiteta-parole", "1600")
			return e.callKey(key(t, "1600"), "add_object", p("sid", sid), p("list_id", "6770"), p("code", "40103091563"), p("type", "COMPANY"))
		}},
		{1005, "DeleteListResponse", "", func(e *env) reply {
			return e.call("delete_list", p("sid", login(e)), p("id", "6790"))
		}},
		{2000, "GetListsResponse", "", func(e *env) reply { return e.call("get_lists") }},
		{2001, "GetObjectsResponse", "", func(e *env) reply { return e.call("get_objects", p("sid", login(e))) }},
		{2002, "LoginResponse", "", func(e *env) reply {
			return e.call("login", p("username", user), p("role_id", role))
		}},
		{2003, "LoginResponse", "", func(e *env) reply {
			return e.call("login", p("username", user), p("password", "nepareiza"), p("role_id", role))
		}},
		{2004, "LoginResponse", "", func(e *env) reply {
			return e.call("login", p("username", user), p("password", password), pt("role_id", "xsd:string", "loma"))
		}},
		{2005, "GetListsResponse", "", func(e *env) reply { return e.call("get_lists", p("sid", zeroSID)) }},
		{2006, "GetListsResponse", "", func(e *env) reply {
			sid := login(e)
			if st, body := e.admin(http.MethodPut, "/lursoft/sessions/"+sid+"/ip", `{"ip":"203.0.113.7"}`); st != 200 {
				t.Fatalf("move session: %d %s", st, body)
			}
			return e.call("get_lists", p("sid", sid))
		}},
		{2007, "GetListsResponse", "", func(e *env) reply {
			sid := login(e)
			e.advance("31m")
			return e.call("get_lists", p("sid", sid))
		}},
		{2008, "GetObjectsResponse", "", func(e *env) reply {
			return e.call("get_objects", p("sid", login(e)), p("list_id", "999999"))
		}},
		{2009, "GetObjectsResponse", "", func(e *env) reply {
			return e.call("get_objects", p("sid", login(e)), pt("list_id", "xsd:string", "saraksts"))
		}},
		{2010, "GetObjectResponse", "", func(e *env) reply {
			return e.call("get_object", p("sid", login(e)), pt("id", "xsd:string", "12a"))
		}},
		{2011, "GetObjectResponse", "", func(e *env) reply {
			return e.call("get_object", p("sid", login(e)), p("id", "999999"))
		}},
		{2012, "AddObjectResponse", "", func(e *env) reply {
			return e.call("add_object", p("sid", login(e)), p("list_id", "6750"), p("code", "123456789"), p("type", "ADDRESS"))
		}},
		{2013, "AddObjectResponse", "", func(e *env) reply {
			return e.call("add_object", p("sid", login(e)), p("list_id", "6750"), p("code", "40203206226"), p("type", "COMPANY"))
		}},
		{2014, "AddObjectResponse", "", func(e *env) reply {
			return e.call("add_object", p("sid", login(e)), p("list_id", "6750"), p("code", "40003665108"), p("type", "COMPANY"), p("check_ur", "true"))
		}},
		{2015, "AddObjectResponse", "", func(e *env) reply {
			return e.call("add_object", p("sid", login(e)), p("list_id", "6750"), p("code", "40003568387"), p("type", "COMPANY"))
		}},
		{2016, "AddObjectResponse", "", func(e *env) reply {
			return e.call("add_object", p("sid", login(e)), p("list_id", "6750"), p("code", "40000000001"), p("type", "COMPANY"), p("check_ur", "true"))
		}},
		{2017, "AddListMonitoringResponse", "", func(e *env) reply {
			return e.call("add_list_monitoring", p("sid", login(e)), p("list_id", "6752"), items("email", "a@example.lv"),
				p("period", "D"), p("start_date", "2026-01-01"), items("services", "SV_EST"))
		}},
		{2018, "UpdateListMonitoringResponse", "", func(e *env) reply {
			return e.call("update_list_monitoring", p("sid", login(e)), p("list_id", "6750"), items("email", "a@example.lv"),
				p("period", "D"), p("start_date", "2026-01-01"), items("services", "SV_BIRTH"))
		}},
		{2019, "DeleteObjectResponse", "", func(e *env) reply {
			return e.call("delete_object", p("sid", login(e)), p("id", "104"), p("list_id", "6750"))
		}},
		{2020, "AddListResponse", "Nekorekts saraksta tips. Iespējamās vērtības: PERSONS, PLEDGES, ADDRESS, KEYWORDS, ESTONIAS, CADASTERS", func(e *env) reply {
			return e.call("add_list", p("sid", login(e)), p("name", "Jauns"), p("type", "COMPANIES"))
		}},
		{2021, "GetObjectsResponse", "", func(e *env) reply {
			return e.call("get_objects", p("sid", login(e)), p("list_id", "6760"))
		}},
		{3000, "LoginResponse", "", func(e *env) reply {
			return e.call("login", p("username", user), p("password", password), p("role_id", "1500"))
		}},
		{3001, "LoginResponse", "", func(e *env) reply {
			return e.post(string(lursoft.RequestEnvelope("login", "", []lursoft.Arg{p("username", user), p("password", password), p("role_id", role)})))
		}},
		{3002, "LoginResponse", "", func(e *env) reply {
			return e.callKey(key(t, "1300"), "login", p("username", user), p("password", password), p("role_id", role))
		}},
	}
	seen := map[int]bool{}
	for _, tt := range tests {
		seen[tt.code] = true
		t.Run(strings.TrimSpace(lursoft.Message(tt.code, lursoft.English)), func(t *testing.T) {
			e.t = t
			e.ns = "code-" + strconv.Itoa(tt.code)
			r := tt.do(e)
			if tt.msg != "" {
				r.failed(tt.typ, tt.code, tt.msg)
			} else {
				r.failed(tt.typ, tt.code)
			}
		})
	}
	for _, c := range lursoft.Codes {
		if !seen[c] {
			t.Errorf("code %d has no test", c)
		}
	}
}

// TestMessagesByLanguage: Russian (seed 002) and English by configuration.
func TestMessagesByLanguage(t *testing.T) {
	for lang, want := range map[string]string{
		lursoft.Russian: "Авторизация неуспешна",
		lursoft.English: "Login failed",
	} {
		e := newEnv(t, lursoft.Config{Language: lang})
		e.call("login", p("username", user), p("password", "x"), p("role_id", role)).failed("LoginResponse", 2003, want)
		r := e.callKey(key(t, role), "login", p("username", user), p("password", password), p("role_id", role)).ok("LoginResponse")
		if lang == lursoft.Russian && r.str("message") != "Авторизация успешна" {
			t.Errorf("ru login message %q", r.str("message"))
		}
	}
}
