package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"

	"github.com/kycsim/kycsim/fixtures"
	"github.com/kycsim/kycsim/mocks/kit/soap"
	"github.com/kycsim/kycsim/mocks/lursoft"
)

// soapCall runs a soap: step: it builds the envelope of the function with
// the step's parameters, signs their canonical JSON (SPEC.md §2 Request
// signing) with the step's key and posts it.
func (r *runner) soapCall(cr *caseRun, st *step, v vars) (*response, error) {
	sc := st.soap
	args := make([]lursoft.Arg, 0, len(sc.params))
	for _, p := range sc.params {
		val, err := v.substValue(p.value)
		if err != nil {
			return nil, fmt.Errorf("params: %s: %v", p.name, err)
		}
		a := lursoft.Arg{Name: p.name, Type: p.xsdType}
		switch x := val.(type) {
		case nil:
			a.Nil = true
		case []any:
			for _, it := range x {
				a.Items = append(a.Items, textOf(it))
			}
		case json.Number:
			a.Text = x.String()
			if !p.typeGiven {
				a.Type = "xsd:int"
			}
		case bool:
			a.Text = fmt.Sprint(x)
			if !p.typeGiven {
				a.Type = "xsd:boolean"
			}
		default:
			a.Text = textOf(x)
		}
		args = append(args, a)
	}
	signature := ""
	switch {
	case sc.signature != nil:
		s, err := v.substString(*sc.signature)
		if err != nil {
			return nil, fmt.Errorf("signature: %v", err)
		}
		signature = s
	case sc.sign.kind != "none":
		pemData, err := r.signingKey(cr, sc.sign)
		if err != nil {
			return nil, err
		}
		key, err := fixtures.ParseRSAPrivateKey(pemData)
		if err != nil {
			return nil, fmt.Errorf("sign_with: %v", err)
		}
		data, err := lursoft.Canonical(sc.function, args)
		if err != nil {
			data = []byte("{}") // a function the service does not have: any signature will do
		}
		if signature, err = lursoft.Sign(key, data); err != nil {
			return nil, err
		}
	}
	endpoint, err := v.substString(sc.endpoint)
	if err != nil {
		return nil, fmt.Errorf("endpoint: %v", err)
	}
	req, err := http.NewRequest(http.MethodPost, cr.base+endpoint, bytes.NewReader(lursoft.RequestEnvelope(sc.function, signature, args)))
	if err != nil {
		return nil, err
	}
	// What PHP's SoapClient sends.
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", `"`+lursoft.Namespace+"#"+sc.function+`"`)
	for _, h := range sc.headers {
		val, err := v.substString(h.value)
		if err != nil {
			return nil, fmt.Errorf("headers: %s: %v", h.name, err)
		}
		if val == "<absent>" {
			req.Header.Del(h.name)
		} else {
			req.Header.Set(h.name, val)
		}
	}
	return r.do(req)
}

// signingKey is the PEM private key a sign_with: names: a fixture role's
// TEST ONLY key from GET /__admin/fixtures ("fixture:lietotaja_vards/1234")
// or a file ("pem:path").
func (r *runner) signingKey(cr *caseRun, ref signRef) ([]byte, error) {
	if ref.kind == "pem" {
		data, err := os.ReadFile(ref.ref)
		if err != nil {
			return nil, fmt.Errorf("sign_with: %v", err)
		}
		return data, nil
	}
	if cr.soapKeys == nil {
		if r.cfg.kind != kindKycsim {
			return nil, fmt.Errorf("sign_with: fixture keys exist only in kycsim; give pem:<your key file>")
		}
		resp, err := r.adminCall(cr.nsPath, http.MethodGet, "/fixtures", nil)
		if err != nil {
			return nil, err
		}
		var fx struct {
			Lursoft struct {
				Users []struct {
					Roles []struct {
						Key        string  `json:"key"`
						PrivateKey *string `json:"private_key"`
					} `json:"roles"`
				} `json:"users"`
			} `json:"lursoft"`
		}
		if err := json.Unmarshal(resp.body, &fx); err != nil {
			return nil, fmt.Errorf("GET /__admin/fixtures: %v", err)
		}
		cr.soapKeys = map[string]string{}
		for _, u := range fx.Lursoft.Users {
			for _, ro := range u.Roles {
				if ro.PrivateKey != nil {
					cr.soapKeys[ro.Key] = *ro.PrivateKey
				}
			}
		}
	}
	pemData, ok := cr.soapKeys[ref.ref]
	if !ok {
		return nil, fmt.Errorf("sign_with: the fixtures have no private key %q", ref.ref)
	}
	return []byte(pemData), nil
}

// soapAnswer is a decoded SOAP answer: the return value as ordered JSON
// values (structs as objects, arrays as arrays, xsd:int as numbers,
// xsd:boolean as booleans, xsi:nil as null), or a fault.
type soapAnswer struct {
	returnType string
	ret        any
	fault      bool
	faultCode  string
	faultText  string
}

func decodeSOAPAnswer(body []byte) (*soapAnswer, error) {
	req, f := soap.ParseRequest(body, soap.Limits{MaxBytes: int64(len(body)) + 1, MaxDepth: 64, MaxElements: 1 << 22})
	if f != nil {
		return nil, fmt.Errorf("not a SOAP envelope (%s: %s)", f.Code, f.String)
	}
	a := &soapAnswer{}
	if req.Function == "Fault" {
		a.fault = true
		for _, p := range req.Params {
			switch p.Name {
			case "faultcode":
				a.faultCode = strings.TrimSpace(p.Text)
			case "faultstring":
				a.faultText = p.Text
			}
		}
		return a, nil
	}
	if len(req.Params) == 0 {
		return nil, fmt.Errorf("the %s element has no return value", req.Function)
	}
	a.returnType = req.Params[0].Type
	a.ret = soapJSON(req.Params[0])
	return a, nil
}

func soapJSON(v soap.Value) any {
	switch {
	case v.Nil:
		return nil
	case v.IsArray:
		out := make([]any, 0, len(v.Items))
		for _, it := range v.Items {
			out = append(out, soapJSON(it))
		}
		return out
	case len(v.Items) > 0:
		o := newObject()
		for _, it := range v.Items {
			o.set(it.Name, soapJSON(it))
		}
		return o
	}
	switch v.Type {
	case "int", "long", "short", "integer":
		return json.Number(strings.TrimSpace(v.Text))
	case "boolean":
		return strings.TrimSpace(v.Text) == "true"
	}
	return v.Text
}

// checkSOAP applies a soap: step's own expectations.
func checkSOAP(e *soapExpect, resp *response, v vars) []string {
	a, err := decodeSOAPAnswer(resp.body)
	if err != nil {
		return []string{fmt.Sprintf("body: %v: %s", err, snippet(resp.body, 2000))}
	}
	if e.fault != nil {
		if !a.fault || a.faultCode != e.fault.code || a.faultText != e.fault.text {
			return []string{fmt.Sprintf("fault: expected %s %q, got %s", e.fault.code, e.fault.text, snippet(resp.body, 2000))}
		}
		return nil
	}
	if a.fault {
		return []string{fmt.Sprintf("expected an answer, got the fault %s %q", a.faultCode, a.faultText)}
	}
	var problems []string
	if a.returnType != e.returnType {
		problems = append(problems, fmt.Sprintf("return_type: expected %s, got %q", e.returnType, a.returnType))
	}
	field := func(name string) (any, bool) {
		if o, ok := a.ret.(*object); ok {
			return o.get(name)
		}
		return nil, false
	}
	if e.success != nil {
		if got, ok := field("success"); !ok || got != *e.success {
			problems = append(problems, fmt.Sprintf("success: expected %v, got %v", *e.success, got))
		}
	}
	if e.code != nil {
		if got, ok := field("code"); !ok || got != json.Number(fmt.Sprint(*e.code)) {
			problems = append(problems, fmt.Sprintf("code: expected %d, got %v", *e.code, got))
		}
	} else if got, ok := field("code"); ok && e.success != nil && *e.success {
		problems = append(problems, fmt.Sprintf("code: a success carries none, got %v", got))
	}
	if e.message != nil {
		want, err := v.substString(*e.message)
		if got, _ := field("message"); err != nil || got != want {
			problems = append(problems, fmt.Sprintf("message: expected %q, got %v", want, got))
		}
	}
	problems = append(problems, checkPointers(v, a.ret, e.returns, "return")...)
	if len(problems) > 0 {
		problems = append(problems, "body: "+snippet(resp.body, 2000))
	}
	return problems
}

// captureSOAP keeps values of a soap: answer's return value.
func captureSOAP(v vars, caps []capture, resp *response) error {
	a, err := decodeSOAPAnswer(resp.body)
	if err != nil {
		return err
	}
	for _, c := range caps {
		if name, ok := strings.CutPrefix(c.from, "header:"); ok {
			vals := resp.header.Values(name)
			if len(vals) == 0 {
				return fmt.Errorf("%s: the answer has no %s header", c.name, name)
			}
			v[c.name] = strings.Join(vals, ", ")
			continue
		}
		val, found, err := lookup(a.ret, c.from)
		if err != nil {
			return err
		}
		if !found {
			return fmt.Errorf("%s: nothing at %s in %s", c.name, c.from, snippet(resp.body, 500))
		}
		v[c.name] = val
	}
	return nil
}
