// Package lursoft emulates the Lursoft Klientu Portfelis SOAP API (seeds
// 001 and 002, SPEC.md §2): a Yii-style WSDL at /api/wsdl, SOAP 1.1
// RPC/encoded calls of its 17 functions, every request RSA-signed over the
// PHP json_encode form of its parameters, sessions bound to an IP address
// with a 30-minute sliding expiry on the emulator clock, lists shared with
// roles, objects checked against the registers, and list monitoring whose
// sessions the emulator clock produces.
//
// Error answers are the function's normal envelope with success false, the
// documented message and code, sent with the HTTP status SPEC.md §2 gives
// the code; what PHP's SoapServer itself refuses (malformed XML, an unknown
// function, a non-number where the WSDL says int) is a SOAP fault.
package lursoft

import (
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"

	"github.com/gorilla/mux"
	"github.com/kycsim/kycsim/fixtures"
	"github.com/kycsim/kycsim/mocks/emu"
	"github.com/kycsim/kycsim/mocks/kit/soap"
)

// Config tunes the emulation.
type Config struct {
	// Language of the answers' messages: "lv" (seed 001, the default),
	// "ru" (seed 002) or "en" (kycsim's translation).
	Language string
	// TrustForwardedFor binds sessions to the first X-Forwarded-For
	// address instead of the connection's, for kycsim behind a proxy.
	TrustForwardedFor bool
	// SignNilAsNull also accepts signatures over the canonical JSON that
	// includes parameters sent as xsi:nil, or every parameter not sent, as
	// null. The default form leaves them out.
	SignNilAsNull bool
}

// API is the Lursoft emulation; it implements emu.API.
type API struct {
	cfg    Config
	strict bool
	log    *slog.Logger

	wsdlMu sync.Mutex
	wsdl   map[string][]byte // by soap:address
}

// New returns the Lursoft emulation. strict has no effect yet: every
// answer already follows the real stack.
func New(cfg Config, strict bool, log *slog.Logger) *API {
	if log == nil {
		log = slog.Default()
	}
	return &API{cfg: cfg, strict: strict, log: log, wsdl: map[string][]byte{}}
}

// Name implements emu.API.
func (a *API) Name() string { return "lursoft" }

// Path is the WSDL's path and the SOAP endpoint (seed 001:
// https://www.klientuportfelis.lv/api/wsdl).
const Path = "/api/wsdl"

// Owns implements emu.API.
func (a *API) Owns(path string) bool { return path == Path }

// Operation names, stable: lursoft.<function> for the 17 functions, plus
// these.
const (
	OpWSDL            = "lursoft.wsdl"
	OpFault           = "lursoft.fault"            // a request PHP's SoapServer refuses
	OpUnknownFunction = "lursoft.unknown_function" // Procedure 'x' not present
)

// Mount implements emu.API. Yii's CWebServiceAction answers SOAP on the
// WSDL's path when the ws query variable is present; kycsim also treats
// every POST as SOAP (SPEC.md §2 Transport).
func (a *API) Mount(r *mux.Router) {
	r.HandleFunc(Path, a.serve).Name(OpWSDL)
}

func (a *API) serve(w http.ResponseWriter, r *http.Request) {
	_, ws := r.URL.Query()["ws"]
	if r.Method == http.MethodPost || ws {
		a.serveSOAP(w, r)
		return
	}
	a.serveWSDL(w, r)
}

func (a *API) serveWSDL(w http.ResponseWriter, r *http.Request) {
	call := emu.CallOf(r)
	location := call.BaseURL + call.Prefix + Path + "?ws=1"
	a.wsdlMu.Lock()
	doc, ok := a.wsdl[location]
	if !ok {
		doc = service(location).WSDL()
		if len(a.wsdl) < 64 { // one per public host name and namespace in practice
			a.wsdl[location] = doc
		}
	}
	a.wsdlMu.Unlock()
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8") // CWebService::renderWsdl
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(doc)
	}
}

// Request limits of the envelope parser: generous for real clients, small
// enough that a hostile body cannot exhaust memory or the stack.
const (
	maxDepth    = 64
	maxElements = 200000
)

func (a *API) serveSOAP(w http.ResponseWriter, r *http.Request) {
	call := emu.CallOf(r)
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			call.Name("lursoft", "lursoft.body_too_large")
			call.Warn("request body over the %d-byte limit", tooLarge.Limit)
			a.WriteError(w, r, http.StatusRequestEntityTooLarge)
			return
		}
		call.Name("lursoft", OpFault)
		soap.WriteFault(w, badRequest())
		return
	}
	req, fault := soap.ParseRequest(body, soap.Limits{MaxBytes: int64(len(body)) + 1, MaxDepth: maxDepth, MaxElements: maxElements})
	if fault != nil {
		call.Name("lursoft", OpFault)
		call.Warn("SOAP fault %s: %s", fault.Code, fault.String)
		soap.WriteFault(w, fault)
		return
	}
	f, ok := functionByName[req.Function]
	if !ok {
		call.Name("lursoft", OpUnknownFunction)
		soap.WriteFault(w, soap.UnknownFunction(req.Function))
		return
	}
	call.Name("lursoft", "lursoft."+f.name)
	st, ok := call.Namespace.State("lursoft").(*State)
	if !ok {
		a.WriteError(w, r, http.StatusInternalServerError)
		return
	}
	st.handle(w, r, f, req)
}

func badRequest() *soap.Fault { return &soap.Fault{Code: "SOAP-ENV:Client", String: "Bad Request"} }

// NewState implements emu.API.
func (a *API) NewState(ns *emu.Namespace, fx *fixtures.Set) (emu.State, error) {
	return a.newState(ns.Clock, fx)
}

// statusWriter sends a fault with another status than the kit's 500.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s statusWriter) WriteHeader(int) { s.ResponseWriter.WriteHeader(s.status) }

// WriteError implements emu.API: a body over the limit is what PHP sees as
// an empty request (post_max_size discards it): the Bad Request fault; too
// many namespaces is a Server fault with 503; a panic inside a function is
// that function's answer with code 1000, elsewhere a Server fault.
func (a *API) WriteError(w http.ResponseWriter, r *http.Request, status int) {
	switch status {
	case http.StatusRequestEntityTooLarge:
		soap.WriteFault(w, badRequest())
	case http.StatusServiceUnavailable:
		soap.WriteFault(statusWriter{w, status}, &soap.Fault{Code: "SOAP-ENV:Server", String: "Service Unavailable"})
	default:
		_, op := emu.CallOf(r).Operation()
		if f, ok := functionByName[strings.TrimPrefix(op, "lursoft.")]; ok {
			a.writeAnswer(w, f, nil, a.failure(CodeInternal))
			return
		}
		soap.WriteFault(w, &soap.Fault{Code: "SOAP-ENV:Server", String: "Internal Server Error"})
	}
}

// writeAnswer writes f's response envelope: fields, then success, message
// and (on failure) code, with the code's HTTP status.
func (a *API) writeAnswer(w http.ResponseWriter, f *function, fields []soap.Field, fl *fail) {
	status := http.StatusOK
	if fl != nil {
		status = HTTPStatus(fl.code)
		fields = []soap.Field{{Name: "success", Value: false}, {Name: "message", Value: fl.text}, {Name: "code", Value: fl.code}}
	} else {
		text := a.msg(msgOK)
		switch f.name {
		case "login":
			text = a.msg(msgLoginOK)
		case "logout":
			text = a.msg(msgLogoutOK)
		}
		fields = append(fields, soap.Field{Name: "success", Value: true}, soap.Field{Name: "message", Value: text})
	}
	body := soap.Envelope{Namespace: Namespace}.Response(f.name, soap.Struct{Type: f.ret, Fields: fields})
	soap.WriteResponse(w, status, body)
}

// clientIP is the address a session is bound to.
func (a *API) clientIP(r *http.Request) string {
	if a.cfg.TrustForwardedFor {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			first, _, _ := strings.Cut(xff, ",")
			if ip := strings.TrimSpace(first); ip != "" {
				return ip
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
