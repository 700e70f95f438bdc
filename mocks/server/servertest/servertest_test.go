package servertest_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/kycsim/kycsim/mocks/server"
	"github.com/kycsim/kycsim/mocks/server/servertest"
)

func TestStartServesUntilTheTestEnds(t *testing.T) {
	var srv *server.Server
	t.Run("inner", func(t *testing.T) {
		srv = servertest.Start(t, server.Options{})
		resp, err := http.Get(srv.URL() + "/__admin/health")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("health: %d", resp.StatusCode)
		}
	})
	if _, err := http.Get(srv.URL() + "/__admin/health"); err == nil {
		t.Fatal("server still serving after its test ended")
	}
}

func TestNewServesThroughServeHTTP(t *testing.T) {
	srv := servertest.New(t, server.Options{})
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/t/x/__admin/health", nil))
	if rec.Code != 200 || srv.URL() != "" {
		t.Fatalf("health: %d, URL %q", rec.Code, srv.URL())
	}
}
