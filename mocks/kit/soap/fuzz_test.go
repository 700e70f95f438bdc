package soap

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseRequest: any body gives either a request or a fault, never a
// panic, and everything a handler may do with the request works. The
// limits keep each input's work bounded.
func FuzzParseRequest(f *testing.F) {
	files, _ := filepath.Glob("testdata/requests/*.xml")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil && len(b) < 1<<14 {
			f.Add(b)
		}
	}
	f.Add([]byte(""))
	f.Add([]byte("<"))
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "&b;"><!ENTITY b "&a;">]><x>&a;</x>`))
	lim := Limits{MaxBytes: 1 << 16, MaxDepth: 32, MaxElements: 2000}
	f.Fuzz(func(t *testing.T, body []byte) {
		req, fault := ParseRequest(body, lim)
		if (req == nil) == (fault == nil) {
			t.Fatalf("request %v and fault %v", req, fault)
		}
		if fault != nil {
			if fault.Code == "" || fault.String == "" {
				t.Fatalf("empty fault %+v", fault)
			}
			_ = AppendFault(nil, fault)
			return
		}
		names := make([]string, 0, len(req.Params))
		for _, p := range req.Params {
			names = append(names, p.Name)
		}
		_, _, _ = req.Args(names)
		_, _, _ = req.Args([]string{"a", "b"})
		_ = req.MustUnderstand()
		for _, p := range append(req.Params, req.Headers...) {
			exercise(t, p, 0)
		}
	})
}

func exercise(t *testing.T, v Value, depth int) {
	if depth > 64 {
		t.Fatalf("values nested %d deep", depth)
	}
	s, f := v.StringValue()
	if f == nil && !utf8.ValidString(s) {
		t.Fatalf("invalid UTF-8 %q", s)
	}
	_, _ = v.Int()
	_, _ = v.Number()
	_, _ = v.Bool()
	_ = v.Strings()
	_ = v.Check()
	for _, it := range v.Items {
		exercise(t, it, depth+1)
	}
}

// FuzzResponseRoundTrip: a string written by Response reads back the same
// through ParseRequest (the response is an envelope too), for strings
// XML can carry and that PHP does not cut or drop.
func FuzzResponseRoundTrip(f *testing.F) {
	for _, s := range []string{"", "a", "Tom & Jerry", "<b>", "]]>", "a\r\nb\rc", "ārā ņ/š", "😀", " x ", "&amp;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Make any input one that round-trips (rather than skip, which
		// stalls the fuzzer's minimisation).
		s = xmlChars(strings.ToValidUTF8(s, "?"))
		if strings.TrimLeft(s, " \t\r\n") == "" {
			s += "x" // PHP drops white space only text
		}
		body := Envelope{Namespace: "urn:t"}.Response("fn", Struct{Type: "R", Fields: []Field{{"v", s}}})
		req, fault := ParseRequest(body, Limits{})
		if fault != nil {
			t.Fatalf("%q: %v\n%s", s, fault, body)
		}
		ret, ok := req.Param("return")
		if !ok || len(ret.Items) != 1 {
			t.Fatalf("no return in %s", body)
		}
		if got := ret.Items[0].String(); got != s {
			t.Fatalf("round trip %q → %q", s, got)
		}
	})
}

// xmlChars replaces every rune that is not an XML 1.0 Char (PHP writes
// other control characters raw, which no parser reads back; NUL ends a
// string) with '?'.
func xmlChars(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) ||
			(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF) {
			return r
		}
		return '?'
	}, s)
}
