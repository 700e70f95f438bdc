package nilln_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/mocks/server"
	"github.com/kycsim/kycsim/mocks/server/servertest"
)

// FuzzClientBody sends arbitrary bodies under arbitrary content types to
// create and update: the answer is always a Laravel-style JSON answer
// (201/200, 422 or 413), never a panic or a 500.
func FuzzClientBody(f *testing.F) {
	srv := servertest.New(f, server.Options{NILLN: rateLimitOff()})
	seeds := []struct{ ct, body string }{
		{"application/json", `{"name":"test","type":"legal","reg_no":"40103477934"}`},
		{"application/json", "{\n\"comment\": \"Lorem Ipsum\",\n}"},
		{"application/json", `{"name":["a"],"type":{"x":1},"is_active":1.5,"set_at":12}`},
		{"application/json; boundary=b", "--b\r\nContent-Disposition: attachment; name=\"name\"\r\n\r\nx\r\n--b--\r\n"},
		{"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nlegal\r\n--b--\r\n"},
		{"application/x-www-form-urlencoded", "name=%FF&type[]=legal&a[b][c]=d"},
		{"text/plain", "\x00\x01"},
		{"", ""},
	}
	for _, s := range seeds {
		f.Add(s.ct, s.body, true)
		f.Add(s.ct, s.body, false)
	}
	f.Fuzz(func(t *testing.T, ct, body string, create bool) {
		method, path := "PUT", "/api/v1/clients/69ade873-f02c-4df1-a307-1c388f7a5172"
		if create {
			method, path = "POST", "/api/v1/clients"
		}
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Authorization", "Bearer "+tokAll)
		req.Header.Set("Content-Type", ct)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK, http.StatusCreated, http.StatusUnprocessableEntity, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("status %d for %q %q: %s", rec.Code, ct, body, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("answer is not JSON: %s", rec.Body)
		}
	})
}
