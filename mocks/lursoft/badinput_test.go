package lursoft_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/mocks/lursoft"
	"github.com/kycsim/kycsim/mocks/server"
)

const envHead = `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>`
const envTail = `</soap:Body></soap:Envelope>`

// TestBadInput: hostile or broken requests get PHP SoapServer's fault or
// the documented code, never a panic (a panic would be a 1000 answer or a
// Server "Internal Server Error" fault).
func TestBadInput(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	sid := e.login()
	deep := strings.Repeat("<a>", 10000) + strings.Repeat("</a>", 10000)
	tests := []struct {
		name, body, faultCode, faultString string
	}{
		{"malformed XML", envHead + `<login><username>x</login>` + envTail, "SOAP-ENV:Client", "Bad Request"},
		{"empty body", ``, "SOAP-ENV:Client", "Bad Request"},
		{"not XML", `{"username":"lietotaja_vards"}`, "SOAP-ENV:Client", "Bad Request"},
		{"entity declarations are refused, never expanded", `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>` +
			`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><login><username>&b;</username></login></soap:Body></soap:Envelope>`,
			"SOAP-ENV:Server", "DTD are not supported by SOAP"},
		{"a DOCTYPE pointing outside", `<?xml version="1.0"?><!DOCTYPE d SYSTEM "file:///etc/passwd"><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><login/></soap:Body></soap:Envelope>`,
			"SOAP-ENV:Server", "DTD are not supported by SOAP"},
		{"very deep nesting", envHead + `<login><username>` + deep + `</username></login>` + envTail, "SOAP-ENV:Client", "Bad Request"},
		{"an unknown function", envHead + `<transfer_money><signature>x</signature></transfer_money>` + envTail, "SOAP-ENV:Server", "Procedure 'transfer_money' not present"},
		{"a string where an int belongs", envHead + `<get_objects><signature>x</signature><sid>` + sid + `</sid><list_id>seši</list_id></get_objects>` + envTail,
			"SOAP-ENV:Server", "SOAP-ERROR: Encoding: Violation of encoding rules"},
		{"the wrong envelope namespace", `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><login/></soap:Body></soap:Envelope>`,
			"SOAP-ENV:VersionMismatch", "Wrong Version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.t = t
			r := e.post(tt.body)
			r.isFault(tt.faultCode, tt.faultString)
		})
	}

	// A signature that is huge, or not base64 at all, is a 3002.
	for name, sig := range map[string]string{
		"huge signature":       strings.Repeat("QUJD", 500000),
		"non-base64 signature": "ceci n'est pas une signature <>&;",
		"binary garbage":       "\x01\x02\x03",
	} {
		t.Run(name, func(t *testing.T) {
			e.t = t
			body := string(lursoft.RequestEnvelope("get_lists", sig, []lursoft.Arg{p("sid", sid)}))
			if strings.ContainsRune(sig, '\x01') { // not even XML: PHP's parser refuses it
				e.post(body).isFault("SOAP-ENV:Client", "Bad Request")
				return
			}
			e.post(body).failed("GetListsResponse", lursoft.CodeSignatureMismatch)
		})
	}
}

// TestBodyTooLarge: a body over the limit reaches PHP as an empty request.
func TestBodyTooLarge(t *testing.T) {
	srv, err := server.Start(server.Options{BodyLimit: 1024, LogOutput: discard{}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	body := envHead + `<login><username>` + strings.Repeat("x", 2048) + `</username></login>` + envTail
	resp, err := http.Post(srv.URL()+"/api/wsdl?ws=1", "text/xml", bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	got := readAll(t, resp)
	if resp.StatusCode != 500 || !strings.Contains(got, "<faultcode>SOAP-ENV:Client</faultcode><faultstring>Bad Request</faultstring>") {
		t.Errorf("%d %s", resp.StatusCode, got)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// TestGetWithWS: GET with ?ws is a SOAP request without a body.
func TestGetWithWS(t *testing.T) {
	e := newEnv(t, lursoft.Config{})
	resp, err := http.Get(e.endpoint())
	if err != nil {
		t.Fatal(err)
	}
	if body := readAll(t, resp); resp.StatusCode != 500 || !strings.Contains(body, "Bad Request") {
		t.Errorf("%d %s", resp.StatusCode, body)
	}
}
