package soap

// request applies the checks ext/soap's deserialize_function_call makes
// before it looks the function up, in the same order, and builds the
// Request.
func (doc *document) request(lim Limits) (*Request, *Fault) {
	env := doc.root
	if env.name != "Envelope" || env.space != nsEnvelope {
		return nil, &Fault{Code: CodeVersionMismatch, String: "Wrong Version"}
	}
	for _, a := range env.attrs {
		if a.space == "" {
			return nil, clientFault("A SOAP Envelope element cannot have non Namespace qualified attributes")
		}
		// PHP compares the Envelope's encodingStyle only when it is in the
		// SOAP 1.2 namespace (a quirk): the SOAP 1.1 one may say anything,
		// as the seed documents' "http://www.w3.org/2001/12/soap-encoding".
		if a.space == nsEnvelope12 && a.name == "encodingStyle" && a.value != nsEncoding {
			return nil, clientFault("Unknown data encoding style")
		}
	}
	var head, body *node
	kids := env.children
	if len(kids) > 0 && kids[0].name == "Header" && kids[0].space == nsEnvelope {
		head, kids = kids[0], kids[1:]
	}
	if len(kids) > 0 && kids[0].name == "Body" && kids[0].space == nsEnvelope {
		body = kids[0]
	}
	if body == nil {
		return nil, clientFault("Body must be present in a SOAP envelope")
	}
	for _, a := range body.attrs {
		if a.space == nsEnvelope12 && a.name == "encodingStyle" && a.value != nsEncoding {
			return nil, clientFault("Unknown data encoding style")
		}
	}
	if len(body.children) == 0 {
		return nil, clientFault(`looks like we got "Body" without function call`)
	}
	fn := body.children[0]
	if v, ok := fn.attr(nsEnvelope, "encodingStyle"); ok && v != nsEncoding {
		return nil, clientFault("Unknown Data Encoding Style")
	}
	req := &Request{Function: fn.name, Namespace: fn.space, hasContent: fn.shape != shapeEmpty}
	c := &converter{doc: doc, budget: lim.MaxElements, maxDepth: lim.MaxDepth, expanding: map[*node]bool{}}
	if head != nil {
		for _, a := range head.attrs {
			if a.space == "" {
				return nil, clientFault("A SOAP Header element cannot have non Namespace qualified attributes")
			}
			if a.space == nsEnvelope12 && a.name == "encodingStyle" && a.value != nsEncoding {
				return nil, clientFault("Unknown data encoding style")
			}
		}
		for _, h := range head.children {
			if v, ok := h.attr(nsEnvelope, "encodingStyle"); ok && v != nsEncoding {
				return nil, clientFault("Unknown Data Encoding Style")
			}
			if v, ok := h.attr(nsEnvelope, "actor"); ok && v != actorNext {
				continue // addressed to another actor: PHP skips it
			}
			if v, ok := h.attr(nsEnvelope, "mustUnderstand"); ok {
				switch v {
				case "1", "true":
					req.mustUnderstand = true
				case "0", "false":
				default:
					return nil, clientFault("mustUnderstand value is not boolean")
				}
			}
			req.Headers = append(req.Headers, c.value(h, h.name))
		}
	}
	req.Params = make([]Value, 0, len(fn.children))
	for _, p := range fn.children {
		req.Params = append(req.Params, c.value(p, p.name))
	}
	if c.budget < 0 {
		return nil, badRequest()
	}
	return req, nil
}

// converter builds Values, resolving SOAP 1.1 multi-references as ext/soap
// does (check_and_resolve_href): an href without a namespace whose value
// starts with "#" names the first element, in document order, with an id
// attribute (in any namespace) of that value. The referenced element's
// own href is not followed. A reference back to an element being expanded
// gets that element without its children, and every Value built counts against
// MaxElements (nesting against MaxDepth), so references cannot multiply
// the work.
type converter struct {
	doc       *document
	budget    int
	maxDepth  int
	depth     int
	expanding map[*node]bool
}

func (c *converter) value(n *node, name string) Value {
	c.budget--
	if c.budget < 0 || c.depth > c.maxDepth {
		// References can nest values deeper than the document: the same
		// limit applies.
		c.budget = -1
		return Value{Name: name}
	}
	target := n
	var fault *Fault
	if href, ok := n.attr("", "href"); ok {
		switch {
		case len(href) > 0 && href[0] == '#':
			target = c.doc.byID(href[1:])
			if target == nil {
				fault = serverFault("SOAP-ERROR: Encoding: Unresolved reference '" + href + "'")
				return Value{Name: name, fault: fault}
			}
		default:
			fault = serverFault("SOAP-ERROR: Encoding: External reference '" + href + "'")
			return Value{Name: name, fault: fault}
		}
		if c.expanding[target] {
			// PHP decodes the element again (as a PHP reference); a Value
			// cannot hold itself, so this one keeps the element's own
			// content but not its children.
			v := Value{Name: name, Type: target.typeName, TypeNS: target.typeNS, shape: target.shape, scalar: target.scalar}
			_, v.Nil = target.anyAttr("nil")
			return v
		}
	}
	v := Value{
		Name:   name,
		Type:   target.typeName,
		TypeNS: target.typeNS,
		Text:   target.text,
		shape:  target.shape,
		scalar: target.scalar,
	}
	_, v.Nil = target.anyAttr("nil")
	_, hasArrayType := target.anyAttr("arrayType")
	v.IsArray = hasArrayType || v.Type == "Array" || (len(v.Type) > 5 && v.Type[len(v.Type)-5:] == "Array")
	if len(target.children) > 0 {
		c.expanding[target] = true
		c.depth++
		v.Items = make([]Value, len(target.children))
		allItems := true
		for i, k := range target.children {
			v.Items[i] = c.value(k, k.name)
			if v.fault == nil {
				v.fault = v.Items[i].fault
			}
			if k.name != "item" {
				allItems = false
			}
		}
		c.depth--
		delete(c.expanding, target)
		v.IsArray = v.IsArray || allItems
	}
	return v
}

// byID finds the first element in document order with an id attribute of
// the given value.
func (doc *document) byID(id string) *node {
	if doc.ids == nil {
		doc.ids = map[string]*node{}
		var walk func(n *node)
		walk = func(n *node) {
			if v, ok := n.anyAttr("id"); ok {
				if _, seen := doc.ids[v]; !seen {
					doc.ids[v] = n
				}
			}
			for _, k := range n.children {
				walk(k)
			}
		}
		walk(doc.root)
	}
	return doc.ids[id]
}
