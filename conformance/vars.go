package conformance

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// vars are the values ${…} refers to: captures of earlier steps, the
// credentials (token.all, secret.read, …), base, target, i (the repetition
// of a repeated step).
type vars map[string]any

// A placeholder is ${EXPR} or ${EXPR|FILTER}. EXPR is a variable name or
// integer arithmetic on variables and literals (+, -, *; * binds tighter):
// ${last_page-1}, ${last_page*15-14}. FILTER is "string" (the value as
// text, for a placeholder that makes up a whole string but must stay a
// string) or "json" (the text escaped as PHP's json_encode writes it, for
// body_bytes and body_contains). $${ is a literal ${.

// substString expands every placeholder in s as text.
func (v vars) substString(s string) (string, error) {
	if !strings.Contains(s, "${") {
		return s, nil
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		if i > 0 && s[i-1] == '$' { // $${ → ${
			b.WriteString(s[:i-1] + "${")
			s = s[i+2:]
			continue
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return "", fmt.Errorf("unterminated ${ in %q", s)
		}
		val, err := v.eval(s[i+2 : i+j])
		if err != nil {
			return "", err
		}
		b.WriteString(s[:i])
		b.WriteString(textOf(val))
		s = s[i+j+1:]
	}
}

// subst expands a string of an expected or request JSON value: a string that
// is exactly one placeholder takes the value's own JSON type (a captured
// number stays a number); anything else is text.
func (v vars) subst(s string) (any, error) {
	if strings.HasPrefix(s, "${") && strings.HasSuffix(s, "}") && strings.Count(s, "${") == 1 && strings.IndexByte(s, '}') == len(s)-1 {
		return v.eval(s[2 : len(s)-1])
	}
	return v.substString(s)
}

// substValue expands every string in an ordered JSON value.
func (v vars) substValue(val any) (any, error) {
	switch t := val.(type) {
	case string:
		return v.subst(t)
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			x, err := v.substValue(e)
			if err != nil {
				return nil, err
			}
			out[i] = x
		}
		return out, nil
	case *object:
		out := newObject()
		for _, k := range t.keys {
			x, err := v.substValue(t.vals[k])
			if err != nil {
				return nil, err
			}
			out.set(k, x)
		}
		return out, nil
	}
	return val, nil
}

func textOf(val any) string {
	switch t := val.(type) {
	case string:
		return t
	case json.Number:
		return string(t)
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(t)
	}
	return compact(val)
}

func (v vars) eval(expr string) (any, error) {
	expr = strings.TrimSpace(expr)
	filter := ""
	if i := strings.LastIndexByte(expr, '|'); i >= 0 {
		expr, filter = strings.TrimSpace(expr[:i]), strings.TrimSpace(expr[i+1:])
	}
	val, err := v.evalExpr(expr)
	if err != nil {
		return nil, err
	}
	switch filter {
	case "":
		return val, nil
	case "string":
		return textOf(val), nil
	case "json":
		return phpEscape(textOf(val)), nil
	}
	return nil, fmt.Errorf("${%s|%s}: unknown filter %q (string or json)", expr, filter, filter)
}

func (v vars) evalExpr(expr string) (any, error) {
	if expr == "" {
		return nil, fmt.Errorf("empty ${}")
	}
	// A known name wins, so that names may hold '-' (token.other-profile).
	if val, ok := v[expr]; ok {
		return val, nil
	}
	if !strings.ContainsAny(expr, "+-*") {
		return nil, fmt.Errorf("${%s}: no such variable (captured values, base, target, token.<role>, secret.<role>, i)", expr)
	}
	// Integer arithmetic: sum of products.
	total := int64(0)
	for _, term := range splitTerms(expr) {
		prod := int64(1)
		for _, f := range strings.Split(term.text, "*") {
			n, err := v.intOf(strings.TrimSpace(f), expr)
			if err != nil {
				return nil, err
			}
			prod *= n
		}
		total += term.sign * prod
	}
	return json.Number(strconv.FormatInt(total, 10)), nil
}

type term struct {
	sign int64
	text string
}

func splitTerms(expr string) []term {
	var out []term
	sign, start := int64(1), 0
	for i := 0; i < len(expr); i++ {
		if (expr[i] == '+' || expr[i] == '-') && i > start {
			out = append(out, term{sign, expr[start:i]})
			sign, start = 1, i+1
			if expr[i] == '-' {
				sign = -1
			}
		} else if (expr[i] == '+' || expr[i] == '-') && i == start {
			if expr[i] == '-' {
				sign = -sign
			}
			start = i + 1
		}
	}
	return append(out, term{sign, expr[start:]})
}

func (v vars) intOf(s, expr string) (int64, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	val, ok := v[s]
	if !ok {
		return 0, fmt.Errorf("${%s}: no such variable %q", expr, s)
	}
	n, err := strconv.ParseInt(textOf(val), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("${%s}: %s is %s, not a whole number", expr, s, compact(val))
	}
	return n, nil
}
