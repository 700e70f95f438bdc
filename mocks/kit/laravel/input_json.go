package laravel

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/kycsim/kycsim/mocks/kit/phpjson"
)

// jsonMaxDepth is json_decode's default depth.
const jsonMaxDepth = 512

// decodeJSONBody reads a body as Laravel's $request->json() does:
// (array) json_decode($body, true). It returns the top-level fields, or
// nil and the reason PHP would not produce any.
func decodeJSONBody(body []byte) (phpjson.Object, string) {
	if len(body) == 0 {
		return nil, "" // getContent() ?: '[]'
	}
	if reason := phpJSONError(body); reason != "" {
		return nil, fmt.Sprintf("body is not valid JSON (%s): Laravel reads it as no input", reason)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	v, err := decodeJSONValue(dec)
	if err != nil { // cannot happen after phpJSONError; be safe anyway
		return nil, fmt.Sprintf("body is not valid JSON (%v): Laravel reads it as no input", err)
	}
	obj, ok := v.(*phpArray)
	if !ok {
		return nil, fmt.Sprintf("body is JSON but its top level is %s, not an object: Laravel reads no named fields from it", jsonKind(v))
	}
	return obj.object(), ""
}

// phpJSONError reports why json_decode would fail on body, or "".
func phpJSONError(body []byte) string {
	var probe json.RawMessage
	if err := json.Unmarshal(body, &probe); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Sprintf("%s at offset %d", se.Error(), se.Offset)
		}
		return err.Error()
	}
	if !utf8.Valid(body) {
		return fmt.Sprintf("malformed UTF-8 at offset %d", invalidUTF8Offset(body))
	}
	return scanEscapesAndDepth(body)
}

func invalidUTF8Offset(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// scanEscapesAndDepth finds what encoding/json accepts but PHP rejects in
// syntactically valid JSON: an unpaired UTF-16 surrogate escape
// (JSON_ERROR_UTF16) and nesting deeper than 512 (JSON_ERROR_DEPTH).
func scanEscapesAndDepth(b []byte) string {
	depth := 0
	inString := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if !inString {
			switch c {
			case '"':
				inString = true
			case '{', '[':
				if depth++; depth > jsonMaxDepth {
					return fmt.Sprintf("nesting deeper than %d levels at offset %d", jsonMaxDepth, i)
				}
			case '}', ']':
				depth--
			}
			continue
		}
		switch c {
		case '"':
			inString = false
		case '\\':
			if b[i+1] != 'u' {
				i++
				continue
			}
			u := hex4(b[i+2 : i+6])
			switch {
			case u >= 0xD800 && u <= 0xDBFF:
				if i+12 <= len(b) && b[i+6] == '\\' && b[i+7] == 'u' {
					if lo := hex4(b[i+8 : i+12]); lo >= 0xDC00 && lo <= 0xDFFF {
						i += 11
						continue
					}
				}
				return fmt.Sprintf("single unpaired UTF-16 surrogate at offset %d", i)
			case u >= 0xDC00 && u <= 0xDFFF:
				return fmt.Sprintf("single unpaired UTF-16 surrogate at offset %d", i)
			}
			i += 5
		}
	}
	return ""
}

func hex4(b []byte) int {
	n, err := strconv.ParseUint(string(b), 16, 16)
	if err != nil {
		return -1
	}
	return int(n)
}

// decodeJSONValue builds a value as json_decode(…, true) does: objects
// become ordered PHP arrays (a repeated key keeps its first position and
// its last value), integers that fit int64 stay integers, other numbers
// are floats.
func decodeJSONValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			obj := newPHPArray()
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, _ := kt.(string)
				v, err := decodeJSONValue(dec)
				if err != nil {
					return nil, err
				}
				obj.set(key, v)
			}
			_, err := dec.Token()
			return obj, err
		}
		list := []any{}
		for dec.More() {
			v, err := decodeJSONValue(dec)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		_, err := dec.Token()
		return list, err
	case json.Number:
		return phpNumber(string(t)), nil
	}
	return tok, nil // string, bool or nil
}

func phpNumber(s string) any {
	if !bytes.ContainsAny([]byte(s), ".eE") {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n
		}
	}
	f, _ := strconv.ParseFloat(s, 64) // overflow gives ±Inf, as PHP's zend_strtod
	return f
}

func jsonKind(v any) string {
	switch v.(type) {
	case []any:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return "a number"
}
