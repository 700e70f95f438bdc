// Package webhook delivers outbound webhooks: an asynchronous, signed JSON
// POST per event, retried with backoff until the receiver answers 2xx
// (at-least-once), with every attempt kept in a bounded log.
//
// It knows nothing of any one API: the emulations choose the header names,
// the payload and the targets.
package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Delivery states.
const (
	StatePending   = "pending"   // queued, being sent or waiting for a retry
	StateDelivered = "delivered" // an attempt got a 2xx answer
	StateFailed    = "failed"    // given up; Delivery.Error says why
)

// Defaults for zero Options fields.
const (
	DefaultEventHeader     = "X-Webhook-Event"
	DefaultSignatureHeader = "X-Webhook-Signature"
	DefaultMaxAttempts     = 5
	DefaultLogSize         = 500
	DefaultWorkers         = 4
	DefaultMaxPending      = 1000
	DefaultTimeout         = 10 * time.Second
	// MaxBackoff caps DefaultBackoff.
	MaxBackoff = time.Minute
)

// UserAgent is sent with every delivery.
const UserAgent = "kycsim-webhook"

// Target is where one delivery goes; with a Secret the body is signed.
type Target struct {
	URL    string
	Secret string
}

// Attempt is one POST of a delivery.
type Attempt struct {
	At       time.Time     // when it started, on Options.Now
	Status   int           // HTTP status; 0 when no answer came
	Error    string        // why it failed; "" for a 2xx
	Duration time.Duration // wall-clock time the request took
}

// Delivery is one event sent to one target, with its attempts so far.
type Delivery struct {
	ID        string
	Event     string
	URL       string
	Body      []byte // shared, never modified: do not modify it either
	Attempts  []Attempt
	State     string // StatePending, StateDelivered or StateFailed
	Error     string // for StateFailed: why it was given up
	CreatedAt time.Time
}

// Options configure a Dispatcher. Zero fields take the defaults.
type Options struct {
	// EventHeader carries the event name (e.g. "X-Nilln-Event").
	EventHeader string
	// SignatureHeader carries Sign(secret, body) when the target has a
	// secret (e.g. "X-Nilln-Signature").
	SignatureHeader string
	// MaxAttempts bounds the attempts of one delivery, the first included.
	MaxAttempts int
	// Backoff is the wait after failed attempt n (1-based), before the
	// next one. Default: DefaultBackoff.
	Backoff func(attempt int) time.Duration
	// Client sends the requests. Default: a DefaultTimeout client that does
	// not follow redirects, so a 3xx counts as a failed attempt as it
	// would for a POST that must reach its URL.
	Client *http.Client
	// LogSize bounds the delivery log; the oldest entries are dropped.
	LogSize int
	// Now stamps CreatedAt and Attempt.At (an emulator clock); it must be
	// safe for concurrent use. Default: time.Now.
	Now func() time.Time
	// Workers is how many deliveries are sent at once.
	Workers int
	// MaxPending bounds the deliveries not yet finished (queued, being
	// sent or waiting for a retry); Send fails a delivery beyond it
	// rather than block its caller.
	MaxPending int
}

// DefaultBackoff waits 1 s, 2 s, 4 s, … after attempts 1, 2, 3, …, at
// most MaxBackoff.
func DefaultBackoff(attempt int) time.Duration {
	if attempt < 1 {
		attempt = 1
	}
	if attempt > 7 { // 1s<<6 already exceeds the cap
		return MaxBackoff
	}
	return min(time.Second<<(attempt-1), MaxBackoff)
}

// Sign returns the signature header value for body: "sha256=" and the
// lowercase hex HMAC-SHA256 of body keyed with secret.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify reports whether header is Sign(secret, body), comparing in
// constant time.
func Verify(secret string, body []byte, header string) bool {
	return hmac.Equal([]byte(header), []byte(Sign(secret, body)))
}

// record is a delivery and what sending it needs; the embedded Delivery is
// guarded by Dispatcher.mu.
type record struct {
	Delivery
	signature string
}

// Dispatcher queues deliveries and sends them from a few workers.
type Dispatcher struct {
	opts   Options
	ctx    context.Context // cancelled by Close: aborts requests under way
	cancel context.CancelFunc
	ready  chan *record // capacity MaxPending, so a push never blocks
	wg     sync.WaitGroup

	mu      sync.Mutex
	closed  bool
	log     []*record // oldest first, at most LogSize
	byID    map[string]*record
	pending map[*record]*time.Timer // unfinished; the timer of a waiting retry, else nil
	idle    chan struct{}           // closed when pending becomes empty
}

// New starts a Dispatcher's workers. Close stops them.
func New(opts Options) *Dispatcher {
	if opts.EventHeader == "" {
		opts.EventHeader = DefaultEventHeader
	}
	if opts.SignatureHeader == "" {
		opts.SignatureHeader = DefaultSignatureHeader
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = DefaultMaxAttempts
	}
	if opts.Backoff == nil {
		opts.Backoff = DefaultBackoff
	}
	if opts.Client == nil {
		opts.Client = &http.Client{
			Timeout: DefaultTimeout,
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		}
	}
	if opts.LogSize <= 0 {
		opts.LogSize = DefaultLogSize
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Workers <= 0 {
		opts.Workers = DefaultWorkers
	}
	if opts.MaxPending <= 0 {
		opts.MaxPending = DefaultMaxPending
	}
	ctx, cancel := context.WithCancel(context.Background())
	d := &Dispatcher{
		opts:    opts,
		ctx:     ctx,
		cancel:  cancel,
		ready:   make(chan *record, opts.MaxPending),
		byID:    map[string]*record{},
		pending: map[*record]*time.Timer{},
	}
	for range opts.Workers {
		d.wg.Add(1)
		go d.work()
	}
	return d
}

// Send queues a POST of body to t and returns the delivery as it is now:
// pending, or failed at once when the Dispatcher is closed or MaxPending
// deliveries are unfinished. Send never blocks on the network; body is
// copied.
func (d *Dispatcher) Send(t Target, event string, body []byte) Delivery {
	r := &record{Delivery: Delivery{
		ID:        newID(),
		Event:     event,
		URL:       t.URL,
		Body:      bytes.Clone(body),
		State:     StatePending,
		CreatedAt: d.opts.Now(),
	}}
	if t.Secret != "" {
		r.signature = Sign(t.Secret, r.Body)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.remember(r)
	switch {
	case d.closed:
		r.State, r.Error = StateFailed, "webhook dispatcher closed before delivery"
	case len(d.pending) >= d.opts.MaxPending:
		r.State, r.Error = StateFailed, fmt.Sprintf("webhook queue full: %d deliveries pending", len(d.pending))
	default:
		d.pending[r] = nil
		d.ready <- r
	}
	return r.snapshot()
}

// remember adds r to the log, dropping the oldest entry beyond LogSize.
// d.mu must be held.
func (d *Dispatcher) remember(r *record) {
	d.log = append(d.log, r)
	d.byID[r.ID] = r
	if len(d.log) > d.opts.LogSize {
		delete(d.byID, d.log[0].ID)
		d.log[0] = nil
		d.log = d.log[1:]
	}
}

// snapshot copies the delivery so callers never share the attempt list.
// d.mu must be held.
func (r *record) snapshot() Delivery {
	out := r.Delivery
	out.Attempts = slices.Clone(r.Attempts)
	return out
}

// Log returns copies of the logged deliveries, newest first.
func (d *Dispatcher) Log() []Delivery {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]Delivery, 0, len(d.log))
	for i := len(d.log) - 1; i >= 0; i-- {
		out = append(out, d.log[i].snapshot())
	}
	return out
}

// Get returns a copy of the logged delivery with this ID.
func (d *Dispatcher) Get(id string) (Delivery, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	r, ok := d.byID[id]
	if !ok {
		return Delivery{}, false
	}
	return r.snapshot(), true
}

// Clear empties the log. Unfinished deliveries go on, unlisted.
func (d *Dispatcher) Clear() {
	d.mu.Lock()
	defer d.mu.Unlock()
	clear(d.log)
	d.log = nil
	d.byID = map[string]*record{}
}

// Wait returns when no delivery is unfinished (none queued, being sent or
// waiting for a retry), or with ctx's error.
func (d *Dispatcher) Wait(ctx context.Context) error {
	for {
		d.mu.Lock()
		if len(d.pending) == 0 {
			d.mu.Unlock()
			return nil
		}
		if d.idle == nil {
			d.idle = make(chan struct{})
		}
		idle := d.idle
		d.mu.Unlock()
		select {
		case <-idle:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Close stops the workers and the waiting retries, aborting requests under
// way, and marks every unfinished delivery failed. It returns once the
// workers have stopped; later Sends fail at once. Close is idempotent.
func (d *Dispatcher) Close() {
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		return
	}
	d.closed = true
	for _, t := range d.pending {
		if t != nil {
			t.Stop()
		}
	}
	d.mu.Unlock()

	d.cancel()
	d.wg.Wait()

	d.mu.Lock()
	defer d.mu.Unlock()
	for r := range d.pending {
		r.State, r.Error = StateFailed, "webhook dispatcher closed before delivery"
	}
	d.finish(nil)
}

// finish removes r (nil: every delivery) from the unfinished set and
// wakes Wait when that set becomes empty. d.mu must be held.
func (d *Dispatcher) finish(r *record) {
	if r == nil {
		clear(d.pending)
	} else {
		delete(d.pending, r)
	}
	if len(d.pending) == 0 && d.idle != nil {
		close(d.idle)
		d.idle = nil
	}
}

func (d *Dispatcher) work() {
	defer d.wg.Done()
	for {
		select {
		case <-d.ctx.Done():
			return
		case r := <-d.ready:
			d.attempt(r)
		}
	}
}

// attempt sends r once and then records the outcome: delivered, failed
// for good, or a retry after the backoff.
func (d *Dispatcher) attempt(r *record) {
	if d.ctx.Err() != nil {
		return // closed while queued: Close fails it
	}
	at := Attempt{At: d.opts.Now()}
	start := time.Now()
	at.Status, at.Error = d.post(r)
	at.Duration = time.Since(start)

	d.mu.Lock()
	r.Attempts = append(r.Attempts, at)
	n := len(r.Attempts)
	switch {
	case at.Error == "":
		r.State = StateDelivered
		d.finish(r)
		d.mu.Unlock()
		return
	case n >= d.opts.MaxAttempts:
		r.State = StateFailed
		r.Error = fmt.Sprintf("gave up after %d attempts: %s", n, at.Error)
		d.finish(r)
		d.mu.Unlock()
		return
	case d.closed:
		d.mu.Unlock()
		return // Close fails it
	}
	d.mu.Unlock()

	// The backoff is the caller's function: call it without the lock.
	wait := d.opts.Backoff(n)

	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return
	}
	if wait <= 0 {
		d.ready <- r
		return
	}
	d.pending[r] = time.AfterFunc(wait, func() {
		d.mu.Lock()
		defer d.mu.Unlock()
		if d.closed {
			return
		}
		d.pending[r] = nil
		d.ready <- r
	})
}

// post makes one request and returns its status and, unless it got a
// 2xx, why it failed.
func (d *Dispatcher) post(r *record) (int, string) {
	req, err := http.NewRequestWithContext(d.ctx, http.MethodPost, r.URL, bytes.NewReader(r.Body))
	if err != nil {
		return 0, err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set(d.opts.EventHeader, r.Event)
	if r.signature != "" {
		req.Header.Set(d.opts.SignatureHeader, r.signature)
	}
	resp, err := d.opts.Client.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	// Drain a little so the connection can be reused; the answer itself
	// does not matter.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, "receiver answered " + resp.Status
	}
	return resp.StatusCode, ""
}

// newID returns a random version-4 UUID.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}
