package soap

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// The golden files come from testdata/run.sh: every requests/<case>.xml was
// sent to a real PHP 8.2 SoapServer (testdata/server.php, set up as Yii 1's
// CWebService sets it up, behind the WSDL testdata/yii_wsdl.php writes) and
// its answer recorded as golden/<case>.http; decoded/<case>.json records
// how PHP decoded the parameters of typed(). demoHandler below is the same
// service written with this package: for every case it must answer the
// same status, Content-Type and bytes, and decode the same values.

func loadService(t testing.TB) Service {
	t.Helper()
	b, err := os.ReadFile("testdata/service.json")
	if err != nil {
		t.Fatal(err)
	}
	var s Service
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestWSDLGolden(t *testing.T) {
	want, err := os.ReadFile("testdata/golden/service.wsdl")
	if err != nil {
		t.Fatal(err)
	}
	got := loadService(t).WSDL()
	if !bytes.Equal(got, want) {
		t.Errorf("WSDL differs from Yii's\n got: %s\nwant: %s", got, want)
	}
}

type golden struct {
	status      string // "HTTP/1.1 200 OK"
	contentType string
	body        []byte
}

func readGolden(t *testing.T, name string) golden {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata/golden", name+".http"))
	if err != nil {
		t.Fatal(err)
	}
	status, rest, _ := bytes.Cut(b, []byte("\n"))
	ct, body, _ := bytes.Cut(rest, []byte("\n\n"))
	return golden{string(status), strings.TrimPrefix(string(ct), "Content-Type: "), body}
}

// divergences are the cases where kycsim deliberately answers otherwise
// than PHP; the test checks kycsim's answer instead.
var divergences = map[string]*Fault{
	// PHP answers a SOAP 1.2 envelope in SOAP 1.2; the services emulated
	// here are SOAP 1.1 only.
	"fault_soap12": {Code: CodeVersionMismatch, String: "Wrong Version"},
}

// unsupported are cases the package has no API for.
var unsupported = map[string]string{
	"call_noreturn": "a function without a return part",
}

func TestGoldenCases(t *testing.T) {
	files, err := filepath.Glob("testdata/requests/*.xml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no requests: %v", err)
	}
	sort.Strings(files)
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".xml")
		t.Run(name, func(t *testing.T) {
			if why, ok := unsupported[name]; ok {
				t.Skip("no API for " + why)
			}
			req, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want := readGolden(t, name)
			rec := httptest.NewRecorder()
			decoded := demoHandler(rec, req)
			if f, ok := divergences[name]; ok {
				want = golden{"HTTP/1.1 500 Internal Server Error", "text/xml; charset=utf-8", AppendFault(nil, f)}
			}
			gotStatus := "HTTP/1.1 " + http.StatusText(rec.Code)
			if !strings.HasSuffix(want.status, " "+http.StatusText(rec.Code)) || !strings.Contains(want.status, " "+itoa(rec.Code)+" ") {
				t.Errorf("status %d (%s), PHP: %s", rec.Code, gotStatus, want.status)
			}
			if ct := rec.Header().Get("Content-Type"); ct != want.contentType {
				t.Errorf("Content-Type %q, PHP: %q", ct, want.contentType)
			}
			if cl := rec.Header().Get("Content-Length"); cl != itoa(rec.Body.Len()) {
				t.Errorf("Content-Length %q for %d bytes", cl, rec.Body.Len())
			}
			wantDecoded, err := os.ReadFile(filepath.Join("testdata/decoded", name+".json"))
			if err == nil {
				// typed(): the body holds PHP's json_encode dump; compare
				// what was decoded rather than how PHP printed it.
				compareDecoded(t, decoded, wantDecoded)
				return
			}
			if !bytes.Equal(rec.Body.Bytes(), want.body) {
				t.Errorf("body differs from PHP's\n got: %q\nwant: %q", rec.Body.Bytes(), want.body)
			}
		})
	}
}

func itoa(n int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + jsonNumber(n)) }

func jsonNumber(n int) string { b, _ := json.Marshal(n); return string(b) }

func compareDecoded(t *testing.T, got map[string]any, wantJSON []byte) {
	t.Helper()
	if got == nil {
		t.Fatalf("typed() was not called; PHP decoded %s", wantJSON)
	}
	var want, norm any
	if err := json.Unmarshal(wantJSON, &want); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &norm); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(norm, want) {
		t.Errorf("decoded\n got: %s\nwant: %s", b, bytes.Join(bytes.Fields(wantJSON), nil))
	}
}

// demoFunctions are the functions of testdata/service.json with their
// parameter names, as the PHP DemoService declares them.
var demoFunctions = map[string][]string{
	"login":     {"signature", "username", "password", "role_id"},
	"typed":     {"s", "i", "b", "list"},
	"get_items": {"count"},
	"get_tags":  {"count"},
	"nulls":     nil,
	"texts":     nil,
	"fail":      {"code", "message", "actor", "detail"},
	"noreturn":  {"sid"},
	"empty":     nil,
}

var demoTypes = map[string]string{
	"signature": "string", "username": "string", "password": "string", "role_id": "int",
	"s": "string", "i": "int", "b": "boolean", "list": "stringArray",
	"count": "int", "code": "string", "message": "string", "actor": "string", "detail": "string", "sid": "string",
}

// demoHandler is testdata/server.php written with this package. For
// typed() it returns what it decoded, in the shape of server.php's dump.
func demoHandler(w http.ResponseWriter, body []byte) map[string]any {
	// PHP's own limits: libxml2 with XML_PARSE_HUGE accepts 2049 levels.
	req, f := ParseRequest(body, Limits{MaxDepth: 2049})
	if f != nil {
		WriteFault(w, f)
		return nil
	}
	fn := ""
	for name := range demoFunctions {
		if strings.EqualFold(name, req.Function) { // PHP: case-insensitive
			fn = name
		}
	}
	if fn == "" {
		WriteFault(w, UnknownFunction(req.Function))
		return nil
	}
	names := demoFunctions[fn]
	args, passed, f := req.Args(names)
	if f != nil {
		WriteFault(w, f)
		return nil
	}
	vals := make([]any, len(names))
	for i, a := range args {
		if a == nil {
			continue
		}
		if vals[i], f = phpDecode(*a, demoTypes[names[i]]); f != nil {
			WriteFault(w, f)
			return nil
		}
	}
	if f := req.MustUnderstand(); f != nil {
		WriteFault(w, f)
		return nil
	}
	if passed < len(names) {
		WriteFault(w, TooFewArguments("DemoService", fn, passed, len(names)))
		return nil
	}
	env := Envelope{Namespace: "urn:ApiControllerwsdl"}
	var ret Struct
	switch fn {
	case "login":
		switch vals[1] {
		case "error":
			ret = Struct{Type: "LoginResponse", Fields: []Field{{"sid", nil}, {"success", false}, {"message", "Autorizācija neveiksmīga"}, {"code", 2003}}}
		case "missing":
			WriteFault(w, &Fault{Code: CodeServer, String: "SOAP-ERROR: Encoding: object has no 'code' property"})
			return nil
		default:
			ret = Struct{Type: "LoginResponse", Fields: []Field{{"sid", "7dde835d8f06bb20e37b286279c7c21c"}, {"success", true}, {"message", "Autorizācija veiksmīga"}, {"code", nil}}}
		}
	case "typed":
		out := map[string]any{"args": passed}
		for i, n := range names {
			out[n] = describe(vals[i])
		}
		WriteResponse(w, http.StatusOK, env.Response(fn, Struct{Type: "TypedResponse", Fields: []Field{{"dump", "…"}}}))
		return out
	case "get_items":
		n := toInt(vals[0])
		var items []any
		for i := 1; i <= n; i++ {
			var parent any
			if i > 1 {
				parent = i - 1
			}
			items = append(items, Struct{Type: "Item", Fields: []Field{{"id", i}, {"name", "Item " + itoa(i)}, {"active", i%2 == 1}, {"parent", parent}}})
		}
		var tags []string
		for i := 1; i <= n && i <= 3; i++ {
			tags = append(tags, "tag "+itoa(i))
		}
		ret = Struct{Type: "ItemsResponse", Fields: []Field{{"items", Array{ItemType: "Item", Items: items}}, {"tags", tags}, {"count", n}, {"success", true}}}
	case "get_tags":
		n := toInt(vals[0])
		tags := Array{ItemType: "xsd:string", Items: []any{}}
		for i := 1; i <= n; i++ {
			tags.Items = append(tags.Items, "tag "+itoa(i))
		}
		ret = Struct{Type: "TagsResponse", Fields: []Field{{"tags", tags}, {"count", n}}}
	case "nulls":
		ret = Struct{Type: "NullsResponse", Fields: []Field{
			{"s", nil}, {"i", nil}, {"b", nil}, {"item", TypedNil{Type: "Item"}},
			{"items", Array{ItemType: "tns:Item", Items: []any{nil, Struct{Type: "Item", Fields: []Field{{"id", 7}, {"name", ""}, {"active", false}, {"parent", nil}}}}}},
			{"empty", ""}, {"none", TypedNil{Type: "ItemArray"}},
			{"strs", Array{ItemType: "xsd:string", Items: []any{nil, "a&b", ""}}},
			{"big", int64(9223372036854775807)}, {"neg", -42},
			{"nested", &Struct{Type: "Item", Fields: []Field{{"id", 0}, {"name", "n"}, {"active", true}, {"parent", 3}}}},
		}}
	case "texts":
		ret = Struct{Type: "TextsResponse", Fields: []Field{
			{"amp", "Tom & Jerry &amp; co"},
			{"lt_gt", "<b>bold</b> a<b c>d"},
			{"quotes", `"double" 'single'`},
			{"latvian", `Sabiedrība ar ierobežotu atbildību "DAGGA" ĀāČčĒēĢģĪīĶķĻļŅņŠšŪūŽž`},
			{"cyrillic", "Привет, мир"},
			{"emoji", "😀 \U0010FFFF"},
			{"whitespace", "  lead\ttab\nnl\r\ncrlf\rcr  "},
			{"controls", "ctl \x01\x08\x0b\x0c\x1f\x7f end"},
			{"nul", "before\x00after"},
			{"entities", "&lt; &#38; &#x26; &nbsp;"},
			{"cdata_end", "]]> <![CDATA[x]]>"},
			{"numeric", "0012"},
		}}
	case "fail":
		code, _ := vals[0].(string)
		switch code {
		case "Client", "Server", "VersionMismatch", "MustUnderstand":
			code = "SOAP-ENV:" + code
		}
		msg, _ := vals[1].(string)
		actor, _ := vals[2].(string)
		detail, _ := vals[3].(string)
		WriteFault(w, &Fault{Code: code, String: msg, Actor: actor, Detail: detail})
		return nil
	case "empty":
		ret = Struct{Type: "EmptyResponse"}
	}
	WriteResponse(w, http.StatusOK, env.Response(fn, ret))
	return nil
}

func toInt(v any) int {
	n, _ := v.(int64)
	return int(n)
}

// phpDecode decodes a parameter as ext/soap's master_to_zval does for the
// WSDL type, letting a known xsi:type in the request win.
func phpDecode(v Value, wsdlType string) (any, *Fault) {
	if f := v.Check(); f != nil {
		return nil, f
	}
	t := wsdlType
	if v.TypeNS == nsEncoding && v.Type == "Struct" {
		// An object, as PHP's non-WSDL client sends a stdClass.
		if v.Nil {
			return nil, nil
		}
		obj := make(object, len(v.Items))
		for i, it := range v.Items {
			x, f := phpDecode(it, "string")
			if f != nil {
				return nil, f
			}
			obj[i] = member{it.Name, x}
		}
		return obj, nil
	}
	if v.TypeNS == "http://www.w3.org/2001/XMLSchema" {
		switch v.Type {
		case "string", "int", "boolean":
			t = v.Type
		}
	}
	switch t {
	case "string":
		if v.Nil {
			return nil, nil
		}
		return v.StringValue()
	case "int":
		return v.Number()
	case "boolean":
		if v.Nil || v.Empty() {
			return nil, nil
		}
		return v.Bool()
	case "stringArray":
		if v.Nil {
			return nil, nil
		}
		items := make([]any, len(v.Items))
		for i, it := range v.Items {
			x, f := phpDecode(it, "string")
			if f != nil {
				return nil, f
			}
			items[i] = x
		}
		return items, nil
	}
	return nil, EncodingViolation()
}

type member struct {
	key   string
	value any
}

// object is a decoded stdClass, members in order.
type object []member

// describe mirrors describe() in server.php.
func describe(v any) map[string]any {
	switch v := v.(type) {
	case object:
		items := make([]any, len(v))
		for i, m := range v {
			items[i] = map[string]any{"key": m.key, "value": describe(m.value)}
		}
		return map[string]any{"type": "stdClass", "items": items}
	case nil:
		return map[string]any{"type": "null", "value": nil}
	case string:
		return map[string]any{"type": "string", "value": v}
	case int64:
		return map[string]any{"type": "int", "value": v}
	case float64:
		return map[string]any{"type": "float", "value": v}
	case bool:
		return map[string]any{"type": "bool", "value": v}
	case []any:
		items := make([]any, len(v))
		for i, x := range v {
			items[i] = map[string]any{"key": i, "value": describe(x)}
		}
		return map[string]any{"type": "array", "items": items}
	}
	return map[string]any{"type": "?"}
}
