package laravel

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kycsim/kycsim/mocks/kit/phpjson"
)

func FuzzReadInput(f *testing.F) {
	seeds := []struct{ method, ct, query, body string }{
		{"POST", "application/json", "", `{"type":"legal","name":" test ","n":[1,{"a":null}],"f":1.5}`},
		{"PUT", "application/json", "x=1", `{"name":"test","type":"legal",}`},
		{"POST", "application/json", "", "{\"a\":\"\xff\"}"},
		{"POST", "application/json", "", `{"a":"\ud800"}`},
		{"POST", "application/json", "", `[1,2,3]`},
		{"POST", "application/json; boundary=" + curlBoundary, "", curlForm},
		{"POST", "multipart/form-data; boundary=XX", "", multipartBody("Content-Disposition: form-data; name=\"a[]\"\r\n\r\n\xff", "Content-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\ndata")},
		{"PUT", "multipart/form-data; boundary=XX", "", "--XX\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nBBB"},
		{"POST", "application/x-www-form-urlencoded", "q[]=%FF", "a[b][]=1&a[b][]=%E0&c.d=%zz&[x]=1&e[=2"},
		{"PATCH", "Application/X-WWW-Form-Urlencoded", "", "name=%20x%20"},
		{"GET", "", "page=2&a[x][y]=%C3%28", ""},
		{"POST", "text/plain", "", "hello"},
		{"DELETE", "", "", "\x00\x01\x02"},
		{"POST", "Application/JSON", "", `{"a":{"0":"x","1":"y"}}`},
		{"POST", "multipart/form-data; boundary=\"q\"", "", "garbage"},
		{"OPTIONS", "application/x-www-form-urlencoded", "", "a=1"},
		{"POST", "application/json; boundary=", "", "--\r\n"},
	}
	for _, s := range seeds {
		f.Add(s.method, s.ct, s.query, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, method, ct, query string, body []byte) {
		r := &http.Request{
			Method: method,
			URL:    &url.URL{Path: "/x", RawQuery: query},
			Header: http.Header{},
			Body:   io.NopCloser(bytes.NewReader(body)),
		}
		if ct != "" {
			r.Header.Set("Content-Type", ct)
		}
		in, err := ReadInput(r)
		if err != nil {
			t.Fatalf("ReadInput: %v", err)
		}
		for _, view := range []Input{in, in.Strict()} {
			for _, w := range view.Warnings {
				if !utf8.ValidString(w) {
					t.Errorf("warning is not valid UTF-8: %q", w)
				}
			}
			for _, p := range view.InvalidUTF8Fields {
				if !utf8.ValidString(p) {
					t.Errorf("reported path is not valid UTF-8: %q", p)
				}
			}
			checkStrings(t, "", view.Object(), view.InvalidUTF8Fields)
		}
	})
}

// checkStrings asserts that every malformed key or string below v is
// reported under its dotted path.
func checkStrings(t *testing.T, path string, v any, reported []string) {
	t.Helper()
	check := func(p, s string) {
		if !utf8.ValidString(s) && !slices.Contains(reported, strings.ToValidUTF8(p, "\uFFFD")) {
			t.Errorf("malformed %q at %q not reported in %q", s, p, reported)
		}
	}
	switch x := v.(type) {
	case string:
		check(path, x)
	case phpjson.Object:
		for _, m := range x {
			p := m.Key
			if path != "" {
				p = path + "." + m.Key
			}
			check(p, m.Key)
			checkStrings(t, p, m.Value, reported)
		}
	case []any:
		for i, e := range x {
			checkStrings(t, path+"."+strconv.Itoa(i), e, reported)
		}
	}
}
