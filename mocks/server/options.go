package server

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/kycsim/kycsim/mocks/lursoft"
	"github.com/kycsim/kycsim/mocks/nilln"
	"github.com/kycsim/kycsim/mocks/peerdata"
)

// Options configure a Server. The zero value serves the embedded fixtures
// with the defaults `kycsim --help` lists.
type Options struct {
	Addr          string // listen address for ListenAndServe
	FixturesDir   string // "" = embedded fixtures only
	Seed          int64  // fake-data seed
	PublicURL     string // scheme://host[:port] written into URLs instead of the request's
	LogFormat     string // "text" or "json"
	AdminToken    string // protects /__admin when set
	JournalSize   int    // entries kept per namespace
	BodyLimit     int64  // request body bytes
	MaxNamespaces int    // namespaces created on demand, "default" included
	Strict        bool   // reproduce the real stack's unhelpful answers too
	NILLN         nilln.Config
	Lursoft       lursoft.Config
	PeerData      peerdata.Config
	Logger        *slog.Logger // nil = built from LogFormat on stderr
	LogOutput     io.Writer    // where the built logger writes (default os.Stderr)
	Now           func() time.Time
}

// Defaults for the options a user leaves unset.
const (
	DefaultAddr          = ":8080"
	DefaultSeed          = 20230424 // the date of seed 000's v1.1
	DefaultJournalSize   = 1000
	DefaultBodyLimit     = 8 << 20 // PHP's post_max_size default, 8M
	DefaultMaxNamespaces = 1000
)

func (o *Options) setDefaults() {
	if o.Addr == "" {
		o.Addr = DefaultAddr
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.LogFormat == "" {
		o.LogFormat = "text"
	}
	if o.JournalSize <= 0 {
		o.JournalSize = DefaultJournalSize
	}
	if o.BodyLimit <= 0 {
		o.BodyLimit = DefaultBodyLimit
	}
	if o.MaxNamespaces <= 0 {
		o.MaxNamespaces = DefaultMaxNamespaces
	}
	o.PublicURL = strings.TrimRight(o.PublicURL, "/")
	o.NILLN.SetDefaults()
}

// flagSpec is one option with its flag name, environment twin and usage.
type flagSpec struct {
	name, env, usage string
	set              func(o *Options, v string) error
	def              string
	boolean          bool
}

func specs() []flagSpec {
	str := func(dst func(o *Options) *string) func(*Options, string) error {
		return func(o *Options, v string) error { *dst(o) = v; return nil }
	}
	integer := func(dst func(o *Options) *int) func(*Options, string) error {
		return func(o *Options, v string) error {
			n, err := strconv.Atoi(v)
			if err != nil {
				return fmt.Errorf("not a whole number: %q", v)
			}
			*dst(o) = n
			return nil
		}
	}
	positive := func(dst func(o *Options) *int) func(*Options, string) error {
		return func(o *Options, v string) error {
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				return fmt.Errorf("not a positive whole number: %q", v)
			}
			*dst(o) = n
			return nil
		}
	}
	boolean := func(dst func(o *Options) *bool) func(*Options, string) error {
		return func(o *Options, v string) error {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return fmt.Errorf("not true or false: %q", v)
			}
			*dst(o) = b
			return nil
		}
	}
	return []flagSpec{
		{name: "addr", env: "KYCSIM_ADDR", def: DefaultAddr, usage: "listen address", set: str(func(o *Options) *string { return &o.Addr })},
		{name: "fixtures", env: "KYCSIM_FIXTURES", usage: "directory of fixture YAML files overriding the embedded ones", set: str(func(o *Options) *string { return &o.FixturesDir })},
		{name: "seed", env: "KYCSIM_SEED", def: strconv.Itoa(DefaultSeed), usage: "fake-data seed (same seed, same generated data)", set: func(o *Options, v string) error {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return fmt.Errorf("not a whole number: %q", v)
			}
			o.Seed = n
			return nil
		}},
		{name: "public-url", env: "KYCSIM_PUBLIC_URL", usage: "scheme://host[:port] to write into URLs (pagination, WSDL) instead of the request's own", set: str(func(o *Options) *string { return &o.PublicURL })},
		{name: "log-format", env: "KYCSIM_LOG_FORMAT", def: "text", usage: "log format: text or json", set: func(o *Options, v string) error {
			if v != "text" && v != "json" {
				return fmt.Errorf("must be text or json, not %q", v)
			}
			o.LogFormat = v
			return nil
		}},
		{name: "admin-token", env: "KYCSIM_ADMIN_TOKEN", usage: "when set, /__admin requires 'Authorization: Bearer <token>'", set: str(func(o *Options) *string { return &o.AdminToken })},
		{name: "journal-size", env: "KYCSIM_JOURNAL_SIZE", def: strconv.Itoa(DefaultJournalSize), usage: "requests kept in each namespace's journal", set: integer(func(o *Options) *int { return &o.JournalSize })},
		{name: "body-limit", env: "KYCSIM_BODY_LIMIT", def: strconv.Itoa(DefaultBodyLimit), usage: "largest request body in bytes (413 above it)", set: func(o *Options, v string) error {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 {
				return fmt.Errorf("not a positive whole number: %q", v)
			}
			o.BodyLimit = n
			return nil
		}},
		{name: "max-namespaces", env: "KYCSIM_MAX_NAMESPACES", def: strconv.Itoa(DefaultMaxNamespaces), usage: "namespaces (/t/{name}/…) that may exist at once", set: integer(func(o *Options) *int { return &o.MaxNamespaces })},
		{name: "strict", env: "KYCSIM_STRICT", def: "false", boolean: true, usage: "answer exactly as the real stack would where kycsim is otherwise more helpful (login redirect without Accept: application/json, multipart sent as JSON read as no input)", set: boolean(func(o *Options) *bool { return &o.Strict })},
		{name: "nilln-rate-limit", env: "KYCSIM_NILLN_RATE_LIMIT", def: strconv.Itoa(nilln.DefaultRateLimit), usage: "NILLN requests per minute per user before 429 (0 = off)", set: func(o *Options, v string) error {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return fmt.Errorf("not a whole number >= 0: %q", v)
			}
			if n == 0 {
				n = -1 // Config's "off"
			}
			o.NILLN.RateLimit = n
			return nil
		}},
		{name: "lursoft-language", env: "KYCSIM_LURSOFT_LANGUAGE", def: "lv", usage: "Lursoft: language of the answers' messages: lv (seed 001), ru (seed 002) or en", set: func(o *Options, v string) error {
			switch v {
			case "lv", "ru", "en":
				o.Lursoft.Language = v
				return nil
			}
			return fmt.Errorf("must be lv, ru or en, not %q", v)
		}},
		{name: "lursoft-trust-forwarded-for", env: "KYCSIM_LURSOFT_TRUST_FORWARDED_FOR", def: "false", boolean: true, usage: "Lursoft: bind sessions to the first X-Forwarded-For address instead of the peer address (behind a proxy)", set: boolean(func(o *Options) *bool { return &o.Lursoft.TrustForwardedFor })},
		{name: "lursoft-sign-nil-as-null", env: "KYCSIM_LURSOFT_SIGN_NIL_AS_NULL", def: "false", boolean: true, usage: "Lursoft: also accept signatures whose canonical JSON includes absent/nil parameters as null", set: boolean(func(o *Options) *bool { return &o.Lursoft.SignNilAsNull })},
		{name: "peerdata-delay", env: "KYCSIM_PEERDATA_DELAY", usage: "peer-data: each peer's answer delay on the emulator clock: fixed:D, uniform:A..B or exponential:MEAN (default: the fixtures' uniform:5s..2m)", set: func(o *Options, v string) error {
			c := peerdata.Config{Delay: v}
			if err := c.Validate(); err != nil {
				return err
			}
			o.PeerData.Delay = v
			return nil
		}},
		{name: "peerdata-deadline", env: "KYCSIM_PEERDATA_DEADLINE", usage: "peer-data: how long a request waits for its peers before it is Done (Go duration; default: the fixtures' 5m)", set: func(o *Options, v string) error {
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				return fmt.Errorf("not a positive duration: %q", v)
			}
			o.PeerData.Deadline = d
			return nil
		}},
		{name: "peerdata-max-requests", env: "KYCSIM_PEERDATA_MAX_REQUESTS", def: strconv.Itoa(peerdata.DefaultMaxRequests), usage: "peer-data: requests one namespace keeps; beyond it the oldest are forgotten", set: positive(func(o *Options) *int { return &o.PeerData.MaxRequests })},
		{name: "peerdata-max-keys-per-client", env: "KYCSIM_PEERDATA_MAX_KEYS_PER_CLIENT", def: strconv.Itoa(peerdata.DefaultMaxKeysPerClient), usage: "peer-data: issued API keys kept per client and namespace; beyond it the oldest are forgotten", set: positive(func(o *Options) *int { return &o.PeerData.MaxKeysPerClient })},
		{name: "nilln-webhook-attempts", env: "KYCSIM_NILLN_WEBHOOK_ATTEMPTS", def: strconv.Itoa(nilln.DefaultWebhookAttempts), usage: "delivery attempts per NILLN webhook before it is marked failed", set: integer(func(o *Options) *int { return &o.NILLN.WebhookAttempts })},
	}
}

// ErrHelp is returned by ParseArgs when -h or --help was asked for; the
// usage has then been written.
var ErrHelp = flag.ErrHelp

// ParseArgs reads options from args, with each flag's KYCSIM_* environment
// variable (looked up through getenv) as its default. Usage goes to out.
func ParseArgs(name string, args []string, getenv func(string) string, out io.Writer) (Options, error) {
	var o Options
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	var envErr error
	for _, s := range specs() {
		s := s
		if v := getenv(s.env); v != "" {
			if err := s.set(&o, v); err != nil && envErr == nil {
				envErr = fmt.Errorf("%s: %w", s.env, err)
			}
		} else if s.def != "" {
			_ = s.set(&o, s.def)
		}
		usage := fmt.Sprintf("%s (env %s)", s.usage, s.env)
		fn := func(v string) error { return s.set(&o, v) }
		if s.boolean {
			fs.BoolFunc(s.name, usage, func(v string) error { return fn(v) })
		} else {
			fs.Func(s.name, usage+defaultNote(s.def), fn)
		}
	}
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: %[1]s [flags]\n       %[1]s conformance --target URL [flags]   (see %[1]s conformance --help)\n       %[1]s sign --function NAME --param k=v …   (see %[1]s sign --help)\n\nServes the NILLN.LV IKS REST API (/api/v1), the Lursoft Klientu Portfelis SOAP API (/api/wsdl)\nand the peer-data API (/auth/getToken, /api/createrequest, /api/respond) on one port.\n\nFlags:\n", name)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if envErr != nil {
		return o, envErr
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.JournalSize < 1 {
		return o, errors.New("--journal-size must be at least 1")
	}
	return o, nil
}

func defaultNote(def string) string {
	if def == "" {
		return ""
	}
	return fmt.Sprintf(" (default %s)", def)
}
