package nilln

import (
	"strconv"
	"time"

	"github.com/kycsim/kycsim/fixtures"
	"github.com/kycsim/kycsim/mocks/kit/laravel"
)

// clientField is one request field of a client: its rules (SPEC.md §1,
// "validation on create", decided) and where a validated value is stored.
type clientField struct {
	name  string
	rules []laravel.Rule
	// codes, when set, adds Laravel's in: rule over a fixture code table.
	codes func(*fixtures.NILLN) []fixtures.Label
	set   func(c *client, v any)
}

func clientTypes(n *fixtures.NILLN) []fixtures.Label { return n.ClientTypes }
func riskLevels(n *fixtures.NILLN) []fixtures.Label  { return n.RiskLevels }

var (
	required = laravel.Required()
	nullable = laravel.Nullable()
)

// clientFields are the known request fields, in the order the platform's
// validation reports them: name before type, as in SPEC.md §1's 422
// example.
var clientFields = []clientField{
	{name: "name", rules: []laravel.Rule{required, laravel.String(), laravel.Max(255)}, set: func(c *client, v any) { c.name = textOf(v) }},
	{name: "type", rules: []laravel.Rule{required}, codes: clientTypes, set: func(c *client, v any) { c.typ = textOf(v) }},
	{name: "reg_no", rules: []laravel.Rule{nullable, laravel.Max(50)}, set: func(c *client, v any) { c.regNo = optText(v) }},
	{name: "reference_no", rules: []laravel.Rule{nullable, laravel.Max(50)}, set: func(c *client, v any) { c.refNo = optText(v) }},
	{name: "email", rules: []laravel.Rule{nullable, laravel.Email()}, set: func(c *client, v any) { c.email = optText(v) }},
	{name: "comment", rules: []laravel.Rule{nullable, laravel.String(), laravel.Max(1000)}, set: func(c *client, v any) { c.comment = optText(v) }},
	{name: "risk_level", rules: []laravel.Rule{nullable}, codes: riskLevels, set: func(c *client, v any) { c.risk = optText(v) }},
	{name: "is_active", rules: []laravel.Rule{nullable, laravel.Boolean()}, set: func(c *client, v any) { c.isActive = optBool(v) }},
	{name: "set_at", rules: []laravel.Rule{nullable, laravel.Date()}, set: func(c *client, v any) { c.setAt = optDate(v) }},
	{name: "reviewed_at", rules: []laravel.Rule{nullable, laravel.Date()}, set: func(c *client, v any) { c.reviewedAt = optDate(v) }},
}

// clientFieldNames lists clientFields' names, for the unknown-field warning.
var clientFieldNames = func() []string {
	names := make([]string, len(clientFields))
	for i, f := range clientFields {
		names[i] = f.name
	}
	return names
}()

// compileRules builds the validation of every field once per state, with
// the fixtures' code tables.
func compileRules(fx *fixtures.NILLN) []laravel.Field {
	fields := make([]laravel.Field, len(clientFields))
	for i, f := range clientFields {
		rules := f.rules
		if f.codes != nil {
			var codes []string
			for _, l := range f.codes(fx) {
				codes = append(codes, l.Code)
			}
			rules = append(append([]laravel.Rule(nil), rules...), laravel.In(codes...))
		}
		fields[i] = laravel.Field{Name: f.name, Rules: rules}
	}
	return fields
}

// rules is the validation of one request. On update nothing is required,
// but a name or type that is sent must not be empty (Laravel's
// "sometimes|required"): the columns are not nullable.
func (s *State) rules(in laravel.Getter, creating bool) []laravel.Field {
	if creating {
		return s.clientRules
	}
	out := make([]laravel.Field, 0, len(s.clientRules))
	for _, f := range s.clientRules {
		if f.Name == "name" || f.Name == "type" {
			if _, present := in.Get(f.Name); !present {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// apply copies the validated fields present in in onto c.
func apply(c *client, in laravel.Getter) {
	for _, f := range clientFields {
		if v, ok := in.Get(f.name); ok {
			f.set(c, v)
		}
	}
}

// textOf is the string a validated scalar is stored as: the columns are
// strings, so a number sent for reg_no comes back as its digits.
func textOf(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		if x {
			return "1"
		}
		return ""
	}
	return ""
}

func optText(v any) *string {
	if v == nil {
		return nil
	}
	s := textOf(v)
	return &s
}

func optBool(v any) *bool {
	var b bool
	switch x := v.(type) {
	case nil:
		return nil
	case bool:
		b = x
	case int64:
		b = x == 1
	case int:
		b = x == 1
	case string:
		b = x == "1"
	}
	return &b
}

// optDate stores a date as the platform's date columns do: the date as
// written, at midnight UTC (SPEC.md §1: 2022-04-25 → 2022-04-25T00:00:00.000000Z).
func optDate(v any) *time.Time {
	if v == nil {
		return nil
	}
	t, ok := laravel.ParseDate(textOf(v))
	if !ok {
		return nil
	}
	d := laravel.StoredDate(t)
	return &d
}
