package laravel

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kycsim/kycsim/mocks/kit/phpjson"
)

// PHP value semantics the validation rules depend on. Input values are
// string, bool, nil, int64, float64, []any or phpjson.Object.

// phpTrimChars is the default character list of PHP's trim().
const phpTrimChars = " \t\n\r\x00\x0B"

func phpTrim(s string) string { return strings.Trim(s, phpTrimChars) }

// isPHPArray reports whether v is what PHP would hold as an array.
func isPHPArray(v any) bool {
	switch v.(type) {
	case []any, phpjson.Object:
		return true
	}
	return false
}

func phpCount(v any) int {
	switch x := v.(type) {
	case []any:
		return len(x)
	case phpjson.Object:
		return len(x)
	}
	return 0
}

// phpString is PHP's (string) cast of a scalar: true → "1", false and
// null → "", floats with precision 14 (1.0E+25, 0.1).
func phpString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		if x {
			return "1"
		}
		return ""
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return phpFloatString(x)
	}
	return ""
}

// phpFloatString follows zend_gcvt with precision 14, as PHP 8 casts a
// float to string.
func phpFloatString(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NAN"
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	case f == 0:
		if math.Signbit(f) {
			return "-0"
		}
		return "0"
	}
	e := strconv.FormatFloat(f, 'e', 13, 64) // 14 significant digits
	sign := ""
	if e[0] == '-' {
		sign, e = "-", e[1:]
	}
	ePos := strings.IndexByte(e, 'e')
	exp, _ := strconv.Atoi(e[ePos+1:])
	digits := strings.TrimRight(strings.Replace(e[:ePos], ".", "", 1), "0")
	decpt := exp + 1
	if decpt < -3 || decpt > 14 {
		frac := digits[1:]
		if frac == "" {
			frac = "0"
		}
		esign := "+"
		if decpt-1 < 0 {
			esign = "-"
		}
		return sign + digits[:1] + "." + frac + "E" + esign + strconv.Itoa(abs(decpt-1))
	}
	if decpt <= 0 {
		return sign + "0." + strings.Repeat("0", -decpt) + digits
	}
	if len(digits) <= decpt {
		return sign + digits + strings.Repeat("0", decpt-len(digits))
	}
	return sign + digits[:decpt] + "." + digits[decpt:]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// mbStrlen is mb_strlen($s) in UTF-8 as PHP 8.2 counts: by the length
// its lead byte announces (C2–DF two bytes, E0–EF three, F0–F4 four,
// any other byte one), without checking the bytes that follow.
func mbStrlen(s string) int {
	if utf8.ValidString(s) {
		return utf8.RuneCountInString(s)
	}
	n := 0
	for i := 0; i < len(s); n++ {
		switch c := s[i]; {
		case c >= 0xC2 && c <= 0xDF:
			i += 2
		case c >= 0xE0 && c <= 0xEF:
			i += 3
		case c >= 0xF0 && c <= 0xF4:
			i += 4
		default:
			i++
		}
	}
	return n
}

// isNumericString is PHP 8's is_numeric() for strings: optional
// surrounding whitespace, sign, decimal digits with an optional fraction
// and exponent.
func isNumericString(s string) bool {
	s = strings.Trim(s, " \t\n\r\v\f")
	if s == "" {
		return false
	}
	i := 0
	if s[0] == '+' || s[0] == '-' {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k == j {
			return false
		}
		i = k
	}
	return i == len(s)
}

// phpLooseStringEqual is PHP 8's $a == $b for two strings: numeric
// strings compare as numbers ("1" == "01" == "1.0"), others byte-wise.
func phpLooseStringEqual(a, b string) bool {
	if a == b {
		return true
	}
	if !isNumericString(a) || !isNumericString(b) {
		return false
	}
	ta, tb := strings.Trim(a, " \t\n\r\v\f"), strings.Trim(b, " \t\n\r\v\f")
	ia, errA := strconv.ParseInt(ta, 10, 64)
	ib, errB := strconv.ParseInt(tb, 10, 64)
	if errA == nil && errB == nil {
		return ia == ib
	}
	fa, _ := strconv.ParseFloat(ta, 64)
	fb, _ := strconv.ParseFloat(tb, 64)
	return fa == fb
}
