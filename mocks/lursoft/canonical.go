package lursoft

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math"
	"strings"

	"github.com/kycsim/kycsim/mocks/kit/phpjson"
	"github.com/kycsim/kycsim/mocks/kit/soap"
)

// XML Schema namespaces whose xsi:type names kycsim understands (PHP
// ext/soap accepts the 1999 and 2000/10 drafts too), and SOAP-ENC, whose
// types (SOAP-ENC:string, …) mirror XML Schema's.
var typeNamespaces = map[string]bool{
	"http://www.w3.org/2001/XMLSchema":          true,
	"http://www.w3.org/1999/XMLSchema":          true,
	"http://www.w3.org/2000/10/XMLSchema":       true,
	"http://schemas.xmlsoap.org/soap/encoding/": true,
}

// explicitKinds maps an xsi:type local name to how PHP decodes it.
var explicitKinds = map[string]string{
	"string": "string", "normalizedString": "string", "token": "string", "anyURI": "string",
	"date": "string", "dateTime": "string", "time": "string", "base64Binary": "string",
	"int": "int", "long": "int", "short": "int", "byte": "int", "integer": "int",
	"nonNegativeInteger": "int", "positiveInteger": "int", "nonPositiveInteger": "int", "negativeInteger": "int",
	"unsignedLong": "int", "unsignedInt": "int", "unsignedShort": "int", "unsignedByte": "int",
	"boolean": "bool",
	"float":   "float", "double": "float",
	"decimal": "string", // ext/soap keeps decimals as strings ("5.50")
	"Array":   "array",
}

// explicitKind is how the value's own xsi:type says to decode it; "" means
// no usable xsi:type, so the WSDL's type applies (SPEC.md §2: an explicit
// xsi:type wins, as PHP decodes <list_id xsi:type="xsd:string">6750</list_id>
// as the string "6750").
func explicitKind(v soap.Value) string {
	if v.IsArray {
		return "array"
	}
	if v.Type == "" || !typeNamespaces[v.TypeNS] {
		return ""
	}
	return explicitKinds[v.Type]
}

// decodeValue turns a request value into the PHP value the application
// sees: nil, string, int64, float64, bool or []any. Where PHP's SoapServer
// itself refuses the value (a non-number for an int) it returns the
// encoding fault PHP answers.
func decodeValue(v soap.Value, k kind) (any, *soap.Fault) {
	if f := v.Check(); f != nil {
		return nil, f
	}
	if v.Nil {
		return nil, nil
	}
	switch ek := explicitKind(v); {
	case ek == "string" || (ek == "" && k == kString):
		s, f := v.StringValue()
		if f != nil {
			return nil, f
		}
		return s, nil
	case ek == "int" || (ek == "" && k == kInt):
		return v.Number()
	case ek == "bool" || (ek == "" && k == kBool):
		if v.Empty() {
			return nil, nil
		}
		b, f := v.Bool()
		if f != nil {
			return nil, f
		}
		return b, nil
	case ek == "float":
		return phpDouble(v)
	default: // "array", or the WSDL's string[]
		items := make([]any, 0, len(v.Items))
		for _, it := range v.Items {
			d, f := decodeValue(it, kString)
			if f != nil {
				return nil, f
			}
			items = append(items, d)
		}
		return items, nil
	}
}

// phpDouble is ext/soap's to_zval_double: a number (as a float), NaN, INF
// or -INF.
func phpDouble(v soap.Value) (any, *soap.Fault) {
	n, f := v.Number()
	if f != nil {
		switch strings.TrimSpace(v.Text) {
		case "NaN":
			return math.NaN(), nil
		case "INF":
			return math.Inf(1), nil
		case "-INF":
			return math.Inf(-1), nil
		}
		return nil, f
	}
	if i, ok := n.(int64); ok {
		return float64(i), nil
	}
	return n, nil
}

// args are a request's decoded parameters by name; a parameter that was
// not sent is absent, one sent as xsi:nil (or an empty int/bool) is nil.
type args map[string]any

// decodeArgs decodes the parameters f knows, typed by the WSDL unless
// their xsi:type says otherwise. Unknown parameters are returned by name
// (PHP's SoapServer ignores them).
func decodeArgs(f *function, params []soap.Value) (a args, unknown []string, fault *soap.Fault) {
	a = make(args, len(params))
	for _, v := range params {
		if v.Name == "signature" {
			continue
		}
		p, ok := f.param(v.Name)
		if !ok {
			unknown = append(unknown, v.Name)
			continue
		}
		if _, dup := a[p.name]; dup {
			continue // PHP binds the first element of a name
		}
		d, fault := decodeValue(v, p.kind)
		if fault != nil {
			return nil, nil, fault
		}
		a[p.name] = d
	}
	return a, unknown, nil
}

// nilForm says which parameters without a value the signed object holds.
type nilForm int

const (
	nilOmitted nilForm = iota // absent and xsi:nil parameters left out (the default form)
	nilSent                   // parameters sent as xsi:nil included as null
	nilAll                    // every parameter of the function, null when absent
)

// canonical is the JSON object the client signed: f's parameters except
// signature, in the documented order, as PHP's json_encode writes them.
func canonical(f *function, a args, form nilForm) ([]byte, error) {
	obj := make(phpjson.Object, 0, len(f.params))
	for _, p := range f.params {
		v, sent := a[p.name]
		switch {
		case !sent && form != nilAll, sent && v == nil && form == nilOmitted:
			continue
		}
		obj = append(obj, phpjson.Member{Key: p.name, Value: v})
	}
	return phpjson.Marshal(obj)
}

// decodeSignature is PHP's non-strict base64_decode: every character
// outside the alphabet (line breaks, spaces, '=' wherever it stands) is
// skipped, and a dangling last character is dropped.
func decodeSignature(s string) []byte {
	clean := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
			clean = append(clean, c)
		}
	}
	if len(clean)%4 == 1 {
		clean = clean[:len(clean)-1]
	}
	out, err := base64.RawStdEncoding.DecodeString(string(clean))
	if err != nil {
		return nil
	}
	return out
}

// verify reports whether sig (base64, as sent) is an RSA PKCS #1 v1.5
// SHA-256 signature of data by pub: openssl_verify(..., OPENSSL_ALGO_SHA256).
func verify(pub *rsa.PublicKey, data []byte, sig string) bool {
	raw := decodeSignature(sig)
	if len(raw) == 0 || pub == nil {
		return false
	}
	sum := sha256.Sum256(data)
	return rsa.VerifyPKCS1v15(pub, crypto.SHA256, sum[:], raw) == nil
}

// SignatureHeader names the response header that carries, on 3002, the
// canonical JSON kycsim verified against and its SHA-256.
const SignatureHeader = "X-Kycsim-Signature-Expected"

// expectedHeader is SignatureHeader's value: "sha256=<hex>; json=<JSON>".
// json_encode escapes every control character and all of non-ASCII except
// DEL (0x7F), which it writes raw; the header writes DEL as the equivalent
// \u007f so that it is always a valid header value. The hash is of the
// exact canonical bytes.
func expectedHeader(canonicalJSON []byte) string {
	sum := sha256.Sum256(canonicalJSON)
	return "sha256=" + hex.EncodeToString(sum[:]) + "; json=" + strings.ReplaceAll(string(canonicalJSON), "\x7f", `\u007f`)
}

// Arg is one request parameter as it travels in an envelope, for clients
// built on this package (`kycsim sign`, the conformance runner, tests).
type Arg struct {
	Name string
	// Text is the element's text; Items the <item>s of a string[]
	// parameter (email, services).
	Text  string
	Items []string
	// Type is the xsi:type written on the element ("xsd:string"); "" means
	// the WSDL's type.
	Type string
	Nil  bool // xsi:nil="true"
}

// Canonical returns the JSON string a request of function with args must
// be signed over: exactly what kycsim verifies (the parameters typed by the
// WSDL unless Type says otherwise, in the documented order, as json_encode
// writes them; parameters not of the function are left out).
func Canonical(function string, list []Arg) ([]byte, error) {
	f, ok := functionByName[function]
	if !ok {
		return nil, fmt.Errorf("lursoft: no function %q (functions: %s)", function, strings.Join(Functions(), ", "))
	}
	for _, a := range list {
		if _, ok := f.param(a.Name); !ok {
			return nil, fmt.Errorf("lursoft: %s has no parameter %q", function, a.Name)
		}
	}
	// Through the XML the client would send, so that the typing is the
	// server's own.
	env := RequestEnvelope(function, "", list)
	req, fault := soap.ParseRequest(env, soap.Limits{MaxBytes: int64(len(env)) + 1, MaxDepth: maxDepth, MaxElements: maxElements})
	if fault != nil {
		return nil, fmt.Errorf("lursoft: %s", fault.String)
	}
	decoded, _, fault := decodeArgs(f, req.Params)
	if fault != nil {
		return nil, fmt.Errorf("lursoft: %s", fault.String)
	}
	return canonical(f, decoded, nilOmitted)
}

// Sign signs data as seed 001's PHP example does (openssl_sign with
// SHA-256, then base64_encode).
func Sign(key *rsa.PrivateKey, data []byte) (string, error) {
	sum := sha256.Sum256(data)
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(sig), nil
}

// RequestEnvelope writes a SOAP 1.1 RPC/encoded request for function, as
// PHP's SoapClient sends one in WSDL mode: the signature element first,
// then the parameters, every value with its xsi:type.
func RequestEnvelope(function, signature string, list []Arg) []byte {
	f := functionByName[function]
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="` + Namespace +
		`" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">`)
	b.WriteString("<SOAP-ENV:Body><ns1:" + function + ">")
	b.WriteString(`<signature xsi:type="xsd:string">` + xmlEscape(signature) + "</signature>")
	for _, a := range list {
		k := kString
		if f != nil {
			if p, ok := f.param(a.Name); ok {
				k = p.kind
			}
		}
		typ := a.Type
		if typ == "" {
			typ = k.xsd()
		}
		switch {
		case a.Nil:
			b.WriteString("<" + a.Name + ` xsi:nil="true"/>`)
		case len(a.Items) > 0 || (k == kStrings && a.Type == ""):
			fmt.Fprintf(&b, `<%s SOAP-ENC:arrayType="xsd:string[%d]" xsi:type="SOAP-ENC:Array">`, a.Name, len(a.Items))
			for _, it := range a.Items {
				b.WriteString(`<item xsi:type="xsd:string">` + xmlEscape(it) + "</item>")
			}
			b.WriteString("</" + a.Name + ">")
		default:
			b.WriteString("<" + a.Name + ` xsi:type="` + typ + `">` + xmlEscape(a.Text) + "</" + a.Name + ">")
		}
	}
	b.WriteString("</ns1:" + function + "></SOAP-ENV:Body></SOAP-ENV:Envelope>\n")
	return []byte(b.String())
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "\r", "&#13;")

func xmlEscape(s string) string { return xmlEscaper.Replace(s) }
