package laravel

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"strings"
)

// PHP's form parsing limits (php.ini defaults).
const (
	maxInputVars    = 1000 // max_input_vars
	maxInputNesting = 64   // max_input_nesting_level
)

// PHP's SAPI keeps one variable more than max_input_vars from an
// urlencoded POST body (its counter is checked before it is increased);
// query strings, parse_str and multipart bodies keep exactly the limit.
const maxPostURLEncodedVars = maxInputVars + 1

// formVars collects variables as PHP registers them into $_GET / $_POST.
type formVars struct {
	root     *phpArray
	limit    int
	count    int
	overflow bool
	warn     func(string)
}

func newFormVars(warn func(string), limit int) *formVars {
	return &formVars{root: newPHPArray(), limit: limit, warn: warn}
}

// add registers one variable unless the variable limit is exhausted.
func (f *formVars) add(name string, value any) {
	if f.count++; f.count > f.limit {
		if !f.overflow {
			f.overflow = true
			f.warn(fmt.Sprintf("more than %d input variables: PHP keeps the first %d (max_input_vars) and drops the rest", maxInputVars, f.limit))
		}
		return
	}
	registerVariable(f.root, name, value, f.warn)
}

// parseURLEncoded reads an application/x-www-form-urlencoded body or a
// query string as PHP does: pairs split on "&", "+" and %XX decoded
// (a malformed escape stays literal), names registered with PHP's
// bracket syntax.
func (f *formVars) parseURLEncoded(s string) {
	for _, pair := range strings.Split(s, "&") {
		if pair == "" {
			continue
		}
		name, value, _ := strings.Cut(pair, "=")
		f.add(phpURLDecode(name), phpURLDecode(value))
	}
}

func phpURLDecode(s string) string {
	if !strings.ContainsAny(s, "+%") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b.WriteByte(' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// registerVariable is php_register_variable_ex (PHP 8): the name ends at a
// NUL byte, leading spaces are dropped, " " and "." before the first "["
// become "_"; "a[x][]" builds nested arrays ("[]" appends); text after a
// "]" that does not open another "[" is ignored; an unclosed first "["
// becomes "_" (with " ", "." and "[" after it too) and the name stays
// flat; nesting deeper than max_input_nesting_level drops the whole
// top-level variable.
func registerVariable(root *phpArray, name string, value any, warn func(string)) {
	if i := strings.IndexByte(name, 0); i >= 0 {
		name = name[:i]
	}
	name = strings.TrimLeft(name, " ")
	open := strings.IndexByte(name, '[')
	base := name
	if open >= 0 {
		base = name[:open]
	}
	base = strings.NewReplacer(" ", "_", ".", "_").Replace(base)
	if base == "" {
		return
	}
	if open < 0 {
		root.set(base, value)
		return
	}
	table, index, hasIndex := root, base, true
	rest := name[open:] // starts with "["
	for level := 1; ; level++ {
		if level > maxInputNesting {
			root.del(base)
			warn(fmt.Sprintf("input variable %q nests deeper than %d levels: PHP drops it", base, maxInputNesting))
			return
		}
		seg := rest[1:]
		var key string
		push := strings.HasPrefix(seg, "]")
		if !push {
			end := strings.IndexByte(seg, ']')
			if end < 0 {
				if level == 1 { // "a[b" is the flat name "a_b"
					flat := base + "_" + strings.NewReplacer(" ", "_", ".", "_", "[", "_").Replace(seg)
					root.set(flat, value)
				} else {
					assign(table, index, hasIndex, value)
				}
				return
			}
			key, seg = seg[:end], seg[end:]
		}
		table = childArray(table, index, hasIndex)
		index, hasIndex = key, !push
		rest = seg[1:] // after "]"
		if !strings.HasPrefix(rest, "[") {
			assign(table, index, hasIndex, value)
			return
		}
	}
}

// childArray returns the array at table[index] (or a pushed new one),
// replacing a scalar found there, as PHP does.
func childArray(table *phpArray, index string, hasIndex bool) *phpArray {
	if !hasIndex {
		a := newPHPArray()
		table.push(a)
		return a
	}
	if v, ok := table.get(index); ok {
		if a, ok := v.(*phpArray); ok {
			return a
		}
	}
	a := newPHPArray()
	table.set(index, a)
	return a
}

func assign(table *phpArray, index string, hasIndex bool, value any) {
	if hasIndex {
		table.set(index, value)
	} else {
		table.push(value)
	}
}

// errNotMultipart means the body does not start as a multipart body.
var errNotMultipart = errors.New("not a multipart body")

// parseMultipart reads form fields from a multipart body as PHP's rfc1867
// parser does: every part with a name in its Content-Disposition counts,
// whatever the disposition type (curl writes "attachment" when the content
// type is not multipart/form-data); parts with a filename are uploads; a
// part with neither ends the form ("File Upload Mime headers garbled");
// a last part cut off before its boundary keeps what it has; transfer
// encodings are not decoded. It returns the number of parts read and the
// error that stopped it, if any.
func (f *formVars) parseMultipart(body []byte, boundary string) (int, error) {
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	parts := 0
	for {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			return parts, nil
		}
		if err != nil {
			if parts == 0 {
				return 0, errNotMultipart
			}
			return parts, err
		}
		parts++
		name, filename, isFile := partDisposition(p.Header.Get("Content-Disposition"))
		if name == "" && !isFile {
			f.warn("multipart part without a name: PHP stops reading the form there (File Upload Mime headers garbled)")
			return parts, nil
		}
		if isFile {
			if filename == "" {
				// An empty file input: Symfony's FileBag keeps the key
				// with a null value, and $request->all() shows it.
				f.add(name, nil)
				continue
			}
			f.warn(fmt.Sprintf("multipart part %q is a file upload (%q): ignored, kycsim keeps no files; Laravel would see an uploaded file there", name, filename))
			continue
		}
		value, err := io.ReadAll(p)
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				f.add(name, string(value))
			}
			return parts, err
		}
		f.add(name, string(value))
	}
}

// partDisposition extracts the name and filename parameters of a part's
// Content-Disposition, leniently when the header is not well-formed.
func partDisposition(cd string) (name, filename string, isFile bool) {
	if _, params, err := mime.ParseMediaType(cd); err == nil {
		filename, isFile = params["filename"]
		return params["name"], filename, isFile
	}
	for _, field := range strings.Split(cd, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(field), "=")
		if !ok {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"`)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "name":
			name = v
		case "filename":
			filename, isFile = v, true
		}
	}
	return name, filename, isFile
}

// boundaryParam finds the boundary parameter of a content type.
func boundaryParam(ct string) string {
	if _, params, err := mime.ParseMediaType(ct); err == nil {
		return params["boundary"]
	}
	const key = "boundary="
	i := 0
	for ; i+len(key) <= len(ct) && !strings.EqualFold(ct[i:i+len(key)], key); i++ {
	}
	if i+len(key) > len(ct) {
		return ""
	}
	b := ct[i+len(key):]
	if j := strings.IndexAny(b, ";,"); j >= 0 {
		b = b[:j]
	}
	return strings.Trim(strings.TrimSpace(b), `"`)
}
