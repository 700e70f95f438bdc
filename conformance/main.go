// Package conformance is kycsim's conformance suite: the vendor documents'
// promises written as data (cases/*.yaml, checked with the JSON Schemas of
// schemas/), and a runner that plays them against kycsim or against the
// real service, so that one set of cases says both "kycsim behaves as the
// documents say" and "the real service still behaves as kycsim does".
//
// The command line is `kycsim conformance`; README.md describes the case
// format, the two kinds of target and coverage.
package conformance

import (
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/kycsim/kycsim/mocks/peerdata"
)

//go:embed cases/*.yaml schemas/*.json documented.yaml
var embedded embed.FS

// Defaults of the command line.
const (
	defaultNamespacePrefix = "conf"
	defaultTimeout         = 30 * time.Second
	// defaultRealInterval keeps a sequential run under 60 requests a
	// minute, the NILLN platform's limit per user (Laravel's api limiter).
	defaultRealInterval = 1100 * time.Millisecond
)

// tokenRoles are the roles a token can be given for on the command line;
// "none" needs no token.
var tokenRoles = []string{"all", "read", "create", "update", "delete", "revoked", "other-profile"}

// Main runs `kycsim conformance` with args (the words after "conformance")
// and returns the exit status: 0 when every case that ran passed, 1 when one
// failed, 2 when the suite could not run (bad flags, unreadable cases,
// unreachable target).
func Main(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kycsim conformance", flag.ContinueOnError)
	fs.SetOutput(stderr)
	env := func(name, def string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return def
	}
	target := fs.String("target", env("KYCSIM_CONFORMANCE_TARGET", ""), "base URL of the server under test: kycsim (http://localhost:8080) or the vendor's (https://iks.nilln.lv) (env KYCSIM_CONFORMANCE_TARGET)")
	kind := fs.String("target-kind", env("KYCSIM_CONFORMANCE_TARGET_KIND", kindKycsim), "kycsim: namespaces, admin API and fixture credentials; real: a vendor endpoint, safe cases only, never /__admin (env KYCSIM_CONFORMANCE_TARGET_KIND)")
	api := fs.String("api", "", "run only the cases of this API (e.g. nilln)")
	only := fs.String("only", "", "run only the cases whose file/name matches this regular expression (case-insensitive), e.g. 'nilln-show/' or '404'")
	junit := fs.String("junit", "", "also write the results as JUnit XML to this file")
	allowWrites := fs.Bool("allow-writes", false, "against a real endpoint, also run the cases that create, change or delete data")
	coverage := fs.Bool("coverage", false, "print which documented endpoints and answers have a case, and which have none; runs nothing")
	list := fs.Bool("list", false, "list the cases (with safe / needs) and exit; runs nothing")
	casesDir := fs.String("cases", "", "read case files from this directory instead of the built-in ones (its schemas/ and documented.yaml, when present, override the built-in ones)")
	// Secrets are read from the environment after parsing, not as flag
	// defaults, so that --help never prints them.
	adminToken := fs.String("admin-token", "", "kycsim's admin token, when it runs with --admin-token (env KYCSIM_ADMIN_TOKEN)")
	nsPrefix := fs.String("namespace-prefix", defaultNamespacePrefix, "against kycsim, case n runs in namespace /t/<prefix>-<n>/ (reset first); give parallel runs on one kycsim different prefixes")
	timeout := fs.Duration("timeout", defaultTimeout, "time limit of one request")
	interval := fs.String("interval", "", "least time between two requests (default 0 against kycsim, 1.1s against a real endpoint, to stay under its rate limit)")
	tokens := map[string]*string{}
	for _, role := range tokenRoles {
		envName := tokenEnv(role)
		tokens[role] = fs.String("token-"+role, "", fmt.Sprintf("token for the %q role (env %s); against kycsim, overrides the one read from /__admin/fixtures", role, envName))
	}
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: kycsim conformance --target URL [flags]
       kycsim conformance --coverage

Runs the conformance cases (the seed documents as executable checks)
against kycsim or a real endpoint; prints a line per case, the differences
of every failure with the document section it checks, and a last line
"N passed, N failed". Exit status 1 when a case fails.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "kycsim conformance: unexpected argument %q\n", fs.Arg(0))
		return 2
	}

	s, err := loadFromFlags(*casesDir)
	if err != nil {
		fmt.Fprintf(stderr, "kycsim conformance: the cases do not load:\n%s\n", indent(err.Error(), "  "))
		return 2
	}
	if *coverage {
		coverageReport(stdout, s, *api)
		return 0
	}
	cases, err := selectCases(s, *api, *only)
	if err != nil {
		fmt.Fprintf(stderr, "kycsim conformance: %v\n", err)
		return 2
	}
	if *list {
		for _, c := range cases {
			flags := "unsafe"
			if c.safe {
				flags = "safe"
			}
			if len(c.needs) > 0 {
				flags += ", needs " + strings.Join(c.needs, "+")
			}
			fmt.Fprintf(stdout, "%s  (%s)  %s\n", c.id(), flags, c.cite)
		}
		return 0
	}

	if *kind != kindKycsim && *kind != kindReal {
		fmt.Fprintf(stderr, "kycsim conformance: --target-kind must be %s or %s, not %q\n", kindKycsim, kindReal, *kind)
		return 2
	}
	if *target == "" {
		fmt.Fprintln(stderr, "kycsim conformance: --target URL is required (e.g. --target http://localhost:8080)")
		return 2
	}
	u := strings.TrimRight(*target, "/")
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		fmt.Fprintf(stderr, "kycsim conformance: --target %q must be an http:// or https:// URL\n", *target)
		return 2
	}
	if *adminToken == "" {
		*adminToken = getenv("KYCSIM_ADMIN_TOKEN")
	}
	cfg := runConfig{
		target: u, kind: *kind, allowWrites: *allowWrites, adminToken: *adminToken,
		nsPrefix: *nsPrefix, client: newHTTPClient(*timeout), progress: stdout,
		tokens: map[string]string{}, now: time.Now, sleep: time.Sleep,
	}
	for role, v := range tokens {
		if *v == "" {
			*v = getenv(tokenEnv(role))
		}
		if *v != "" {
			cfg.tokens[role] = *v
		}
	}
	switch {
	case *interval != "":
		d, err := time.ParseDuration(*interval)
		if err != nil || d < 0 {
			fmt.Fprintf(stderr, "kycsim conformance: --interval %q is not a duration such as 1s\n", *interval)
			return 2
		}
		cfg.interval = d
	case *kind == kindReal:
		cfg.interval = defaultRealInterval
	}
	if !regexp.MustCompile(`^[A-Za-z0-9_.]{1,40}$`).MatchString(cfg.nsPrefix) {
		fmt.Fprintln(stderr, "kycsim conformance: --namespace-prefix is 1-40 characters of A-Z a-z 0-9 _ .")
		return 2
	}
	r := &runner{cfg: cfg, suite: s}
	if cfg.kind == kindKycsim {
		if err := r.checkKycsim(); err != nil {
			fmt.Fprintf(stderr, "kycsim conformance: %v\n", err)
			return 2
		}
	}
	fmt.Fprintf(stdout, "kycsim conformance: %d cases against %s (%s)\n", len(cases), cfg.target, cfg.kind)
	results := r.run(cases)
	passed, failed, skipped := 0, 0, 0
	var failedIDs []string
	for _, res := range results {
		switch res.status {
		case "pass":
			passed++
		case "fail":
			failed++
			failedIDs = append(failedIDs, res.c.id())
		default:
			skipped++
		}
	}
	status := 0
	if *junit != "" {
		if err := writeJUnitFile(*junit, results); err != nil {
			fmt.Fprintf(stderr, "kycsim conformance: --junit: %v\n", err)
			status = 2
		}
	}
	if failed > 0 {
		fmt.Fprintf(stdout, "\nfailed:\n  %s\n", strings.Join(failedIDs, "\n  "))
		if status == 0 {
			status = 1
		}
	}
	summary := fmt.Sprintf("%d passed, %d failed", passed, failed)
	if skipped > 0 {
		summary += fmt.Sprintf(", %d skipped", skipped)
	}
	fmt.Fprintln(stdout, summary)
	return status
}

func tokenEnv(role string) string {
	return "KYCSIM_CONFORMANCE_TOKEN_" + strings.ToUpper(strings.ReplaceAll(role, "-", "_"))
}

func writeJUnitFile(path string, results []result) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := writeJUnit(f, results); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// loadFromFlags loads the built-in suite, or the one of dir laid over it.
func loadFromFlags(dir string) (*suite, error) {
	casesFS, err := fs.Sub(embedded, "cases")
	if err != nil {
		return nil, err
	}
	schemasFS, err := fs.Sub(embedded, "schemas")
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	if err := readSchemaFiles(schemasFS, files); err != nil {
		return nil, err
	}
	// The peer-data emulation owns the schemas of its bodies: cases name
	// them peerdata/<file>, and answers are checked against the very files
	// the server validates requests with.
	pdFS, err := fs.Sub(peerdata.Schemas, "schemas")
	if err != nil {
		return nil, err
	}
	pdFiles := map[string][]byte{}
	if err := readSchemaFiles(pdFS, pdFiles); err != nil {
		return nil, err
	}
	for n, data := range pdFiles {
		files["peerdata/"+n] = data
	}
	docData, err := embedded.ReadFile("documented.yaml")
	if err != nil {
		return nil, err
	}
	if dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("--cases %s: not a directory", dir)
		}
		casesFS = os.DirFS(dir)
		if st, err := os.Stat(filepath.Join(dir, "schemas")); err == nil && st.IsDir() {
			if err := readSchemaFiles(os.DirFS(filepath.Join(dir, "schemas")), files); err != nil {
				return nil, err
			}
		}
		if data, err := os.ReadFile(filepath.Join(dir, "documented.yaml")); err == nil {
			docData = data
		}
	}
	return loadAll(casesFS, files, docData)
}

// loadAll compiles the schemas, reads the documented answers and loads the
// cases against both, reporting every problem at once.
func loadAll(casesFS fs.FS, schemaFiles map[string][]byte, documentedYAML []byte) (*suite, error) {
	schemas, serr := compileSchemas(schemaFiles)
	doc, derr := parseDocumented(documentedYAML)
	s, cerr := loadSuite(casesFS, schemas, doc)
	return s, errors.Join(serr, derr, cerr)
}

// selectCases applies --api and --only.
func selectCases(s *suite, api, only string) ([]*testCase, error) {
	var re *regexp.Regexp
	if only != "" {
		var err error
		re, err = regexp.Compile("(?i)" + only)
		if err != nil {
			return nil, fmt.Errorf("--only: %v", err)
		}
	}
	var out []*testCase
	apis := map[string]bool{}
	for _, f := range s.files {
		apis[f.api] = true
		if api != "" && f.api != api {
			continue
		}
		for _, c := range f.cases {
			if re == nil || re.MatchString(c.id()) {
				out = append(out, c)
			}
		}
	}
	if api != "" && !apis[api] {
		return nil, fmt.Errorf("--api %q: no case file is about it", api)
	}
	if len(out) == 0 {
		return nil, errors.New("no case matches --api/--only")
	}
	return out, nil
}

// checkKycsim makes sure the target is a kycsim whose admin API answers,
// so that a wrong --target-kind fails once and clearly.
func (r *runner) checkKycsim() error {
	resp, err := r.adminCall("", http.MethodGet, "/health", nil)
	if err != nil {
		return fmt.Errorf("%s does not answer: %v", r.cfg.target, err)
	}
	switch {
	case resp.status == http.StatusUnauthorized:
		return fmt.Errorf("%s/__admin answered 401: give kycsim's admin token with --admin-token or KYCSIM_ADMIN_TOKEN", r.cfg.target)
	case resp.status != http.StatusOK:
		return fmt.Errorf("%s/__admin/health answered %d, so this is not kycsim; for a vendor's endpoint use --target-kind real", r.cfg.target, resp.status)
	}
	return nil
}
