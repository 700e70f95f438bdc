package nilln

import (
	"strconv"
	"time"

	"github.com/kycsim/kycsim/mocks/kit/laravel"
)

// clientFields are the known request fields, in the order the platform's
// validation reports them: name before type, as in SPEC.md §1's 422
// example.
var clientFields = []string{"name", "type", "reg_no", "reference_no", "email", "comment", "risk_level", "is_active", "set_at", "reviewed_at"}

// rules is the decided validation of SPEC.md §1 ("validation on create").
// On update nothing is required, but a name or type that is sent must not
// be empty (Laravel's "sometimes|required"): the columns are not nullable.
func (s *State) rules(in laravel.Getter, creating bool) []laravel.Field {
	typeCodes := make([]string, 0, len(s.types))
	for _, l := range s.fx.NILLN.ClientTypes {
		typeCodes = append(typeCodes, l.Code)
	}
	riskCodes := make([]string, 0, len(s.risks))
	for _, l := range s.fx.NILLN.RiskLevels {
		riskCodes = append(riskCodes, l.Code)
	}
	var fields []laravel.Field
	sometimes := func(name string) bool {
		_, present := in.Get(name)
		return creating || present
	}
	if sometimes("name") {
		fields = append(fields, laravel.Field{Name: "name", Rules: []laravel.Rule{laravel.Required(), laravel.String(), laravel.Max(255)}})
	}
	if sometimes("type") {
		fields = append(fields, laravel.Field{Name: "type", Rules: []laravel.Rule{laravel.Required(), laravel.In(typeCodes...)}})
	}
	return append(fields,
		laravel.Field{Name: "reg_no", Rules: []laravel.Rule{laravel.Nullable(), laravel.Max(50)}},
		laravel.Field{Name: "reference_no", Rules: []laravel.Rule{laravel.Nullable(), laravel.Max(50)}},
		laravel.Field{Name: "email", Rules: []laravel.Rule{laravel.Nullable(), laravel.Email()}},
		laravel.Field{Name: "comment", Rules: []laravel.Rule{laravel.Nullable(), laravel.String(), laravel.Max(1000)}},
		laravel.Field{Name: "risk_level", Rules: []laravel.Rule{laravel.Nullable(), laravel.In(riskCodes...)}},
		laravel.Field{Name: "is_active", Rules: []laravel.Rule{laravel.Nullable(), laravel.Boolean()}},
		laravel.Field{Name: "set_at", Rules: []laravel.Rule{laravel.Nullable(), laravel.Date()}},
		laravel.Field{Name: "reviewed_at", Rules: []laravel.Rule{laravel.Nullable(), laravel.Date()}},
	)
}

// apply copies the validated fields present in in onto c.
func apply(c *client, in laravel.Getter) {
	for _, f := range clientFields {
		v, ok := in.Get(f)
		if !ok {
			continue
		}
		switch f {
		case "name":
			c.name = textOf(v)
		case "type":
			c.typ = textOf(v)
		case "reg_no":
			c.regNo = optText(v)
		case "reference_no":
			c.refNo = optText(v)
		case "email":
			c.email = optText(v)
		case "comment":
			c.comment = optText(v)
		case "risk_level":
			c.risk = optText(v)
		case "is_active":
			c.isActive = optBool(v)
		case "set_at":
			c.setAt = optDate(v)
		case "reviewed_at":
			c.reviewedAt = optDate(v)
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
