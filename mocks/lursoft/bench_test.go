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
	benchPost(b, e, signedEnvelope(b, "get_lists", p("sid", e.login())), 0)
}

// BenchmarkGetObjects25000 pages 25 000 objects of the generated list.
func BenchmarkGetObjects25000(b *testing.B) {
	e := newEnv(b, lursoft.Config{})
	body := signedEnvelope(b, "get_objects", p("sid", e.login()), p("list_id", "6760"), p("start", "0"), p("rows", "25000"))
	benchPost(b, e, body, 25000*300)
}

// signedEnvelope is the request a client sends for fn, signed with the
// fixture key of the benchmark's role.
func signedEnvelope(b *testing.B, fn string, args ...lursoft.Arg) string {
	data, err := lursoft.Canonical(fn, args)
	if err != nil {
		b.Fatal(err)
	}
	sig, err := lursoft.Sign(key(b, role), data)
	if err != nil {
		b.Fatal(err)
	}
	return string(lursoft.RequestEnvelope(fn, sig, args))
}

// benchPost measures POSTing body, expecting 200 and at least minBytes back.
func benchPost(b *testing.B, e *env, body string, minBytes int) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resp, err := http.Post(e.endpoint(), "text/xml", strings.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		n := readAllB(resp)
		if resp.StatusCode != 200 || n < minBytes {
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
