package soap

import (
	"math"
	"strconv"
	"strings"
)

// Value is one element of a request: a parameter, a struct field, an array
// item or a header entry. Multi-references are already resolved: an
// element with href="#x" holds the content of the element with id="x".
type Value struct {
	Name   string  // element local name ("prefix:local" when the prefix is undeclared, as libxml2 names it)
	Type   string  // xsi:type local name ("string", "int", "boolean", "Array", …), "" when absent
	TypeNS string  // namespace URI of the xsi:type prefix
	Nil    bool    // the element has a nil attribute: PHP reads null whatever its value ("true", "1", even "false")
	Text   string  // character data of an element without child elements (text and CDATA), XML-unescaped, not trimmed
	Items  []Value // child elements in document order (array items or struct fields)
	// IsArray: a SOAP-ENC array (an arrayType attribute, an xsi:type Array
	// or …Array), or an element whose children are all named item.
	IsArray bool

	shape  shape
	scalar string
	fault  *Fault // the first unresolvable reference inside, raised when decoded
}

// Empty reports whether the element holds nothing once PHP has dropped
// white space only text, comments and processing instructions. PHP decodes
// such an element as null for xsd:int and xsd:boolean, and as "" for
// xsd:string.
func (v Value) Empty() bool { return v.shape == shapeEmpty }

// Check returns the fault PHP raises on decoding this value whatever its
// type: an href to an id that does not exist ("SOAP-ERROR: Encoding:
// Unresolved reference '#x'") or to another document ("… External
// reference 'x'"), here or in any element inside.
func (v Value) Check() *Fault { return v.fault }

// String is the value as PHP decodes an xsd:string: the text of a single
// text node or CDATA section, exactly as written; "" for nil, empty and
// white space only elements, and for content PHP refuses (see StringValue).
func (v Value) String() string {
	s, _ := v.StringValue()
	return s
}

// StringValue is String with PHP's refusal: an element with child elements,
// or with text and CDATA (or two text nodes around a processing
// instruction), is an EncodingViolation.
func (v Value) StringValue() (string, *Fault) {
	if v.fault != nil {
		return "", v.fault
	}
	if v.Nil {
		return "", nil
	}
	switch v.shape {
	case shapeText, shapeCDATA:
		return v.scalar, nil
	case shapeMixed:
		return "", EncodingViolation()
	}
	return "", nil
}

// Strings returns the items of an array as strings (String of each item;
// a nil item gives "", where PHP has null).
func (v Value) Strings() []string {
	out := make([]string, len(v.Items))
	for i := range v.Items {
		out[i] = v.Items[i].String()
	}
	return out
}

// scalarText is the text ext/soap's int and boolean decoders accept: one
// text node (not CDATA), white space collapsed. ok is false for null.
func (v Value) scalarText() (text string, ok bool, f *Fault) {
	if v.fault != nil {
		return "", false, v.fault
	}
	if v.Nil || v.shape == shapeEmpty {
		return "", false, nil
	}
	if v.shape != shapeText {
		return "", false, EncodingViolation()
	}
	return collapse(v.scalar), true, nil
}

// Int decodes the value as PHP decodes an xsd:int: white space collapsed,
// then PHP's numeric-string rules ("12", " 12 ", "+5", "007"). Text that is
// not numeric ("12abc", "0x1A", "1 2"), a CDATA section or child elements
// are an EncodingViolation. Nil and empty elements, which PHP decodes as
// null, give 0 (tell them apart with Nil and Empty).
//
// PHP decodes a number with a fraction or an exponent ("1.5", "1e3") or
// beyond the int64 range as a float; Int refuses those with an
// EncodingViolation, where PHP would pass a float on: use Number to get
// what PHP gets.
func (v Value) Int() (int64, *Fault) {
	n, f := v.Number()
	if f != nil {
		return 0, f
	}
	switch n := n.(type) {
	case int64:
		return n, nil
	case float64:
		return 0, EncodingViolation()
	}
	return 0, nil
}

// Number decodes the value as PHP decodes an xsd:int, with PHP's result
// type: nil (null: a nil or empty element), int64, or float64 (a fraction,
// an exponent, or an integer beyond the int64 range).
func (v Value) Number() (any, *Fault) {
	s, ok, f := v.scalarText()
	if f != nil || !ok {
		return nil, f
	}
	n, ok := phpNumeric(s)
	if !ok {
		return nil, EncodingViolation()
	}
	return n, nil
}

// Bool decodes the value as PHP decodes an xsd:boolean: "true", "t" and "1"
// (letter case ignored) are true; "false", "f" and "0" false; any other text
// is a PHP string converted to bool, which is true. A CDATA section or
// child elements are an EncodingViolation. Nil and empty elements, which
// PHP decodes as null, give false (tell them apart with Nil and Empty).
func (v Value) Bool() (bool, *Fault) {
	s, ok, f := v.scalarText()
	if f != nil || !ok {
		return false, f
	}
	switch {
	case strings.EqualFold(s, "true"), strings.EqualFold(s, "t"), s == "1":
		return true, nil
	case strings.EqualFold(s, "false"), strings.EqualFold(s, "f"), s == "0":
		return false, nil
	}
	return s != "", nil
}

// collapse is XML Schema's whiteSpace="collapse" as ext/soap implements it
// (whiteSpace_collapse): TAB, LF and CR become spaces, runs of spaces one
// space, leading and trailing spaces go.
func collapse(s string) string {
	b := make([]byte, 0, len(s))
	space := true // drops leading spaces
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\t' || c == '\n' || c == '\r' {
			c = ' '
		}
		if c == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		b = append(b, c)
	}
	if n := len(b); n > 0 && b[n-1] == ' ' {
		b = b[:n-1]
	}
	return string(b)
}

// phpNumeric is PHP 8's is_numeric_string() without allow_errors: optional
// leading and trailing white space, an optional sign, decimal digits with an
// optional fraction and exponent; no hex, no "inf". An integer beyond the
// int64 range is a float.
func phpNumeric(s string) (any, bool) {
	s = strings.TrimLeft(s, " \t\n\r\v\f")
	s = strings.TrimRight(s, " \t\n\r\v\f")
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	intStart := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	intDigits := i - intStart
	isFloat := false
	if i < len(s) && s[i] == '.' {
		isFloat = true
		i++
		fracStart := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if intDigits == 0 && i == fracStart {
			return nil, false
		}
	} else if intDigits == 0 {
		return nil, false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		expStart := j
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j > expStart {
			isFloat = true
			i = j
		}
	}
	if i != len(s) {
		return nil, false
	}
	if !isFloat {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n, true
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !math.IsInf(f, 0) {
		return nil, false
	}
	return f, true
}
