package lursoft_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/mocks/lursoft"
)

// BenchmarkGetListsSigned is a signed get_lists end to end: HTTP, envelope
// parsing, canonical JSON, RSA verification, the answer.
func BenchmarkGetListsSigned(b *testing.B) {
	e := newEnv(b, lursoft.Config{})
	sid := e.login()
	args := []lursoft.Arg{p("sid", sid)}
	data, _ := lursoft.Canonical("get_lists", args)
	sig, _ := lursoft.Sign(key(b, role), data)
	body := string(lursoft.RequestEnvelope("get_lists", sig, args))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resp, err := http.Post(e.endpoint(), "text/xml", strings.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		readAllB(resp)
		if resp.StatusCode != 200 {
			b.Fatal(resp.StatusCode)
		}
	}
}

// BenchmarkGetObjects25000 pages 25 000 objects of the generated list.
func BenchmarkGetObjects25000(b *testing.B) {
	e := newEnv(b, lursoft.Config{})
	sid := e.login()
	args := []lursoft.Arg{p("sid", sid), p("list_id", "6760"), p("start", "0"), p("rows", "25000")}
	data, _ := lursoft.Canonical("get_objects", args)
	sig, _ := lursoft.Sign(key(b, role), data)
	body := string(lursoft.RequestEnvelope("get_objects", sig, args))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resp, err := http.Post(e.endpoint(), "text/xml", strings.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		n := readAllB(resp)
		if resp.StatusCode != 200 || n < 25000*300 {
			b.Fatal(resp.StatusCode, n)
		}
	}
}

func readAllB(resp *http.Response) int {
	defer resp.Body.Close()
	buf := make([]byte, 64<<10)
	n := 0
	for {
		k, err := resp.Body.Read(buf)
		n += k
		if err != nil {
			return n
		}
	}
}
