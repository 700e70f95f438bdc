package nilln_test

import (
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/kycsim/kycsim/mocks/nilln"
	"github.com/kycsim/kycsim/mocks/server"
	"github.com/kycsim/kycsim/mocks/server/servertest"
)

func rateLimitOff() nilln.Config { return nilln.Config{RateLimit: -1} }

func benchServer(b *testing.B, clients int) *server.Server {
	srv := servertest.New(b, server.Options{NILLN: rateLimitOff()})
	ns, _ := srv.Namespace("default")
	st := ns.State("nilln").(*nilln.State)
	if extra := clients - 46; extra > 0 {
		if err := st.AddGeneratedClients("nordexo", extra, 1); err != nil {
			b.Fatal(err)
		}
	}
	return srv
}

// BenchmarkShow is GET /api/v1/clients/{uuid} through the whole pipeline.
func BenchmarkShow(b *testing.B) {
	srv := benchServer(b, 46)
	benchGET(b, srv, "/api/v1/clients/69ade873-f02c-4df1-a307-1c388f7a5172")
}

// BenchmarkListPage is one list page (the middle one) of a profile with
// 100 and with 100 000 clients: the cost must not grow with the profile.
func BenchmarkListPage(b *testing.B) {
	for _, n := range []int{100, 100_000} {
		b.Run(fmt.Sprintf("clients=%d", n), func(b *testing.B) {
			benchGET(b, benchServer(b, n), fmt.Sprintf("/api/v1/clients?page=%d", n/15/2))
		})
	}
}

// benchGET measures an authenticated GET of path through the whole pipeline.
func benchGET(b *testing.B, srv *server.Server, path string) {
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Authorization", "Bearer "+tokAll)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}
