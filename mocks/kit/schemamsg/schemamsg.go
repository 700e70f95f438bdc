// Package schemamsg reads the messages of github.com/santhosh-tekuri/jsonschema/v5
// validation errors, so that callers can report a problem at the path of the
// property it names rather than at its parent object.
package schemamsg

import (
	"regexp"
	"strconv"
	"strings"
)

var singleQuoted = regexp.MustCompile(`'((?:[^'\\]|\\.)*)'`)

// QuotedNames extracts the property names jsonschema lists in messages such
// as "missing properties: 'name', 'type'". It quotes them with %q and then
// swaps the quote style, which this undoes.
func QuotedNames(msg string) []string {
	var names []string
	for _, m := range singleQuoted.FindAllStringSubmatch(msg, -1) {
		inner := strings.ReplaceAll(m[1], `\'`, `'`)
		inner = strings.ReplaceAll(inner, `"`, `\"`)
		name, err := strconv.Unquote(`"` + inner + `"`)
		if err != nil {
			name = m[1]
		}
		names = append(names, name)
	}
	return names
}
