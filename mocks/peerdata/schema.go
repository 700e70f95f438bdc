package peerdata

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/kycsim/kycsim/mocks/kit/schemamsg"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

// Schemas holds the JSON Schemas (draft 2020-12) of every request and
// response body, as schemas/<name>.json; they $ref one another by file
// name. The server validates request bodies with them and the conformance
// suite validates answers with the same files:
//
//	createrequest-request.json  createrequest-response.json
//	respond-request.json        respond-response.json
//	gettoken-response.json      error-response.json (every error answer)
//	defs.json                   (shared definitions)
//
//go:embed schemas/*.json
var Schemas embed.FS

// Schema file names.
const (
	SchemaCreateRequestRequest  = "createrequest-request.json"
	SchemaCreateRequestResponse = "createrequest-response.json"
	SchemaRespondRequest        = "respond-request.json"
	SchemaRespondResponse       = "respond-response.json"
	SchemaGetTokenResponse      = "gettoken-response.json"
	SchemaErrorResponse         = "error-response.json"
)

// schemaBase is the URL the files are registered under; nothing is fetched.
const schemaBase = "https://kycsim.invalid/peerdata/schemas/"

// maxProblems bounds the problems one answer lists (a 10 000-item batch of
// bad items would otherwise answer with 10 000 of them).
const maxProblems = 100

// schemaSet is the compiled schemas with their raw documents, which the
// error messages consult.
type schemaSet struct {
	compiled map[string]*jsonschema.Schema
	raw      map[string]any // file name → decoded document
}

var loadSchemas = sync.OnceValues(func() (*schemaSet, error) {
	names, err := fs.Glob(Schemas, "schemas/*.json")
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("peerdata schemas only $ref one another, not %s", u)
	}
	set := &schemaSet{compiled: map[string]*jsonschema.Schema{}, raw: map[string]any{}}
	for _, n := range names {
		data, err := Schemas.ReadFile(n)
		if err != nil {
			return nil, err
		}
		base := strings.TrimPrefix(n, "schemas/")
		var doc any
		if err := json.Unmarshal(data, &doc); err != nil {
			return nil, fmt.Errorf("peerdata: schema %s: %w", base, err)
		}
		set.raw[base] = doc
		if err := c.AddResource(schemaBase+base, bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("peerdata: schema %s: %w", base, err)
		}
	}
	for base := range set.raw {
		s, err := c.Compile(schemaBase + base)
		if err != nil {
			return nil, fmt.Errorf("peerdata: schema %s: %w", base, err)
		}
		set.compiled[base] = s
	}
	return set, nil
})

// problem is one thing wrong with a request body: the JSON pointer of the
// value and the schema's reason.
type problem struct {
	Path, Reason string
}

// validateBody checks a decoded JSON body (decoded with UseNumber, or into
// any) against the named schema file, returning every problem in document
// order, at most maxProblems of them, and how many there were in all.
func validateBody(schema string, doc any) (problems []problem, total int, err error) {
	set, err := loadSchemas()
	if err != nil {
		return nil, 0, err
	}
	return set.validate(schema, doc)
}

func (s *schemaSet) validate(name string, doc any) ([]problem, int, error) {
	sch, ok := s.compiled[name]
	if !ok {
		return nil, 0, fmt.Errorf("peerdata: no schema %q", name)
	}
	err := sch.Validate(doc)
	if err == nil {
		return nil, 0, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, 0, err
	}
	var list []problem
	seen := map[problem]bool{}
	add := func(ptr, reason string) {
		p := problem{Path: ptr, Reason: reason}
		if !seen[p] {
			seen[p] = true
			list = append(list, p)
		}
	}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		ptr := strings.TrimPrefix(e.InstanceLocation, "#")
		if kw := lastSegment(e.KeywordLocation); kw == "anyOf" || kw == "oneOf" {
			// Alternatives that only require one field or another read
			// better as one sentence than as each branch's failure.
			if names := s.requiredAlternatives(e.AbsoluteKeywordLocation); names != nil {
				if strings.HasPrefix(e.Message, "valid against schemas at indexes") {
					add(ptr, "give only one of "+quoteNames(names))
				} else {
					add(ptr, "one of "+quoteNames(names)+" is required")
				}
				return
			}
		}
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		switch msg := e.Message; {
		case strings.HasPrefix(msg, "missing properties: "):
			for _, n := range schemamsg.QuotedNames(msg) {
				add(ptr+"/"+escapePointer(n), "required field is missing")
			}
		case strings.HasPrefix(msg, "additionalProperties ") && strings.HasSuffix(msg, " not allowed"):
			for _, n := range schemamsg.QuotedNames(msg) {
				add(ptr+"/"+escapePointer(n), "unknown field")
			}
		case strings.HasPrefix(msg, "does not match pattern "):
			// jsonschema doubles the pattern's backslashes; say what the
			// pattern stands for too (the schema's description).
			reason := msg
			if pats := schemamsg.QuotedNames(msg); len(pats) == 1 {
				reason = "does not match pattern '" + pats[0] + "'"
			}
			if d, ok := s.node(strings.TrimSuffix(e.AbsoluteKeywordLocation, "/pattern")).(map[string]any); ok {
				if desc, ok := d["description"].(string); ok {
					reason += ": expected " + desc
				}
			}
			add(ptr, reason)
		default:
			add(ptr, msg)
		}
	}
	walk(ve)
	slices.SortStableFunc(list, func(a, b problem) int {
		if c := comparePointers(a.Path, b.Path); c != 0 {
			return c
		}
		return strings.Compare(a.Reason, b.Reason)
	})
	total := len(list)
	if len(list) > maxProblems {
		list = list[:maxProblems]
	}
	return list, total, nil
}

// requiredAlternatives returns the field names of an anyOf/oneOf whose
// every branch is {"required": [one field]}, or nil.
func (s *schemaSet) requiredAlternatives(absLocation string) []string {
	branches, ok := s.node(absLocation).([]any)
	if !ok {
		return nil
	}
	var names []string
	for _, b := range branches {
		m, ok := b.(map[string]any)
		if !ok || len(m) != 1 {
			return nil
		}
		req, ok := m["required"].([]any)
		if !ok || len(req) != 1 {
			return nil
		}
		name, ok := req[0].(string)
		if !ok {
			return nil
		}
		names = append(names, name)
	}
	return names
}

// node returns the raw schema value at an absolute keyword location
// (".../defs.json#/$defs/person/anyOf"), or nil.
func (s *schemaSet) node(absLocation string) any {
	file, frag, ok := strings.Cut(strings.TrimPrefix(absLocation, schemaBase), "#")
	if !ok {
		return nil
	}
	node, ok := s.raw[file]
	if !ok {
		return nil
	}
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if tok == "" {
			continue
		}
		if t, err := url.PathUnescape(tok); err == nil {
			tok = t
		}
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		switch n := node.(type) {
		case map[string]any:
			node = n[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n) {
				return nil
			}
			node = n[i]
		default:
			return nil
		}
	}
	return node
}

func lastSegment(ptr string) string {
	return ptr[strings.LastIndexByte(ptr, '/')+1:]
}

func quoteNames(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "'" + n + "'"
	}
	return strings.Join(q, ", ")
}

func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// comparePointers orders JSON pointers as a reader of the document would:
// segment by segment, array indexes by number.
func comparePointers(a, b string) int {
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	for i := 0; i < len(as) && i < len(bs); i++ {
		if as[i] == bs[i] {
			continue
		}
		ai, aerr := strconv.Atoi(as[i])
		bi, berr := strconv.Atoi(bs[i])
		if aerr == nil && berr == nil {
			if ai < bi {
				return -1
			}
			return 1
		}
		return strings.Compare(as[i], bs[i])
	}
	return len(as) - len(bs)
}

// itemIndex is the index of the top-level array item a pointer is in
// ("/value/3/PhoneNumber" → 3), or -1.
func itemIndex(ptr string) int {
	parts := strings.SplitN(ptr, "/", 4)
	if len(parts) < 3 {
		return -1
	}
	i, err := strconv.Atoi(parts[2])
	if err != nil || i < 0 {
		return -1
	}
	return i
}
