package lursoft

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kycsim/kycsim/fixtures"
)

// DefaultSignKey is the fixture key `kycsim sign` uses without --key: the
// TEST ONLY key of the documents' example role 1234.
const DefaultSignKey = "lursoft-role-1234"

type paramFlags []string

func (p *paramFlags) String() string     { return strings.Join(*p, " ") }
func (p *paramFlags) Set(v string) error { *p = append(*p, v); return nil }

// SignMain is `kycsim sign`: it prints the canonical JSON of a request,
// its SHA-256, the base64 signature and a complete SOAP envelope ready to
// POST, so that an integrator can compare each step with their own signing
// code. It returns the exit status (0, or 2 for bad arguments).
func SignMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kycsim sign", flag.ContinueOnError)
	fs.SetOutput(stderr)
	function := fs.String("function", "", "the API function, e.g. login, get_lists, add_object")
	var params paramFlags
	fs.Var(&params, "param", "a parameter as name=value, repeatable, in any order; typed by the WSDL (name:string=6750 forces xsd:string); "+
		"repeat a string[] parameter (email, services) once per item; name=<nil> sends xsi:nil")
	keyPath := fs.String("key", "", "PEM private key file (default: the TEST ONLY fixture key of role 1234)")
	sid := fs.String("sid", "", "session id (same as --param sid=…)")
	url := fs.String("url", "http://localhost:8080", "kycsim's (or the service's) base URL, for the curl line")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: kycsim sign --function NAME [--param name=value]... [--sid SID] [--key key.pem] [--url URL]\n\n"+
			"Signs a Lursoft Klientu Portfelis request as seed 001 describes (json_encode of the parameters in\n"+
			"the documented order, RSA SHA-256, base64) and prints the canonical JSON, its SHA-256, the\n"+
			"signature and the SOAP envelope.\n\nExample:\n"+
			"  kycsim sign --function login --param username=lietotaja_vards --param password=parole --param role_id=1234\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	bad := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "kycsim sign: "+format+"\n", a...)
		return 2
	}
	if fs.NArg() > 0 {
		return bad("unexpected argument %q", fs.Arg(0))
	}
	f, ok := functionByName[*function]
	if !ok {
		return bad("--function must be one of: %s", strings.Join(Functions(), ", "))
	}
	list, err := parseSignParams(f, params, *sid)
	if err != nil {
		return bad("%v", err)
	}
	var pemData []byte
	if *keyPath == "" {
		pemData, err = fixtures.LursoftFixtureKey(DefaultSignKey)
	} else {
		pemData, err = os.ReadFile(*keyPath)
	}
	if err != nil {
		return bad("%v", err)
	}
	key, err := fixtures.ParseRSAPrivateKey(pemData)
	if err != nil {
		return bad("--key: %v", err)
	}
	data, err := Canonical(f.name, list)
	if err != nil {
		return bad("%v", err)
	}
	sig, err := Sign(key, data)
	if err != nil {
		return bad("%v", err)
	}
	sum := sha256.Sum256(data)
	endpoint := strings.TrimRight(*url, "/") + Path + "?ws=1"
	fmt.Fprintf(stdout, "canonical JSON: %s\nsha256: %s\nsignature: %s\n\nSOAP envelope (POST it to %s):\n%s\n",
		data, hex.EncodeToString(sum[:]), sig, endpoint, RequestEnvelope(f.name, sig, list))
	fmt.Fprintf(stdout, "curl -sS -H 'Content-Type: text/xml; charset=utf-8' -H 'SOAPAction: \"%s#%s\"' --data-binary @envelope.xml '%s'\n",
		Namespace, f.name, endpoint)
	return 0
}

// parseSignParams reads name[:type]=value parameters in any order; items of
// a string[] parameter are collected in the order given.
func parseSignParams(f *function, params []string, sid string) ([]Arg, error) {
	byName := map[string]*Arg{}
	var order []string
	add := func(name, typ, value string) error {
		p, ok := f.param(name)
		if !ok {
			names := make([]string, len(f.params))
			for i, p := range f.params {
				names[i] = p.name
			}
			return fmt.Errorf("%s has no parameter %q (its parameters: %s)", f.name, name, strings.Join(names, ", "))
		}
		a := byName[name]
		if a == nil {
			a = &Arg{Name: name}
			byName[name] = a
			order = append(order, name)
		} else if p.kind != kStrings {
			return fmt.Errorf("%s given twice (only string[] parameters repeat)", name)
		}
		switch {
		case value == "<nil>":
			a.Nil = true
		case p.kind == kStrings && typ == "":
			a.Items = append(a.Items, value)
		default:
			a.Text = value
		}
		if typ != "" {
			switch typ {
			case "string", "int", "boolean", "float", "double", "long":
				a.Type = "xsd:" + typ
			default:
				return fmt.Errorf("%s: type %q is not one of string, int, boolean, float, double, long", name, typ)
			}
		}
		return nil
	}
	if sid != "" {
		if err := add("sid", "", sid); err != nil {
			return nil, err
		}
	}
	for _, kv := range params {
		name, value, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, fmt.Errorf("--param %q: want name=value", kv)
		}
		name, typ, _ := strings.Cut(name, ":")
		if err := add(name, typ, value); err != nil {
			return nil, err
		}
	}
	out := make([]Arg, 0, len(order))
	for _, p := range f.params { // the envelope in the documented order
		if a := byName[p.name]; a != nil {
			out = append(out, *a)
		}
	}
	return out, nil
}
