package soap

import (
	"fmt"
	"net/http"
	"strconv"
)

// Fault is a SOAP 1.1 fault as PHP's SoapServer writes it.
type Fault struct {
	// Code is the faultcode as written: "SOAP-ENV:Client", "SOAP-ENV:Server",
	// "SOAP-ENV:VersionMismatch", "SOAP-ENV:MustUnderstand", or any other
	// text (PHP writes a code it does not know verbatim, without a prefix).
	Code string
	// String is the faultstring.
	String string
	// Actor is the faultactor; empty leaves the element out.
	Actor string
	// Detail is the detail, written as plain text; empty leaves it out.
	Detail string
}

// Error returns "code: string", so a *Fault can travel as an error.
func (f *Fault) Error() string {
	if f == nil {
		return "<nil>"
	}
	return f.Code + ": " + f.String
}

// Fault codes PHP prefixes with SOAP-ENV.
const (
	CodeClient          = "SOAP-ENV:Client"
	CodeServer          = "SOAP-ENV:Server"
	CodeVersionMismatch = "SOAP-ENV:VersionMismatch"
	CodeMustUnderstand  = "SOAP-ENV:MustUnderstand"
)

func clientFault(s string) *Fault { return &Fault{Code: CodeClient, String: s} }
func serverFault(s string) *Fault { return &Fault{Code: CodeServer, String: s} }

// badRequest is PHP's answer to a body libxml cannot parse, and kycsim's
// answer to a body beyond its limits.
func badRequest() *Fault { return clientFault("Bad Request") }

// UnknownFunction is PHP's fault for a function the WSDL does not declare:
// SOAP-ENV:Server "Procedure 'name' not present", name as the request wrote
// it. PHP looks functions up case-insensitively, so only a name that matches
// no function in any letter case gets this fault.
func UnknownFunction(name string) *Fault {
	return serverFault("Procedure '" + name + "' not present")
}

// EncodingViolation is PHP's fault for a value its decoder for the WSDL
// type cannot read (for example "12abc" where the WSDL says xsd:int, or an
// element with child elements where it says xsd:string).
func EncodingViolation() *Fault {
	return serverFault("SOAP-ERROR: Encoding: Violation of encoding rules")
}

// MissingParameter is PHP's fault for a call of a function that takes
// parameters when the function element has no content at all.
func MissingParameter() *Fault { return clientFault("Missing parameter") }

// CannotFindParameter is PHP's fault for more positional parameters than
// the function declares.
func CannotFindParameter() *Fault { return clientFault("Error cannot find parameter") }

// TooFewArguments is the fault PHP 8 answers when SoapServer calls a method
// with fewer arguments than it requires (positional parameters, see
// Request.Args): the ArgumentCountError message for a method without
// optional parameters, e.g. "Too few arguments to function
// ApiController::login(), 1 passed and exactly 4 expected".
func TooFewArguments(class, method string, passed, expected int) *Fault {
	return serverFault(fmt.Sprintf("Too few arguments to function %s::%s(), %d passed and exactly %d expected", class, method, passed, expected))
}

// AppendFault appends the fault envelope PHP writes: only the SOAP-ENV
// namespace declared, no xsi:type anywhere, a trailing newline.
func AppendFault(dst []byte, f *Fault) []byte {
	if f == nil {
		f = serverFault("Internal Error")
	}
	dst = append(dst, xmlDecl...)
	dst = append(dst, `<SOAP-ENV:Envelope xmlns:SOAP-ENV="`+nsEnvelope+`"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>`...)
	dst = appendText(dst, f.Code)
	dst = append(dst, "</faultcode><faultstring>"...)
	dst = appendText(dst, f.String)
	dst = append(dst, "</faultstring>"...)
	if f.Actor != "" {
		dst = append(dst, "<faultactor>"...)
		dst = appendText(dst, f.Actor)
		dst = append(dst, "</faultactor>"...)
	}
	if f.Detail != "" {
		dst = append(dst, "<detail>"...)
		dst = appendText(dst, f.Detail)
		dst = append(dst, "</detail>"...)
	}
	return append(dst, "</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>\n"...)
}

// WriteFault answers with the fault as PHP does: HTTP 500,
// Content-Type "text/xml; charset=utf-8", Content-Length.
func WriteFault(w http.ResponseWriter, f *Fault) {
	WriteResponse(w, http.StatusInternalServerError, AppendFault(nil, f))
}

// WriteResponse writes a SOAP body with PHP's headers:
// Content-Type "text/xml; charset=utf-8" and Content-Length.
func WriteResponse(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/xml; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
