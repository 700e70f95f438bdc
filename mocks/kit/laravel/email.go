package laravel

import (
	"net"
	"strings"
	"unicode/utf8"
)

// validEmail approximates egulias/email-validator's RFCValidation, which
// Laravel's plain `email` rule uses. Like it, it accepts
//   - a dot-atom local part of RFC 5322 atext, UTF-8 letters included
//     ("o'brien+tag@…", "jānis@…"), or a quoted one ("\"a b\"@…");
//   - a host-name domain without a top-level domain ("user@localhost"),
//     UTF-8 labels included, or an address literal ("[192.0.2.1]",
//     "[IPv6:2001:db8::1]");
//   - an over-long local part (RFC warns, egulias does not fail);
//
// and it rejects missing parts, leading, trailing or doubled dots, labels
// that start or end with "-" or exceed 63 bytes, and stray characters.
// Where it differs: comments and folding white space ("a(x)@b.lv") are
// rejected here, egulias accepts them with a warning.
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
	return validDotAtom(l, isAtext)
}

func validQuoted(q string) bool {
	if len(q) < 2 || !strings.HasSuffix(q, `"`) {
		return false
	}
	in := q[1 : len(q)-1]
	for i := 0; i < len(in); i++ {
		c := in[i]
		switch {
		case c == '\\':
			if i+1 == len(in) {
				return false
			}
			i++
		case c == '"':
			return false
		case c < 0x20 && c != '\t', c == 0x7f:
			return false
		}
	}
	return true
}

func validDotAtom(s string, ok func(rune) bool) bool {
	for _, atom := range strings.Split(s, ".") {
		if atom == "" {
			return false
		}
		for _, r := range atom {
			if !ok(r) {
				return false
			}
		}
	}
	return true
}

// isAtext reports RFC 5322 atext, extended to UTF-8 (RFC 6532).
func isAtext(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	case r >= 0x80:
		return r != utf8.RuneError && !isUnicodeSpace(r)
	}
	return strings.ContainsRune("!#$%&'*+-/=?^_`{|}~", r)
}

func isUnicodeSpace(r rune) bool {
	switch r {
	case 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return r >= 0x2000 && r <= 0x200B
}

func validDomain(d string) bool {
	if strings.HasPrefix(d, "[") {
		if !strings.HasSuffix(d, "]") {
			return false
		}
		lit := d[1 : len(d)-1]
		if v6, ok := strings.CutPrefix(lit, "IPv6:"); ok {
			ip := net.ParseIP(v6)
			return ip != nil && strings.Contains(v6, ":")
		}
		ip := net.ParseIP(lit)
		return ip != nil && ip.To4() != nil && !strings.Contains(lit, ":")
	}
	if len(d) > 253 {
		return false
	}
	for _, label := range strings.Split(d, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
				r == '-' || r == '_' || (r >= 0x80 && !isUnicodeSpace(r))
			if !ok {
				return false
			}
		}
	}
	return true
}
