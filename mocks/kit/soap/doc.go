// Package soap speaks SOAP 1.1 RPC/encoded the way a PHP 8.2 ext/soap
// SoapServer does behind a WSDL written by Yii 1 CWsdlGenerator: it parses
// request envelopes as PHP's parser and decoders read them, and writes
// responses, faults and the WSDL byte-for-byte as PHP and Yii write them.
//
// The package knows nothing of any particular service: function names,
// parameter names and types are the caller's. A handler typically does:
//
//	req, f := soap.ParseRequest(body, soap.Limits{})
//	if f != nil { soap.WriteFault(w, f); return }
//	// look the function up (PHP compares names case-insensitively);
//	// unknown → soap.WriteFault(w, soap.UnknownFunction(req.Function))
//	args, passed, f := req.Args([]string{"sid", "id"}) // PHP's parameter binding
//	id, f := args[1].Int()                              // PHP's xsd:int decoding
//	body := soap.Envelope{Namespace: ns}.Response(fn, soap.Struct{Type: "GetObjectResponse", Fields: …})
//	soap.WriteResponse(w, http.StatusOK, body)
//
// Everything here was checked against real PHP 8.2.36 (php8.2-soap,
// libxml2 2.9.14): testdata/ holds the PHP server and the scripts that
// produced the golden files the tests compare with, byte for byte.
//
// Where this package is stricter or different than PHP, the doc comment of
// the function concerned says so.
package soap
