package laravel

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/kycsim/kycsim/mocks/kit/phpjson"
)

// ErrTooLarge is returned (wrapping the *http.MaxBytesError) when the body
// exceeds the caller's http.MaxBytesReader limit; answer 413 PostTooLarge.
var ErrTooLarge = errors.New("laravel: request body too large")

// Input is the request input as Laravel's $request->all() sees it after
// the global TrimStrings and ConvertEmptyStringsToNull middleware: the
// body's fields, then query-string fields the body does not have (PHP's
// array union). Values are string, bool, nil, int64, float64, []any or
// phpjson.Object, nested values included.
type Input struct {
	fields phpjson.Object
	index  map[string]int
	strict *Input // what a real Laravel server sees, when it differs

	// Warnings say where the request would not behave as the client
	// probably expects, or where kycsim read more than Laravel would.
	Warnings []string
	// InvalidUTF8Fields are the dotted paths of fields whose name or value
	// is not valid UTF-8 (malformed bytes shown as U+FFFD). PHP keeps such
	// bytes and validation passes them, but a real Laravel server answers
	// 500 Server Error as soon as it stores (MySQL rejects the string) or
	// echoes (json_encode fails) such a value.
	InvalidUTF8Fields []string
	// MultipartUnderJSON: the content type claimed JSON but carried a
	// boundary and the body was multipart (curl --form with
	// -H 'Content-Type: application/json'); the fields were read from the
	// multipart body, which Laravel would have tried to read as JSON.
	MultipartUnderJSON bool
	// BodyIgnoredByLaravel: the fields were read from a body that a real
	// Laravel 10 server would not parse at all (MultipartUnderJSON,
	// multipart on PUT/PATCH/DELETE, a JSON content type in the wrong
	// case…). Strict returns what Laravel would see.
	BodyIgnoredByLaravel bool
}

// Get returns the top-level field name.
func (in Input) Get(name string) (any, bool) {
	i, ok := in.index[name]
	if !ok {
		return nil, false
	}
	return in.fields[i].Value, true
}

// Has reports whether the top-level field name is present (even if null).
func (in Input) Has(name string) bool {
	_, ok := in.index[name]
	return ok
}

// Keys returns the top-level field names in order.
func (in Input) Keys() []string {
	keys := make([]string, len(in.fields))
	for i, m := range in.fields {
		keys[i] = m.Key
	}
	return keys
}

// Object returns the fields as an ordered JSON object.
func (in Input) Object() phpjson.Object { return append(phpjson.Object{}, in.fields...) }

// Strict returns the input exactly as a real Laravel server would see it:
// without the body's fields when BodyIgnoredByLaravel. Warnings and flags
// are kept.
func (in Input) Strict() Input {
	if in.strict == nil {
		return in
	}
	out := *in.strict
	out.Warnings = in.Warnings
	out.MultipartUnderJSON = in.MultipartUnderJSON
	out.BodyIgnoredByLaravel = in.BodyIgnoredByLaravel
	return out
}

// ReadInput reads r's body and query string as Laravel 10 on PHP does:
//   - a content type containing "/json" or "+json" (case-sensitively, as
//     Request::isJson) is decoded with json_decode; invalid JSON, or JSON
//     whose top level is not an object, gives no body fields and a warning;
//   - application/x-www-form-urlencoded is parsed for POST (by PHP) and
//     for PUT, PATCH and DELETE (by Symfony), with PHP's bracket syntax
//     (a[]=1&a[]=2, a[k]=v) and max_input_vars;
//   - multipart/form-data is parsed for POST; uploaded files are left out
//     with a warning;
//   - any other or missing content type: the body is not input.
//
// Where Laravel would see nothing but the client evidently meant fields,
// the fields are read anyway and BodyIgnoredByLaravel is set (see Strict).
// Read errors are returned; an exceeded http.MaxBytesReader gives an error
// wrapping ErrTooLarge.
func ReadInput(r *http.Request) (Input, error) {
	var body []byte
	if r.Body != nil {
		var err error
		body, err = io.ReadAll(r.Body)
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				return Input{}, fmt.Errorf("%w: %w", ErrTooLarge, err)
			}
			return Input{}, fmt.Errorf("laravel: reading request body: %w", err)
		}
	}
	var in Input
	warn := func(s string) { in.Warnings = append(in.Warnings, s) }
	bodyFields := readBody(r.Method, r.Header.Get("Content-Type"), body, &in, warn)

	query := newFormVars(warn, maxInputVars)
	query.parseURLEncoded(r.URL.RawQuery)
	queryFields := query.root.object()

	in.set(union(bodyFields, queryFields))
	if n := len(in.InvalidUTF8Fields); n > 0 {
		var quoted []string
		for _, f := range in.InvalidUTF8Fields[:min(n, 10)] {
			quoted = append(quoted, fmt.Sprintf("%q", f))
		}
		if n > 10 {
			quoted = append(quoted, fmt.Sprintf("and %d more", n-10))
		}
		warn("malformed UTF-8 in " + strings.Join(quoted, ", ") +
			": PHP keeps the bytes and validation passes them, but a real Laravel server answers 500 Server Error when it stores or echoes them")
	}
	if in.BodyIgnoredByLaravel {
		in.strict = &Input{}
		in.strict.set(queryFields)
	}
	return in, nil
}

// set cleans fields and installs them.
func (in *Input) set(fields phpjson.Object) {
	var c cleaner
	in.fields = c.object("", fields)
	in.InvalidUTF8Fields = c.invalid
	in.index = make(map[string]int, len(in.fields))
	for i, m := range in.fields {
		in.index[m.Key] = i
	}
}

// union is PHP's $body + $query: query fields only where the body has
// none of that name.
func union(body, query phpjson.Object) phpjson.Object {
	out := append(phpjson.Object{}, body...)
	seen := make(map[string]bool, len(body))
	for _, m := range body {
		seen[m.Key] = true
	}
	for _, m := range query {
		if !seen[m.Key] {
			out = append(out, m)
		}
	}
	return out
}

// readBody picks the body parser as Laravel (Request::getInputSource),
// Symfony (createFromGlobals) and PHP (SAPI POST reading) would.
func readBody(method, ct string, body []byte, in *Input, warn func(string)) phpjson.Object {
	method = strings.ToUpper(method)
	lower := strings.ToLower(ct)
	// PHP compares the lower-cased type up to the first ';', ',' or ' '.
	mediaType := lower
	if i := strings.IndexAny(mediaType, ";, "); i >= 0 {
		mediaType = mediaType[:i]
	}
	isJSON := strings.Contains(ct, "/json") || strings.Contains(ct, "+json")
	switch {
	case isJSON || strings.Contains(lower, "/json") || strings.Contains(lower, "+json"):
		if b := boundaryParam(ct); b != "" && len(body) > 0 {
			form := newFormVars(warn, maxInputVars)
			if n, err := form.parseMultipart(body, b); n > 0 {
				in.MultipartUnderJSON, in.BodyIgnoredByLaravel = true, true
				warn(fmt.Sprintf("Content-Type %q claims JSON but the body is multipart (curl --form with -H 'Content-Type: application/json'?): read as the multipart form it is; a real Laravel server would parse it as JSON and see no input", ct))
				if err != nil {
					warn(fmt.Sprintf("multipart body is malformed after %d parts (%s): kept the fields read so far", n, safe(err.Error())))
				}
				return form.root.object()
			}
		}
		fields, problem := decodeJSONBody(body)
		if problem != "" {
			warn(problem)
		}
		if !isJSON && fields != nil {
			in.BodyIgnoredByLaravel = true
			warn(fmt.Sprintf("Content-Type %q: Laravel looks for \"/json\" case-sensitively and would see no input; read as JSON here", ct))
		}
		return fields
	case mediaType == "application/x-www-form-urlencoded":
		switch method {
		case "POST":
		case "PUT", "PATCH", "DELETE":
			if !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
				in.BodyIgnoredByLaravel = true
				warn(fmt.Sprintf("Content-Type %q on %s: Symfony parses such bodies only when the header starts with \"application/x-www-form-urlencoded\" exactly, so a real Laravel server would see no input; read as a form here", ct, method))
			}
		default:
			if len(body) > 0 {
				warn(fmt.Sprintf("form body on a %s request: Laravel reads its input from the query string only and ignores the body", safe(method)))
			}
			return nil
		}
		limit := maxInputVars // Symfony's parse_str
		if method == "POST" {
			limit = maxPostURLEncodedVars
		}
		form := newFormVars(warn, limit)
		form.parseURLEncoded(string(body))
		return form.root.object()
	case mediaType == "multipart/form-data":
		switch method {
		case "POST", "PUT", "PATCH", "DELETE":
		default:
			if len(body) > 0 {
				warn(fmt.Sprintf("multipart body on a %s request: Laravel reads its input from the query string only and ignores the body", safe(method)))
			}
			return nil
		}
		b := boundaryParam(ct)
		if b == "" {
			if len(body) > 0 {
				warn("multipart/form-data without a boundary: PHP reads no input from it (\"Missing boundary in multipart/form-data POST data\")")
			}
			return nil
		}
		if len(body) == 0 {
			return nil
		}
		if method != "POST" {
			in.BodyIgnoredByLaravel = true
			warn(fmt.Sprintf("multipart/form-data body on a %s request: PHP parses form bodies only for POST, so a real Laravel server would see no input (send POST with a _method field, or JSON); read as a form here", method))
		}
		form := newFormVars(warn, maxInputVars)
		if n, err := form.parseMultipart(body, b); err != nil {
			warn(fmt.Sprintf("multipart body is malformed after %d parts (%s): kept the fields read so far", n, safe(err.Error())))
		}
		return form.root.object()
	}
	if len(body) > 0 {
		switch {
		case ct == "":
			warn("request has a body but no Content-Type: Laravel reads no input from it (send Content-Type: application/json)")
		default:
			warn(fmt.Sprintf("Content-Type %q is neither JSON nor a form: Laravel reads no input from the body", ct))
		}
	}
	return nil
}

// safe makes request text fit for a warning: valid UTF-8 always.
func safe(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
