package laravel

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// validEmail approximates egulias/email-validator 3's RFCValidation, the
// default of Laravel's `email` rule; the cases in email_test.go were
// checked against egulias 3.2.5. Accepted:
//   - a dot-atom local part of RFC 5322 atext ("o'brien+tag@…"), or a
//     quoted one ("\"a b\"@…"), with comments anywhere in it ("a(x)@…");
//   - a host-name domain, no top-level domain needed ("user@localhost"),
//     ASCII labels of letters, digits and inner "-" of at most 63 bytes,
//     253 bytes in all;
//   - any non-ASCII character in either part that is not a symbol or
//     control/format character in Unicode ("jānis@ēxample.lv" yes,
//     "a@€.lv" and emoji no), as egulias' lexer decides;
//   - an address literal "[…]" as the whole domain, with anything but
//     brackets, backslashes and control characters inside (egulias
//     accepts "[300.1.1.1]" and "[abc]" with warnings only);
//   - an over-long local part (a warning only in egulias).
//
// Not reproduced: comments in the domain and egulias' oddities such as
// "a @b.lv" or "a@[x]y" (accepted there, rejected here).
func validEmail(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	at := atSeparator(s)
	if at <= 0 || at == len(s)-1 {
		return false
	}
	return validLocalPart(s[:at]) && validDomain(s[at+1:])
}

// atSeparator is the index of the "@" that ends the local part, or -1.
func atSeparator(s string) int {
	if strings.HasPrefix(s, `"`) {
		for i := 1; i < len(s); i++ {
			switch s[i] {
			case '\\':
				i++
			case '"':
				if i+1 < len(s) && s[i+1] == '@' {
					return i + 1
				}
				return -1
			}
		}
		return -1
	}
	return strings.IndexByte(s, '@')
}

func validLocalPart(l string) bool {
	if strings.HasPrefix(l, `"`) {
		return validQuoted(l)
	}
	l, ok := stripComments(l)
	if !ok {
		return false
	}
	for _, atom := range strings.Split(l, ".") {
		if atom == "" {
			return false
		}
		for _, r := range atom {
			if !isAtext(r) {
				return false
			}
		}
	}
	return true
}

// stripComments removes balanced, possibly nested "(…)" comments.
func stripComments(s string) (string, bool) {
	if !strings.ContainsAny(s, "()") {
		return s, true
	}
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')':
			if depth--; depth < 0 {
				return "", false
			}
		case r == '\\' && depth > 0:
			return "", false
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String(), depth == 0
}

func validQuoted(q string) bool {
	if len(q) < 2 || q[0] != '"' || q[len(q)-1] != '"' {
		return false
	}
	in := q[1 : len(q)-1]
	for i := 0; i < len(in); {
		r, size := utf8.DecodeRuneInString(in[i:])
		if r == '\\' { // quoted-pair: any visible character
			if i+1 == len(in) {
				return false
			}
			r, size = utf8.DecodeRuneInString(in[i+1:])
			size++
		} else if r == '"' {
			return false
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && !egulias(r)) {
			return false
		}
		i += size
	}
	return true
}

// isAtext reports RFC 5322 atext, extended to UTF-8 as egulias does.
func isAtext(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	case r >= 0x80:
		return egulias(r)
	}
	return strings.ContainsRune("!#$%&'*+-/=?^_`{|}~", r)
}

// egulias reports whether egulias' lexer accepts a non-ASCII character:
// anything outside the Unicode categories S (symbols) and C (control,
// format, private use, unassigned).
func egulias(r rune) bool {
	return r != utf8.RuneError && !unicode.IsSymbol(r) && !unicode.In(r, unicode.C)
}

func validDomain(d string) bool {
	if strings.HasPrefix(d, "[") {
		lit, ok := strings.CutSuffix(d[1:], "]")
		return ok && !strings.ContainsAny(lit, "[]\\") &&
			strings.IndexFunc(lit, func(r rune) bool { return r < 0x20 || r == 0x7f }) < 0
	}
	if len(d) > 253 {
		return false
	}
	for _, label := range strings.Split(d, ".") {
		if label == "" || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		ascii := true
		for _, r := range label {
			switch {
			case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-':
			case r >= 0x80 && egulias(r):
				ascii = false
			default:
				return false
			}
		}
		if ascii && len(label) > 63 {
			return false
		}
	}
	return true
}
