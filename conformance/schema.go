package conformance

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// schemaBase is the URL the schema files are registered under, so that one
// schema can $ref another by file name ("client.json"). Nothing is ever
// fetched from it.
const schemaBase = "https://kycsim.invalid/conformance/schemas/"

// schemaSet is the compiled schemas of schemas/*.json, by file name.
type schemaSet struct {
	compiled map[string]*jsonschema.Schema
}

// readSchemaFiles reads every *.json of fsys into files (replacing a file of
// the same name already there).
func readSchemaFiles(fsys fs.FS, files map[string][]byte) error {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return err
	}
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return err
		}
		files[n] = data
	}
	return nil
}

// compileSchemas compiles every schema file (each is also checked against
// its draft's meta-schema by the compiler). Draft 2020-12 is assumed where
// a file has no $schema.
func compileSchemas(files map[string][]byte) (*schemaSet, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("schemas may only $ref one another by file name, not %s", u)
	}
	var errs []error
	var added []string
	for _, n := range names {
		if err := c.AddResource(schemaBase+n, bytes.NewReader(files[n])); err != nil {
			errs = append(errs, fmt.Errorf("schemas/%s: %s", n, strings.ReplaceAll(err.Error(), schemaBase, "")))
			continue
		}
		added = append(added, n)
	}
	set := &schemaSet{compiled: map[string]*jsonschema.Schema{}}
	for _, n := range added {
		s, err := c.Compile(schemaBase + n)
		if err != nil {
			errs = append(errs, fmt.Errorf("schemas/%s: %s", n, strings.ReplaceAll(fmt.Sprintf("%#v", err), schemaBase, "")))
			continue
		}
		set.compiled[n] = s
	}
	return set, errors.Join(errs...)
}

func (s *schemaSet) has(name string) bool {
	_, ok := s.compiled[name]
	return ok
}

func (s *schemaSet) names() []string {
	var out []string
	for n := range s.compiled {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// validate checks a decoded (ordered) JSON value against the named schema;
// the problems come back one per line, each naming the instance location.
func (s *schemaSet) validate(name string, v any) []string {
	sch, ok := s.compiled[name]
	if !ok {
		return []string{fmt.Sprintf("no schema %q", name)}
	}
	err := sch.Validate(plain(v))
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []string{err.Error()}
	}
	var out []string
	collectLeaves(ve, &out)
	return out
}

func collectLeaves(ve *jsonschema.ValidationError, out *[]string) {
	if len(ve.Causes) == 0 {
		loc := ve.InstanceLocation
		if loc == "" {
			loc = "(document)"
		}
		*out = append(*out, fmt.Sprintf("%s: %s", loc, ve.Message))
		return
	}
	for _, c := range ve.Causes {
		collectLeaves(c, out)
	}
}
