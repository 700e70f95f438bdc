package conformance

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// A marker is an expected string that stands for a set of values:
//
//	<any>          any value (not absence)
//	<any:TYPE>     any value of TYPE: string, number, integer, bool, null,
//	               object, array, uuid, datetime (2022-04-25T00:00:00.000000Z)
//	<re:PATTERN>   a string (or number, as written) matching PATTERN (RE2)
//	<absent>       the key or header is not there
type marker struct {
	kind string // "any", "re", "absent"
	typ  string // for "any"
	re   *regexp.Regexp
}

var (
	uuidRE     = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	datetimeRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$`)
	anyTypes   = []string{"string", "number", "integer", "bool", "null", "object", "array", "uuid", "datetime"}
)

// parseMarker recognises a marker; ok is false for an ordinary string.
func parseMarker(s string) (m *marker, ok bool, err error) {
	if !strings.HasPrefix(s, "<") || !strings.HasSuffix(s, ">") {
		return nil, false, nil
	}
	inner := s[1 : len(s)-1]
	switch {
	case inner == "any":
		return &marker{kind: "any"}, true, nil
	case inner == "absent":
		return &marker{kind: "absent"}, true, nil
	case strings.HasPrefix(inner, "any:"):
		typ := inner[len("any:"):]
		if !slices.Contains(anyTypes, typ) {
			return nil, true, fmt.Errorf("marker %s: unknown type %q (one of %s)", s, typ, strings.Join(anyTypes, ", "))
		}
		return &marker{kind: "any", typ: typ}, true, nil
	case strings.HasPrefix(inner, "re:"):
		re, err := regexp.Compile(inner[len("re:"):])
		if err != nil {
			return nil, true, fmt.Errorf("marker %s: %v", s, err)
		}
		return &marker{kind: "re", re: re}, true, nil
	}
	return nil, false, nil
}

// matches reports whether got (present) satisfies m.
func (m *marker) matches(got any) bool {
	switch m.kind {
	case "absent":
		return false
	case "re":
		switch g := got.(type) {
		case string:
			return m.re.MatchString(g)
		case json.Number:
			return m.re.MatchString(string(g))
		}
		return false
	}
	switch m.typ {
	case "":
		return true
	case "string":
		_, ok := got.(string)
		return ok
	case "number":
		_, ok := got.(json.Number)
		return ok
	case "integer":
		n, ok := got.(json.Number)
		if !ok {
			return false
		}
		_, err := n.Int64()
		return err == nil
	case "bool":
		_, ok := got.(bool)
		return ok
	case "null":
		return got == nil
	case "object":
		_, ok := got.(*object)
		return ok
	case "array":
		_, ok := got.([]any)
		return ok
	case "uuid":
		s, ok := got.(string)
		return ok && uuidRE.MatchString(s)
	case "datetime":
		s, ok := got.(string)
		return ok && datetimeRE.MatchString(s)
	}
	return false
}

// compareJSON checks got against the expected value exp (already
// substituted). It appends one line per mismatch, each naming the JSON
// pointer, and returns the expected value as it should be displayed: markers
// that matched are replaced by what they matched, so that a diff of the two
// renderings shows only the real differences.
func compareJSON(exp, got any, path string, problems *[]string) any {
	at := path
	if at == "" {
		at = "(document)"
	}
	if s, ok := exp.(string); ok {
		m, isMarker, err := parseMarker(s)
		if err != nil {
			*problems = append(*problems, fmt.Sprintf("%s: %v", at, err))
			return exp
		}
		if isMarker {
			if m.kind == "absent" {
				*problems = append(*problems, fmt.Sprintf("%s: expected no value, got %s", at, compact(got)))
				return exp
			}
			if !m.matches(got) {
				*problems = append(*problems, fmt.Sprintf("%s: expected %s, got %s", at, s, compact(got)))
				return exp
			}
			return got
		}
	}
	switch e := exp.(type) {
	case *object:
		g, ok := got.(*object)
		if !ok {
			*problems = append(*problems, fmt.Sprintf("%s: expected an object, got %s", at, compact(got)))
			return exp
		}
		display := newObject()
		var wantOrder []string
		for _, k := range e.keys {
			ev := e.vals[k]
			gv, present := g.get(k)
			if s, ok := ev.(string); ok && s == "<absent>" {
				if present {
					*problems = append(*problems, fmt.Sprintf("%s/%s: expected no such key, got %s", path, escapeToken(k), compact(gv)))
				}
				continue
			}
			if !present {
				*problems = append(*problems, fmt.Sprintf("%s/%s: missing (expected %s)", path, escapeToken(k), compact(ev)))
				display.set(k, ev)
				continue
			}
			wantOrder = append(wantOrder, k)
			display.set(k, compareJSON(ev, gv, path+"/"+escapeToken(k), problems))
		}
		var extra []string
		var gotOrder []string
		for _, k := range g.keys {
			if _, ok := e.vals[k]; ok {
				gotOrder = append(gotOrder, k)
			} else {
				extra = append(extra, k)
			}
		}
		if len(extra) > 0 {
			*problems = append(*problems, fmt.Sprintf("%s: unexpected keys %s", at, strings.Join(quoteAll(extra), ", ")))
		}
		gotOrder = slices.DeleteFunc(gotOrder, func(k string) bool { return !slices.Contains(wantOrder, k) })
		if !slices.Equal(wantOrder, gotOrder) {
			*problems = append(*problems, fmt.Sprintf("%s: keys in the wrong order: expected %s, got %s", at, strings.Join(wantOrder, ", "), strings.Join(gotOrder, ", ")))
		}
		return display
	case []any:
		g, ok := got.([]any)
		if !ok {
			*problems = append(*problems, fmt.Sprintf("%s: expected an array, got %s", at, compact(got)))
			return exp
		}
		if len(e) != len(g) {
			*problems = append(*problems, fmt.Sprintf("%s: expected %d elements, got %d", at, len(e), len(g)))
		}
		display := make([]any, len(e))
		for i := range e {
			if i < len(g) {
				display[i] = compareJSON(e[i], g[i], fmt.Sprintf("%s/%d", path, i), problems)
			} else {
				display[i] = e[i]
			}
		}
		return display
	case json.Number:
		g, ok := got.(json.Number)
		if !ok || !numbersEqual(e, g) {
			*problems = append(*problems, fmt.Sprintf("%s: expected %s, got %s", at, e, compact(got)))
		}
		return exp
	default: // nil, bool, string
		if exp != got {
			*problems = append(*problems, fmt.Sprintf("%s: expected %s, got %s", at, compact(exp), compact(got)))
		}
		return exp
	}
}

func escapeToken(k string) string {
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// checkMarkers validates the markers in a static expected value (strings
// holding ${…} are checked once substituted, at run time).
func checkMarkers(v any) error {
	switch t := v.(type) {
	case string:
		if strings.Contains(t, "${") {
			return nil
		}
		_, _, err := parseMarker(t)
		return err
	case []any:
		for _, e := range t {
			if err := checkMarkers(e); err != nil {
				return err
			}
		}
	case *object:
		for _, k := range t.keys {
			if err := checkMarkers(t.vals[k]); err != nil {
				return err
			}
		}
	}
	return nil
}
