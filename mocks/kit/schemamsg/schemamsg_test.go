package schemamsg

import (
	"reflect"
	"testing"
)

func TestQuotedNames(t *testing.T) {
	tests := []struct {
		msg  string
		want []string
	}{
		{"missing properties: 'name', 'type'", []string{"name", "type"}},
		{`additionalProperties 'it\'s', 'a"b' not allowed`, []string{"it's", `a"b`}},
		{"expected string, but got number", nil},
	}
	for _, tt := range tests {
		if got := QuotedNames(tt.msg); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("QuotedNames(%q) = %q, want %q", tt.msg, got, tt.want)
		}
	}
}
