package soap

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
)

// Limits bound the work ParseRequest does on one body. PHP has no such
// limits (libxml2 with XML_PARSE_HUGE nests 2049 deep and expands entity
// references in attribute values until it runs out of memory); beyond a
// limit kycsim answers as PHP does to a body it cannot parse.
type Limits struct {
	MaxBytes    int64 // body size; 0 = DefaultMaxBytes (PHP's post_max_size 8M)
	MaxDepth    int   // element nesting, the Envelope being 1; 0 = DefaultMaxDepth
	MaxElements int   // elements in the document, and values built from multi-ref expansion; 0 = DefaultMaxElements
}

// Defaults for zero Limits fields.
const (
	DefaultMaxBytes    = 8 << 20
	DefaultMaxDepth    = 64
	DefaultMaxElements = 100000
)

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxElements <= 0 {
		l.MaxElements = DefaultMaxElements
	}
	return l
}

// Request is a parsed RPC call: the first element of SOAP-ENV:Body and its
// children.
type Request struct {
	Function  string  // local name of the first element of SOAP-ENV:Body
	Namespace string  // its namespace URI ("" when none)
	Params    []Value // its child elements in document order
	// Headers are the entries of SOAP-ENV:Header addressed to this server
	// (no actor, or the "next" actor), in document order. PHP's SoapServer
	// calls a service method named like a header entry; see MustUnderstand.
	Headers []Value

	hasContent     bool // the function element has a child node after PHP's cleanup
	mustUnderstand bool // a targeted header says mustUnderstand="1"/"true"
}

// Param returns the first parameter element with the given name (PHP
// matches parameters by element name, ignoring namespaces).
func (r *Request) Param(name string) (Value, bool) {
	if p := r.param(name); p != nil {
		return *p, true
	}
	return Value{}, false
}

func (r *Request) param(name string) *Value {
	for i := range r.Params {
		if r.Params[i].Name == name {
			return &r.Params[i]
		}
	}
	return nil
}

// Args binds the request's parameters to a function's parameter names
// exactly as PHP's SoapServer does (ext/soap deserialize_parameters):
//
//   - if any child element is named like a parameter, parameters are
//     matched by name: args[i] is the first element named names[i], or nil
//     when there is none (PHP passes null), and passed is len(names);
//   - otherwise they are taken by position: a function element with no
//     content at all gets MissingParameter, more elements than names get
//     CannotFindParameter, and fewer elements leave the tail of args nil
//     with passed saying how many PHP passes (a PHP method that requires
//     more answers with TooFewArguments).
//
// A function without parameters accepts an empty function element (or
// text) and answers CannotFindParameter to any child element.
func (r *Request) Args(names []string) (args []*Value, passed int, f *Fault) {
	args = make([]*Value, len(names))
	byName := false
	for i, n := range names {
		if p := r.param(n); p != nil {
			args[i] = p
			byName = true
		}
	}
	if byName {
		return args, len(names), nil
	}
	if !r.hasContent {
		if len(names) > 0 {
			return nil, 0, MissingParameter()
		}
		return args, 0, nil
	}
	if len(r.Params) > len(names) {
		return nil, 0, CannotFindParameter()
	}
	for i := range r.Params {
		args[i] = &r.Params[i]
	}
	return args, len(r.Params), nil
}

// MustUnderstand returns PHP's SOAP-ENV:MustUnderstand "Header not
// understood" fault when a header entry addressed to this server says
// mustUnderstand="1" or "true", nil otherwise. PHP raises it after decoding
// the parameters, and only for entries no service method is named after.
func (r *Request) MustUnderstand() *Fault {
	if r.mustUnderstand {
		return &Fault{Code: CodeMustUnderstand, String: "Header not understood"}
	}
	return nil
}

// ParseRequest reads a SOAP 1.1 request envelope. It answers with the fault
// PHP's SoapServer gives to the same bytes wherever PHP refuses them before
// it looks at the function (checked against PHP 8.2, see testdata/):
//
//   - a body libxml2 cannot parse (empty, malformed, not UTF-8 nor in a
//     declared encoding kycsim knows, white space before the XML
//     declaration) → SOAP-ENV:Client "Bad Request"; so is a body beyond lim;
//   - a well-formed body with a DOCTYPE → SOAP-ENV:Server "DTD are not
//     supported by SOAP"; entities are never expanded, so entity bombs and
//     external entities cost nothing;
//   - a root element that is not a SOAP 1.1 Envelope → SOAP-ENV:VersionMismatch
//     "Wrong Version" (PHP would answer a SOAP 1.2 envelope in SOAP 1.2;
//     kycsim serves SOAP 1.1 only and refuses it the same way);
//   - an Envelope attribute without a namespace, no Body after an optional
//     Header, a Body without an element, a wrong encodingStyle, a header
//     entry whose mustUnderstand is not a boolean → PHP's SOAP-ENV:Client
//     messages.
//
// PHP checks the header entries after it has found the function; kycsim
// checks them here, so a request that has both a bad header and an unknown
// function gets the header fault instead of UnknownFunction.
//
// Values keep what PHP's decoders need: white space only text nodes are
// dropped and comments are transparent the way ext/soap's parser does it,
// CDATA is told apart from text, and SOAP 1.1 multi-references
// (href="#id" → the element with id="id") are resolved.
func ParseRequest(body []byte, lim Limits) (*Request, *Fault) {
	lim = lim.withDefaults()
	if int64(len(body)) > lim.MaxBytes {
		return nil, badRequest()
	}
	doc, f := parseDocument(body, lim)
	if f != nil {
		return nil, f
	}
	return doc.request(lim)
}

// document is the tree of one parsed body, with PHP's view of every
// element's content.
type document struct {
	root   *node
	hasDTD bool
	ids    map[string]*node
}

type attr struct {
	space string // namespace URI; "" for none and for an undeclared prefix
	name  string // local name, or "prefix:local" for an undeclared prefix (as libxml2 names it)
	value string
}

// shape is what an element holds once ext/soap has removed white space
// only text nodes, comments and processing instructions.
type shape uint8

const (
	shapeEmpty shape = iota // nothing: PHP decodes null (int, boolean) or "" (string)
	shapeText               // exactly one text node
	shapeCDATA              // exactly one CDATA section
	shapeMixed              // anything else: elements, or several nodes
)

type node struct {
	space, name string // namespace URI and local name (see attr)
	attrs       []attr
	children    []*node // element children
	text        string  // all character data directly inside, as written (entities decoded)
	shape       shape
	scalar      string // content of the only node for shapeText and shapeCDATA
	typeName    string // xsi:type, resolved
	typeNS      string
}

func (n *node) attr(space, name string) (string, bool) {
	for _, a := range n.attrs {
		if a.name == name && a.space == space {
			return a.value, true
		}
	}
	return "", false
}

// anyAttr finds an attribute by name in any namespace, as ext/soap's
// get_attribute() does for nil, id, arrayType.
func (n *node) anyAttr(name string) (string, bool) {
	for _, a := range n.attrs {
		if a.name == name {
			return a.value, true
		}
	}
	return "", false
}

// kind of the last child node libxml2 created inside an element; comments
// create none (ext/soap installs a no-op comment handler).
type kind uint8

const (
	kindNone kind = iota
	kindText
	kindCDATA
	kindElem
	kindPI
)

// frame follows the child nodes of one open element the way libxml2 builds
// them for ext/soap: adjacent text (across comments) is one node, adjacent
// CDATA sections are one node, white space only text is skipped when
// libxml2's areBlanks() heuristic says so, and afterwards ext/soap deletes
// blank text nodes and processing instructions.
type frame struct {
	n         *node
	first     kind
	last      kind
	cur       []byte // content of the last node while it is text or CDATA
	text      []byte
	survivors int
	onlyKind  kind
	only      string
	hasElem   bool
	nsMark    int
	prefix    string // as written, to match the end tag
	local     string
}

func (f *frame) closeLast() {
	switch f.last {
	case kindText:
		if !isBlank(string(f.cur)) {
			f.survive(kindText, string(f.cur))
		}
	case kindCDATA:
		f.survive(kindCDATA, string(f.cur))
	}
	f.cur = f.cur[:0]
}

func (f *frame) survive(k kind, content string) {
	f.survivors++
	if f.survivors == 1 {
		f.onlyKind, f.only = k, content
	}
}

func (f *frame) start(k kind) {
	f.closeLast()
	if f.first == kindNone {
		f.first = k
	}
	f.last = k
}

// text handles one run of character data up to the next markup.
func (f *frame) addText(s []byte, hasRef, nextIsEndTag bool) {
	f.text = append(f.text, s...)
	if !hasRef && isBlank(string(s)) && f.ignorable(nextIsEndTag) {
		return
	}
	if f.last != kindText {
		f.start(kindText)
	}
	f.cur = append(f.cur, s...)
}

// ignorable is libxml2's areBlanks() heuristic for white space followed by
// markup, when no DTD says otherwise.
func (f *frame) ignorable(nextIsEndTag bool) bool {
	if f.last == kindNone {
		return !nextIsEndTag
	}
	if f.last == kindText || f.first == kindText {
		return false
	}
	return true
}

func (f *frame) addCDATA(s []byte) {
	f.text = append(f.text, s...)
	if f.last != kindCDATA {
		f.start(kindCDATA)
	}
	f.cur = append(f.cur, s...)
}

func (f *frame) finish() {
	f.closeLast()
	n := f.n
	n.text = string(f.text)
	switch {
	case f.survivors == 0:
		n.shape = shapeEmpty
	case f.survivors == 1 && f.onlyKind == kindText:
		n.shape, n.scalar = shapeText, f.only
	case f.survivors == 1 && f.onlyKind == kindCDATA:
		n.shape, n.scalar = shapeCDATA, f.only
	default:
		n.shape = shapeMixed
	}
	if f.hasElem {
		n.text = ""
	}
}

// nsScope maps each prefix to the stack of namespaces it is bound to, so
// that a lookup costs the same however many declarations are in scope.
type nsScope struct {
	bound    map[string][]string
	declared []string // prefixes in declaration order, to undo at end tags
}

func newScope() *nsScope {
	return &nsScope{bound: map[string][]string{"xml": {nsXML}}}
}

func (s *nsScope) push(prefix, uri string) {
	s.bound[prefix] = append(s.bound[prefix], uri)
	s.declared = append(s.declared, prefix)
}

func (s *nsScope) popTo(mark int) {
	for len(s.declared) > mark {
		p := s.declared[len(s.declared)-1]
		s.declared = s.declared[:len(s.declared)-1]
		s.bound[p] = s.bound[p][:len(s.bound[p])-1]
	}
}

// lookup resolves a prefix; a prefix bound to "" (only the default
// namespace may be undeclared so) counts as undeclared.
func (s *nsScope) lookup(prefix string) (string, bool) {
	uris := s.bound[prefix]
	if len(uris) == 0 {
		return "", false
	}
	uri := uris[len(uris)-1]
	return uri, uri != "" || prefix == ""
}

// parseDocument checks well-formedness the way libxml2 does for PHP (as
// far as encoding/xml allows) and builds the tree.
func parseDocument(body []byte, lim Limits) (*document, *Fault) {
	src, err := prepare(body)
	if err != nil {
		return nil, badRequest()
	}
	doc := &document{}
	d := xml.NewDecoder(bytes.NewReader(src))
	d.Strict = true
	var (
		stack    []*frame
		scope    = newScope()
		elements int
		done     bool // root element closed
	)
	for {
		off0 := d.InputOffset()
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, badRequest()
		}
		off1 := d.InputOffset()
		switch t := tok.(type) {
		case xml.StartElement:
			if done {
				return nil, badRequest()
			}
			elements++
			if elements > lim.MaxElements || len(stack)+1 > lim.MaxDepth {
				return nil, badRequest()
			}
			if hasDuplicateAttr(t.Attr) {
				return nil, badRequest()
			}
			mark := len(scope.declared)
			for _, a := range t.Attr {
				switch {
				case a.Name.Space == "xmlns":
					scope.push(a.Name.Local, a.Value)
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					scope.push("", a.Value)
				}
			}
			n := &node{}
			n.space, n.name = resolveElement(scope, t.Name)
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
					continue
				}
				var at attr
				switch {
				case a.Name.Space == "":
					at.name = a.Name.Local
				default:
					if uri, ok := scope.lookup(a.Name.Space); ok {
						at.space, at.name = uri, a.Name.Local
					} else {
						at.name = a.Name.Space + ":" + a.Name.Local
					}
				}
				at.value = a.Value
				n.attrs = append(n.attrs, at)
			}
			if v, ok := n.attr(nsXSI, "type"); ok {
				n.typeNS, n.typeName = resolveQName(scope, v)
			}
			if len(stack) == 0 {
				doc.root = n
			} else {
				parent := stack[len(stack)-1]
				parent.start(kindElem)
				parent.hasElem = true
				parent.survive(kindElem, "")
				parent.n.children = append(parent.n.children, n)
			}
			stack = append(stack, &frame{n: n, nsMark: mark, prefix: t.Name.Space, local: t.Name.Local})
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, badRequest()
			}
			f := stack[len(stack)-1]
			if t.Name.Space != f.prefix || t.Name.Local != f.local {
				return nil, badRequest()
			}
			f.finish()
			scope.popTo(f.nsMark)
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				done = true
			}
		case xml.CharData:
			raw := src[off0:off1]
			cdata := bytes.HasPrefix(raw, []byte("<![CDATA["))
			if len(stack) == 0 {
				if cdata || !isBlank(string(t)) {
					return nil, badRequest()
				}
				continue
			}
			f := stack[len(stack)-1]
			if cdata {
				f.addCDATA(t)
				continue
			}
			if bytes.Contains(raw, []byte("]]>")) {
				return nil, badRequest()
			}
			f.addText(t, bytes.IndexByte(raw, '&') >= 0, bytes.HasPrefix(src[off1:], []byte("</")))
		case xml.Comment:
			// ext/soap drops comments while parsing: text around one is one node.
		case xml.ProcInst:
			if strings.EqualFold(t.Target, "xml") {
				return nil, badRequest()
			}
			if len(stack) > 0 {
				stack[len(stack)-1].start(kindPI)
			}
		case xml.Directive:
			if !bytes.HasPrefix(t, []byte("DOCTYPE")) || doc.root != nil || doc.hasDTD {
				return nil, badRequest()
			}
			doc.hasDTD = true
			// Declared entities parse as empty text, never expanded: the DTD
			// fault follows anyway once the rest proves well-formed.
			d.Entity = declaredEntities(t)
		}
	}
	if len(stack) != 0 || doc.root == nil {
		return nil, badRequest()
	}
	if doc.hasDTD {
		return nil, serverFault("DTD are not supported by SOAP")
	}
	return doc, nil
}

func hasDuplicateAttr(attrs []xml.Attr) bool {
	if len(attrs) < 2 {
		return false
	}
	if len(attrs) <= 16 {
		for i := 1; i < len(attrs); i++ {
			for j := 0; j < i; j++ {
				if attrs[i].Name == attrs[j].Name {
					return true
				}
			}
		}
		return false
	}
	seen := make(map[xml.Name]struct{}, len(attrs))
	for _, a := range attrs {
		if _, dup := seen[a.Name]; dup {
			return true
		}
		seen[a.Name] = struct{}{}
	}
	return false
}

// resolveElement names an element as libxml2 does: an undeclared prefix
// stays part of the name and the element has no namespace.
func resolveElement(scope *nsScope, name xml.Name) (space, local string) {
	if name.Space == "" {
		uri, _ := scope.lookup("")
		return uri, name.Local
	}
	if uri, ok := scope.lookup(name.Space); ok {
		return uri, name.Local
	}
	return "", name.Space + ":" + name.Local
}

// resolveQName resolves a QName attribute value such as "xsd:int" against
// the namespaces in scope.
func resolveQName(scope *nsScope, v string) (ns, local string) {
	v = strings.TrimSpace(v)
	prefix, local := "", v
	if i := strings.IndexByte(v, ':'); i >= 0 {
		prefix, local = v[:i], v[i+1:]
	}
	uri, _ := scope.lookup(prefix)
	return uri, local
}

// declaredEntities lists the general entities a DOCTYPE declares, each
// mapped to "" so that the decoder accepts references to them without
// expanding anything.
func declaredEntities(doctype []byte) map[string]string {
	m := map[string]string{}
	s := doctype
	for {
		i := bytes.Index(s, []byte("<!ENTITY"))
		if i < 0 {
			return m
		}
		s = s[i+len("<!ENTITY"):]
		rest := bytes.TrimLeft(s, " \t\r\n")
		if len(rest) > 0 && rest[0] == '%' {
			continue // a parameter entity cannot appear in content
		}
		end := 0
		for end < len(rest) && !isSpace(rest[end]) {
			end++
		}
		if end > 0 {
			m[string(rest[:end])] = ""
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
