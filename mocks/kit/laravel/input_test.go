package laravel

import (
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/kycsim/kycsim/mocks/kit/phpjson"
)

func read(t *testing.T, method, target, ct, body string) Input {
	t.Helper()
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	in, err := ReadInput(r)
	if err != nil {
		t.Fatalf("ReadInput: %v", err)
	}
	return in
}

func fieldsJSON(t *testing.T, in Input) string {
	t.Helper()
	return marshal(t, in.Object())
}

// curlForm is what `curl -H 'Content-Type: application/json' --form
// type=legal --form name=test --form reg_no=40103477934` sends (captured
// from curl 7.88).
const curlBoundary = "------------------------df9dbba8b657f1eb"

var curlForm = "--" + curlBoundary + "\r\n" +
	"Content-Disposition: attachment; name=\"type\"\r\n\r\nlegal\r\n" +
	"--" + curlBoundary + "\r\n" +
	"Content-Disposition: attachment; name=\"name\"\r\n\r\ntest\r\n" +
	"--" + curlBoundary + "\r\n" +
	"Content-Disposition: attachment; name=\"reg_no\"\r\n\r\n40103477934\r\n" +
	"--" + curlBoundary + "--\r\n"

func TestReadInputJSON(t *testing.T) {
	tests := []struct {
		name     string
		ct, body string
		want     string
		warning  string // substring of the only warning; "" for none
	}{
		{"object in order", "application/json", `{"type":"legal","name":"test","n":null}`, `{"type":"legal","name":"test","n":null}`, ""},
		{"numbers", "application/json", `{"i":42,"z":-0,"f":1.5,"g":1.0,"big":12345678901234567890,"e":1e2}`,
			`{"i":42,"z":0,"f":1.5,"g":1,"big":1.2345678901234567e+19,"e":100}`, ""},
		{"repeated key keeps first place, last value", "application/json", `{"a":1,"b":2,"a":3}`, `{"a":3,"b":2}`, ""},
		{"trim and empty to null, nested too", "application/json",
			`{"name":"  test\u00a0","blank":" \t","empty":"","password":" p ","list":[" x ",""],"obj":{"k":"\ufeffv\u200b"}}`,
			`{"name":"test","blank":null,"empty":null,"password":" p ","list":["x",null],"obj":{"k":"v"}}`, ""},
		{"object with index keys becomes a list", "application/json", `{"a":{"0":"x","1":"y"},"b":{"1":"x","0":"y"}}`,
			`{"a":["x","y"],"b":{"1":"x","0":"y"}}`, ""},
		{"empty body", "application/json", ``, `{}`, ""},
		{"+json", "application/vnd.api+json", `{"a":"b"}`, `{"a":"b"}`, ""},
		{"text/json", "text/json; charset=utf-8", `{"a":"b"}`, `{"a":"b"}`, ""},
		{"trailing comma (the seed's update example)", "application/json", `{"name":"test","type":"legal",}`, `{}`,
			"body is not valid JSON (invalid character '}' looking for beginning of object key string at offset 31): Laravel reads it as no input"},
		{"truncated", "application/json", `{"name":`, `{}`, "body is not valid JSON (unexpected end of JSON input at offset 8)"},
		{"garbage after the object", "application/json", `{"a":1} x`, `{}`, "invalid character 'x' after top-level value at offset 9"},
		{"blank body", "application/json", ` `, `{}`, "not valid JSON"},
		{"malformed UTF-8", "application/json", "{\"a\":\"\xff\"}", `{}`, "body is not valid JSON (malformed UTF-8 at offset 6)"},
		{"lone high surrogate", "application/json", `{"a":"\ud800"}`, `{}`, "single unpaired UTF-16 surrogate at offset 6"},
		{"lone low surrogate", "application/json", `{"a":"x\udc00"}`, `{}`, "single unpaired UTF-16 surrogate at offset 7"},
		{"surrogate pair", "application/json", `{"a":"\ud83d\ude00"}`, `{"a":"\ud83d\ude00"}`, ""},
		{"top-level array", "application/json", `[1,2]`, `{}`, "top level is an array, not an object"},
		{"top-level string", "application/json", `"x"`, `{}`, "top level is a string"},
		{"top-level null", "application/json", `null`, `{}`, "top level is null"},
		{"depth 512", "application/json", `{"a":` + strings.Repeat("[", 511) + strings.Repeat("]", 511) + `}`, "", ""},
		{"depth 513", "application/json", `{"a":` + strings.Repeat("[", 512) + strings.Repeat("]", 512) + `}`, `{}`, "nesting deeper than 512 levels at offset 516"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := read(t, "POST", "/x", tt.ct, tt.body)
			if tt.want != "" {
				if got := fieldsJSON(t, in); got != tt.want {
					t.Errorf("fields = %s, want %s", got, tt.want)
				}
			}
			checkWarning(t, in, tt.warning)
			if in.BodyIgnoredByLaravel || in.MultipartUnderJSON {
				t.Errorf("flags set: %+v", in)
			}
		})
	}
}

func checkWarning(t *testing.T, in Input, want string) {
	t.Helper()
	if want == "" {
		if len(in.Warnings) != 0 {
			t.Errorf("unexpected warnings %q", in.Warnings)
		}
		return
	}
	if len(in.Warnings) != 1 || !strings.Contains(in.Warnings[0], want) {
		t.Errorf("warnings = %q, want one containing %q", in.Warnings, want)
	}
}

func TestReadInputJSONInfinity(t *testing.T) {
	in := read(t, "POST", "/x", "application/json", `{"e":1E400}`)
	if v, _ := in.Get("e"); !math.IsInf(v.(float64), 1) {
		t.Errorf("e = %v, want +Inf as PHP's json_decode", v)
	}
}

func TestReadInputAccessors(t *testing.T) {
	in := read(t, "POST", "/x?q=1", "application/json", `{"b":"x","a":null}`)
	if got := in.Keys(); !reflect.DeepEqual(got, []string{"b", "a", "q"}) {
		t.Errorf("Keys = %q", got)
	}
	if !in.Has("a") || in.Has("c") {
		t.Error("Has")
	}
	if v, ok := in.Get("a"); v != nil || !ok {
		t.Errorf("Get(a) = %v, %v", v, ok)
	}
	if v, ok := in.Get("c"); v != nil || ok {
		t.Errorf("Get(c) = %v, %v", v, ok)
	}
}

func TestReadInputMultipartUnderJSON(t *testing.T) {
	in := read(t, "POST", "/api/v1/clients", "application/json; boundary="+curlBoundary, curlForm)
	if got, want := fieldsJSON(t, in), `{"type":"legal","name":"test","reg_no":"40103477934"}`; got != want {
		t.Errorf("fields = %s, want %s", got, want)
	}
	if !in.MultipartUnderJSON || !in.BodyIgnoredByLaravel {
		t.Errorf("flags = %v %v", in.MultipartUnderJSON, in.BodyIgnoredByLaravel)
	}
	checkWarning(t, in, "a real Laravel server would parse it as JSON and see no input")
	strict := in.Strict()
	if len(strict.Keys()) != 0 || strict.Has("name") {
		t.Errorf("Strict() keys = %q", strict.Keys())
	}
	if len(strict.Warnings) != 1 || !strict.MultipartUnderJSON {
		t.Errorf("Strict() lost the diagnosis: %+v", strict)
	}
}

func TestReadInputJSONWithBoundaryButJSONBody(t *testing.T) {
	in := read(t, "POST", "/x", "application/json; boundary=xyz", `{"a":"b"}`)
	if got := fieldsJSON(t, in); got != `{"a":"b"}` || in.MultipartUnderJSON {
		t.Errorf("fields = %s, MultipartUnderJSON = %v", got, in.MultipartUnderJSON)
	}
}

func TestReadInputJSONWrongCase(t *testing.T) {
	in := read(t, "POST", "/x?q=1", "Application/JSON", `{"a":"b"}`)
	if got := fieldsJSON(t, in); got != `{"a":"b","q":"1"}` {
		t.Errorf("fields = %s", got)
	}
	if !in.BodyIgnoredByLaravel || in.MultipartUnderJSON {
		t.Errorf("flags: %+v", in)
	}
	checkWarning(t, in, `Content-Type "Application/JSON": Laravel looks for "/json" case-sensitively`)
	if got := fieldsJSON(t, in.Strict()); got != `{"q":"1"}` {
		t.Errorf("strict = %s", got)
	}
}

func TestReadInputURLEncoded(t *testing.T) {
	body := "type=legal&name=%20SIA+%22Test%22%20&tags[]=a&tags[]=b&empty=&percent=%zz"
	want := `{"type":"legal","name":"SIA \"Test\"","tags":["a","b"],"empty":null,"percent":"%zz"}`
	tests := []struct {
		method, ct string
		want       string
		ignored    bool
		warning    string
	}{
		{"POST", "application/x-www-form-urlencoded", want, false, ""},
		{"POST", "Application/X-WWW-Form-Urlencoded; charset=UTF-8", want, false, ""},
		{"PUT", "application/x-www-form-urlencoded", want, false, ""},
		{"PATCH", "application/x-www-form-urlencoded; charset=UTF-8", want, false, ""},
		{"DELETE", "application/x-www-form-urlencoded", want, false, ""},
		{"PUT", "Application/x-www-form-urlencoded", want, true, "Symfony parses such bodies only when the header starts with"},
		{"GET", "application/x-www-form-urlencoded", `{}`, false, "form body on a GET request"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.ct, func(t *testing.T) {
			in := read(t, tt.method, "/x", tt.ct, body)
			if got := fieldsJSON(t, in); got != tt.want {
				t.Errorf("fields = %s, want %s", got, tt.want)
			}
			if in.BodyIgnoredByLaravel != tt.ignored {
				t.Errorf("BodyIgnoredByLaravel = %v", in.BodyIgnoredByLaravel)
			}
			checkWarning(t, in, tt.warning)
		})
	}
}

// TestPHPVariableNames' expectations are PHP 8.2's $_GET for the same
// query string.
func TestPHPVariableNames(t *testing.T) {
	tests := []struct {
		query, want string
	}{
		{"a.b=1&c%20d=2&e[f]=3&g[]=4&g[]=5", `{"a_b":"1","c_d":"2","e":{"f":"3"},"g":["4","5"]}`},
		{"h[=6&i[j]k=7&%20l=8&m[n][o=9", `{"h_":"6","i":{"j":"7"},"l":"8","m":{"n":"9"}}`},
		{"=10&[p]=11&q%00r=12&s=%zz&t+u=v+w", `{"q":"12","s":"%zz","t_u":"v w"}`},
		{"x[a.b]=1&y[=1&y[.z=2&a[b[c]=3", `{"x":{"a.b":"1"},"y_":"1","y__z":"2","a":{"b[c":"3"}}`},
		{"a=1&a=2&b[]=1&b=2&c[1]=a&c[0]=b", `{"a":"2","b":"2","c":{"1":"a","0":"b"}}`},
		{"d[01]=x&d[1]=y&d[]=z&e[-1]=x&e[]=y", `{"d":{"01":"x","1":"y","2":"z"},"e":{"-1":"x","0":"y"}}`},
		{"a[]=1&a[]=2&a[5]=3&a[]=4&c=1&c[x]=2", `{"a":{"0":"1","1":"2","5":"3","6":"4"},"c":{"x":"2"}}`},
		{"k&&l=", `{"k":null,"l":null}`},
	}
	for _, tt := range tests {
		in := read(t, "GET", "/x?"+tt.query, "", "")
		if got := fieldsJSON(t, in); got != tt.want {
			t.Errorf("%s:\n got  %s\n want %s", tt.query, got, tt.want)
		}
	}
}

func TestPHPVariableNesting(t *testing.T) {
	// PHP 8.2 gives {"a":{…64 levels…},"c":"1","d":"4"}: the too deep
	// b[…] removes the b set before it.
	deep := "a" + strings.Repeat("[x]", 64) + "=1&b=3&c=1&b" + strings.Repeat("[x]", 65) + "=2&d=4"
	in := read(t, "GET", "/x?"+deep, "", "")
	if got := in.Keys(); !reflect.DeepEqual(got, []string{"a", "c", "d"}) {
		t.Errorf("keys = %q, want a, c, d", got)
	}
	checkWarning(t, in, `input variable "b" nests deeper than 64 levels`)
}

func TestMaxInputVars(t *testing.T) {
	var pairs []string
	for i := 0; i < 1002; i++ {
		pairs = append(pairs, fmt.Sprintf("v%d=%d", i, i))
	}
	q := strings.Join(pairs, "&")
	tests := []struct {
		name   string
		method string
		target string
		ct     string
		body   string
		want   int
	}{
		{"urlencoded POST keeps 1001", "POST", "/x", "application/x-www-form-urlencoded", q, 1001},
		{"parse_str (PUT) keeps 1000", "PUT", "/x", "application/x-www-form-urlencoded", q, 1000},
		{"query keeps 1000", "GET", "/x?" + q, "", "", 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := read(t, tt.method, tt.target, tt.ct, tt.body)
			if got := len(in.Keys()); got != tt.want {
				t.Errorf("kept %d variables, want %d", got, tt.want)
			}
			checkWarning(t, in, "PHP keeps the first")
		})
	}
}

func multipartBody(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString("--XX\r\n" + p + "\r\n")
	}
	b.WriteString("--XX--\r\n")
	return b.String()
}

func TestReadInputMultipart(t *testing.T) {
	tests := []struct {
		name    string
		method  string
		body    string
		want    string
		ignored bool
		warning string
	}{
		{"fields, any disposition type, no transfer decoding", "POST", multipartBody(
			"Content-Disposition: attachment; name=\"a\"\r\n\r\n A ",
			"Content-Disposition: form-data; name=b\r\n\r\nB",
			"Content-Disposition: form-data; name=\"d[]\"\r\n\r\nD1",
			"Content-Disposition: form-data; name=\"d[]\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nD=3D2",
		), `{"a":"A","b":"B","d":["D1","D=3D2"]}`, false, ""},
		{"uploaded file is left out", "POST", multipartBody(
			"Content-Disposition: form-data; name=\"name\"\r\n\r\nx",
			"Content-Disposition: form-data; name=\"f\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF",
		), `{"name":"x"}`, false, `multipart part "f" is a file upload ("a.pdf")`},
		{"empty file input is null", "POST", multipartBody(
			"Content-Disposition: form-data; name=\"c\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n",
			"Content-Disposition: form-data; name=\"d\"\r\n\r\nD",
		), `{"c":null,"d":"D"}`, false, ""},
		{"part without a name ends the form", "POST", multipartBody(
			"Content-Disposition: form-data; name=\"a\"\r\n\r\nA",
			"Content-Disposition: form-data\r\n\r\nnoname",
			"Content-Disposition: form-data; name=\"b\"\r\n\r\nB",
		), `{"a":"A"}`, false, "PHP stops reading the form there"},
		{"cut-off last part keeps its data", "POST",
			"--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nA\r\n--XX\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nBBB",
			`{"a":"A","b":"BBB"}`, false, "multipart body is malformed after 2 parts"},
		{"not multipart at all", "POST", "hello", `{}`, false, "multipart body is malformed after 0 parts"},
		{"PUT is not parsed by PHP", "PUT", multipartBody("Content-Disposition: form-data; name=\"a\"\r\n\r\nA"),
			`{"a":"A"}`, true, "PHP parses form bodies only for POST"},
		{"GET body ignored", "GET", multipartBody("Content-Disposition: form-data; name=\"a\"\r\n\r\nA"),
			`{}`, false, "multipart body on a GET request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := read(t, tt.method, "/x", "multipart/form-data; boundary=XX", tt.body)
			if got := fieldsJSON(t, in); got != tt.want {
				t.Errorf("fields = %s, want %s", got, tt.want)
			}
			if in.BodyIgnoredByLaravel != tt.ignored {
				t.Errorf("BodyIgnoredByLaravel = %v", in.BodyIgnoredByLaravel)
			}
			checkWarning(t, in, tt.warning)
			if tt.ignored && len(in.Strict().Keys()) != 0 {
				t.Errorf("Strict keys = %q", in.Strict().Keys())
			}
		})
	}
}

func TestReadInputMultipartWithoutBoundary(t *testing.T) {
	in := read(t, "POST", "/x", "multipart/form-data", multipartBody("Content-Disposition: form-data; name=\"a\"\r\n\r\nA"))
	if len(in.Keys()) != 0 {
		t.Errorf("keys = %q", in.Keys())
	}
	checkWarning(t, in, "multipart/form-data without a boundary")
}

func TestReadInputOtherContentTypes(t *testing.T) {
	tests := []struct {
		ct, body, warning string
	}{
		{"", `{"name":"x"}`, "request has a body but no Content-Type"},
		{"text/plain", "name=x", `Content-Type "text/plain" is neither JSON nor a form`},
		{"application/xml", "<a/>", "neither JSON nor a form"},
		{"", "", ""},
	}
	for _, tt := range tests {
		in := read(t, "POST", "/x", tt.ct, tt.body)
		if len(in.Keys()) != 0 {
			t.Errorf("%q: keys = %q", tt.ct, in.Keys())
		}
		checkWarning(t, in, tt.warning)
	}
}

func TestReadInputQueryUnion(t *testing.T) {
	in := read(t, "PUT", "/x?name=fromquery&extra=%20e%20&name2=", "application/json", `{"name":"frombody"}`)
	if got, want := fieldsJSON(t, in), `{"name":"frombody","extra":"e","name2":null}`; got != want {
		t.Errorf("fields = %s, want %s", got, want)
	}
}

func TestReadInputInvalidUTF8InForms(t *testing.T) {
	in := read(t, "POST", "/x?q=%C3", "application/x-www-form-urlencoded", "name=%FF%20&ok=1&n%FFm=2&a[x]=%E0")
	want := phpjson.Object{
		{Key: "name", Value: "\xff"}, // PHP trim() fallback: the space goes
		{Key: "ok", Value: "1"},
		{Key: "n\xffm", Value: "2"},
		{Key: "a", Value: phpjson.Object{{Key: "x", Value: "\xe0"}}},
		{Key: "q", Value: "\xc3"},
	}
	if got := in.Object(); !reflect.DeepEqual(got, want) {
		t.Errorf("fields = %#v", got)
	}
	if got, want := in.InvalidUTF8Fields, []string{"name", "n\uFFFDm", "a.x", "q"}; !reflect.DeepEqual(got, want) {
		t.Errorf("InvalidUTF8Fields = %q, want %q", got, want)
	}
	checkWarning(t, in, "malformed UTF-8 in \"name\", \"n\uFFFDm\", \"a.x\", \"q\"")
}

func TestReadInputTooLarge(t *testing.T) {
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("POST", "/x", strings.NewReader(`{"name":"`+strings.Repeat("x", 100)+`"}`))
	r.Header.Set("Content-Type", "application/json")
	r.Body = http.MaxBytesReader(rec, r.Body, 50)
	_, err := ReadInput(r)
	var mbe *http.MaxBytesError
	if !errors.Is(err, ErrTooLarge) || !errors.As(err, &mbe) || mbe.Limit != 50 {
		t.Errorf("err = %v", err)
	}
}

func TestReadInputReadError(t *testing.T) {
	boom := errors.New("boom")
	r := httptest.NewRequest("POST", "/x", nil)
	r.Body = io.NopCloser(iotest.ErrReader(boom))
	_, err := ReadInput(r)
	if !errors.Is(err, boom) || errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v", err)
	}
}

func TestTrimString(t *testing.T) {
	// Expectations from PHP 8.2 running Laravel 10's TrimStrings regex.
	tests := map[string]string{
		" a ":                     "a",
		"\u00a0a\u3000":           "a",
		"\ufeffa\u200b":           "a",
		"\u200ea":                 "\u200ea",
		"\x00a\x00":               "\x00a\x00",
		"\fa\f":                   "a",
		"\u0085a":                 "a",
		"\u180ea":                 "a",
		"\u2028a\u2029":           "a",
		"\u202fa\u205f":           "a",
		"\xff a ":                 "\xff a",
		"\x0ba\x0b":               "a",
		" \xc3 ":                  "\xc3",
		"\x00\xff\x00":            "\xff",
		"inner  space stays here": "inner  space stays here",
	}
	for in, want := range tests {
		if got := trimString(in); got != want {
			t.Errorf("trimString(%q) = %q, want %q", in, got, want)
		}
	}
}
