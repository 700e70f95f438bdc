package lursoft_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/mocks/lursoft"
)

// TestCheckOrder pins SPEC.md §2's decided check order: every request
// below fails two or more checks at once and must answer the earlier one.
// login: 3001, 2002, 2004, 2003, 3000, 3002, 1001; every other function:
// 3001, 2000, 2005, 2007, 2006, 3002, 2001, 2009/2010, 2008/2011, rights
// (1002, 1003, 1005), then the function's own validation.
func TestCheckOrder(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	wrongKey := key(t, "1300") // a valid key of another role: 3002
	unsigned := func(e *env, function string, args ...lursoft.Arg) reply {
		return e.post(string(lursoft.RequestEnvelope(function, "", args)))
	}
	tests := []struct {
		name string
		code int
		typ  string
		do   func(e *env) reply
	}{
		// login
		{"3001 before 2002", lursoft.CodeNoSignature, "LoginResponse", func(e *env) reply {
			return unsigned(e, "login", p("username", user))
		}},
		{"2002 before 2004", lursoft.CodeNoCredentials, "LoginResponse", func(e *env) reply {
			return e.callKey(wrongKey, "login", p("username", user), pt("role_id", "xsd:string", "loma"))
		}},
		{"2004 before 2003", lursoft.CodeBadRoleID, "LoginResponse", func(e *env) reply {
			return e.callKey(wrongKey, "login", p("username", "nav"), p("password", "nav"), pt("role_id", "xsd:string", "loma"))
		}},
		{"2003 before 3000", lursoft.CodeLoginFailed, "LoginResponse", func(e *env) reply {
			return e.callKey(wrongKey, "login", p("username", user), p("password", "nepareiza"), p("role_id", "1500"))
		}},
		{"3000 before 3002", lursoft.CodeNoKey, "LoginResponse", func(e *env) reply {
			return e.callKey(wrongKey, "login", p("username", user), p("password", password), p("role_id", "1500"))
		}},
		{"3002 before 1001", lursoft.CodeSignatureMismatch, "LoginResponse", func(e *env) reply {
			return e.callKey(wrongKey, "login", p("username", user), p("password", password), p("role_id", "1400"))
		}},
		// session functions
		{"3001 before 2000", lursoft.CodeNoSignature, "GetObjectsResponse", func(e *env) reply {
			return unsigned(e, "get_objects", p("list_id", "6750"))
		}},
		{"2000 before 3002", lursoft.CodeNoSID, "GetObjectsResponse", func(e *env) reply {
			return e.callKey(wrongKey, "get_objects", p("list_id", "6750"))
		}},
		{"2005 before 3002", lursoft.CodeNoSession, "GetObjectsResponse", func(e *env) reply {
			return e.callKey(wrongKey, "get_objects", p("sid", zeroSID), p("list_id", "6750"))
		}},
		{"2007 before 2006", lursoft.CodeSessionExpired, "GetObjectsResponse", func(e *env) reply {
			sid := e.login()
			moveSession(e, sid)
			e.advance("31m")
			return e.callKey(wrongKey, "get_objects", p("sid", sid))
		}},
		{"2006 before 3002", lursoft.CodeWrongIP, "GetObjectsResponse", func(e *env) reply {
			sid := e.login()
			moveSession(e, sid)
			return e.callKey(wrongKey, "get_objects", p("sid", sid))
		}},
		{"3002 before 2001", lursoft.CodeSignatureMismatch, "GetObjectsResponse", func(e *env) reply {
			return e.callKey(wrongKey, "get_objects", p("sid", e.login()))
		}},
		{"2001 before 2009", lursoft.CodeMissingParams, "GetSessionEventsResponse", func(e *env) reply {
			return e.call("get_session_events", p("sid", e.login()), pt("list_id", "xsd:string", "x"))
		}},
		{"2009 before 2008", lursoft.CodeBadListID, "AddObjectResponse", func(e *env) reply {
			return e.call("add_object", p("sid", e.login()), pt("list_id", "xsd:string", "x"), p("code", "1"), p("type", "SHIP"))
		}},
		{"2010 before 2009", lursoft.CodeBadObjectID, "DeleteObjectResponse", func(e *env) reply {
			return e.call("delete_object", p("sid", e.login()), pt("id", "xsd:string", "x"), pt("list_id", "xsd:string", "y"))
		}},
		{"2008 before 2020", lursoft.CodeListNotFound, "AddObjectResponse", func(e *env) reply {
			return e.call("add_object", p("sid", e.login()), p("list_id", "999999"), p("code", "1"), p("type", "SHIP"))
		}},
		{"2011 before 2008", lursoft.CodeObjectNotFound, "DeleteObjectResponse", func(e *env) reply {
			return e.call("delete_object", p("sid", e.login()), p("id", "999999"), p("list_id", "999999"))
		}},
		{"1002 before 2020", lursoft.CodeNoListAccess, "AddObjectResponse", func(e *env) reply {
			return e.call("add_object", p("sid", e.login()), p("list_id", "6770"), p("code", "1"), p("type", "SHIP"))
		}},
		{"1005 before 2020", lursoft.CodeNoActionRights, "UpdateListResponse", func(e *env) reply {
			sid := e.loginAs("lasitajs", "lasitaja-parole", "1300")
			return e.callKey(key(t, "1300"), "update_list", p("sid", sid), p("id", "6751"), p("name", strings.Repeat("x", 101)))
		}},
		{"1003 before 2020", lursoft.CodeNoObjectAccess, "UpdateObjectResponse", func(e *env) reply {
			return e.call("update_object", p("sid", e.login()), p("id", "105"), p("email", "nav-epasts"))
		}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.t = t
			e.ns = "order-" + strconv.Itoa(i)
			e.admin(http.MethodPost, "/clock/freeze", "")
			tt.do(e).failed(tt.typ, tt.code)
		})
	}
}

// moveSession rebinds a session to another client address (the admin
// API), as a request from elsewhere would find it.
func moveSession(e *env, sid string) {
	e.t.Helper()
	if st, body := e.admin(http.MethodPut, "/lursoft/sessions/"+sid+"/ip", `{"ip":"203.0.113.7"}`); st != 200 {
		e.t.Fatalf("move session: %d %s", st, body)
	}
}
