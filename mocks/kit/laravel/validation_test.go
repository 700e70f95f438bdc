package laravel

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/mocks/kit/phpjson"
)

// jsonInput reads body as a POST with Content-Type: application/json.
func jsonInput(t *testing.T, body string) Input {
	t.Helper()
	r := httptest.NewRequest("POST", "/api/v1/things", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	in, err := ReadInput(r)
	if err != nil {
		t.Fatalf("ReadInput: %v", err)
	}
	return in
}

func TestErrorsResponse(t *testing.T) {
	tests := []struct {
		name string
		add  [][2]string
		want string
	}{
		{"spec example", [][2]string{{"name", "The name field is required."}, {"type", "The selected type is invalid."}},
			`{"message":"The name field is required. (and 1 more error)","errors":{"name":["The name field is required."],"type":["The selected type is invalid."]}}`},
		{"one error", [][2]string{{"email", "The email field must be a valid email address."}},
			`{"message":"The email field must be a valid email address.","errors":{"email":["The email field must be a valid email address."]}}`},
		{"messages are counted, not fields", [][2]string{{"name", "A."}, {"name", "B."}, {"type", "C."}},
			`{"message":"A. (and 2 more errors)","errors":{"name":["A.","B."],"type":["C."]}}`},
		{"order of first failure", [][2]string{{"b", "B."}, {"a", "A."}, {"b", "B2."}},
			`{"message":"B. (and 2 more errors)","errors":{"b":["B.","B2."],"a":["A."]}}`},
		{"empty", nil, `{"message":"The given data was invalid.","errors":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e Errors
			for _, a := range tt.add {
				e.Add(a[0], a[1])
			}
			if got := marshal(t, e.Response()); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if e.Empty() != (len(tt.add) == 0) {
				t.Errorf("Empty() = %v", e.Empty())
			}
		})
	}
}

// clientRules are example rules in the style of a create request.
func clientRules() []Field {
	return []Field{
		{Name: "type", Rules: []Rule{Required(), In("legal", "natural")}},
		{Name: "name", Rules: []Rule{Required(), String(), Max(255)}},
		{Name: "reg_no", Rules: []Rule{Nullable(), String(), Max(50)}},
		{Name: "email", Rules: []Rule{Nullable(), Email()}},
		{Name: "is_active", Rules: []Rule{Nullable(), Boolean()}},
		{Name: "set_at", Rules: []Rule{Nullable(), Date()}},
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string // marshalled Response, "" when valid
	}{
		{"valid", `{"type":"legal","name":"test","reg_no":"40103477934","email":"a@b.lv","is_active":"1","set_at":"2022-04-25"}`, ""},
		{"spec example: missing name, bad type", `{"type":"x"}`,
			`{"message":"The selected type is invalid. (and 1 more error)","errors":{"type":["The selected type is invalid."],"name":["The name field is required."]}}`},
		{"no input at all", ``,
			`{"message":"The type field is required. (and 1 more error)","errors":{"type":["The type field is required."],"name":["The name field is required."]}}`},
		{"empty and blank strings become null, optional nulls pass", `{"type":"legal","name":"  ","reg_no":"","email":"  ","is_active":null}`,
			`{"message":"The name field is required.","errors":{"name":["The name field is required."]}}`},
		{"array for a string field fails string only", `{"type":"legal","name":["a"]}`,
			`{"message":"The name field must be a string.","errors":{"name":["The name field must be a string."]}}`},
		{"max counts characters, not bytes", `{"type":"legal","name":"x","reg_no":"` + strings.Repeat("ā", 50) + `"}`, ""},
		{"max fails at 51 characters", `{"type":"legal","name":"x","reg_no":"` + strings.Repeat("ā", 51) + `"}`,
			`{"message":"The reg no field must not be greater than 50 characters.","errors":{"reg_no":["The reg no field must not be greater than 50 characters."]}}`},
		{"number for a string field fails string only", `{"type":"legal","name":"x","reg_no":123}`,
			`{"message":"The reg no field must be a string.","errors":{"reg_no":["The reg no field must be a string."]}}`},
		{"every rule of a field reports", `{"type":"legal","name":"x","reg_no":[` + strings.Repeat("1,", 50) + `1]}`,
			`{"message":"The reg no field must be a string. (and 1 more error)","errors":{"reg_no":["The reg no field must be a string.","The reg no field must not be greater than 50 characters."]}}`},
		{"bad email, boolean, date", `{"type":"natural","name":"x","email":"a@b..lv","is_active":"true","set_at":"2022-02-30"}`,
			`{"message":"The email field must be a valid email address. (and 2 more errors)","errors":{"email":["The email field must be a valid email address."],"is_active":["The is active field must be true or false."],"set_at":["The set at field must be a valid date."]}}`},
		{"JSON 1 is a boolean", `{"type":"legal","name":"x","is_active":1}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := Validate(jsonInput(t, tt.body), clientRules()...)
			got := ""
			if !errs.Empty() {
				got = marshal(t, errs.Response())
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestValidateNullWithoutNullable(t *testing.T) {
	// Laravel checks a present null against every rule unless the field is
	// nullable: the classic "must be a string" for an emptied field.
	in := jsonInput(t, `{"comment":"","note":null}`)
	errs := Validate(in,
		Field{Name: "comment", Rules: []Rule{String(), Max(10)}},
		Field{Name: "note", Rules: []Rule{Nullable(), String()}},
		Field{Name: "absent", Rules: []Rule{String()}},
	)
	want := `{"message":"The comment field must be a string.","errors":{"comment":["The comment field must be a string."]}}`
	if got := marshal(t, errs.Response()); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestValidateBail(t *testing.T) {
	in := jsonInput(t, `{"code":`+strings.Repeat("1", 20)+`}`)
	errs := Validate(in, Field{Name: "code", Rules: []Rule{Bail(), String(), Max(5)}})
	if got := errs.Messages("code"); len(got) != 1 || got[0] != "The code field must be a string." {
		t.Errorf("messages = %q", got)
	}
}

func TestValidatePasswordNotTrimmed(t *testing.T) {
	// TrimStrings skips "password"; a blank password is still "present",
	// but non-implicit rules skip blank strings while required fails them.
	in := jsonInput(t, `{"password":"   "}`)
	if v, _ := in.Get("password"); v != "   " {
		t.Fatalf("password = %q", v)
	}
	errs := Validate(in, Field{Name: "password", Rules: []Rule{String(), Max(1)}})
	if !errs.Empty() {
		t.Errorf("blank password should skip string/max: %v", errs.Fields())
	}
	errs = Validate(in, Field{Name: "password", Rules: []Rule{Required(), String()}})
	if got := errs.Messages("password"); len(got) != 1 || got[0] != "The password field is required." {
		t.Errorf("messages = %q", got)
	}
}

func TestValidateNestedAndLabels(t *testing.T) {
	in := jsonInput(t, `{"owner":{"name":null,"emails":["x"]},"riskLevel":"mid"}`)
	errs := Validate(in,
		Field{Name: "owner.name", Rules: []Rule{Required()}},
		Field{Name: "owner.emails.0", Rules: []Rule{Email()}},
		Field{Name: "riskLevel", Rules: []Rule{In("low")}},
		Field{Name: "ref", Label: "reference number", Rules: []Rule{Required()}},
	)
	want := `{"message":"The owner.name field is required. (and 3 more errors)","errors":{` +
		`"owner.name":["The owner.name field is required."],` +
		`"owner.emails.0":["The owner.emails.0 field must be a valid email address."],` +
		`"riskLevel":["The selected risk level is invalid."],` +
		`"ref":["The reference number field is required."]}}`
	if got := marshal(t, errs.Response()); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"reg_no": "reg_no", "name": "name", "riskLevel": "risk_level", "isActive": "is_active",
		"HTTPCode": "h_t_t_p_code", "first name": "first_name", "owner.name": "owner.name",
	} {
		if got := snake(in); got != want {
			t.Errorf("snake(%q) = %q, want %q", in, got, want)
		}
	}
}

type values map[string]any

func (v values) Get(name string) (any, bool) { x, ok := v[name]; return x, ok }

func TestRules(t *testing.T) {
	tests := []struct {
		name string
		rule Rule
		v    any
		want bool
	}{
		{"required string", Required(), "x", true},
		{"required blank", Required(), " \t", false},
		{"required NUL only (PHP trim)", Required(), "\x00", false},
		{"required zero", Required(), int64(0), true},
		{"required false", Required(), false, true},
		{"required empty list", Required(), []any{}, false},
		{"required empty object", Required(), phpjson.Object{}, false},
		{"required null", Required(), nil, false},
		{"string", String(), "x", true},
		{"string int", String(), int64(1), false},
		{"boolean true", Boolean(), true, true},
		{"boolean 0", Boolean(), int64(0), true},
		{"boolean 2", Boolean(), int64(2), false},
		{"boolean \"1\"", Boolean(), "1", true},
		{"boolean \"true\"", Boolean(), "true", false},
		{"boolean 1.0", Boolean(), 1.0, false},
		{"boolean \"01\"", Boolean(), "01", false},
		{"in exact", In("low", "high"), "low", true},
		{"in case differs", In("low"), "LOW", false},
		{"in numeric loose", In("1"), "01", true},
		{"in numeric float", In("1"), "1.0", true},
		{"in int value", In("1"), int64(1), true},
		{"in true is 1", In("1"), true, true},
		{"in array never", In("a"), []any{"a"}, false},
		{"in trailing space numeric", In("1"), "1 ", true},
		{"max string", Max(3), "abc", true},
		{"max string over", Max(3), "abcd", false},
		{"max multibyte", Max(3), "āčē", true},
		{"max malformed counts lead bytes", Max(1), "\xe0a", true},
		{"max int as string", Max(2), int64(123), false},
		{"max float string form", Max(7), 1e25, true}, // "1.0E+25"
		{"max bool", Max(0), false, true},
		{"max list counts elements", Max(2), []any{"aaa", "bbb"}, true},
		{"max list over", Max(1), []any{"a", "b"}, false},
		{"date string", Date(), "2022-04-25", true},
		{"date compact number", Date(), int64(20220425), true},
		{"date year only", Date(), int64(2022), false},
		{"date bool", Date(), true, false},
		{"email", Email(), "user@example.com", true},
		{"email non-string", Email(), int64(5), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := Validate(values{"f": tt.v}, Field{Name: "f", Rules: []Rule{tt.rule}})
			if got := errs.Empty(); got != tt.want {
				t.Errorf("passes = %v, want %v (%v)", got, tt.want, errs.Messages("f"))
			}
		})
	}
}

// TestValidEmail's expectations come from egulias/email-validator 3.2.5
// RFCValidation (the Laravel 10 `email` rule), run on PHP 8.2.
func TestValidEmail(t *testing.T) {
	tests := []struct {
		email string
		want  bool
	}{
		{"user@example.com", true},
		{"user@localhost", true},
		{"a@b", true},
		{"o'brien+tag@example.lv", true},
		{"jānis@example.lv", true},
		{"user@ēxample.lv", true},
		{"ü@ü.de", true},
		{"中@b.lv", true},
		{"a@中国.cn", true},
		{"a\u00a0b@c.lv", true},
		{`"a b"@example.com`, true},
		{`"a\"b"@example.com`, true},
		{`"a@b"@c.lv`, true},
		{`""@c.lv`, true},
		{"a!#$%&*/=?^_`{|}~-@example.com", true},
		{"a_b@c.lv", true},
		{"a@1b.lv", true},
		{"a@b.123", true},
		{"a@1.2.3.4", true},
		{"a@b--c.lv", true},
		{"a@xn--80ak6aa92e.com", true},
		{"user@EXAMPLE.COM", true},
		{strings.Repeat("x", 65) + "@example.com", true},
		{"a@" + strings.Repeat("a", 63) + ".lv", true},
		{"a@[192.0.2.1]", true},
		{"a@[IPv6:2001:db8::1]", true},
		{"a@[300.1.1.1]", true},
		{"a@[abc]", true},
		{"a@[]", true},
		{"a(comment)@b.lv", true},
		{"a(c)b@b.lv", true},
		{"a((c))@b.lv", true},
		{"a.b.c@d.lv", true},
		{"a..b@example.com", false},
		{".a@example.com", false},
		{"a.@example.com", false},
		{"a@b..c", false},
		{"a@.b", false},
		{"a@b.", false},
		{"a@-b.com", false},
		{"a@b-.com", false},
		{"a@b_c.com", false},
		{"a@b&c.lv", false},
		{"a@b+c.lv", false},
		{"@example.com", false},
		{"user@", false},
		{"userexample.com", false},
		{"a b@example.com", false},
		{"a@b c.com", false},
		{"a@b@c.com", false},
		{"a@" + strings.Repeat("x", 64) + ".com", false},
		{"a@b,c.com", false},
		{`a\b@example.com`, false},
		{`"unterminated@example.com`, false},
		{`"a"b@c.lv`, false},
		{`a"b"@c.lv`, false},
		{"\"a\x01\"@c.lv", false},
		{"\"a\t\"@c.lv", false},
		{"user@example.com ", false},
		{" user@example.com", false},
		{"a\tb@example.com", false},
		{"a(c@b.lv", false},
		{"a@b.lv(c)", false},
		{"test@[127.0.0.1", false},
		{"a@[a[b]", false},
		{"a@€.lv", false},
		{"a€@c.lv", false},
		{"a@😀.lv", false},
		{"😀@b.lv", false},
		{"a\u0085@c.lv", false},
		{"a\u200b@c.lv", false},
		{"a\xc3@b.lv", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := validEmail(tt.email); got != tt.want {
			t.Errorf("validEmail(%q) = %v, want %v", tt.email, got, tt.want)
		}
	}
}

func TestValidEmailDomainLength(t *testing.T) {
	// 253 bytes pass, 254 fail (egulias DomainTooLong).
	label := strings.Repeat("a", 60)
	d253 := strings.Join([]string{label, label, label, label, strings.Repeat("a", 9)}, ".")
	if len(d253) != 253 || !validEmail("a@"+d253) {
		t.Errorf("253-byte domain rejected (len %d)", len(d253))
	}
	if validEmail("a@" + d253 + "a") {
		t.Error("254-byte domain accepted")
	}
}
