package phpjson

import (
	"bufio"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// Every expected value below was checked against json_encode of PHP 8.2.36
// (php8.2-cli, default flags, serialize_precision -1).

func TestAppendString(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty", "", `""`},
		{"plain ASCII", "Hello, world", `"Hello, world"`},
		{"slash", "a/b", `"a\/b"`},
		{"URL", "https://iks.nilln.lv/api/v1/clients", `"https:\/\/iks.nilln.lv\/api\/v1\/clients"`},
		{"quote", `say "hi"`, `"say \"hi\""`},
		{"backslash", `App\Models\Client`, `"App\\Models\\Client"`},
		{"short escapes", "\b\t\n\f\r", `"\b\t\n\f\r"`},
		{"NUL", "\x00", `"\u0000"`},
		{"other controls, lowercase hex", "\x01\x0b\x0e\x1a\x1b\x1f", `"\u0001\u000b\u000e\u001a\u001b\u001f"`},
		{"HTML characters raw", `<a href='x'>&amp;</a>`, `"<a href='x'>&amp;<\/a>"`},
		{"DEL raw", "\x7f", "\"\x7f\""},
		{"latin-1 supplement", "ä", `"\u00e4"`},
		{"Latvian", "Sabiedrība ar ierobežotu atbildību", `"Sabiedr\u012bba ar ierobe\u017eotu atbild\u012bbu"`},
		{"Cyrillic", "Привет", `"\u041f\u0440\u0438\u0432\u0435\u0442"`},
		{"lowercase hex digits", "\u00ff\u0abc\ufeff", `"\u00ff\u0abc\ufeff"`},
		{"raquo entity stays text", "Nākamais &raquo;", `"N\u0101kamais &raquo;"`},
		{"U+2028 U+2029", "a\u2028b\u2029c", `"a\u2028b\u2029c"`},
		{"emoji surrogate pair", "😀", `"\ud83d\ude00"`},
		{"first astral", "\U00010000", `"\ud800\udc00"`},
		{"last code point", "\U0010FFFF", `"\udbff\udfff"`},
		{"U+FFFF", "\uffff", `"\uffff"`},
		{"U+FFFD encoded is valid", "\ufffd", `"\ufffd"`},
		{"numeric string stays a string", "12", `"12"`},
		{"float-looking string", "1.5e3", `"1.5e3"`},
		{"mixed", "x/\"ä\"\n😀<", `"x\/\"\u00e4\"\n\ud83d\ude00<"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AppendString(nil, tt.in)
			if err != nil {
				t.Fatalf("AppendString(%q) error: %v", tt.in, err)
			}
			if string(got) != tt.want {
				t.Errorf("AppendString(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestAppendStringInvalidUTF8(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"lone continuation byte", "\x80"},
		{"0xff", "a\xffb"},
		{"truncated two-byte", "\xc3"},
		{"truncated three-byte", "\xe2\x82"},
		{"overlong NUL", "\xc0\x80"},
		{"overlong three-byte", "\xe0\x80\xaf"},
		{"encoded surrogate", "\xed\xa0\x80"},
		{"above U+10FFFF", "\xf4\x90\x80\x80"},
		{"invalid after valid", "ä\xc3("},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := AppendString(nil, tt.in); !errors.Is(err, ErrInvalidUTF8) {
				t.Errorf("AppendString(%q) = %q, %v; want ErrInvalidUTF8", tt.in, got, err)
			}
		})
	}
}

func TestAppendFloat(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "-0"},
		{1, "1"},
		{-1, "-1"},
		{100, "100"},
		{0.1, "0.1"},
		{-1.5, "-1.5"},
		{0.30000000000000004, "0.30000000000000004"}, // 0.1+0.2 at run time
		{123456789.12345, "123456789.12345"},
		{0.5, "0.5"},
		{0.001, "0.001"},
		{0.0001, "0.0001"},   // decpt -3: still fixed
		{0.00015, "0.00015"}, // decpt -3
		{1e-5, "1.0e-5"},     // decpt -4: exponential
		{-1e-10, "-1.0e-10"},
		{2.5e-7, "2.5e-7"},
		{1e15, "1000000000000000"},  // decpt 16: fixed
		{1e16, "10000000000000000"}, // decpt 17: fixed, the last one
		{1e17, "1.0e+17"},           // decpt 18: exponential
		{12345678901234567, "12345678901234568"},
		{123456789012345678, "1.2345678901234568e+17"},
		{9.2233720368547758e18, "9.223372036854776e+18"},
		{1e21, "1.0e+21"},
		{1e22, "1.0e+22"},
		{1e23, "1.0e+23"},
		{1e25, "1.0e+25"},
		{1e100, "1.0e+100"},
		{math.MaxFloat64, "1.7976931348623157e+308"},
		{5e-324, "5.0e-324"},
		{math.SmallestNonzeroFloat64 * 3, "1.5e-323"},
	}
	for _, tt := range tests {
		got, err := AppendFloat(nil, tt.in)
		if err != nil {
			t.Errorf("AppendFloat(%g) error: %v", tt.in, err)
			continue
		}
		if string(got) != tt.want {
			t.Errorf("AppendFloat(%g) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestAppendFloatNonFinite(t *testing.T) {
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if got, err := AppendFloat([]byte("x"), f); !errors.Is(err, ErrInfOrNaN) || string(got) != "x" {
			t.Errorf("AppendFloat(%v) = %q, %v; want \"x\", ErrInfOrNaN", f, got, err)
		}
	}
}

type code string

type selfWriter struct{ n int }

func (s *selfWriter) AppendPHPJSON(dst []byte) ([]byte, error) {
	return Append(dst, Object{{"n", s.n}})
}

func TestMarshal(t *testing.T) {
	var nilWriter *selfWriter
	var nilMap map[string]any
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"null", nil, `null`},
		{"true", true, `true`},
		{"false", false, `false`},
		{"int", 42, `42`},
		{"negative int", -7, `-7`},
		{"PHP_INT_MAX", int64(math.MaxInt64), `9223372036854775807`},
		{"PHP_INT_MIN", int64(math.MinInt64), `-9223372036854775808`},
		{"small int kinds", []any{int8(-8), int16(16), int32(-32), uint8(8), uint16(16), uint32(32)}, `[-8,16,-32,8,16,32]`},
		{"uint64 above PHP_INT_MAX", uint64(math.MaxUint64), `18446744073709551615`},
		{"float64 whole", 1.0, `1`},
		{"float32 shortest digits", float32(0.1), `0.1`},
		{"numeric strings stay strings", []any{"12", "1.5", "0"}, `["12","1.5","0"]`},
		{"named string", code("legal"), `"legal"`},
		{"string slice", []string{"a/b", "ä"}, `["a\/b","\u00e4"]`},
		{"nil slice", []string(nil), `[]`},
		{"empty list", []any{}, `[]`},
		{"empty object", Object{}, `{}`},
		{"nil object", Object(nil), `{}`},
		{"empty map", map[string]any{}, `{}`},
		{"nil map", nilMap, `{}`},
		{"object keeps member order", Object{{"z", 1}, {"a", 2}, {"m", 3}}, `{"z":1,"a":2,"m":3}`},
		{"map keys sorted", map[string]any{"z": 1, "a": 2, "m": 3}, `{"a":2,"m":3,"z":1}`},
		{"typed map keys sorted", map[string]string{"b": "x", "a": "y"}, `{"a":"y","b":"x"}`},
		{"keys escaped", Object{{"a/b", 1}, {"ä", 2}}, `{"a\/b":1,"\u00e4":2}`},
		{"nested", Object{
			{"data", []any{Object{{"uuid", "9b7e"}, {"inputs", []any{}}, {"meta", Object{{"from", nil}, {"ok", true}}}}}},
			{"links", Object{{"next", "http://x/a?page=2"}}},
		}, `{"data":[{"uuid":"9b7e","inputs":[],"meta":{"from":null,"ok":true}}],"links":{"next":"http:\/\/x\/a?page=2"}}`},
		{"array", [3]int{1, 2, 3}, `[1,2,3]`},
		{"pointer", func() any { s := "p/q"; return &s }(), `"p\/q"`},
		{"nil pointer", (*int)(nil), `null`},
		{"raw message", RawMessage(`{"x": 1}`), `{"x": 1}`},
		{"nil raw message", RawMessage(nil), `null`},
		{"marshaler", &selfWriter{n: 5}, `{"n":5}`},
		{"nil marshaler pointer", nilWriter, `null`},
		{"marshaler inside object", Object{{"w", &selfWriter{n: 1}}}, `{"w":{"n":1}}`},
		{"floats inside", []any{1e25, 1e-5, 0.0001, 1.0, -0.0}, `[1.0e+25,1.0e-5,0.0001,1,0]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Marshal(tt.in)
			if err != nil {
				t.Fatalf("Marshal error: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("Marshal = %s, want %s", got, tt.want)
			}
		})
	}
}

// nest wraps v in n lists.
func nest(v any, n int) any {
	for i := 0; i < n; i++ {
		v = []any{v}
	}
	return v
}

func TestMarshalErrors(t *testing.T) {
	cyclic := []any{nil}
	cyclic[0] = cyclic
	tests := []struct {
		name string
		in   any
		want error
	}{
		{"invalid UTF-8 value", Object{{"name", "a\xff"}}, ErrInvalidUTF8},
		{"invalid UTF-8 key", Object{{"k\xff", 1}}, ErrInvalidUTF8},
		{"invalid UTF-8 in []string", []string{"ok", "\xc3"}, ErrInvalidUTF8},
		{"invalid UTF-8 map key", map[string]any{"\xed\xa0\x80": 1}, ErrInvalidUTF8},
		{"NaN", []any{math.NaN()}, ErrInfOrNaN},
		{"Inf in object", Object{{"x", math.Inf(-1)}}, ErrInfOrNaN},
		{"float32 Inf", float32(math.Inf(1)), ErrInfOrNaN},
		{"513 nested lists", nest(1, MaxDepth+1), ErrDepth},
		{"object around 512 lists", Object{{"a", nest(1, MaxDepth)}}, ErrDepth},
		{"self-referencing list", cyclic, ErrDepth},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Marshal(tt.in)
			if !errors.Is(err, tt.want) || got != nil {
				t.Errorf("Marshal = %q, %v; want nil, %v", got, err, tt.want)
			}
		})
	}
	if _, err := Marshal(struct{ A int }{1}); err == nil || !strings.Contains(err.Error(), "unsupported type") {
		t.Errorf("Marshal(struct) error = %v, want unsupported type", err)
	}
	if _, err := Marshal(map[int]string{1: "a"}); err == nil {
		t.Error("Marshal(map[int]string) succeeded, want unsupported type")
	}
}

func TestMaxDepthAllowed(t *testing.T) {
	got, err := Marshal(nest(1, MaxDepth))
	if err != nil {
		t.Fatalf("512 nested lists: %v", err)
	}
	want := strings.Repeat("[", MaxDepth) + "1" + strings.Repeat("]", MaxDepth)
	if string(got) != want {
		t.Errorf("512 nested lists: got %d bytes, want %d", len(got), len(want))
	}
}

func TestAppendKeepsDstOnError(t *testing.T) {
	dst := []byte(`prefix`)
	got, err := Append(dst, Object{{"a", 1}, {"b", "\xff"}})
	if !errors.Is(err, ErrInvalidUTF8) || string(got) != "prefix" {
		t.Errorf("Append = %q, %v; want %q, ErrInvalidUTF8", got, err, "prefix")
	}
	got, err = Append(dst, Object{{"a", 1}})
	if err != nil || string(got) != `prefix{"a":1}` {
		t.Errorf("Append = %q, %v", got, err)
	}
}

// TestPHPGolden replays testdata/php82_golden.txt: floats and byte strings
// (valid and invalid UTF-8) with the output of PHP 8.2's json_encode.
func TestPHPGolden(t *testing.T) {
	f, err := os.Open("testdata/php82_golden.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	lines := 0
	for sc.Scan() {
		lines++
		input, want, ok := strings.Cut(sc.Text(), "\t")
		if !ok || len(input) < 2 {
			t.Fatalf("line %d: malformed %q", lines, sc.Text())
		}
		raw, err := hex.DecodeString(input[2:])
		if err != nil {
			t.Fatalf("line %d: %v", lines, err)
		}
		var got []byte
		switch input[0] {
		case 'f':
			v := math.Float64frombits(binary.BigEndian.Uint64(raw))
			got, err = AppendFloat(nil, v)
		case 's':
			got, err = AppendString(nil, string(raw))
			if !strings.HasPrefix(want, "ERR") {
				w, herr := hex.DecodeString(want)
				if herr != nil {
					t.Fatalf("line %d: %v", lines, herr)
				}
				want = string(w)
			}
		default:
			t.Fatalf("line %d: unknown kind %q", lines, input[0])
		}
		switch {
		case want == "ERR 5": // JSON_ERROR_UTF8
			if !errors.Is(err, ErrInvalidUTF8) {
				t.Errorf("line %d: %s = %q, %v; PHP: JSON_ERROR_UTF8", lines, input, got, err)
			}
		case err != nil:
			t.Errorf("line %d: %s: %v; PHP: %s", lines, input, err, want)
		case string(got) != want:
			t.Errorf("line %d: %s = %s; PHP: %s", lines, input, got, want)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if lines < 5000 {
		t.Fatalf("golden file has %d lines, want at least 5000", lines)
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "a/b", "ä", "😀", "\u2028", "\x00\x1f\x7f", `"\`, "\xff", "<>&'", "\ufffd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := AppendString(nil, s)
		if !utf8.ValidString(s) {
			if !errors.Is(err, ErrInvalidUTF8) {
				t.Fatalf("invalid UTF-8 %q: got %q, %v", s, got, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("AppendString(%q): %v", s, err)
		}
		for i, c := range got {
			if c >= utf8.RuneSelf {
				t.Fatalf("AppendString(%q) = %q: non-ASCII byte at %d", s, got, i)
			}
		}
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("AppendString(%q) = %q: not JSON: %v", s, got, err)
		}
		if back != s {
			t.Fatalf("AppendString(%q) = %q decodes to %q", s, got, back)
		}
	})
}

// BenchmarkMarshalClient writes a typical NILLN client resource: 11 fields
// with non-ASCII text, slashes, nulls and a boolean.
func BenchmarkMarshalClient(b *testing.B) {
	client := Object{
		{"uuid", "9b7e4c3a-1f2d-4e5b-8a6c-0d1e2f3a4b5c"},
		{"type", "Juridiska persona"},
		{"name", `Sabiedrība ar ierobežotu atbildību "DAGGA"`},
		{"reg_no", "40103477934"},
		{"reference_no", "REF-2022/04"},
		{"email", "info@dagga.lv"},
		{"comment", nil},
		{"risk_level", "nav definēts"},
		{"is_active", true},
		{"set_at", "2022-04-25T00:00:00.000000Z"},
		{"reviewed_at", nil},
	}
	buf := make([]byte, 0, 512)
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if buf, err = Append(buf[:0], client); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(len(buf)))
}

func BenchmarkAppendFloat(b *testing.B) {
	buf := make([]byte, 0, 32)
	b.ReportAllocs()
	for b.Loop() {
		buf, _ = AppendFloat(buf[:0], 123456789.12345)
	}
}
