package conformance

import (
	"fmt"
	"strings"
)

// lineDiff returns a unified-style diff of two texts ("-" expected, "+"
// got) with context lines around each change, or "" when they are equal.
// It is a plain LCS: bodies are small, and readability beats speed here.
func lineDiff(expected, got string, context int) string {
	a := strings.Split(expected, "\n")
	b := strings.Split(got, "\n")
	if len(a)*len(b) > 4_000_000 {
		return "(bodies too large to diff line by line)\n"
	}
	// lcs[i][j] = length of the LCS of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type line struct {
		op   byte // ' ', '-', '+'
		text string
	}
	var lines []line
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			lines = append(lines, line{' ', a[i]})
			i++
			j++
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			lines = append(lines, line{'-', a[i]})
			i++
		default:
			lines = append(lines, line{'+', b[j]})
			j++
		}
	}
	keep := make([]bool, len(lines))
	changed := false
	for k, l := range lines {
		if l.op != ' ' {
			changed = true
			for m := max(0, k-context); m <= min(len(lines)-1, k+context); m++ {
				keep[m] = true
			}
		}
	}
	if !changed {
		return ""
	}
	var out strings.Builder
	skipping := false
	for k, l := range lines {
		if !keep[k] {
			if !skipping {
				out.WriteString("  …\n")
				skipping = true
			}
			continue
		}
		skipping = false
		fmt.Fprintf(&out, "%c %s\n", l.op, l.text)
	}
	return out.String()
}

// firstDifference describes where two byte strings part, with some context
// of each, Go-quoted so that escapes such as \/ and \u0161 are visible.
func firstDifference(expected, got string) string {
	n := 0
	for n < len(expected) && n < len(got) && expected[n] == got[n] {
		n++
	}
	from := max(0, n-30)
	cut := func(s string) string {
		end := min(len(s), n+50)
		if from > len(s) {
			return `""`
		}
		return fmt.Sprintf("%q", s[from:end])
	}
	return fmt.Sprintf("first difference at byte %d (expected %d bytes, got %d):\n  expected …%s…\n  got      …%s…", n, len(expected), len(got), cut(expected), cut(got))
}
