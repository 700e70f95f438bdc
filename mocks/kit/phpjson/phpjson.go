// Package phpjson writes JSON byte-for-byte as PHP's json_encode does with
// its default flags (PHP 7.1 – 8.x, serialize_precision -1).
//
// The real services are PHP applications, and their clients sign, hash or
// snapshot the exact bytes: `\/` for `/`, `\u00e4` for `ä`, `1.0e+25` for
// 1e25. encoding/json differs on every one of those, so kycsim writes (and
// the Lursoft signature check canonicalises) through this package.
//
// Values map to PHP as follows: nil → null; bool; every Go integer kind
// (digits; a uint64 above PHP_INT_MAX, which PHP cannot hold, is still
// written as digits); float32/float64 (PHP's shortest round-trip form; a
// float32 uses its own shortest digits); string (must be valid UTF-8, as
// json_encode fails otherwise); []any, []string and other slices and arrays
// → JSON arrays (a []byte too: PHP has no byte type, convert to string
// first); Object → a JSON object in its member order (a PHP associative
// array keeps insertion order); map[string]any and other maps with string
// keys → an object with keys sorted, because Go maps have no order;
// RawMessage → copied as it is; a Marshaler writes itself; a nil pointer →
// null.
//
// Empty containers: PHP cannot tell an empty list from an empty
// associative array, so json_encode([]) is `[]`; only an empty object
// (stdClass, `(object)[]`) gives `{}`. Here an empty Object or map writes
// `{}` and an empty or nil slice writes `[]`: pick the Go type that gives
// the bytes the emulated API sends.
package phpjson

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Member is one key/value pair of an Object.
type Member struct {
	Key   string
	Value any
}

// Object is a JSON object whose members are written in slice order.
// Duplicate keys are written as given (a PHP array cannot have them).
type Object []Member

// RawMessage is JSON that is already encoded and is copied verbatim;
// a nil or empty RawMessage writes null.
type RawMessage []byte

// Marshaler is implemented by values that append their own PHP-style JSON.
type Marshaler interface {
	AppendPHPJSON(dst []byte) ([]byte, error)
}

// ErrInvalidUTF8 is returned for strings json_encode would refuse
// (JSON_ERROR_UTF8: "Malformed UTF-8 characters, possibly incorrectly encoded").
var ErrInvalidUTF8 = errors.New("phpjson: malformed UTF-8 characters, possibly incorrectly encoded")

// ErrInfOrNaN is returned for non-finite floats (JSON_ERROR_INF_OR_NAN).
var ErrInfOrNaN = errors.New("phpjson: inf and nan cannot be JSON encoded")

// ErrDepth is returned when arrays and objects nest deeper than MaxDepth
// (JSON_ERROR_DEPTH: "Maximum stack depth exceeded"). It also stops a
// self-referencing value, which PHP reports as a recursion error instead.
var ErrDepth = errors.New("phpjson: maximum stack depth exceeded")

// MaxDepth is json_encode's default $depth: at most 512 nested arrays or
// objects.
const MaxDepth = 512

// Marshal returns the json_encode form of v, or nil and an error where
// json_encode would return false.
func Marshal(v any) ([]byte, error) {
	b, err := Append(make([]byte, 0, 256), v)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// Append appends the json_encode form of v to dst. On error it returns dst
// as it was, like json_encode which produces nothing on failure.
func Append(dst []byte, v any) ([]byte, error) {
	n := len(dst)
	out, err := appendValue(dst, v, 0)
	if err != nil {
		return dst[:n], err
	}
	return out, nil
}

// appendValue writes v; depth counts the arrays and objects around it.
func appendValue(dst []byte, v any, depth int) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case string:
		return AppendString(dst, x)
	case bool:
		return appendBool(dst, x), nil
	case int:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(dst, x, 10), nil
	case float64:
		return AppendFloat(dst, x)
	case RawMessage:
		if len(x) == 0 {
			return append(dst, "null"...), nil
		}
		return append(dst, x...), nil
	case Object:
		return appendObject(dst, x, depth)
	case []any:
		if depth >= MaxDepth {
			return dst, ErrDepth
		}
		dst = append(dst, '[')
		for i, e := range x {
			if i > 0 {
				dst = append(dst, ',')
			}
			var err error
			if dst, err = appendValue(dst, e, depth+1); err != nil {
				return dst, err
			}
		}
		return append(dst, ']'), nil
	case []string:
		if depth >= MaxDepth {
			return dst, ErrDepth
		}
		dst = append(dst, '[')
		for i, s := range x {
			if i > 0 {
				dst = append(dst, ',')
			}
			var err error
			if dst, err = AppendString(dst, s); err != nil {
				return dst, err
			}
		}
		return append(dst, ']'), nil
	case map[string]any:
		if depth >= MaxDepth {
			return dst, ErrDepth
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		dst = append(dst, '{')
		for i, k := range keys {
			if i > 0 {
				dst = append(dst, ',')
			}
			var err error
			if dst, err = AppendString(dst, k); err != nil {
				return dst, err
			}
			dst = append(dst, ':')
			if dst, err = appendValue(dst, x[k], depth+1); err != nil {
				return dst, err
			}
		}
		return append(dst, '}'), nil
	case Marshaler:
		// A nil pointer receiver would most likely dereference nil inside
		// the method; json_encode writes null for a null value.
		if rv := reflect.ValueOf(x); rv.Kind() == reflect.Pointer && rv.IsNil() {
			return append(dst, "null"...), nil
		}
		return x.AppendPHPJSON(dst)
	}
	return appendReflect(dst, reflect.ValueOf(v), depth)
}

func appendBool(dst []byte, b bool) []byte {
	if b {
		return append(dst, "true"...)
	}
	return append(dst, "false"...)
}

func appendObject(dst []byte, obj Object, depth int) ([]byte, error) {
	if depth >= MaxDepth {
		return dst, ErrDepth
	}
	dst = append(dst, '{')
	for i, m := range obj {
		if i > 0 {
			dst = append(dst, ',')
		}
		var err error
		if dst, err = AppendString(dst, m.Key); err != nil {
			return dst, err
		}
		dst = append(dst, ':')
		if dst, err = appendValue(dst, m.Value, depth+1); err != nil {
			return dst, err
		}
	}
	return append(dst, '}'), nil
}

// appendReflect handles the kinds the type switch in appendValue does not
// name: other integer and float widths, named types, pointers, other
// slices, arrays and string-keyed maps.
func appendReflect(dst []byte, rv reflect.Value, depth int) ([]byte, error) {
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(dst, rv.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.AppendUint(dst, rv.Uint(), 10), nil
	case reflect.Float32:
		return appendFloat(dst, rv.Float(), 32)
	case reflect.Float64:
		return appendFloat(dst, rv.Float(), 64)
	case reflect.String:
		return AppendString(dst, rv.String())
	case reflect.Bool:
		return appendBool(dst, rv.Bool()), nil
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return append(dst, "null"...), nil
		}
		return appendValue(dst, rv.Elem().Interface(), depth)
	case reflect.Slice, reflect.Array:
		if depth >= MaxDepth {
			return dst, ErrDepth
		}
		dst = append(dst, '[')
		for i := 0; i < rv.Len(); i++ {
			if i > 0 {
				dst = append(dst, ',')
			}
			var err error
			if dst, err = appendValue(dst, rv.Index(i).Interface(), depth+1); err != nil {
				return dst, err
			}
		}
		return append(dst, ']'), nil
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			break
		}
		if depth >= MaxDepth {
			return dst, ErrDepth
		}
		keys := rv.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int {
			switch sa, sb := a.String(), b.String(); {
			case sa < sb:
				return -1
			case sa > sb:
				return 1
			}
			return 0
		})
		dst = append(dst, '{')
		for i, k := range keys {
			if i > 0 {
				dst = append(dst, ',')
			}
			var err error
			if dst, err = AppendString(dst, k.String()); err != nil {
				return dst, err
			}
			dst = append(dst, ':')
			if dst, err = appendValue(dst, rv.MapIndex(k).Interface(), depth+1); err != nil {
				return dst, err
			}
		}
		return append(dst, '}'), nil
	}
	return dst, fmt.Errorf("phpjson: unsupported type %s", rv.Type())
}

// hexDigits is php_json_escape_string's digit table: lowercase.
const hexDigits = "0123456789abcdef"

// AppendString appends s as a JSON string the way json_encode escapes it:
// `"` `\` and `/` backslash-escaped; \b \f \n \r \t short forms; other
// bytes below 0x20 as \u00XX; `<` `>` `&` `'` and 0x7F raw; every non-ASCII
// character as \uXXXX in lowercase hex, above U+FFFF as a UTF-16 surrogate
// pair. Invalid UTF-8 (including encoded surrogates and overlong forms)
// gives ErrInvalidUTF8.
func AppendString(dst []byte, s string) ([]byte, error) {
	dst = append(dst, '"')
	start := 0 // s[start:i] is pending output that needs no escaping
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			var esc byte
			switch c {
			case '"', '\\', '/':
				esc = c
			case '\b':
				esc = 'b'
			case '\f':
				esc = 'f'
			case '\n':
				esc = 'n'
			case '\r':
				esc = 'r'
			case '\t':
				esc = 't'
			default:
				if c >= 0x20 {
					i++
					continue
				}
			}
			dst = append(dst, s[start:i]...)
			if esc != 0 {
				dst = append(dst, '\\', esc)
			} else {
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return dst, ErrInvalidUTF8
		}
		dst = append(dst, s[start:i]...)
		if r > 0xFFFF {
			r -= 0x10000
			dst = appendU(dst, 0xD800|(r>>10))
			dst = appendU(dst, 0xDC00|(r&0x3FF))
		} else {
			dst = appendU(dst, r)
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"'), nil
}

func appendU(dst []byte, r rune) []byte {
	return append(dst, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
}

// AppendFloat appends f as json_encode writes a PHP float with
// serialize_precision -1 (zend_gcvt with zend_dtoa mode 0 and 17 as the
// precision): the shortest digits that round-trip, in fixed notation when
// the decimal point position decpt (the exponent plus one) is in [-3, 17],
// otherwise as `d.ddde±N` with at least one fraction digit (`1.0e+25`,
// `1.0e-5`). So 1e15 is `1000000000000000`, 1e17 is `1.0e+17`, 1.0 is `1`
// and -0.0 is `-0`. NaN and ±Inf give ErrInfOrNaN.
func AppendFloat(dst []byte, f float64) ([]byte, error) {
	return appendFloat(dst, f, 64)
}

func appendFloat(dst []byte, f float64, bits int) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return dst, ErrInfOrNaN
	}
	if math.Signbit(f) {
		// zend_dtoa reports the sign "for everything, including 0's".
		dst = append(dst, '-')
		f = -f
	}
	if f == 0 {
		return append(dst, '0'), nil
	}
	// 'e' with precision -1 gives the shortest round-trip digits as
	// d.dddde±XX, the digit string zend_dtoa mode 0 returns.
	var buf [32]byte
	e := strconv.AppendFloat(buf[:0], f, 'e', -1, bits)
	var digitBuf [24]byte
	digits := digitBuf[:0]
	exp := 0
	for i := 0; i < len(e); i++ {
		switch c := e[i]; {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		case c == 'e':
			neg := e[i+1] == '-'
			for _, d := range e[i+2:] {
				exp = exp*10 + int(d-'0')
			}
			if neg {
				exp = -exp
			}
			i = len(e)
		}
	}
	decpt := exp + 1
	switch {
	case decpt < -3 || decpt > 17:
		dst = append(dst, digits[0], '.')
		if len(digits) > 1 {
			dst = append(dst, digits[1:]...)
		} else {
			dst = append(dst, '0')
		}
		dst = append(dst, 'e')
		if exp < 0 {
			dst = append(dst, '-')
			exp = -exp
		} else {
			dst = append(dst, '+')
		}
		return strconv.AppendInt(dst, int64(exp), 10), nil
	case decpt <= 0:
		dst = append(dst, '0', '.')
		for i := decpt; i < 0; i++ {
			dst = append(dst, '0')
		}
		return append(dst, digits...), nil
	}
	for i := 0; i < decpt; i++ {
		if i < len(digits) {
			dst = append(dst, digits[i])
		} else {
			dst = append(dst, '0')
		}
	}
	if decpt < len(digits) {
		dst = append(dst, '.')
		dst = append(dst, digits[decpt:]...)
	}
	return dst, nil
}
