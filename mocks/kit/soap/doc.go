// Package soap speaks SOAP 1.1 RPC/encoded the way a PHP 8.2 ext/soap
// SoapServer does behind a WSDL written by Yii 1 CWsdlGenerator: it parses
// request envelopes as PHP's parser and decoders read them, and writes
// responses, faults and the WSDL byte-for-byte as PHP and Yii write them.
//
// The package knows nothing of any particular service: function names,
// parameter names and types are the caller's. A handler does what
// SoapServer::handle() does, in the same order:
//
//	req, f := soap.ParseRequest(body, soap.Limits{})  // envelope faults
//	// look req.Function up, case-insensitively as PHP does;
//	// none → soap.WriteFault(w, soap.UnknownFunction(req.Function))
//	args, passed, f := req.Args([]string{"sid", "id"}) // PHP's parameter binding
//	if args[1] != nil {
//		id, f := args[1].Int()                      // PHP's xsd:int decoding
//	}
//	f = req.MustUnderstand()                           // after the parameters
//	body := soap.Envelope{Namespace: ns}.Response(fn, soap.Struct{Type: "GetObjectResponse", Fields: …})
//	soap.WriteResponse(w, http.StatusOK, body)
//
// Everything here was checked against real PHP 8.2.36 (php8.2-soap,
// libxml2 2.9.14): testdata/ holds the PHP server and the scripts that
// produced the golden files the tests compare with byte for byte, and the
// checks of the WSDL with PHP's SoapClient and node-soap (testdata/README.md).
//
// Where this package is stricter than PHP or differs from it, the doc
// comment of the function concerned says so.
package soap
