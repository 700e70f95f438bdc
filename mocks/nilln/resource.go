package nilln

import (
	"time"

	"github.com/kycsim/kycsim/mocks/kit/phpjson"
)

// resource is the client as the API writes it (SPEC.md §1 field order),
// appended straight into the response buffer so that show allocates little.
type resource struct {
	c          *client
	s          *State
	withInputs bool // every answer but create's carries "inputs": []
}

// AppendPHPJSON implements phpjson.Marshaler.
func (v resource) AppendPHPJSON(dst []byte) ([]byte, error) {
	c := v.c
	typeLabel := v.s.types[c.typ]
	riskLabel := v.s.fx.NILLN.RiskLevelUnset
	if c.risk != nil {
		riskLabel = v.s.risks[*c.risk]
	}
	var err error
	field := func(key string, first bool) {
		if !first {
			dst = append(dst, ',')
		}
		dst = append(dst, '"')
		dst = append(dst, key...)
		dst = append(dst, '"', ':')
	}
	str := func(key, s string) {
		field(key, false)
		if err == nil {
			dst, err = phpjson.AppendString(dst, s)
		}
	}
	optStr := func(key string, s *string) {
		if s == nil {
			field(key, false)
			dst = append(dst, "null"...)
			return
		}
		str(key, *s)
	}
	optTime := func(key string, t *time.Time) {
		if t == nil {
			field(key, false)
			dst = append(dst, "null"...)
			return
		}
		// Laravel's date serialisation, written in place: no escaping needed.
		field(key, false)
		dst = append(dst, '"')
		dst = t.UTC().AppendFormat(dst, timestampLayout)
		dst = append(dst, '"')
	}
	dst = append(dst, '{')
	field("uuid", true)
	dst, err = phpjson.AppendString(dst, c.uuid)
	str("type", typeLabel)
	str("name", c.name)
	optStr("reg_no", c.regNo)
	optStr("reference_no", c.refNo)
	optStr("email", c.email)
	optStr("comment", c.comment)
	str("risk_level", riskLabel)
	field("is_active", false)
	switch {
	case c.isActive == nil:
		dst = append(dst, "null"...)
	case *c.isActive:
		dst = append(dst, "true"...)
	default:
		dst = append(dst, "false"...)
	}
	optTime("set_at", c.setAt)
	optTime("reviewed_at", c.reviewedAt)
	if v.withInputs {
		field("inputs", false)
		dst = append(dst, '[', ']')
	}
	return append(dst, '}'), err
}

// timestampLayout is laravel.FormatTimestamp's layout.
const timestampLayout = "2006-01-02T15:04:05.000000Z"

// dataEnvelope is JsonResource's {"data": …} wrapper.
func dataEnvelope(v any) phpjson.Object { return phpjson.Object{{Key: "data", Value: v}} }

// marshal encodes an answer the way the PHP platform does.
func marshal(v any) ([]byte, error) { return phpjson.Marshal(v) }
