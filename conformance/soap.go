package conformance

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// A soap: step calls one function of an RPC/encoded SOAP 1.1 service
// (Lursoft, SPEC.md §2) with its parameters in the documented order, signed
// as the service requires. The format is parsed and validated now; running
// it waits for the Lursoft emulation (the runner skips such cases with that
// reason). See README.md, "SOAP steps".
type soapCall struct {
	endpoint  string // path relative to the file's base_path; default /api/wsdl?ws=1
	function  string
	params    []soapParam
	sign      signRef
	signature *string // a literal signature element, instead of signing
	headers   []header
}

// soapParam is one parameter. value is a string, json.Number, bool, nil
// (xsi:nil) or []any of strings (a SOAP-ENC array); xsdType is the
// xsi:type written ("xsd:int", …), "" for none.
type soapParam struct {
	name    string
	value   any
	xsdType string
	// typeGiven: the case wrote {value, type}; otherwise a ${…} that
	// yields a number or a boolean is sent as xsd:int or xsd:boolean.
	typeGiven bool
}

// signRef names the private key that signs the request.
type signRef struct {
	kind string // "fixture", "pem" or "none"
	ref  string // fixture key name or PEM path
}

type soapExpect struct {
	success    *bool
	code       *int
	message    *string
	returnType string
	returns    []jsonCheck // JSON pointers into the decoded return value
	fault      *faultExpect
}

type faultExpect struct {
	code, text string
}

type soapDoc struct {
	Endpoint  string    `yaml:"endpoint"`
	Function  string    `yaml:"function"`
	Params    yaml.Node `yaml:"params"`
	SignWith  string    `yaml:"sign_with"`
	Signature *string   `yaml:"signature"`
	Headers   yaml.Node `yaml:"headers"`
}

type faultDoc struct {
	Code   string `yaml:"code"`
	String string `yaml:"string"`
}

var (
	soapIdent = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	xsdTypes  = []string{"xsd:string", "xsd:int", "xsd:boolean", "xsd:float", "xsd:double", "xsd:long"}
)

// DefaultSOAPEndpoint is where Yii's CWebServiceAction answers SOAP.
const defaultSOAPEndpoint = "/api/wsdl?ws=1"

func parseSOAP(d *soapDoc) (*soapCall, []error) {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf("soap: "+format, args...)) }
	c := &soapCall{endpoint: d.Endpoint, function: d.Function, signature: d.Signature}
	if c.endpoint == "" {
		c.endpoint = defaultSOAPEndpoint
	}
	if !strings.HasPrefix(c.endpoint, "/") {
		bad("endpoint: must start with /")
	}
	if !soapIdent.MatchString(d.Function) {
		bad("function: %q is not a function name", d.Function)
	}
	if d.Params.Kind != 0 {
		n := resolveAlias(&d.Params)
		if n.Kind != yaml.MappingNode {
			bad("params: must map parameter names to values, in the documented (signing) order")
		} else {
			seen := map[string]bool{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				name := n.Content[i].Value
				if !soapIdent.MatchString(name) {
					bad("params: %q is not a parameter name", name)
				}
				if name == "signature" {
					bad("params: signature is not a parameter: it is made from sign_with (or given as signature:)")
				}
				if seen[name] {
					bad("params: %s given twice", name)
				}
				seen[name] = true
				p, err := parseSOAPParam(name, n.Content[i+1])
				if err != nil {
					bad("params: %s: %v", name, err)
				}
				c.params = append(c.params, p)
			}
		}
	}
	switch {
	case d.SignWith != "" && d.Signature != nil:
		bad("give sign_with: or signature:, not both")
	case d.Signature != nil:
	case d.SignWith == "none":
		c.sign = signRef{kind: "none"}
	case strings.HasPrefix(d.SignWith, "fixture:") && len(d.SignWith) > len("fixture:"):
		c.sign = signRef{kind: "fixture", ref: strings.TrimPrefix(d.SignWith, "fixture:")}
	case strings.HasPrefix(d.SignWith, "pem:") && len(d.SignWith) > len("pem:"):
		c.sign = signRef{kind: "pem", ref: strings.TrimPrefix(d.SignWith, "pem:")}
	default:
		bad("sign_with: %q must be fixture:<key name>, pem:<path to a private key> or none", d.SignWith)
	}
	if d.Headers.Kind != 0 {
		hs, err := stringPairs(&d.Headers)
		if err != nil {
			bad("headers: %v", err)
		}
		c.headers = hs
	}
	return c, errs
}

func parseSOAPParam(name string, n *yaml.Node) (soapParam, error) {
	n = resolveAlias(n)
	p := soapParam{name: name}
	switch n.Kind {
	case yaml.MappingNode:
		var d struct {
			Value yaml.Node `yaml:"value"`
			Type  string    `yaml:"type"`
		}
		if err := decodeStrict(n, &d); err != nil {
			return p, err
		}
		if d.Type != "" && !containsString(xsdTypes, d.Type) {
			return p, fmt.Errorf("type %q is not one of %s", d.Type, strings.Join(xsdTypes, ", "))
		}
		if d.Value.Kind != yaml.ScalarNode {
			return p, errors.New("value: must be a single value")
		}
		v, err := nodeValue(&d.Value)
		if err != nil {
			return p, err
		}
		p.value, p.xsdType, p.typeGiven = v, d.Type, d.Type != ""
		return p, nil
	case yaml.SequenceNode:
		var items []any
		for _, c := range n.Content {
			c = resolveAlias(c)
			if c.Kind != yaml.ScalarNode {
				return p, errors.New("an array parameter holds strings")
			}
			items = append(items, c.Value)
		}
		p.value = items
		return p, nil
	case yaml.ScalarNode:
		v, err := nodeValue(n)
		if err != nil {
			return p, err
		}
		p.value = v
		switch n.ShortTag() {
		case "!!int":
			p.xsdType = "xsd:int"
		case "!!bool":
			p.xsdType = "xsd:boolean"
		case "!!null":
		default:
			p.xsdType = "xsd:string"
		}
		return p, nil
	}
	return p, errors.New("expected a value, a list of strings or {value, type}")
}

func parseSOAPExpect(ed *expectDoc) (*expectation, []error) {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf("expect: "+format, args...)) }
	e := &expectation{status: ed.Status, bodyBytes: ed.BodyBytes, bodyContains: ed.BodyContains}
	if ed.Status < 100 || ed.Status > 599 {
		bad("status must be an HTTP status (100-599)")
	}
	if ed.BodySchema != "" || ed.Body.Kind != 0 || ed.JSON.Kind != 0 {
		bad("body_schema, body and json belong to JSON answers; a soap: step checks success, code, message, return_type, return or fault")
	}
	errs = append(errs, parseCommonExpect(ed, e)...)
	se := &soapExpect{success: ed.Success, code: ed.Code, message: ed.Message, returnType: ed.ReturnType}
	if ed.Fault != nil {
		if ed.Success != nil || ed.Code != nil || ed.ReturnType != "" || ed.Return.Kind != 0 {
			bad("a fault has no success, code, return_type or return")
		}
		if ed.Fault.Code == "" || ed.Fault.String == "" {
			bad("fault: needs code (e.g. SOAP-ENV:Client) and string (e.g. Bad Request)")
		}
		se.fault = &faultExpect{code: ed.Fault.Code, text: ed.Fault.String}
	} else {
		if ed.Success == nil {
			bad("success: true or false is required (or fault:)")
		}
		if ed.ReturnType == "" || !soapIdent.MatchString(ed.ReturnType) {
			bad("return_type: the response type is required (e.g. LoginResponse)")
		}
		if ed.Success != nil && !*ed.Success && ed.Code == nil {
			bad("code: an error answer (success: false) must give its code")
		}
	}
	if ed.Return.Kind != 0 {
		n := resolveAlias(&ed.Return)
		if n.Kind != yaml.MappingNode {
			bad("return: must map JSON pointers into the return value (e.g. /sid) to values")
		} else {
			for i := 0; i+1 < len(n.Content); i += 2 {
				ptr := n.Content[i].Value
				if _, err := pointerTokens(ptr); err != nil {
					bad("return: %v", err)
					continue
				}
				v, err := nodeValue(n.Content[i+1])
				if err != nil {
					bad("return: %s: %v", ptr, err)
					continue
				}
				if err := checkMarkers(v); err != nil {
					bad("return: %s: %v", ptr, err)
				}
				se.returns = append(se.returns, jsonCheck{pointer: ptr, value: v})
			}
		}
	}
	e.soap = se
	return e, errs
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
