package laravel

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kycsim/kycsim/mocks/kit/phpjson"
)

// trimExcept are the keys the Laravel 10 skeleton's TrimStrings leaves
// alone. Like Laravel, the whole dotted key must match ("user.password"
// is trimmed).
var trimExcept = map[string]bool{"current_password": true, "password": true, "password_confirmation": true}

// cleaner applies the global TrimStrings and ConvertEmptyStringsToNull
// middleware to every string, nested ones too, and notes where a key or
// string is not valid UTF-8.
type cleaner struct {
	invalid []string // dotted paths, with malformed bytes shown as U+FFFD
	noted   map[string]bool
}

func (c *cleaner) object(prefix string, obj phpjson.Object) phpjson.Object {
	out := make(phpjson.Object, len(obj))
	for i, m := range obj {
		if !utf8.ValidString(m.Key) {
			c.note(prefix + m.Key)
		}
		out[i] = phpjson.Member{Key: m.Key, Value: c.value(prefix+m.Key, m.Value)}
	}
	return out
}

func (c *cleaner) value(path string, v any) any {
	switch x := v.(type) {
	case string:
		if !trimExcept[path] {
			x = trimString(x)
		}
		if !utf8.ValidString(x) {
			c.note(path)
		}
		if x == "" {
			return nil
		}
		return x
	case phpjson.Object:
		return c.object(path+".", x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = c.value(path+"."+strconv.Itoa(i), e)
		}
		return out
	}
	return v
}

func (c *cleaner) note(path string) {
	p := strings.ToValidUTF8(path, "\uFFFD")
	if c.noted == nil {
		c.noted = make(map[string]bool)
	}
	if !c.noted[p] {
		c.noted[p] = true
		c.invalid = append(c.invalid, p)
	}
}

// trimString is TrimStrings::transform in Laravel 10: it deletes
// ~^[\s\x{FEFF}\x{200B}]+|[\s\x{FEFF}\x{200B}]+$~u with preg_replace, or
// falls back to trim($v). With /u PHP turns on Unicode properties, so \s is
// Unicode white space; on malformed UTF-8 preg_replace fails and plain
// trim() runs.
func trimString(s string) string {
	if !utf8.ValidString(s) {
		return phpTrim(s)
	}
	return strings.TrimFunc(s, isTrimmedRune)
}

func isTrimmedRune(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x180E,
		0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF, 0x200B:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}
