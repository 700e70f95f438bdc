package conformance

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// JUnit XML as CI systems read it: one testsuite per case file.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitMessage `xml:"failure"`
	Skipped   *junitMessage `xml:"skipped"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }

// writeJUnit writes the results as JUnit XML.
func writeJUnit(w io.Writer, results []result) error {
	out := junitSuites{Name: "kycsim conformance"}
	index := map[string]int{}
	var durations []time.Duration // per suite
	var total time.Duration
	for _, r := range results {
		name := r.c.file.name
		i, ok := index[name]
		if !ok {
			i = len(out.Suites)
			index[name] = i
			out.Suites = append(out.Suites, junitSuite{Name: name})
			durations = append(durations, 0)
		}
		s := &out.Suites[i]
		jc := junitCase{Name: r.c.name, Classname: "conformance." + name, Time: seconds(r.duration)}
		switch r.status {
		case "fail":
			first, _, _ := strings.Cut(r.failure, "\n")
			if rest := strings.SplitN(r.failure, "\n", 3); len(rest) > 1 {
				first = rest[1] // line 0 is the citation; the step line says more
			}
			jc.Failure = &junitMessage{Message: first, Text: r.failure}
			s.Failures++
			out.Failures++
		case "skip":
			jc.Skipped = &junitMessage{Message: r.reason}
			s.Skipped++
			out.Skipped++
		}
		s.Tests++
		out.Tests++
		total += r.duration
		durations[i] += r.duration
		s.Time = seconds(durations[i])
		s.Cases = append(s.Cases, jc)
	}
	out.Time = seconds(total)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
