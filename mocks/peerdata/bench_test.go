package peerdata_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/mocks/peerdata"
	"github.com/kycsim/kycsim/mocks/server"
	"github.com/kycsim/kycsim/mocks/server/servertest"
)

// benchServer is a server whose full-access client already has n requests.
func benchServer(b *testing.B, n int) (*server.Server, []string) {
	srv := servertest.New(b, server.Options{})
	ns, _ := srv.Namespace("default")
	ids, err := ns.State("peerdata").(*peerdata.State).AddRequests(fullID, "All categories", n)
	if err != nil {
		b.Fatal(err)
	}
	return srv, ids
}

func serve(b *testing.B, srv *server.Server, path, body string) {
	req := httptest.NewRequest("POST", path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", keyFull)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != 200 {
		b.Fatalf("%d %s", rec.Code, rec.Body)
	}
}

// BenchmarkCreateRequest is one createrequest of 1 and of 100 people into a
// namespace holding 1 000 and 100 000 requests.
func BenchmarkCreateRequest(b *testing.B) {
	for _, stored := range []int{1_000, 100_000} {
		for _, batch := range []int{1, 100} {
			b.Run(fmt.Sprintf("stored=%d/batch=%d", stored, batch), func(b *testing.B) {
				srv, _ := benchServer(b, stored)
				items := make([]string, batch)
				for i := range items {
					items[i] = fmt.Sprintf(`{"IdDocument":"%09d","PhoneNumber":"+380%09d"}`, i, 671000000+i)
				}
				body := `{"type_request":"All categories","value":[` + strings.Join(items, ",") + `]}`
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					serve(b, srv, "/api/createrequest", body)
				}
			})
		}
	}
}

// BenchmarkRespond answers by idRequest (1 and 100 ids, every peer
// answered) and by period (the last minute: 100 requests) with 1 000 and
// 100 000 stored requests: neither may grow with what is stored.
func BenchmarkRespond(b *testing.B) {
	for _, stored := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("stored=%d/ids=1", stored), func(b *testing.B) {
			srv, ids := benchServer(b, stored)
			advance(b, srv, "1h")
			body := `{"type_request":"All categories","idRequest":["` + ids[stored/2] + `"]}`
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				serve(b, srv, "/api/respond", body)
			}
		})
		b.Run(fmt.Sprintf("stored=%d/ids=100", stored), func(b *testing.B) {
			srv, ids := benchServer(b, stored)
			advance(b, srv, "1h")
			body := `{"type_request":"Name","idRequest":["` + strings.Join(ids[stored/2:stored/2+100], `","`) + `"]}`
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				serve(b, srv, "/api/respond", body)
			}
		})
		b.Run(fmt.Sprintf("stored=%d/period", stored), func(b *testing.B) {
			srv, _ := benchServer(b, stored)
			advance(b, srv, "1h")
			ns, _ := srv.Namespace("default")
			if _, err := ns.State("peerdata").(*peerdata.State).AddRequests(fullID, "All categories", 100); err != nil {
				b.Fatal(err)
			}
			body := `{"type_request":"Name","period":1}`
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				serve(b, srv, "/api/respond", body)
			}
		})
	}
}

func advance(b *testing.B, srv *server.Server, by string) {
	ns, _ := srv.Namespace("default")
	ns.Clock.Freeze()
	d, _ := server.ParseDuration(by)
	ns.Clock.Advance(d)
}
