package soap

import (
	"fmt"
	"strconv"
	"strings"
)

// Field is one member of a Struct. Value is a string (xsd:string), any Go
// integer (xsd:int), a bool (xsd:boolean), nil (xsi:nil="true"), a Struct,
// a TypedNil, an Array, or a []string (an Array of xsd:string). Any other
// value is written as the xsd:string fmt.Sprint gives.
type Field struct {
	Name  string
	Value any
}

// Struct is a complex value, written <name>…fields…</name> with
// xsi:type="ns1:{Type}". List the fields in the order the WSDL declares
// them: PHP writes them in that order, whatever order the PHP array or
// object had. PHP refuses to write a struct that lacks a field the WSDL
// declares ("SOAP-ERROR: Encoding: object has no 'code' property"), so a
// faithful caller never leaves one out; a null field is nil.
type Struct struct {
	Type   string // complex type name in the service namespace, e.g. "LoginResponse"
	Fields []Field
}

// TypedNil is a null value of a complex type, a struct or an array: PHP
// writes it with both xsi:nil="true" and xsi:type="ns1:{Type}", where a
// null xsd scalar (a plain nil) gets xsi:nil only. Type is the struct or
// array type name ("ResponseList", "ResponseListArray").
type TypedNil struct{ Type string }

// Array is a SOAP-ENC array as PHP writes a Yii "Type[]" property:
// SOAP-ENC:arrayType="ns1:{ItemType}[n]" xsi:type="ns1:{ItemType}Array",
// each item an <item> with its own xsi:type. ItemType is a type of the
// service namespace ("ResponseList"; a "tns:" prefix is accepted) or an XML
// Schema type ("xsd:string", giving arrayType="xsd:string[n]" and Yii's
// xsi:type="ns1:stringArray"). A nil item of a complex item type is written
// as PHP writes a null object: xsi:nil="true" xsi:type="ns1:{ItemType}".
type Array struct {
	ItemType string
	Items    []any
}

// Envelope writes responses for one service namespace.
type Envelope struct {
	Namespace string // e.g. "urn:ApiControllerwsdl"
}

// Response writes the envelope PHP's SoapServer sends for an RPC/encoded
// function returning ret:
//
//	<?xml version="1.0" encoding="UTF-8"?>
//	<SOAP-ENV:Envelope xmlns:SOAP-ENV=… xmlns:ns1=…  …><SOAP-ENV:Body><ns1:{function}Response><return xsi:type="ns1:{ret.Type}">…</return></ns1:{function}Response></SOAP-ENV:Body></SOAP-ENV:Envelope>
//
// on one line with a trailing newline. The xsd, xsi and SOAP-ENC namespaces
// are declared in the order PHP first uses them while it writes the body
// (xsd and SOAP-ENC always, xsi only when used), which is why the same
// struct can come out with different envelope headers: a response whose
// first field is null declares xsi before xsd. function is the function's
// name as the WSDL spells it.
func (e Envelope) Response(function string, ret Struct) []byte {
	// The envelope's start tag depends on the body (the order namespaces
	// are first used), so the body is written after room for the longest
	// possible start tag, and the start tag is put in front of it at the end.
	head := make([]byte, 0, 512)
	head = append(head, xmlDecl...)
	head = append(head, `<SOAP-ENV:Envelope xmlns:SOAP-ENV="`+nsEnvelope+`" xmlns:ns1="`...)
	head = appendAttr(head, e.Namespace)
	head = append(head, '"')
	room := len(head) + len(nsDecls[0]) + len(nsDecls[1]) + len(nsDecls[2]) + len(encodingStyleAttr)

	w := respWriter{buf: make([]byte, room, room+512)}
	w.buf = append(w.buf, "<SOAP-ENV:Body><ns1:"...)
	w.buf = append(w.buf, function...)
	w.buf = append(w.buf, "Response>"...)
	w.value("return", ret)
	w.buf = append(w.buf, "</ns1:"...)
	w.buf = append(w.buf, function...)
	w.buf = append(w.buf, "Response></SOAP-ENV:Body></SOAP-ENV:Envelope>\n"...)
	// ext/soap adds xsd and SOAP-ENC to every encoded response at the end.
	w.use(prefixXSD)
	w.use(prefixENC)

	for _, p := range w.order[:w.n] {
		head = append(head, nsDecls[p]...)
	}
	head = append(head, encodingStyleAttr...)
	start := room - len(head)
	copy(w.buf[start:], head)
	return w.buf[start:]
}

const encodingStyleAttr = ` SOAP-ENV:encodingStyle="` + nsEncoding + `">`

type prefix uint8

const (
	prefixXSD prefix = iota
	prefixXSI
	prefixENC
)

var nsDecls = [...]string{
	prefixXSD: ` xmlns:xsd="` + nsXSD + `"`,
	prefixXSI: ` xmlns:xsi="` + nsXSI + `"`,
	prefixENC: ` xmlns:SOAP-ENC="` + nsEncoding + `"`,
}

// respWriter writes the body and remembers in which order the body first
// needs each namespace: libxml2 declares a namespace on the Envelope the
// first time ext/soap asks for it.
type respWriter struct {
	buf   []byte
	order [3]prefix
	n     int
	used  [3]bool
}

func (w *respWriter) use(p prefix) {
	if !w.used[p] {
		w.used[p] = true
		w.order[w.n] = p
		w.n++
	}
}

// appendType appends ` xsi:type="…"` for a type name: an "xsd:" type as
// it is, any other in the service namespace (ns1; a "tns:" prefix is
// dropped). It reports whether the type is an XML Schema one.
func (w *respWriter) appendType(t string) (xsd bool) {
	w.buf = append(w.buf, ` xsi:type="`...)
	if rest, ok := strings.CutPrefix(t, "xsd:"); ok {
		w.buf = append(w.buf, "xsd:"...)
		w.buf = appendAttr(w.buf, rest)
		xsd = true
	} else {
		w.buf = append(w.buf, "ns1:"...)
		w.buf = appendAttr(w.buf, strings.TrimPrefix(t, "tns:"))
	}
	w.buf = append(w.buf, '"')
	return xsd
}

func (w *respWriter) grow(n int) {
	if cap(w.buf)-len(w.buf) < n {
		b := make([]byte, len(w.buf), len(w.buf)+n)
		copy(b, w.buf)
		w.buf = b
	}
}

func (w *respWriter) open(name string) {
	w.buf = append(w.buf, '<')
	w.buf = append(w.buf, name...)
}

func (w *respWriter) close(name string) {
	w.buf = append(w.buf, "</"...)
	w.buf = append(w.buf, name...)
	w.buf = append(w.buf, '>')
}

// scalar writes <name xsi:type="xsd:T">text</name>; ext/soap sets the type
// (declaring xsd, then xsi) after it has added the text node, so even an
// empty string gets an end tag.
func (w *respWriter) scalar(name, xsdType, text string) {
	w.open(name)
	w.use(prefixXSD)
	w.use(prefixXSI)
	w.buf = append(w.buf, ` xsi:type="xsd:`...)
	w.buf = append(w.buf, xsdType...)
	w.buf = append(w.buf, `">`...)
	w.buf = appendText(w.buf, text)
	w.close(name)
}

func (w *respWriter) integer(name string, n int64) {
	w.open(name)
	w.use(prefixXSD)
	w.use(prefixXSI)
	w.buf = append(w.buf, ` xsi:type="xsd:int">`...)
	w.buf = strconv.AppendInt(w.buf, n, 10)
	w.close(name)
}

func (w *respWriter) null(name string) {
	w.open(name)
	w.use(prefixXSI)
	w.buf = append(w.buf, ` xsi:nil="true"/>`...)
}

// typedNull: ext/soap sets xsi:nil, then the type.
func (w *respWriter) typedNull(name, typ string) {
	w.open(name)
	w.use(prefixXSI)
	w.buf = append(w.buf, ` xsi:nil="true"`...)
	if w.appendType(typ) {
		w.use(prefixXSD)
	}
	w.buf = append(w.buf, "/>"...)
}

func (w *respWriter) value(name string, v any) {
	switch v := v.(type) {
	case nil:
		w.null(name)
	case string:
		w.scalar(name, "string", v)
	case bool:
		w.scalar(name, "boolean", strconv.FormatBool(v))
	case int:
		w.integer(name, int64(v))
	case int8:
		w.integer(name, int64(v))
	case int16:
		w.integer(name, int64(v))
	case int32:
		w.integer(name, int64(v))
	case int64:
		w.integer(name, v)
	case uint:
		w.scalar(name, "int", strconv.FormatUint(uint64(v), 10))
	case uint8:
		w.integer(name, int64(v))
	case uint16:
		w.integer(name, int64(v))
	case uint32:
		w.integer(name, int64(v))
	case uint64:
		w.scalar(name, "int", strconv.FormatUint(v, 10))
	case Struct:
		w.structValue(name, v)
	case *Struct:
		if v == nil {
			w.null(name)
		} else {
			w.structValue(name, *v)
		}
	case TypedNil:
		w.typedNull(name, v.Type)
	case Array:
		w.array(name, v)
	case *Array:
		if v == nil {
			w.null(name)
		} else {
			w.array(name, *v)
		}
	case []string:
		items := make([]any, len(v))
		for i, s := range v {
			items[i] = s
		}
		w.array(name, Array{ItemType: "xsd:string", Items: items})
	default:
		w.scalar(name, "string", fmt.Sprint(v))
	}
}

// structValue: ext/soap writes the fields first and sets xsi:type last, so
// the namespaces the fields use are declared before xsi.
func (w *respWriter) structValue(name string, s Struct) {
	w.open(name)
	xsd := w.appendType(s.Type)
	if len(s.Fields) == 0 {
		w.buf = append(w.buf, "/>"...)
	} else {
		w.buf = append(w.buf, '>')
		for _, f := range s.Fields {
			w.value(f.Name, f.Value)
		}
		w.close(name)
	}
	if xsd {
		w.use(prefixXSD)
	}
	w.use(prefixXSI)
}

// array: ext/soap resolves the item type (declaring its namespace), sets
// SOAP-ENC:arrayType, writes the items, then sets xsi:type.
func (w *respWriter) array(name string, a Array) {
	first := 0
	xsdItems := strings.HasPrefix(a.ItemType, "xsd:")
	if xsdItems {
		w.use(prefixXSD)
	}
	w.use(prefixENC)
	w.open(name)
	w.buf = append(w.buf, ` SOAP-ENC:arrayType="`...)
	if xsdItems {
		w.buf = appendAttr(w.buf, a.ItemType)
	} else {
		w.buf = append(w.buf, "ns1:"...)
		w.buf = appendAttr(w.buf, strings.TrimPrefix(a.ItemType, "tns:"))
	}
	w.buf = append(w.buf, '[')
	w.buf = strconv.AppendInt(w.buf, int64(len(a.Items)), 10)
	w.buf = append(w.buf, `]" xsi:type="ns1:`...)
	local := a.ItemType
	if i := strings.IndexByte(local, ':'); i >= 0 {
		local = local[i+1:]
	}
	w.buf = appendAttr(w.buf, local)
	w.buf = append(w.buf, `Array"`...)
	if len(a.Items) == 0 {
		w.buf = append(w.buf, "/>"...)
	} else {
		w.buf = append(w.buf, '>')
		for i, it := range a.Items {
			if i == 1 {
				// Items are alike: make room for the rest at once rather
				// than let append grow a large buffer by a quarter at a time.
				w.grow((len(w.buf) - first) * (len(a.Items) - 1) * 9 / 8)
			}
			if i == 0 {
				first = len(w.buf)
			}
			if it == nil && !xsdItems {
				w.typedNull("item", a.ItemType)
				continue
			}
			w.value("item", it)
		}
		w.close(name)
	}
	w.use(prefixXSI)
}
