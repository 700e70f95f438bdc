package soap

import (
	"unicode/utf8"
)

// Namespace URIs.
const (
	nsEnvelope   = "http://schemas.xmlsoap.org/soap/envelope/"
	nsEnvelope12 = "http://www.w3.org/2003/05/soap-envelope"
	nsEncoding   = "http://schemas.xmlsoap.org/soap/encoding/"
	nsXSD        = "http://www.w3.org/2001/XMLSchema"
	nsXSI        = "http://www.w3.org/2001/XMLSchema-instance"
	nsXML        = "http://www.w3.org/XML/1998/namespace"
	nsWSDL       = "http://schemas.xmlsoap.org/wsdl/"
	nsWSDLSOAP   = "http://schemas.xmlsoap.org/wsdl/soap/"
	actorNext    = "http://schemas.xmlsoap.org/soap/actor/next"

	xmlDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
)

// appendText appends s as libxml2 serialises a text node: &, <, > and CR
// escaped, everything else raw. Two things PHP does before libxml sees
// the string are reproduced too: a NUL ends it (with the SoapServer
// "encoding" option Yii sets, ext/soap copies the string with estrdup), and
// invalid UTF-8, which PHP refuses with a fault, becomes U+FFFD here
// because a response writer has no way to fail.
func appendText(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0:
			return dst
		case c == '&':
			dst = append(dst, "&amp;"...)
		case c == '<':
			dst = append(dst, "&lt;"...)
		case c == '>':
			dst = append(dst, "&gt;"...)
		case c == '\r':
			dst = append(dst, "&#13;"...)
		case c < utf8.RuneSelf:
			dst = append(dst, c)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				dst = append(dst, "\uFFFD"...)
			} else {
				dst = append(dst, s[i:i+size]...)
			}
			i += size
			continue
		}
		i++
	}
	return dst
}

// appendAttr appends s as libxml2 serialises an attribute value inside
// double quotes: &, <, >, " escaped, and TAB, LF, CR as character
// references so that they survive attribute-value normalisation.
func appendAttr(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			dst = append(dst, "&amp;"...)
		case '<':
			dst = append(dst, "&lt;"...)
		case '>':
			dst = append(dst, "&gt;"...)
		case '"':
			dst = append(dst, "&quot;"...)
		case '\t':
			dst = append(dst, "&#9;"...)
		case '\n':
			dst = append(dst, "&#10;"...)
		case '\r':
			dst = append(dst, "&#13;"...)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// isBlank reports whether s consists of XML white space only, as PHP's
// ext/soap is_blank() sees it (it removes such text nodes from requests).
func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
		default:
			return false
		}
	}
	return true
}
