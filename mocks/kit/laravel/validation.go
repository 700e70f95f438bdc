package laravel

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/kycsim/kycsim/mocks/kit/phpjson"
)

// Errors is Laravel's validation MessageBag: messages per field, fields in
// the order they first failed, which is the order their rules were
// declared when filled by Validate.
type Errors struct {
	fields []string
	msgs   map[string][]string
}

// Add appends msg to field's messages.
func (e *Errors) Add(field, msg string) {
	if e.msgs == nil {
		e.msgs = make(map[string][]string)
	}
	if _, ok := e.msgs[field]; !ok {
		e.fields = append(e.fields, field)
	}
	e.msgs[field] = append(e.msgs[field], msg)
}

// Empty reports whether no message was added.
func (e *Errors) Empty() bool { return e == nil || len(e.fields) == 0 }

// Fields returns the failed fields in order.
func (e *Errors) Fields() []string {
	if e == nil {
		return nil
	}
	return append([]string(nil), e.fields...)
}

// Messages returns field's messages.
func (e *Errors) Messages(field string) []string {
	if e == nil {
		return nil
	}
	return append([]string(nil), e.msgs[field]...)
}

// Response is the 422 body Laravel renders for a ValidationException:
// {"message": summary, "errors": {field: [messages…]}}. The summary is the
// first message plus "(and N more error[s])" counting every other message,
// not every other field (ValidationException::summarize).
func (e *Errors) Response() phpjson.Object {
	if e.Empty() {
		// json_encode writes an empty PHP array as [].
		return phpjson.Object{{Key: "message", Value: "The given data was invalid."}, {Key: "errors", Value: []any{}}}
	}
	errs := make(phpjson.Object, 0, len(e.fields))
	total := 0
	for _, f := range e.fields {
		ms := make([]any, len(e.msgs[f]))
		for i, m := range e.msgs[f] {
			ms[i] = m
		}
		total += len(ms)
		errs = append(errs, phpjson.Member{Key: f, Value: ms})
	}
	summary := e.msgs[e.fields[0]][0]
	switch n := total - 1; {
	case n == 1:
		summary += " (and 1 more error)"
	case n > 1:
		summary += " (and " + strconv.Itoa(n) + " more errors)"
	}
	return phpjson.Object{{Key: "message", Value: summary}, {Key: "errors", Value: errs}}
}

// Getter is what Validate reads: Input, or any other top-level lookup.
type Getter interface {
	Get(name string) (any, bool)
}

// Field is one entry of a FormRequest's rules(): the attribute and its
// rules in order. Label, when set, replaces the displayed attribute name
// (lang 'attributes'); otherwise Laravel's default is used: the name in
// snake case with "_" shown as a space ("first_name" → "first name"). A dotted
// Name reaches into nested input ("owner.name").
type Field struct {
	Name  string
	Label string
	Rules []Rule
}

// Rule is one validation rule. Build rules with the constructors below.
type Rule struct {
	kind     string
	implicit bool // runs even when the field is absent or empty (required)
	passes   func(v any) bool
	message  string // :attribute is replaced by the display name
}

// Required fails for a missing field, null, a string that is empty after
// PHP trim(), or an empty array. A failed required stops the field's
// other rules.
func Required() Rule {
	return Rule{kind: "required", implicit: true, message: "The :attribute field is required.", passes: func(v any) bool {
		switch x := v.(type) {
		case nil:
			return false
		case string:
			return phpTrim(x) != ""
		case []any, phpjson.Object:
			return phpCount(x) > 0
		}
		return true
	}}
}

// Nullable makes the field's other (non-implicit) rules pass when its
// value is null. Without it, a present null (which is what an empty
// string becomes after ConvertEmptyStringsToNull) is checked by every
// rule, as in Laravel.
func Nullable() Rule { return Rule{kind: "nullable"} }

// Bail stops the field's rules at its first failure.
func Bail() Rule { return Rule{kind: "bail"} }

// String passes for strings only.
func String() Rule {
	return Rule{kind: "string", message: "The :attribute field must be a string.", passes: func(v any) bool {
		_, ok := v.(string)
		return ok
	}}
}

// Max is Laravel's max:n without a numeric or array rule beside it:
// characters for a string (mb_strlen), elements for an array, and for
// other scalars the length of their PHP string form. The message is the
// string variant, which Laravel picks in that case.
func Max(n int) Rule {
	return Rule{kind: "max", message: "The :attribute field must not be greater than " + strconv.Itoa(n) + " characters.", passes: func(v any) bool {
		if isPHPArray(v) {
			return phpCount(v) <= n
		}
		return mbStrlen(phpString(v)) <= n
	}}
}

// Email is Laravel's default `email` rule (egulias RFCValidation), within
// the approximation documented at validEmail.
func Email() Rule {
	return Rule{kind: "email", message: "The :attribute field must be a valid email address.", passes: func(v any) bool {
		s, ok := v.(string)
		return ok && validEmail(s)
	}}
}

// In passes when the value's PHP string form loosely equals one of values
// (in_array((string) $value, $values)); arrays never pass.
func In(values ...string) Rule {
	values = append([]string(nil), values...)
	return Rule{kind: "in", message: "The selected :attribute is invalid.", passes: func(v any) bool {
		if isPHPArray(v) {
			return false
		}
		s := phpString(v)
		for _, x := range values {
			if phpLooseStringEqual(s, x) {
				return true
			}
		}
		return false
	}}
}

// Boolean passes for true, false, 1, 0, "1" and "0" (strictly: not 1.0,
// not "true").
func Boolean() Rule {
	return Rule{kind: "boolean", message: "The :attribute field must be true or false.", passes: func(v any) bool {
		switch x := v.(type) {
		case bool:
			return true
		case int64:
			return x == 0 || x == 1
		case int:
			return x == 0 || x == 1
		case string:
			return x == "0" || x == "1"
		}
		return false
	}}
}

// Date passes for strings (or numbers) ParseDate accepts.
func Date() Rule {
	return Rule{kind: "date", message: "The :attribute field must be a valid date.", passes: func(v any) bool {
		switch v.(type) {
		case string, int64, int, float64:
			_, ok := ParseDate(phpString(v))
			return ok
		}
		return false
	}}
}

// Validate runs the rules of each field in order, as Laravel's Validator
// does, and returns the failures (Empty when all pass).
func Validate(data Getter, fields ...Field) *Errors {
	errs := &Errors{}
	for _, f := range fields {
		v, present := lookup(data, f.Name)
		nullable, bail := false, false
		for _, r := range f.Rules {
			nullable = nullable || r.kind == "nullable"
			bail = bail || r.kind == "bail"
		}
		for _, r := range f.Rules {
			if r.passes == nil || !validatable(r, v, present, nullable) {
				continue
			}
			if r.passes(v) {
				continue
			}
			errs.Add(f.Name, strings.ReplaceAll(r.message, ":attribute", displayName(f)))
			if bail || r.implicit {
				break
			}
		}
	}
	return errs
}

// validatable is Validator::isValidatable for the rules implemented here.
func validatable(r Rule, v any, present, nullable bool) bool {
	if r.implicit {
		return true
	}
	if s, ok := v.(string); ok && phpTrim(s) == "" {
		return false
	}
	if !present {
		return false
	}
	return !(nullable && v == nil)
}

// lookup is Arr::get: the exact key first, then a dotted path.
func lookup(data Getter, name string) (any, bool) {
	if v, ok := data.Get(name); ok || !strings.Contains(name, ".") {
		return v, ok
	}
	parts := strings.Split(name, ".")
	v, ok := data.Get(parts[0])
	for _, p := range parts[1:] {
		if !ok {
			return nil, false
		}
		v, ok = child(v, p)
	}
	return v, ok
}

func child(v any, key string) (any, bool) {
	switch x := v.(type) {
	case phpjson.Object:
		for _, m := range x {
			if m.Key == key {
				return m.Value, true
			}
		}
	case []any:
		i, err := strconv.Atoi(key)
		if err == nil && i >= 0 && i < len(x) && strconv.Itoa(i) == key {
			return x[i], true
		}
	}
	return nil, false
}

func displayName(f Field) string {
	if f.Label != "" {
		return f.Label
	}
	return strings.ReplaceAll(snake(f.Name), "_", " ")
}

// snake is Str::snake($value) with "_": words are capitalised and joined,
// "_" goes before every upper-case letter that follows another character,
// and the result is lower-cased. An already lower-case name is unchanged.
func snake(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsUpper(r) || unicode.IsSpace(r) }) < 0 {
		return s
	}
	var words []string
	for _, w := range strings.FieldsFunc(s, unicode.IsSpace) {
		if w[0] >= 'a' && w[0] <= 'z' { // ucwords is ASCII-only
			w = string(w[0]-'a'+'A') + w[1:]
		}
		words = append(words, w)
	}
	joined := []rune(strings.Join(words, ""))
	var b strings.Builder
	for i, r := range joined {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	return strings.ToLower(b.String())
}
