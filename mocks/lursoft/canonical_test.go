package lursoft

import (
	"crypto/rsa"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/fixtures"
	"github.com/kycsim/kycsim/mocks/kit/soap"
)

// params parses request elements as the kit parses a body.
func params(t testing.TB, inner string) []soap.Value {
	t.Helper()
	body := `<?xml version="1.0"?><e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/"><e:Body><f>` + inner + `</f></e:Body></e:Envelope>`
	req, fault := soap.ParseRequest([]byte(body), soap.Limits{MaxBytes: 1 << 20, MaxDepth: 64, MaxElements: 1000})
	if fault != nil {
		t.Fatalf("%s: %v", inner, fault)
	}
	return req.Params
}

// TestCanonicalPHP checks the canonical JSON against what PHP 8.2's
// SoapServer hands the application for the same elements (verified with
// ext/soap and a WSDL of the same types; absent and nil parameters reach
// PHP as null) and json_encode then writes.
func TestCanonicalPHP(t *testing.T) {
	tests := []struct {
		name, function, xml, want string
	}{
		{"seed 001 login example", "login",
			`<username>lietotaja_vards</username><password>parole</password><role_id>1234</role_id>`,
			`{"username":"lietotaja_vards","password":"parole","role_id":1234}`},
		{"documented order whatever the element order", "login",
			`<role_id>1234</role_id><password>parole</password><username>lietotaja_vards</username>`,
			`{"username":"lietotaja_vards","password":"parole","role_id":1234}`},
		{"signature is not signed", "logout",
			`<signature>abc</signature><sid>7dde835d8f06bb20e37b286279c7c21c</sid>`,
			`{"sid":"7dde835d8f06bb20e37b286279c7c21c"}`},
		{"explicit xsd:string wins over the WSDL's int", "get_objects",
			`<sid>s</sid><list_id xsi:type="xsd:string">6750</list_id>`,
			`{"sid":"s","list_id":"6750"}`},
		{"int with spaces, float forms", "get_objects",
			`<sid>s</sid><list_id> 12 </list_id><start>1e3</start><rows>12.5</rows>`,
			`{"sid":"s","list_id":12,"start":1000,"rows":12.5}`},
		{"beyond 64 bits is a float", "get_object",
			`<sid>s</sid><id>99999999999999999999</id>`,
			`{"sid":"s","id":1.0e+20}`},
		{"empty int and bool elements are null and left out; an empty string stays", "add_object",
			`<sid></sid><list_id></list_id><code>x</code><check_ur></check_ur>`,
			`{"sid":"","code":"x"}`},
		{"xsi:nil left out", "get_objects",
			`<sid>s</sid><list_id>1</list_id><start xsi:nil="true"/>`,
			`{"sid":"s","list_id":1}`},
		{"booleans as ext/soap reads them", "add_object",
			`<sid>s</sid><list_id>1</list_id><check_ur>F</check_ur>`,
			`{"sid":"s","list_id":1,"check_ur":false}`},
		{"a bool that is neither word is PHP truthiness", "add_object",
			`<check_ur>no</check_ur>`,
			`{"check_ur":true}`},
		{"Latvian letters and slash escaped as json_encode does", "add_list",
			`<sid>s</sid><name>Jānis Bērziņš / ņ</name><type>PERSONS</type><description>a"b\c&lt;&gt;&amp;'</description>`,
			`{"sid":"s","name":"J\u0101nis B\u0113rzi\u0146\u0161 \/ \u0146","type":"PERSONS","description":"a\"b\\c<>&'"}`},
		{"string[] as a JSON array, item types honoured", "add_list_monitoring",
			`<sid>s</sid><list_id>6750</list_id><email enc:arrayType="xsd:string[2]" xsi:type="enc:Array"><item>a@b.lv</item><item xsi:type="xsd:int">5</item></email>` +
				`<empty_mail>true</empty_mail><period>D</period><start_date>2026-01-01</start_date><services><item>SV_BIRTH</item><item>SV_UBIRTH</item></services>`,
			`{"sid":"s","list_id":6750,"email":["a@b.lv",5],"empty_mail":true,"period":"D","start_date":"2026-01-01","services":["SV_BIRTH","SV_UBIRTH"]}`},
		{"a string[] sent as plain text is an empty array", "add_list_monitoring",
			`<email>a@b.lv</email>`, `{"email":[]}`},
		{"a string[] typed xsd:string stays a string", "add_list_monitoring",
			`<email xsi:type="xsd:string">a@b.lv</email>`, `{"email":"a@b.lv"}`},
		{"xsd:decimal is a string, xsd:double a float, xsd:long an int, SOAP-ENC:string a string", "get_objects",
			`<sid xsi:type="xsd:long">7</sid><list_id xsi:type="xsd:decimal">5.50</list_id><start xsi:type="xsd:double">5</start><rows xsi:type="enc:string">7</rows>`,
			`{"sid":7,"list_id":"5.50","start":5,"rows":"7"}`},
		{"the first of two elements of one name counts; unknown ones are ignored", "logout",
			`<sid>a</sid><sid>b</sid><zzz>1</zzz>`, `{"sid":"a"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := functionByName[tt.function]
			a, _, fault := decodeArgs(f, params(t, tt.xml))
			if fault != nil {
				t.Fatalf("fault %+v", fault)
			}
			got, err := canonical(f, a, nilOmitted)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestDecodeFaults: what PHP's SoapServer refuses with "SOAP-ERROR:
// Encoding: Violation of encoding rules" (verified on PHP 8.2).
func TestDecodeFaults(t *testing.T) {
	for _, x := range []string{`<list_id>abc</list_id>`, `<list_id>1 2</list_id>`, `<list_id>0x1A</list_id>`,
		`<list_id>١٢</list_id>`, `<sid><a>1</a></sid>`} {
		f := functionByName["get_objects"]
		if _, _, fault := decodeArgs(f, params(t, x)); fault == nil || fault.String != "SOAP-ERROR: Encoding: Violation of encoding rules" {
			t.Errorf("%s: fault %v", x, fault)
		}
	}
}

func TestNilForms(t *testing.T) {
	f := functionByName["get_objects"]
	a, _, _ := decodeArgs(f, params(t, `<sid>s</sid><list_id>1</list_id><start xsi:nil="true"/>`))
	for form, want := range map[nilForm]string{
		nilOmitted: `{"sid":"s","list_id":1}`,
		nilSent:    `{"sid":"s","list_id":1,"start":null}`,
		nilAll:     `{"sid":"s","list_id":1,"start":null,"rows":null}`,
	} {
		got, _ := canonical(f, a, form)
		if string(got) != want {
			t.Errorf("form %d: got %s, want %s", form, got, want)
		}
	}
}

func TestDecodeSignature(t *testing.T) {
	raw := []byte("\x00\x01signature bytes\xff")
	enc := base64.StdEncoding.EncodeToString(raw)
	wrapped := enc[:5] + "\n  " + enc[5:10] + "\r\n\t" + enc[10:]
	for _, in := range []string{enc, wrapped, " " + enc + " "} {
		if got := decodeSignature(in); string(got) != string(raw) {
			t.Errorf("decodeSignature(%q) = %q", in, got)
		}
	}
	// PHP 8.2: base64_decode("QUJD=RA==") is "ABCD", ("QUJDR") is "ABC", ("A") is "".
	for in, want := range map[string]string{"QUJD=RA==": "ABCD", "QUJDR": "ABC", "A": "", "QU JD\nRA": "ABCD"} {
		if got := decodeSignature(in); string(got) != want {
			t.Errorf("decodeSignature(%q) = %q, want %q", in, got, want)
		}
	}
}

func testKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	pemData, err := fixtures.LursoftFixtureKey(DefaultSignKey)
	if err != nil {
		t.Fatal(err)
	}
	key, err := fixtures.ParseRSAPrivateKey(pemData)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func TestSignVerify(t *testing.T) {
	key := testKey(t)
	data := []byte(`{"username":"lietotaja_vards","password":"parole","role_id":1234}`)
	sig, err := Sign(key, data)
	if err != nil {
		t.Fatal(err)
	}
	if !verify(&key.PublicKey, data, sig) {
		t.Fatal("own signature does not verify")
	}
	wrapped := strings.Join([]string{sig[:76], sig[76:152], sig[152:]}, "\n")
	if !verify(&key.PublicKey, data, wrapped) {
		t.Error("line-wrapped signature does not verify")
	}
	if verify(&key.PublicKey, []byte(`{"username":"lietotaja_vards","password":"parole","role_id":"1234"}`), sig) {
		t.Error("signature verifies over other data")
	}
	for _, bad := range []string{"", "!!!!", strings.Repeat("QUFB", 10000), sig[:len(sig)-8]} {
		if verify(&key.PublicKey, data, bad) {
			t.Errorf("%.20q verifies", bad)
		}
	}
}

func TestCanonicalClientSide(t *testing.T) {
	got, err := Canonical("get_objects", []Arg{{Name: "list_id", Text: "6750"}, {Name: "sid", Text: "abc"}, {Name: "rows", Text: "10", Type: "xsd:string"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"sid":"abc","list_id":6750,"rows":"10"}`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
	got, err = Canonical("add_list_monitoring", []Arg{{Name: "email", Items: []string{"a@b.lv"}}, {Name: "empty_mail", Text: "false"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"email":["a@b.lv"],"empty_mail":false}`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if _, err := Canonical("nope", nil); err == nil {
		t.Error("unknown function accepted")
	}
	if _, err := Canonical("login", []Arg{{Name: "sid"}}); err == nil {
		t.Error("unknown parameter accepted")
	}
}

func TestResponseTypeNames(t *testing.T) {
	for _, f := range functions {
		if want := pascal(f.name) + "Response"; f.ret != want {
			t.Errorf("%s returns %s, want %s", f.name, f.ret, want)
		}
	}
	if len(functions) != 17 {
		t.Errorf("%d functions, want 17", len(functions))
	}
}

func TestHTTPStatus(t *testing.T) {
	want := map[int]int{}
	for _, c := range []int{2000, 2001, 2002, 2004, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 3001} {
		want[c] = 400
	}
	for _, c := range []int{2003, 2005, 2006, 2007, 3002} {
		want[c] = 401
	}
	for _, c := range []int{1001, 1002, 1003, 1004, 1005, 3000} {
		want[c] = 403
	}
	want[1000] = 500
	if len(want) != len(Codes) {
		t.Fatalf("%d codes in the table, %d in Codes", len(want), len(Codes))
	}
	for _, c := range Codes {
		if got := HTTPStatus(c); got != want[c] {
			t.Errorf("HTTPStatus(%d) = %d, want %d", c, got, want[c])
		}
		for _, lang := range []string{Latvian, Russian, English} {
			if Message(c, lang) == "" {
				t.Errorf("no %s message for %d", lang, c)
			}
		}
	}
}

// FuzzCanonical: any parameter text and xsi:type decode and canonicalise
// without a panic; the canonical JSON is ASCII (DEL included, as
// json_encode writes it) and its diagnostic header value is printable.
func FuzzCanonical(f *testing.F) {
	f.Add("get_objects", "6750", "string", "x", false)
	f.Add("add_list", "Jānis / ņ", "", "\x00\u2028", true)
	f.Add("login", "1e999", "double", "12.5", false)
	f.Add("add_list_monitoring", "NaN", "float", "INF", false)
	for _, fn := range Functions() {
		f.Add(fn, "1", "int", "", true)
	}
	f.Fuzz(func(t *testing.T, function, text, typ, item string, nilValue bool) {
		fn, ok := functionByName[function]
		if !ok {
			fn = functions[len(function)%len(functions)]
		}
		var b strings.Builder
		for i, p := range fn.params {
			switch {
			case nilValue && i%2 == 0:
				b.WriteString("<" + p.name + ` xsi:nil="true"/>`)
			case p.kind == kStrings:
				b.WriteString("<" + p.name + "><item>" + xmlEscape(item) + `</item><item xsi:type="xsd:` + xmlEscape(typ) + `">` + xmlEscape(text) + "</item></" + p.name + ">")
			case i%3 == 0:
				b.WriteString("<" + p.name + ` xsi:type="xsd:` + xmlEscape(typ) + `">` + xmlEscape(text) + "</" + p.name + ">")
			default:
				b.WriteString("<" + p.name + ">" + xmlEscape(text) + "</" + p.name + ">")
			}
		}
		body := `<?xml version="1.0"?><e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><e:Body><f>` + b.String() + `</f></e:Body></e:Envelope>`
		req, fault := soap.ParseRequest([]byte(body), soap.Limits{MaxBytes: 1 << 20, MaxDepth: 64, MaxElements: 1000})
		if fault != nil {
			return // invalid XML characters in text: the kit's concern
		}
		a, _, fault := decodeArgs(fn, req.Params)
		if fault != nil {
			return
		}
		for _, form := range []nilForm{nilOmitted, nilSent, nilAll} {
			out, err := canonical(fn, a, form)
			if err != nil {
				continue // invalid UTF-8 or a non-finite float: json_encode fails too
			}
			for _, c := range out {
				if c < 0x20 || c > 0x7f {
					t.Fatalf("non-ASCII or control byte %#x in %q", c, out)
				}
			}
			for _, c := range []byte(expectedHeader(out)) {
				if c < 0x20 || c > 0x7e {
					t.Fatalf("byte %#x in the header value for %q", c, out)
				}
			}
		}
	})
}
