package laravel

import (
	"math"
	"testing"
)

// Expectations from PHP 8.2: (string) $float, mb_strlen, in_array.
func TestPHPFloatString(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{1.5, "1.5"},
		{0.1 + 0.2, "0.3"},
		{1e25, "1.0E+25"},
		{100.0, "100"},
		{1e15, "1.0E+15"},
		{1e14, "1.0E+14"},
		{99999999999999, "99999999999999"},
		{0.0001, "0.0001"},
		{0.00001, "1.0E-5"},
		{-2.5e-7, "-2.5E-7"},
		{123456789012345.0, "1.2345678901234E+14"},
		{1.0 / 3, "0.33333333333333"},
		{0, "0"},
		{math.Copysign(0, -1), "-0"},
		{math.Inf(1), "INF"},
		{math.Inf(-1), "-INF"},
		{math.NaN(), "NAN"},
	}
	for _, tt := range tests {
		if got := phpFloatString(tt.f); got != tt.want {
			t.Errorf("phpFloatString(%v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestMbStrlen(t *testing.T) {
	tests := map[string]int{
		"": 0, "abc": 3, "ā": 1, "a\xffb": 3, "\xe0a": 1, "\xf0\x9f\x98": 1,
		"\xf8abcdef": 7, "\xc0a": 2, "\x80\x80": 2, "\xc2": 1, "\xf4abcd": 2,
		"\xf5abcd": 5, "\xefab": 1, "\xdfa": 1, "\xc1a": 2, "a\xc3": 2,
	}
	for s, want := range tests {
		if got := mbStrlen(s); got != want {
			t.Errorf("mbStrlen(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestPHPLooseStringEqual(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"1", "01", true},
		{"1.0", "1", true},
		{"abc", "ABC", false},
		{"1e1", "10", true},
		{" 1", "1", true},
		{"1 ", "1", true},
		{"1x", "1", false},
		{"", "0", false},
		{".5", "0.5", true},
		{"1.", "1", true},
		{".", ".", true},
		{"-0", "0", true},
		{"abc", "abc", true},
	}
	for _, tt := range tests {
		if got := phpLooseStringEqual(tt.a, tt.b); got != tt.want {
			t.Errorf("%q == %q: got %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
