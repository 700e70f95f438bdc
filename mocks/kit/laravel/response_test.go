package laravel

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/kycsim/kycsim/mocks/kit/phpjson"
)

func marshal(t *testing.T, v any) string {
	t.Helper()
	b, err := phpjson.Marshal(v)
	if err != nil {
		t.Fatalf("phpjson.Marshal: %v", err)
	}
	return string(b)
}

func TestWriteJSON(t *testing.T) {
	rec := httptest.NewRecorder()
	WriteJSON(rec, http.StatusCreated, phpjson.Object{{Key: "data", Value: phpjson.Object{{Key: "url", Value: "a/b"}, {Key: "name", Value: "Nākamais"}}}})
	if rec.Code != http.StatusCreated {
		t.Errorf("status = %d", rec.Code)
	}
	if got, want := rec.Body.String(), `{"data":{"url":"a\/b","name":"N\u0101kamais"}}`; got != want {
		t.Errorf("body = %s, want %s", got, want)
	}
	if got := rec.Header().Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type = %q", got)
	}
	if got := rec.Header().Get("Cache-Control"); got != "no-cache, private" {
		t.Errorf("Cache-Control = %q", got)
	}
}

func TestWriteJSONKeepsCallerCacheControl(t *testing.T) {
	rec := httptest.NewRecorder()
	rec.Header().Set("Cache-Control", "no-store")
	WriteJSON(rec, http.StatusOK, []any{})
	if got := rec.Header().Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control = %q", got)
	}
	if rec.Body.String() != "[]" {
		t.Errorf("body = %q", rec.Body.String())
	}
}

func TestWriteJSONUnencodableIsServerError(t *testing.T) {
	rec := httptest.NewRecorder()
	WriteJSON(rec, http.StatusOK, phpjson.Object{{Key: "name", Value: "bad \xff"}})
	if rec.Code != http.StatusInternalServerError || rec.Body.String() != `{"message":"Server Error"}` {
		t.Errorf("got %d %s", rec.Code, rec.Body.String())
	}
}

func TestErrorBodies(t *testing.T) {
	tests := []struct {
		name string
		body phpjson.Object
		want string
	}{
		{"unauthenticated", Unauthenticated(), `{"message":"Unauthenticated."}`},
		{"invalid ability", InvalidAbility(), `{"message":"Invalid ability provided."}`},
		{"model not found", ModelNotFound(`App\Models\Client`, "9b1f0c1e-8f7a-4a7e-b1d2-3c4d5e6f7a8b"),
			`{"message":"No query results for model [App\\Models\\Client] 9b1f0c1e-8f7a-4a7e-b1d2-3c4d5e6f7a8b"}`},
		{"model not found without id", ModelNotFound(`App\Models\Client`, ""), `{"message":"No query results for model [App\\Models\\Client]."}`},
		{"route not found", RouteNotFound("/api/v1/foo"), `{"message":"The route api\/v1\/foo could not be found."}`},
		{"route not found trailing slash", RouteNotFound("/api/v1/foo/"), `{"message":"The route api\/v1\/foo could not be found."}`},
		{"route not found encoded", RouteNotFound("/api/v1/foo%20bar"), `{"message":"The route api\/v1\/foo%20bar could not be found."}`},
		{"route not found root", RouteNotFound("/"), `{"message":"The route \/ could not be found."}`},
		{"method not allowed", MethodNotAllowed("GET", "/api/v1/x", []string{"POST", "PUT"}),
			`{"message":"The GET method is not supported for route api\/v1\/x. Supported methods: POST, PUT."}`},
		{"too many attempts", TooManyAttempts(), `{"message":"Too Many Attempts."}`},
		{"post too large", PostTooLarge(), `{"message":""}`},
		{"server error", ServerError(), `{"message":"Server Error"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := marshal(t, tt.body); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestSetAllow(t *testing.T) {
	h := http.Header{}
	SetAllow(h, []string{"get", "HEAD", "post"})
	if got := h.Get("Allow"); got != "GET, HEAD, POST" {
		t.Errorf("Allow = %q", got)
	}
}

func TestSupportedMethods(t *testing.T) {
	tests := []struct {
		name    string
		routes  []string
		request string
		want    []string
	}{
		{"collection, PUT", []string{"POST", "GET"}, "PUT", []string{"GET", "HEAD", "POST"}},
		{"item, POST", []string{"DELETE", "PUT", "GET"}, "POST", []string{"GET", "HEAD", "PUT", "DELETE"}},
		{"GET only, DELETE", []string{"GET"}, "DELETE", []string{"GET", "HEAD"}},
		{"POST only, GET", []string{"post"}, "get", []string{"POST"}},
		{"unknown verbs ignored", []string{"PURGE", "POST"}, "GET", []string{"POST"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SupportedMethods(tt.routes, tt.request); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
