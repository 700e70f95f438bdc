package soap

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

const envOpen = `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns1="urn:test">`

func call(params string) []byte {
	return []byte(envOpen + "<SOAP-ENV:Body><ns1:fn>" + params + "</ns1:fn></SOAP-ENV:Body></SOAP-ENV:Envelope>")
}

func mustParse(t *testing.T, body []byte) *Request {
	t.Helper()
	req, f := ParseRequest(body, Limits{})
	if f != nil {
		t.Fatalf("ParseRequest: %v", f)
	}
	return req
}

// param parses one parameter element.
func param(t *testing.T, xml string) Value {
	t.Helper()
	req := mustParse(t, call(xml))
	if len(req.Params) != 1 {
		t.Fatalf("%d params", len(req.Params))
	}
	return req.Params[0]
}

func TestParseFunction(t *testing.T) {
	tests := []struct {
		name, body    string
		function, ns  string
		params        []string
		paramsTypeNSs []string
	}{
		{"SOAP-ENV prefix, ns1 function",
			string(call(`<a xsi:type="xsd:string">x</a><b xsi:type="xsd:int">1</b>`)), "fn", "urn:test", []string{"a", "b"}, []string{nsXSD, nsXSD}},
		{"soap prefix, unqualified function (seed style)",
			`<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" soap:encodingStyle="http://www.w3.org/2001/12/soap-encoding"><soap:Body><login><username>u</username></login></soap:Body></soap:Envelope>`,
			"login", "", []string{"username"}, []string{""}},
		{"default namespace on the function",
			`<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><fn xmlns="urn:x"><a>1</a></fn></e:Body></e:Envelope>`,
			"fn", "urn:x", []string{"a"}, []string{""}},
		{"odd prefixes for xsi and xsd",
			`<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:s="http://www.w3.org/2001/XMLSchema"><e:Body><m:fn xmlns:m="urn:y"><a i:type="s:int">1</a></m:fn></e:Body></e:Envelope>`,
			"fn", "urn:y", []string{"a"}, []string{nsXSD}},
		{"header before body, whitespace everywhere",
			"\n<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\">\n <e:Header>\n </e:Header>\n <e:Body>\n  <fn>\n   <a>1</a>\n  </fn>\n </e:Body>\n</e:Envelope>\n",
			"fn", "", []string{"a"}, []string{""}},
		{"undeclared prefix stays in the name",
			string(call(`<u:a>1</u:a>`)), "fn", "urn:test", []string{"u:a"}, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := mustParse(t, []byte(tt.body))
			if req.Function != tt.function || req.Namespace != tt.ns {
				t.Errorf("function %q in %q, want %q in %q", req.Function, req.Namespace, tt.function, tt.ns)
			}
			var names, nss []string
			for _, p := range req.Params {
				names = append(names, p.Name)
				nss = append(nss, p.TypeNS)
			}
			if !reflect.DeepEqual(names, tt.params) || !reflect.DeepEqual(nss, tt.paramsTypeNSs) {
				t.Errorf("params %q (type ns %q), want %q (%q)", names, nss, tt.params, tt.paramsTypeNSs)
			}
		})
	}
}

func TestValueFields(t *testing.T) {
	tests := []struct {
		name string
		xml  string
		want Value // unexported fields ignored
	}{
		{"typed string", `<s xsi:type="xsd:string">abc</s>`, Value{Name: "s", Type: "string", TypeNS: nsXSD, Text: "abc"}},
		{"untyped, spaces kept", `<s>  a b  </s>`, Value{Name: "s", Text: "  a b  "}},
		{"nil true", `<s xsi:nil="true"/>`, Value{Name: "s", Nil: true}},
		{"nil false is nil for PHP", `<s xsi:nil="false">x</s>`, Value{Name: "s", Nil: true, Text: "x"}},
		{"nil in no namespace", `<s nil="1"/>`, Value{Name: "s", Nil: true}},
		{"entities decoded", `<s>&lt;&amp;&gt;&#x101;</s>`, Value{Name: "s", Text: "<&>ā"}},
		{"CDATA is text", `<s><![CDATA[<b>]]></s>`, Value{Name: "s", Text: "<b>"}},
		{"SOAP-ENC array", `<l SOAP-ENC:arrayType="xsd:string[2]" xsi:type="SOAP-ENC:Array"><item>a</item><item>b</item></l>`,
			Value{Name: "l", Type: "Array", TypeNS: nsEncoding, IsArray: true, Items: []Value{{Name: "item", Text: "a"}, {Name: "item", Text: "b"}}}},
		{"Yii array type", `<l xsi:type="ns1:stringArray"/>`, Value{Name: "l", Type: "stringArray", TypeNS: "urn:test", IsArray: true}},
		{"items only", `<l><item>a</item></l>`, Value{Name: "l", IsArray: true, Items: []Value{{Name: "item", Text: "a"}}}},
		{"struct", `<o><id>1</id><name>n</name></o>`, Value{Name: "o", Items: []Value{{Name: "id", Text: "1"}, {Name: "name", Text: "n"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strip(param(t, tt.xml))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// strip drops the unexported fields for comparison.
func strip(v Value) Value {
	out := Value{Name: v.Name, Type: v.Type, TypeNS: v.TypeNS, Nil: v.Nil, Text: v.Text, IsArray: v.IsArray}
	for _, it := range v.Items {
		out.Items = append(out.Items, strip(it))
	}
	return out
}

func TestDecoders(t *testing.T) {
	type result struct {
		str    string
		strErr bool
		num    any
		numErr bool
		b      bool
		bErr   bool
		empty  bool
	}
	tests := []struct {
		xml  string
		want result
	}{
		{`<v>12</v>`, result{str: "12", num: int64(12), b: true}},
		{`<v> 12 </v>`, result{str: " 12 ", num: int64(12), b: true}},
		{"<v>\n\t-7\r\n</v>", result{str: "\n\t-7\n", num: int64(-7), b: true}},
		{`<v>007</v>`, result{str: "007", num: int64(7), b: true}},
		{`<v>1.5</v>`, result{str: "1.5", num: 1.5, b: true}},
		{`<v>1e3</v>`, result{str: "1e3", num: 1000.0, b: true}},
		{`<v>9223372036854775808</v>`, result{str: "9223372036854775808", num: 9223372036854775808.0, b: true}},
		{`<v>12abc</v>`, result{str: "12abc", numErr: true, b: true}},
		{`<v>0x1A</v>`, result{str: "0x1A", numErr: true, b: true}},
		{`<v>1 2</v>`, result{str: "1 2", numErr: true, b: true}},
		{`<v/>`, result{empty: true}},
		{`<v>   </v>`, result{empty: true}},
		{`<v xsi:nil="true">5</v>`, result{}},
		{`<v>TRUE</v>`, result{str: "TRUE", numErr: true, b: true}},
		{`<v>f</v>`, result{str: "f", numErr: true}},
		{`<v>0</v>`, result{str: "0", num: int64(0)}},
		{`<v>no</v>`, result{str: "no", numErr: true, b: true}},
		{`<v><![CDATA[12]]></v>`, result{str: "12", numErr: true, bErr: true}},
		{`<v>1<!-- c -->2</v>`, result{str: "12", num: int64(12), b: true}},
		{`<v>a<![CDATA[b]]></v>`, result{strErr: true, numErr: true, bErr: true}},
		{`<v><x/></v>`, result{strErr: true, numErr: true, bErr: true}},
		{`<v>  <![CDATA[x]]>  </v>`, result{str: "x", numErr: true, bErr: true}},
	}
	for _, tt := range tests {
		t.Run(tt.xml, func(t *testing.T) {
			v := param(t, tt.xml)
			var got result
			var f *Fault
			got.str, f = v.StringValue()
			got.strErr = f != nil
			got.num, f = v.Number()
			got.numErr = f != nil
			got.b, f = v.Bool()
			got.bErr = f != nil
			got.empty = v.Empty()
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			if v.String() != got.str {
				t.Errorf("String() %q, StringValue() %q", v.String(), got.str)
			}
			n, f := v.Int()
			switch want := tt.want.num.(type) {
			case int64:
				if f != nil || n != want {
					t.Errorf("Int() = %d, %v; want %d", n, f, want)
				}
			case float64:
				if f == nil {
					t.Errorf("Int() = %d for a float; want EncodingViolation", n)
				}
			}
		})
	}
}

func TestStrings(t *testing.T) {
	v := param(t, `<l><item>a</item><item xsi:nil="true"/><item>  </item><item> b </item></l>`)
	if got, want := v.Strings(), []string{"a", "", "", " b "}; !reflect.DeepEqual(got, want) {
		t.Errorf("Strings() = %q, want %q", got, want)
	}
}

func TestMultiRef(t *testing.T) {
	body := []byte(envOpen + `<SOAP-ENV:Body><ns1:fn><a href="#1"/><b href="#2"/></ns1:fn>` +
		`<x id="1" xsi:type="xsd:string">shared</x><y id="2"><item href="#1"/><item href="#2"/></y></SOAP-ENV:Body></SOAP-ENV:Envelope>`)
	req := mustParse(t, body)
	a, _ := req.Param("a")
	if a.Name != "a" || a.Type != "string" || a.String() != "shared" {
		t.Errorf("a = %+v", a)
	}
	b, _ := req.Param("b")
	if len(b.Items) != 2 || b.Items[0].String() != "shared" {
		t.Fatalf("b = %+v", b)
	}
	// b's second item points back at b: PHP decodes it again; here it
	// keeps b's content without the children.
	if cyc := b.Items[1]; len(cyc.Items) != 0 || cyc.Empty() {
		t.Errorf("cyclic item = %+v", cyc)
	}
	if _, f := b.Items[1].StringValue(); f == nil {
		t.Error("cyclic item decodes as a string")
	}
}

func TestMultiRefExpansionBounded(t *testing.T) {
	// 25 levels, each referring twice to the next: 2^25 values if expanded.
	var b strings.Builder
	b.WriteString(envOpen + `<SOAP-ENV:Body><ns1:fn><p href="#r0"/></ns1:fn>`)
	for i := 0; i < 25; i++ {
		fmt.Fprintf(&b, `<r id="r%d"><item href="#r%d"/><item href="#r%d"/></r>`, i, i+1, i+1)
	}
	b.WriteString(`<r id="r25">end</r></SOAP-ENV:Body></SOAP-ENV:Envelope>`)
	_, f := ParseRequest([]byte(b.String()), Limits{})
	if f == nil || f.String != "Bad Request" {
		t.Errorf("fault %v, want Bad Request", f)
	}
}

func TestArgs(t *testing.T) {
	names := []string{"sid", "id"}
	tests := []struct {
		name   string
		params string
		want   []string // Text of each arg, "<nil>" for none
		passed int
		fault  string
	}{
		{"by name", `<sid>s</sid><id>1</id>`, []string{"s", "1"}, 2, ""},
		{"by name, any order, extras ignored", `<x>9</x><id>1</id><sid>s</sid>`, []string{"s", "1"}, 2, ""},
		{"by name, one missing", `<id>1</id>`, []string{"<nil>", "1"}, 2, ""},
		{"first of duplicates", `<id>1</id><id>2</id>`, []string{"<nil>", "1"}, 2, ""},
		{"by position", `<a>s</a><b>1</b>`, []string{"s", "1"}, 2, ""},
		{"too few by position", `<a>s</a>`, []string{"s", "<nil>"}, 1, ""},
		{"text only", `text`, []string{"<nil>", "<nil>"}, 0, ""},
		{"too many by position", `<a/><b/><c/>`, nil, 0, "Error cannot find parameter"},
		{"nothing", ``, nil, 0, "Missing parameter"},
		{"white space only", "\n  ", nil, 0, "Missing parameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := mustParse(t, call(tt.params))
			args, passed, f := req.Args(names)
			if tt.fault != "" {
				if f == nil || f.String != tt.fault || f.Code != CodeClient {
					t.Fatalf("fault %v, want Client %q", f, tt.fault)
				}
				return
			}
			if f != nil {
				t.Fatal(f)
			}
			var got []string
			for _, a := range args {
				if a == nil {
					got = append(got, "<nil>")
				} else {
					got = append(got, a.Text)
				}
			}
			if !reflect.DeepEqual(got, tt.want) || passed != tt.passed {
				t.Errorf("args %q passed %d, want %q %d", got, passed, tt.want, tt.passed)
			}
		})
	}
	t.Run("no parameters", func(t *testing.T) {
		if _, _, f := mustParse(t, call(``)).Args(nil); f != nil {
			t.Error(f)
		}
		if _, _, f := mustParse(t, call(`<x/>`)).Args(nil); f == nil || f.String != "Error cannot find parameter" {
			t.Errorf("fault %v", f)
		}
	})
}

func TestHeaders(t *testing.T) {
	body := func(header string) []byte {
		return []byte(envOpen + "<SOAP-ENV:Header>" + header + "</SOAP-ENV:Header><SOAP-ENV:Body><ns1:fn/></SOAP-ENV:Body></SOAP-ENV:Envelope>")
	}
	req := mustParse(t, body(`<a>1</a><b SOAP-ENV:actor="urn:other" SOAP-ENV:mustUnderstand="1"/><c SOAP-ENV:actor="http://schemas.xmlsoap.org/soap/actor/next">3</c>`))
	if len(req.Headers) != 2 || req.Headers[0].Name != "a" || req.Headers[1].Name != "c" {
		t.Errorf("headers %+v", req.Headers)
	}
	if f := req.MustUnderstand(); f != nil {
		t.Errorf("MustUnderstand() = %v for a header addressed elsewhere", f)
	}
	req = mustParse(t, body(`<a SOAP-ENV:mustUnderstand="true"/>`))
	if f := req.MustUnderstand(); f == nil || f.Code != CodeMustUnderstand || f.String != "Header not understood" {
		t.Errorf("MustUnderstand() = %v", f)
	}
}

func TestRefused(t *testing.T) {
	deep := func(n int) []byte {
		return call(strings.Repeat("<a>", n) + strings.Repeat("</a>", n))
	}
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">`
	for i := 1; i <= 9; i++ {
		prev := "lol"
		if i > 1 {
			prev = fmt.Sprintf("lol%d", i-1)
		}
		laughs += fmt.Sprintf(`<!ENTITY lol%d "%s">`, i, strings.Repeat("&"+prev+";", 10))
	}
	laughs += `]>` + string(call(`<a attr="&lol9;">&lol9;</a>`))
	tests := []struct {
		name  string
		body  []byte
		lim   Limits
		code  string
		fault string
	}{
		{"billion laughs, never expanded", []byte(laughs), Limits{}, CodeServer, "DTD are not supported by SOAP"},
		{"external entity", []byte(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>` + string(call(`<a>&e;</a>`))), Limits{}, CodeServer, "DTD are not supported by SOAP"},
		{"DOCTYPE after the root element starts", []byte(envOpen + `<!DOCTYPE x><SOAP-ENV:Body/></SOAP-ENV:Envelope>`), Limits{}, CodeClient, "Bad Request"},
		{"DOCTYPE and malformed", []byte(`<!DOCTYPE x>` + envOpen), Limits{}, CodeClient, "Bad Request"},
		{"deeper than MaxDepth", deep(DefaultMaxDepth), Limits{}, CodeClient, "Bad Request"},
		{"more elements than MaxElements", call(strings.Repeat("<a/>", 20)), Limits{MaxElements: 20}, CodeClient, "Bad Request"},
		{"larger than MaxBytes", call(strings.Repeat("x", 2000)), Limits{MaxBytes: 1000}, CodeClient, "Bad Request"},
		{"ISO-8859-1 bytes without a declaration", call("<a>\xe4</a>"), Limits{}, CodeClient, "Bad Request"},
		{"US-ASCII declared, 8-bit bytes", append([]byte(`<?xml version="1.0" encoding="US-ASCII"?>`), call("<a>\xe4</a>")...), Limits{}, CodeClient, "Bad Request"},
		{"windows-1252 undefined byte", append([]byte(`<?xml version="1.0" encoding="windows-1252"?>`), call("<a>\x81</a>")...), Limits{}, CodeClient, "Bad Request"},
		{"UTF-16 byte order mark, odd length", []byte("\xff\xfe<\x00a"), Limits{}, CodeClient, "Bad Request"},
		{"declaration without version", append([]byte(`<?xml encoding="UTF-8"?>`), call("")...), Limits{}, CodeClient, "Bad Request"},
		{"declaration, standalone before encoding", append([]byte(`<?xml version="1.0" standalone="yes" encoding="UTF-8"?>`), call("")...), Limits{}, CodeClient, "Bad Request"},
		{"unclosed element", call("<a>"), Limits{}, CodeClient, "Bad Request"},
		{"only a declaration", []byte(`<?xml version="1.0"?>`), Limits{}, CodeClient, "Bad Request"},
		{"SOAP 1.2 envelope", []byte(`<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><fn/></e:Body></e:Envelope>`), Limits{}, CodeVersionMismatch, "Wrong Version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, f := ParseRequest(tt.body, tt.lim)
			if f == nil || f.Code != tt.code || f.String != tt.fault {
				t.Fatalf("fault %v (request %+v), want %s %q", f, req, tt.code, tt.fault)
			}
		})
	}
	t.Run("references nesting deeper than MaxDepth", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(envOpen + `<SOAP-ENV:Body><ns1:fn><p href="#r0"/></ns1:fn>`)
		for i := 0; i < 100; i++ {
			fmt.Fprintf(&b, `<r id="r%d"><item href="#r%d"/></r>`, i, i+1)
		}
		b.WriteString(`<r id="r100">end</r></SOAP-ENV:Body></SOAP-ENV:Envelope>`)
		if _, f := ParseRequest([]byte(b.String()), Limits{}); f == nil || f.String != "Bad Request" {
			t.Errorf("fault %v, want Bad Request", f)
		}
	})
	t.Run("at MaxDepth", func(t *testing.T) {
		// Envelope, Body, function: three levels before the parameters.
		if _, f := ParseRequest(deep(DefaultMaxDepth-3), Limits{}); f != nil {
			t.Errorf("fault %v", f)
		}
	})
}

func TestEncodings(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		want string
	}{
		{"ISO-8859-1", append([]byte(`<?xml version="1.0" encoding="iso-8859-1"?>`), call("<a>\xe4\xf6</a>")...), "äö"},
		{"windows-1257", append([]byte(`<?xml version='1.0' encoding='Windows-1257'?>`), call("<a>\xe2\xf0\xe8\xfb\xfe</a>")...), "āščūž"},
		{"ISO-8859-13", append([]byte(`<?xml version="1.0" encoding="ISO-8859-13"?>`), call("<a>\xe2\xf0</a>")...), "āš"},
		{"windows-1252", append([]byte(`<?xml version="1.0" encoding="cp1252"?>`), call("<a>\x80\xe4</a>")...), "€ä"},
		{"ISO-8859-15", append([]byte(`<?xml version="1.0" encoding="latin9"?>`), call("<a>\xa4</a>")...), "€"},
		{"UTF-8 BOM", append([]byte("\xef\xbb\xbf"), call("<a>ā</a>")...), "ā"},
		{"UTF-16BE BOM", utf16be(`<?xml version="1.0" encoding="UTF-16"?>` + string(call("<a>ā😀</a>"))), "ā😀"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, f := ParseRequest(tt.body, Limits{})
			if f != nil {
				t.Fatal(f)
			}
			if got := req.Params[0].String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func utf16be(s string) []byte {
	out := []byte{0xFE, 0xFF}
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			hi, lo := 0xD800+(r>>10), 0xDC00+(r&0x3FF)
			out = append(out, byte(hi>>8), byte(hi), byte(lo>>8), byte(lo))
			continue
		}
		out = append(out, byte(r>>8), byte(r))
	}
	return out
}

func TestParseDoesNotKeepInput(t *testing.T) {
	body := call(`<a>value</a>`)
	req := mustParse(t, body)
	copy(body, bytes.Repeat([]byte("x"), len(body)))
	if got := req.Params[0].String(); got != "value" {
		t.Errorf("value changed with the input buffer: %q", got)
	}
}

// Many namespace declarations in scope must not make every element slow to
// resolve (a lookup that scanned them all would take minutes here).
func TestManyNamespaceDeclarations(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"`)
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&b, ` xmlns:p%d="urn:%d"`, i, i)
	}
	b.WriteString(`><e:Body><fn>`)
	for i := 0; i < 20000; i++ {
		b.WriteString(`<e:a/>`)
	}
	b.WriteString(`</fn></e:Body></e:Envelope>`)
	req, f := ParseRequest([]byte(b.String()), Limits{})
	if f != nil {
		t.Fatal(f)
	}
	if len(req.Params) != 20000 {
		t.Errorf("%d params", len(req.Params))
	}
}
