package soap

import (
	"net/http"
	"strconv"
	"unicode/utf8"
)

// Service describes a SOAP service for its WSDL.
type Service struct {
	Name      string // "ApiController": names the PortType, Binding, Service and Port
	Namespace string // "urn:ApiControllerwsdl": target namespace, tns, soap:body namespace
	Location  string // soap:address location, e.g. "https://host/api/wsdl?ws=1"
	Functions []Function
	Types     []ComplexType
}

// Function is one operation. Its messages are {Name}Request (one part per
// parameter, in order) and {Name}Response (one part "return").
type Function struct {
	Name   string
	Params []Param
	Return string // "tns:LoginResponse"; "" for no return part
	Doc    string // wsdl:documentation text (see WSDL for how Yii treats '&')
}

// Param is a message part or a struct member.
type Param struct {
	Name string
	Type string // "xsd:string", "xsd:int", "xsd:boolean", "tns:stringArray", "tns:ResponseList", …
}

// ComplexType is a struct (Fields, written as xsd:all) or, when ArrayOf is
// set, a SOAP-ENC array of ArrayOf items ("tns:ResponseList", "xsd:string").
// Yii names an array of T "TArray" (so string[] is "stringArray") and lists
// types in the order it meets them: the parameter types of each method,
// then its return type, depth first, an array before its item type.
type ComplexType struct {
	Name    string
	Fields  []Param
	ArrayOf string
}

// WSDL writes the service description byte-for-byte as Yii 1.1
// CWsdlGenerator does (the releases that name messages {fn}Request and
// {fn}Response; later ones name them {fn}In/{fn}Out and indent): PHP
// DOMDocument::saveXML() output, one line after the XML declaration,
// namespace declarations of <definitions> before its attributes.
//
// Doc goes through DOMDocument::createElement($name, $doc) as in Yii, which
// reads entity references in it: "&amp;" is an ampersand, an unknown
// "&name;" stays a reference, and a bare "&" empties the documentation.
func (s Service) WSDL() []byte {
	b := make([]byte, 0, 4096)
	b = append(b, xmlDecl...)
	b = append(b, `<definitions xmlns="`+nsWSDL+`" xmlns:tns="`...)
	b = appendAttr(b, s.Namespace)
	b = append(b, `" xmlns:soap="`+nsWSDLSOAP+`" xmlns:xsd="`+nsXSD+`" xmlns:wsdl="`+nsWSDL+`" xmlns:soap-enc="`+nsEncoding+`" name="`...)
	b = appendAttr(b, s.Name)
	b = append(b, `" targetNamespace="`...)
	b = appendAttr(b, s.Namespace)
	b = append(b, `">`...)

	if len(s.Types) > 0 {
		b = append(b, `<wsdl:types><xsd:schema targetNamespace="`...)
		b = appendAttr(b, s.Namespace)
		b = append(b, `">`...)
		for _, t := range s.Types {
			b = append(b, `<xsd:complexType name="`...)
			b = appendAttr(b, t.Name)
			b = append(b, `">`...)
			if t.ArrayOf != "" {
				b = append(b, `<xsd:complexContent><xsd:restriction base="soap-enc:Array"><xsd:attribute ref="soap-enc:arrayType" wsdl:arrayType="`...)
				b = appendAttr(b, t.ArrayOf+"[]")
				b = append(b, `"/></xsd:restriction></xsd:complexContent>`...)
			} else if len(t.Fields) == 0 {
				b = append(b, `<xsd:all/>`...)
			} else {
				b = append(b, `<xsd:all>`...)
				for _, f := range t.Fields {
					b = appendElement(b, "xsd:element", f)
				}
				b = append(b, `</xsd:all>`...)
			}
			b = append(b, `</xsd:complexType>`...)
		}
		b = append(b, `</xsd:schema></wsdl:types>`...)
	}

	for _, fn := range s.Functions {
		b = appendMessage(b, fn.Name+"Request", fn.Params)
		var ret []Param
		if fn.Return != "" {
			ret = []Param{{Name: "return", Type: fn.Return}}
		}
		b = appendMessage(b, fn.Name+"Response", ret)
	}

	b = append(b, `<wsdl:portType name="`...)
	b = appendAttr(b, s.Name+"PortType")
	if len(s.Functions) == 0 {
		b = append(b, `"/>`...)
	} else {
		b = append(b, `">`...)
	}
	for _, fn := range s.Functions {
		b = append(b, `<wsdl:operation name="`...)
		b = appendAttr(b, fn.Name)
		b = append(b, `">`...)
		if doc := yiiDocText(fn.Doc); doc == "" {
			b = append(b, `<wsdl:documentation/>`...)
		} else {
			b = append(b, `<wsdl:documentation>`...)
			b = append(b, doc...)
			b = append(b, `</wsdl:documentation>`...)
		}
		b = append(b, `<wsdl:input message="`...)
		b = appendAttr(b, "tns:"+fn.Name+"Request")
		b = append(b, `"/><wsdl:output message="`...)
		b = appendAttr(b, "tns:"+fn.Name+"Response")
		b = append(b, `"/></wsdl:operation>`...)
	}
	if len(s.Functions) > 0 {
		b = append(b, `</wsdl:portType>`...)
	}

	b = append(b, `<wsdl:binding name="`...)
	b = appendAttr(b, s.Name+"Binding")
	b = append(b, `" type="`...)
	b = appendAttr(b, "tns:"+s.Name+"PortType")
	b = append(b, `"><soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>`...)
	body := make([]byte, 0, 128)
	body = append(body, `<soap:body use="encoded" namespace="`...)
	body = appendAttr(body, s.Namespace)
	body = append(body, `" encodingStyle="`+nsEncoding+`"/>`...)
	for _, fn := range s.Functions {
		b = append(b, `<wsdl:operation name="`...)
		b = appendAttr(b, fn.Name)
		b = append(b, `"><soap:operation soapAction="`...)
		b = appendAttr(b, s.Namespace+"#"+fn.Name)
		b = append(b, `" style="rpc"/><wsdl:input>`...)
		b = append(b, body...)
		b = append(b, `</wsdl:input><wsdl:output>`...)
		b = append(b, body...)
		b = append(b, `</wsdl:output></wsdl:operation>`...)
	}
	b = append(b, `</wsdl:binding>`...)

	b = append(b, `<wsdl:service name="`...)
	b = appendAttr(b, s.Name+"Service")
	b = append(b, `"><wsdl:port name="`...)
	b = appendAttr(b, s.Name+"Port")
	b = append(b, `" binding="`...)
	b = appendAttr(b, "tns:"+s.Name+"Binding")
	b = append(b, `"><soap:address location="`...)
	b = appendAttr(b, s.Location)
	b = append(b, `"/></wsdl:port></wsdl:service></definitions>`+"\n"...)
	return b
}

func appendElement(b []byte, tag string, p Param) []byte {
	b = append(b, '<')
	b = append(b, tag...)
	b = append(b, ` name="`...)
	b = appendAttr(b, p.Name)
	b = append(b, `" type="`...)
	b = appendAttr(b, p.Type)
	return append(b, `"/>`...)
}

func appendMessage(b []byte, name string, parts []Param) []byte {
	b = append(b, `<wsdl:message name="`...)
	b = appendAttr(b, name)
	if len(parts) == 0 {
		return append(b, `"/>`...)
	}
	b = append(b, `">`...)
	for _, p := range parts {
		b = appendElement(b, "wsdl:part", p)
	}
	return append(b, `</wsdl:message>`...)
}

// yiiDocText returns the serialised content of the wsdl:documentation
// element Yii creates with DOMDocument::createElement($name, $doc): libxml2
// parses entity and character references in $doc, keeps unknown entities
// as references, and gives up (empty element) on a bare '&' or an invalid
// character reference.
func yiiDocText(doc string) string {
	out := make([]byte, 0, len(doc))
	for i := 0; i < len(doc); i++ {
		if doc[i] != '&' {
			j := i
			for j < len(doc) && doc[j] != '&' {
				j++
			}
			out = appendText(out, doc[i:j])
			i = j - 1
			continue
		}
		end := -1
		for j := i + 1; j < len(doc); j++ {
			if doc[j] == ';' {
				end = j
				break
			}
			if !isRefByte(doc[j]) {
				break
			}
		}
		if end < 0 || end == i+1 {
			return ""
		}
		ref := doc[i+1 : end]
		i = end
		if ref[0] == '#' {
			r, ok := charRef(ref[1:])
			if !ok {
				return ""
			}
			out = appendText(out, string(r))
			continue
		}
		switch ref {
		case "amp":
			out = append(out, "&amp;"...)
		case "lt":
			out = append(out, "&lt;"...)
		case "gt":
			out = append(out, "&gt;"...)
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			if !validName(ref) {
				return ""
			}
			out = append(out, '&')
			out = append(out, ref...)
			out = append(out, ';')
		}
	}
	return string(out)
}

func isRefByte(c byte) bool {
	return c == '#' || c == '_' || c == '-' || c == '.' || c == ':' ||
		(c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80
}

func validName(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '_' || r == ':' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r >= 0xC0
}

// charRef decodes the digits of "&#…;" and accepts only characters XML 1.0
// allows.
func charRef(s string) (rune, bool) {
	base := 10
	if len(s) > 0 && s[0] == 'x' {
		base, s = 16, s[1:]
	}
	n, err := strconv.ParseUint(s, base, 32)
	if err != nil || s == "" {
		return 0, false
	}
	r := rune(n)
	ok := r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
	return r, ok
}

// WriteWSDL serves a WSDL with the headers of Yii's CWebService::renderWsdl:
// Content-Type "text/xml;charset=UTF-8" (no space) and Content-Length.
func WriteWSDL(w http.ResponseWriter, wsdl []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/xml;charset=UTF-8")
	h.Set("Content-Length", strconv.Itoa(len(wsdl)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(wsdl)
}
