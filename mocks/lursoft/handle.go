package lursoft

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kycsim/kycsim/mocks/emu"
	"github.com/kycsim/kycsim/mocks/kit/phpjson"
	"github.com/kycsim/kycsim/mocks/kit/soap"
)

// SessionTimeout is how long a session lives after its last request (seed
// 001 login: "iztek, ja sesija nav tikusi atjaunota 30 min").
const SessionTimeout = 30 * time.Minute

// call is one function call being served.
type call struct {
	w       http.ResponseWriter
	r       *http.Request
	ec      *emu.Call
	f       *function
	args    args
	now     time.Time
	role    *role
	session *session
}

func (s *State) handle(w http.ResponseWriter, r *http.Request, f *function, req *soap.Request) {
	ec := emu.CallOf(r)
	a, unknown, fault := decodeArgs(f, req.Params)
	if fault != nil {
		ec.Warn("SOAP fault %s: %s (a parameter does not decode as its WSDL type)", fault.Code, fault.String)
		soap.WriteFault(w, fault)
		return
	}
	if len(unknown) > 0 {
		ec.Warn("parameters that are not in %s's WSDL message were ignored (and are not signed): %s", f.name, strings.Join(unknown, ", "))
	}
	sig := ""
	if v, ok := req.Param("signature"); ok && !v.Nil {
		sig = v.Text
	}
	c := &call{w: w, r: r, ec: ec, f: f, args: a, now: s.clock.Now()}
	s.mu.Lock()
	var fields []soap.Field
	var fl *fail
	if f.name == "login" {
		fields, fl = s.login(c, sig)
	} else if fl = s.authenticate(c, sig); fl == nil {
		fields, fl = s.run(c)
	}
	s.mu.Unlock()
	s.api.writeAnswer(w, f, fields, fl)
}

// login checks in SPEC.md §2's order: 3001, 2002, 2004, 2003, 3000, 3002,
// 1001; then opens a session bound to the client's IP address.
func (s *State) login(c *call, sig string) ([]soap.Field, *fail) {
	a := s.api
	if strings.TrimSpace(sig) == "" {
		return nil, a.failure(CodeNoSignature)
	}
	if !c.has("username") || !c.has("password") || !c.has("role_id") {
		return nil, a.failure(CodeNoCredentials)
	}
	roleID, ok := c.intArg("role_id")
	if !ok {
		return nil, a.failure(CodeBadRoleID)
	}
	u := s.users[c.text("username")]
	var r *role
	if u != nil && u.password == c.text("password") {
		for _, ur := range u.roles {
			if int64(ur.id) == roleID {
				r = ur
			}
		}
	}
	if r == nil {
		return nil, a.failure(CodeLoginFailed)
	}
	c.ec.SetCredential(u.username + " (role " + strconv.Itoa(r.id) + ")")
	if r.pub == nil {
		return nil, a.failure(CodeNoKey)
	}
	if fl := s.checkSignature(c, r, sig); fl != nil {
		return nil, fl
	}
	if !r.apiRights {
		return nil, a.failure(CodeNoAPIRights)
	}
	if s.failing {
		return nil, a.failure(CodeInternal)
	}
	s.pruneSessions()
	se := &session{sid: newSID(), role: r, ip: a.clientIP(c.r), last: c.now}
	s.sessions[se.sid] = se
	return []soap.Field{{Name: "sid", Value: se.sid}}, nil
}

func newSID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

// authenticate checks a session call in SPEC.md §2's order: 3001, 2000,
// 2005, 2007, 2006, 3000, 3002; a call that passes slides the session's
// expiry. Then 1000 (the admin switch), 2001 and the ids' types.
func (s *State) authenticate(c *call, sig string) *fail {
	a := s.api
	if strings.TrimSpace(sig) == "" {
		return a.failure(CodeNoSignature)
	}
	if !c.has("sid") {
		return a.failure(CodeNoSID)
	}
	se := s.sessions[c.text("sid")]
	switch {
	case se == nil:
		return a.failure(CodeNoSession)
	case c.now.Sub(se.last) >= SessionTimeout:
		c.ec.SetCredential(se.role.user.username + " (role " + strconv.Itoa(se.role.id) + ")")
		return a.failure(CodeSessionExpired)
	}
	c.ec.SetCredential(se.role.user.username + " (role " + strconv.Itoa(se.role.id) + ")")
	if ip := a.clientIP(c.r); ip != se.ip {
		c.ec.Warn("session %s was opened from %s, this request comes from %s", se.sid, se.ip, ip)
		return a.failure(CodeWrongIP)
	}
	if se.role.pub == nil {
		return a.failure(CodeNoKey)
	}
	if fl := s.checkSignature(c, se.role, sig); fl != nil {
		return fl
	}
	se.last = c.now
	c.session, c.role = se, se.role
	if !se.role.apiRights {
		return a.failure(CodeNoAPIRights)
	}
	if s.failing {
		return a.failure(CodeInternal)
	}
	for _, p := range c.f.params {
		if p.required && p.name != "sid" && !c.has(p.name) {
			return a.failure(CodeMissingParams)
		}
	}
	for _, p := range c.f.params {
		if p.notInt != 0 && c.has(p.name) {
			if _, ok := c.intArg(p.name); !ok {
				return a.failure(p.notInt)
			}
		}
	}
	return nil
}

// checkSignature verifies sig against r's key over the canonical JSON of
// the call's parameters; on 3002 the journal, the log and the
// X-Kycsim-Signature-Expected header tell what kycsim verified against.
func (s *State) checkSignature(c *call, r *role, sig string) *fail {
	forms := []nilForm{nilOmitted}
	if s.api.cfg.SignNilAsNull {
		forms = append(forms, nilSent, nilAll)
	}
	var expected []byte
	for i, form := range forms {
		data, err := canonical(c.f, c.args, form)
		if err != nil {
			// json_encode returns false, which openssl signs as "".
			c.ec.Warn("json_encode fails on the parameters (%v): PHP would verify the signature over an empty string", err)
			data = []byte{}
		}
		if i == 0 {
			expected = data
		}
		if verify(r.pub, data, sig) {
			return nil
		}
	}
	sum := sha256.Sum256(expected)
	raw := decodeSignature(sig)
	note := ""
	if want := r.pub.Size(); len(raw) != want {
		note = " The signature decodes to " + strconv.Itoa(len(raw)) + " bytes; role " + strconv.Itoa(r.id) + "'s " + strconv.Itoa(want*8) + "-bit key makes " + strconv.Itoa(want) + "-byte signatures (wrong base64, or signed with another key?)."
	}
	c.w.Header().Set(SignatureHeader, expectedHeader(expected))
	c.ec.Warn("signature mismatch: kycsim verified RSA-SHA256 with role %d's key over %s (sha256 %s).%s", r.id, expected, hex.EncodeToString(sum[:]), note)
	s.api.log.Info("lursoft signature mismatch", "namespace", c.ec.Namespace.Name, "function", c.f.name, "role", r.id,
		"canonical_json", string(expected), "sha256", hex.EncodeToString(sum[:]))
	return s.api.failure(CodeSignatureMismatch)
}

func (s *State) run(c *call) ([]soap.Field, *fail) { return c.f.serve(s, c) }

// has reports whether a parameter was given a value: not absent, not
// xsi:nil, not an empty string or array (PHP's empty() for those).
func (c *call) has(name string) bool {
	switch v := c.args[name].(type) {
	case nil:
		return false
	case string:
		return v != ""
	case []any:
		return len(v) > 0
	}
	return true
}

// text is a parameter as PHP would use it as a string.
func (c *call) text(name string) string {
	return phpString(c.args[name])
}

func phpString(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case bool:
		if v {
			return "1"
		}
		return ""
	case float64:
		b, err := phpjson.AppendFloat(nil, v)
		if err != nil {
			return ""
		}
		return string(b)
	case []any:
		return "Array"
	}
	return ""
}

// intArg is a parameter as an int: an int, or a string of decimal digits
// (a client that types an id xsd:string still names a valid id); not a
// float, bool or other string.
func (c *call) intArg(name string) (int64, bool) {
	switch v := c.args[name].(type) {
	case int64:
		return v, true
	case string:
		n, err := strconv.ParseInt(v, 10, 64)
		return n, err == nil && v != "" && v[0] != '+'
	}
	return 0, false
}

// id is an int parameter that names a record; ids beyond int range name
// none.
func (c *call) id(name string) int {
	n, _ := c.intArg(name)
	if n < 0 || n > 1<<31 {
		return -1
	}
	return int(n)
}

// boolArg is a boolean parameter with PHP's truthiness; def when absent.
func (c *call) boolArg(name string, def bool) bool {
	switch v := c.args[name].(type) {
	case nil:
		return def
	case bool:
		return v
	case int64:
		return v != 0
	case float64:
		return v != 0
	case string:
		return v != "" && v != "0"
	case []any:
		return len(v) > 0
	}
	return def
}

// strings is a string[] parameter's items.
func (c *call) strings(name string) []string {
	switch v := c.args[name].(type) {
	case []any:
		out := make([]string, 0, len(v))
		for _, it := range v {
			out = append(out, phpString(it))
		}
		return out
	case nil:
		return nil
	default:
		return []string{phpString(v)}
	}
}
