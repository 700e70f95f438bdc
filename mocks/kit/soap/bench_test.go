package soap

import (
	"strconv"
	"strings"
	"testing"
)

// signedRequest is a ~2 KB request as PHP's SoapClient sends it: a base64
// RSA-2048 signature, a session id and a dozen typed parameters, arrays
// included.
func signedRequest() []byte {
	sig := strings.Repeat("PfjPgL9scoPLIA2niVMsQgJoCeqkIRtE6MISBekHuWAMVGR1kCUcsCY2KgrSfwpco6WCRUHBteLx4Lyp4vJpVaZ", 4)[:344]
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn:ApiControllerwsdl" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body><ns1:add_list_monitoring>`)
	b.WriteString(`<signature xsi:type="xsd:string">` + sig + `</signature>`)
	b.WriteString(`<sid xsi:type="xsd:string">7dde835d8f06bb20e37b286279c7c21c</sid><list_id xsi:type="xsd:int">6750</list_id>`)
	b.WriteString(`<email SOAP-ENC:arrayType="xsd:string[3]" xsi:type="ns1:stringArray">`)
	for i := 0; i < 3; i++ {
		b.WriteString(`<item xsi:type="xsd:string">monitoring` + strconv.Itoa(i) + `@example.lv</item>`)
	}
	b.WriteString(`</email><empty_mail xsi:type="xsd:boolean">true</empty_mail><period xsi:type="xsd:string">D</period><start_date xsi:type="xsd:string">2025-04-09</start_date>`)
	b.WriteString(`<services SOAP-ENC:arrayType="xsd:string[12]" xsi:type="ns1:stringArray">`)
	for i := 0; i < 12; i++ {
		b.WriteString(`<item xsi:type="xsd:string">SV_SERVICE_` + strconv.Itoa(i) + `</item>`)
	}
	b.WriteString(`</services><end_date xsi:type="xsd:string">2026-04-09</end_date><comment xsi:type="xsd:string">Sabiedrība ar ierobežotu atbildību &quot;DAGGA&quot; &amp; partneri</comment>`)
	b.WriteString(`</ns1:add_list_monitoring></SOAP-ENV:Body></SOAP-ENV:Envelope>`)
	return []byte(b.String())
}

func BenchmarkParseRequest(b *testing.B) {
	body := signedRequest()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		req, f := ParseRequest(body, Limits{})
		if f != nil {
			b.Fatal(f)
		}
		if _, _, f := req.Args([]string{"signature", "sid", "list_id", "email", "empty_mail", "period", "start_date", "services", "end_date"}); f != nil {
			b.Fatal(f)
		}
	}
}

// BenchmarkResponse25000 writes a struct holding a list with 25 000
// objects of eight fields each, the largest answer get_objects may give.
func BenchmarkResponse25000(b *testing.B) {
	objects := make([]any, 25000)
	for i := range objects {
		objects[i] = Struct{Type: "ResponseObject", Fields: []Field{
			{"id", 1000000 + i}, {"code", "40003" + strconv.Itoa(100000+i)}, {"type", "COMPANY"},
			{"name", `SIA "Uzņēmums ` + strconv.Itoa(i) + `" & Co`}, {"virtual_id", 3000000 + i},
			{"client_id", nil}, {"is_active", true}, {"address", "Rīga, Brīvības iela " + strconv.Itoa(i%200)},
		}}
	}
	ret := Struct{Type: "GetObjectsResponse", Fields: []Field{
		{"list", Struct{Type: "ResponseList", Fields: []Field{
			{"id", 6750}, {"name", "Saraksts"}, {"object_count", len(objects)},
			{"objects", Array{ItemType: "ResponseObject", Items: objects}},
		}}},
		{"success", true}, {"message", "OK"}, {"code", nil},
	}}
	env := Envelope{Namespace: "urn:ApiControllerwsdl"}
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = len(env.Response("get_objects", ret))
	}
	b.SetBytes(int64(n))
}
