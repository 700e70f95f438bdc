package conformance

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// documented is documented.yaml: per API, the endpoints (by operation name)
// and the answers the documents give for each. Coverage is the cases'
// covers: entries checked against it; a later API adds its own block.
type documented struct {
	APIs []documentedAPI `yaml:"apis"`
}

type documentedAPI struct {
	API       string               `yaml:"api"`
	Seed      string               `yaml:"seed"`
	Endpoints []documentedEndpoint `yaml:"endpoints"`
}

type documentedEndpoint struct {
	ID      string   `yaml:"id"`
	What    string   `yaml:"what"`
	Answers []string `yaml:"answers"`
}

func parseDocumented(data []byte) (*documented, error) {
	var d documented
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("documented.yaml: %v", err)
	}
	var errs []error
	seen := map[string]bool{}
	for _, a := range d.APIs {
		if a.API == "" || len(a.Endpoints) == 0 {
			errs = append(errs, errors.New("documented.yaml: every API needs api: and endpoints:"))
		}
		for _, e := range a.Endpoints {
			if e.ID == "" || len(e.Answers) == 0 {
				errs = append(errs, fmt.Errorf("documented.yaml: %s: every endpoint needs id: and answers:", a.API))
			}
			for _, ans := range e.Answers {
				k := e.ID + " " + ans
				if strings.ContainsAny(ans, " \t") {
					errs = append(errs, fmt.Errorf("documented.yaml: %q: an answer is one word", k))
				}
				if seen[k] {
					errs = append(errs, fmt.Errorf("documented.yaml: %q listed twice", k))
				}
				seen[k] = true
			}
		}
	}
	return &d, errors.Join(errs...)
}

func (d *documented) has(cover string) bool {
	id, ans, ok := strings.Cut(cover, " ")
	if !ok {
		return false
	}
	for _, a := range d.APIs {
		for _, e := range a.Endpoints {
			if e.ID == id && slices.Contains(e.Answers, ans) {
				return true
			}
		}
	}
	return false
}

// coverageReport writes, per documented API (only api when it is not ""),
// every endpoint × answer with the cases that cover it, and the gaps. It
// returns the number of documented answers without a case.
func coverageReport(w io.Writer, s *suite, api string) int {
	byCover := map[string][]*testCase{}
	for _, f := range s.files {
		for _, c := range f.cases {
			for _, cov := range c.covers {
				byCover[cov] = append(byCover[cov], c)
			}
		}
	}
	total, covered, realCovered := 0, 0, 0
	var missing []string
	for _, a := range s.documented.APIs {
		if api != "" && a.API != api {
			continue
		}
		fmt.Fprintf(w, "%s — seed %s\n", a.API, a.Seed)
		for _, e := range a.Endpoints {
			fmt.Fprintf(w, "  %s  %s\n", e.ID, e.What)
			for _, ans := range e.Answers {
				total++
				cases := byCover[e.ID+" "+ans]
				if len(cases) == 0 {
					missing = append(missing, e.ID+" "+ans)
					fmt.Fprintf(w, "    %-13s MISSING: no case\n", ans)
					continue
				}
				covered++
				real := false
				fmt.Fprintf(w, "    %-13s %d %s\n", ans, len(cases), plural(len(cases), "case", "cases"))
				for _, c := range cases {
					mark := ""
					if runsAgainstReal(c) {
						mark, real = " [real]", true
					}
					fmt.Fprintf(w, "                    %s%s\n", c.id(), mark)
				}
				if real {
					realCovered++
				}
			}
		}
	}
	fmt.Fprintf(w, "\n[real]: the case also runs against a real endpoint (safe, no emulator or fixture needs).\n")
	fmt.Fprintf(w, "%d of %d documented answers have a case (%d with a case that runs against a real endpoint); %d missing\n", covered, total, realCovered, len(missing))
	for _, m := range missing {
		fmt.Fprintf(w, "  missing: %s\n", m)
	}
	return len(missing)
}

// runsAgainstReal: the case runs against a real endpoint without
// --allow-writes.
func runsAgainstReal(c *testCase) bool {
	if !c.safe || len(c.needs) > 0 {
		return false
	}
	for _, st := range c.steps {
		if st.soap != nil || st.admin != nil {
			return false
		}
	}
	return true
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
