package soap

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestResponseValues(t *testing.T) {
	env := Envelope{Namespace: "urn:ApiControllerwsdl"}
	const head = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn:ApiControllerwsdl" `
	const tail = "</return></ns1:fnResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>\n"
	const xsdXsiEnc = `xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body><ns1:fnResponse><return xsi:type="ns1:R">`
	tests := []struct {
		name   string
		fields []Field
		want   string
	}{
		{"ints of every size", []Field{{"a", int8(-8)}, {"b", uint16(16)}, {"c", int32(-32)}, {"d", uint64(18446744073709551615)}},
			head + xsdXsiEnc + `<a xsi:type="xsd:int">-8</a><b xsi:type="xsd:int">16</b><c xsi:type="xsd:int">-32</c><d xsi:type="xsd:int">18446744073709551615</d>` + tail},
		{"[]string is an xsd:string array", []Field{{"tags", []string{"a", "<b>"}}},
			head + `xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body><ns1:fnResponse><return xsi:type="ns1:R">` +
				`<tags SOAP-ENC:arrayType="xsd:string[2]" xsi:type="ns1:stringArray"><item xsi:type="xsd:string">a</item><item xsi:type="xsd:string">&lt;b&gt;</item></tags>` + tail},
		{"nil pointers", []Field{{"s", (*Struct)(nil)}, {"a", (*Array)(nil)}, {"n", 1}},
			head + `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body><ns1:fnResponse><return xsi:type="ns1:R">` +
				`<s xsi:nil="true"/><a xsi:nil="true"/><n xsi:type="xsd:int">1</n>` + tail},
		{"other types as strings; invalid UTF-8 replaced; NUL ends a string", []Field{{"f", 1.5}, {"u", "a\xffb"}, {"z", "a\x00b"}},
			head + xsdXsiEnc + `<f xsi:type="xsd:string">1.5</f><u xsi:type="xsd:string">a` + "\uFFFD" + `b</u><z xsi:type="xsd:string">a</z>` + tail},
		{"tns prefix accepted in array item types", []Field{{"l", &Array{ItemType: "tns:T", Items: []any{Struct{Type: "T"}}}}},
			head + `xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body><ns1:fnResponse><return xsi:type="ns1:R">` +
				`<l SOAP-ENC:arrayType="ns1:T[1]" xsi:type="ns1:TArray"><item xsi:type="ns1:T"/></l>` + tail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(env.Response("fn", Struct{Type: "R", Fields: tt.fields}))
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestWriters(t *testing.T) {
	rec := httptest.NewRecorder()
	WriteFault(rec, UnknownFunction("x"))
	want := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Server</faultcode><faultstring>Procedure 'x' not present</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>` + "\n"
	if rec.Code != http.StatusInternalServerError || rec.Body.String() != want ||
		rec.Header().Get("Content-Type") != "text/xml; charset=utf-8" || rec.Header().Get("Content-Length") != "292" {
		t.Errorf("WriteFault: %d %v %q", rec.Code, rec.Header(), rec.Body.String())
	}

	rec = httptest.NewRecorder()
	WriteFault(rec, nil)
	if !strings.Contains(rec.Body.String(), "<faultstring>Internal Error</faultstring>") {
		t.Errorf("WriteFault(nil): %q", rec.Body.String())
	}

	rec = httptest.NewRecorder()
	WriteWSDL(rec, []byte("<definitions/>"))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/xml;charset=UTF-8" || rec.Header().Get("Content-Length") != "14" {
		t.Errorf("WriteWSDL: %d %v", rec.Code, rec.Header())
	}

	f := TooFewArguments("ApiController", "login", 1, 4)
	if f.Error() != "SOAP-ENV:Server: Too few arguments to function ApiController::login(), 1 passed and exactly 4 expected" {
		t.Errorf("Error() = %q", f.Error())
	}
	if EncodingViolation().String != "SOAP-ERROR: Encoding: Violation of encoding rules" {
		t.Error(EncodingViolation())
	}
}

// The cases were run through PHP 8.2 DOMDocument::createElement (as Yii
// calls it) and saveXML.
func TestYiiDocText(t *testing.T) {
	tests := []struct{ doc, want string }{
		{"a &amp; b", "a &amp; b"},
		{"a &unknown; b", "a &unknown; b"},
		{"a &#x101; &#257; b", "a ā ā b"},
		{"a & b", ""},
		{"x\r\ny\tz", "x&#13;\ny\tz"},
		{"<b>", "&lt;b&gt;"},
		{"a &lt;b&gt;", "a &lt;b&gt;"},
		{"ctl\x01x", "ctl\x01x"},
		{`'q' "d"`, `'q' "d"`},
		{"&amp", ""},
		{"&#0;", ""},
		{"Latviešu ā", "Latviešu ā"},
	}
	for _, tt := range tests {
		if got := yiiDocText(tt.doc); got != tt.want {
			t.Errorf("yiiDocText(%q) = %q, want %q", tt.doc, got, tt.want)
		}
	}
	// Attribute values, from the same PHP run (setAttribute + saveXML).
	attrs := []struct{ in, want string }{
		{"a &amp; b", "a &amp;amp; b"},
		{"x\r\ny\tz", "x&#13;&#10;y&#9;z"},
		{`'q' "d"`, "'q' &quot;d&quot;"},
		{"<b>", "&lt;b&gt;"},
	}
	for _, tt := range attrs {
		if got := string(appendAttr(nil, tt.in)); got != tt.want {
			t.Errorf("appendAttr(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// want is what testdata/yii_wsdl.php writes for this service.
func TestWSDLMinimal(t *testing.T) {
	got := string(Service{Name: "S", Namespace: "urn:Swsdl", Location: "http://h/ws?ws=1"}.WSDL())
	want := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:Swsdl" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/" name="S" targetNamespace="urn:Swsdl">` +
		`<wsdl:portType name="SPortType"/><wsdl:binding name="SBinding" type="tns:SPortType"><soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/></wsdl:binding>` +
		`<wsdl:service name="SService"><wsdl:port name="SPort" binding="tns:SBinding"><soap:address location="http://h/ws?ws=1"/></wsdl:port></wsdl:service></definitions>` + "\n"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
