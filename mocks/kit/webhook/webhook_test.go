package webhook

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// received is one request as the receiver saw it.
type received struct {
	method string
	header http.Header
	body   string
}

// receiver is an httptest server that records requests and answers each
// with the next status of a script (the last one repeats).
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	requests []received
	statuses []int
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	t.Helper()
	rc := &receiver{statuses: statuses}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.requests = append(rc.requests, received{r.Method, r.Header.Clone(), string(body)})
		status := rc.statuses[min(len(rc.requests), len(rc.statuses))-1]
		rc.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) got() []received {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]received(nil), rc.requests...)
}

// fixedNow is an emulator clock that never moves.
var fixedNow = time.Date(2022, 4, 25, 10, 30, 0, 0, time.UTC)

func newDispatcher(t *testing.T, opts Options) *Dispatcher {
	t.Helper()
	if opts.Backoff == nil {
		opts.Backoff = func(int) time.Duration { return 0 }
	}
	if opts.Now == nil {
		opts.Now = func() time.Time { return fixedNow }
	}
	d := New(opts)
	t.Cleanup(d.Close)
	return d
}

func wait(t *testing.T, d *Dispatcher) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := d.Wait(ctx); err != nil {
		t.Fatalf("Wait: %v", err)
	}
}

func statuses(ds Delivery) []int {
	var out []int
	for _, a := range ds.Attempts {
		out = append(out, a.Status)
	}
	return out
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSign(t *testing.T) {
	// RFC 4231 test case 2: HMAC-SHA256 of "what do ya want for nothing?"
	// keyed with "Jefe".
	body := []byte("what do ya want for nothing?")
	want := "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
	if got := Sign("Jefe", body); got != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
	if !Verify("Jefe", body, want) {
		t.Error("Verify rejected the right signature")
	}
	for _, bad := range []string{"", "sha256=", strings.ToUpper(want), want[:len(want)-1] + "0"} {
		if Verify("Jefe", body, bad) {
			t.Errorf("Verify accepted %q", bad)
		}
	}
}

func TestDefaultBackoff(t *testing.T) {
	tests := []struct {
		attempt int
		want    time.Duration
	}{
		{0, time.Second}, {1, time.Second}, {2, 2 * time.Second}, {3, 4 * time.Second},
		{4, 8 * time.Second}, {6, 32 * time.Second}, {7, time.Minute}, {8, time.Minute}, {100, time.Minute},
	}
	for _, tt := range tests {
		if got := DefaultBackoff(tt.attempt); got != tt.want {
			t.Errorf("DefaultBackoff(%d) = %v, want %v", tt.attempt, got, tt.want)
		}
	}
}

func TestDeliveryHeadersAndSignature(t *testing.T) {
	rc := newReceiver(t, http.StatusNoContent)
	d := newDispatcher(t, Options{EventHeader: "X-Nilln-Event", SignatureHeader: "X-Nilln-Signature"})
	body := []byte(`{"event":"file_expired","data":{"name":"SIA \u0101"}}`)

	sent := d.Send(Target{URL: rc.URL + "/hook", Secret: "s3cret"}, "file_expired", body)
	if sent.State != StatePending || sent.ID == "" || sent.Event != "file_expired" ||
		sent.URL != rc.URL+"/hook" || !sent.CreatedAt.Equal(fixedNow) || len(sent.Attempts) != 0 {
		t.Fatalf("Send returned %+v", sent)
	}
	body[0] = 'X' // the dispatcher keeps its own copy
	wait(t, d)

	reqs := rc.got()
	if len(reqs) != 1 {
		t.Fatalf("receiver got %d requests, want 1", len(reqs))
	}
	r := reqs[0]
	wantBody := `{"event":"file_expired","data":{"name":"SIA \u0101"}}`
	checks := []struct{ what, got, want string }{
		{"method", r.method, http.MethodPost},
		{"body", r.body, wantBody},
		{"Content-Type", r.header.Get("Content-Type"), "application/json"},
		{"User-Agent", r.header.Get("User-Agent"), "kycsim-webhook"},
		{"X-Nilln-Event", r.header.Get("X-Nilln-Event"), "file_expired"},
		{"X-Nilln-Signature", r.header.Get("X-Nilln-Signature"), Sign("s3cret", []byte(wantBody))},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
	if !Verify("s3cret", []byte(r.body), r.header.Get("X-Nilln-Signature")) {
		t.Error("signature does not verify against the received body")
	}

	got, ok := d.Get(sent.ID)
	if !ok {
		t.Fatal("Get: delivery not found")
	}
	if got.State != StateDelivered || got.Error != "" || string(got.Body) != wantBody {
		t.Errorf("delivery = %+v", got)
	}
	if len(got.Attempts) != 1 {
		t.Fatalf("attempts = %+v, want 1", got.Attempts)
	}
	if a := got.Attempts[0]; a.Status != http.StatusNoContent || a.Error != "" || !a.At.Equal(fixedNow) || a.Duration <= 0 {
		t.Errorf("attempt = %+v", a)
	}
}

func TestNoSecretNoSignatureAndDefaultHeaders(t *testing.T) {
	rc := newReceiver(t, http.StatusOK)
	d := newDispatcher(t, Options{})
	d.Send(Target{URL: rc.URL}, "ping", []byte(`{}`))
	wait(t, d)
	reqs := rc.got()
	if len(reqs) != 1 {
		t.Fatalf("receiver got %d requests, want 1", len(reqs))
	}
	h := reqs[0].header
	if got := h.Get(DefaultEventHeader); got != "ping" {
		t.Errorf("%s = %q, want ping", DefaultEventHeader, got)
	}
	if _, ok := h[DefaultSignatureHeader]; ok {
		t.Errorf("signature header sent without a secret: %q", h.Get(DefaultSignatureHeader))
	}
}

func TestRetriesUntilSuccess(t *testing.T) {
	rc := newReceiver(t, 500, 503, 200)
	var mu sync.Mutex
	var backoffs []int
	d := newDispatcher(t, Options{Backoff: func(n int) time.Duration {
		mu.Lock()
		backoffs = append(backoffs, n)
		mu.Unlock()
		return time.Millisecond
	}})
	sent := d.Send(Target{URL: rc.URL, Secret: "k"}, "survey_submitted", []byte(`{"a":1}`))
	wait(t, d)

	got, _ := d.Get(sent.ID)
	if got.State != StateDelivered || got.Error != "" {
		t.Errorf("state = %s, error = %q; want delivered", got.State, got.Error)
	}
	if s := statuses(got); !equalInts(s, []int{500, 503, 200}) {
		t.Errorf("attempt statuses = %v, want [500 503 200]", s)
	}
	if got.Attempts[0].Error == "" || got.Attempts[1].Error == "" || got.Attempts[2].Error != "" {
		t.Errorf("attempt errors = %q, %q, %q", got.Attempts[0].Error, got.Attempts[1].Error, got.Attempts[2].Error)
	}
	mu.Lock()
	defer mu.Unlock()
	if !equalInts(backoffs, []int{1, 2}) {
		t.Errorf("Backoff called with %v, want [1 2]", backoffs)
	}
	// Every retry is the same signed request.
	for i, r := range rc.got() {
		if r.body != `{"a":1}` || r.header.Get(DefaultSignatureHeader) != Sign("k", []byte(`{"a":1}`)) {
			t.Errorf("request %d: body %q, signature %q", i, r.body, r.header.Get(DefaultSignatureHeader))
		}
	}
}

func TestGivesUpAfterMaxAttempts(t *testing.T) {
	rc := newReceiver(t, http.StatusInternalServerError)
	d := newDispatcher(t, Options{MaxAttempts: 3})
	sent := d.Send(Target{URL: rc.URL}, "e", []byte(`{}`))
	wait(t, d)

	got, _ := d.Get(sent.ID)
	if got.State != StateFailed {
		t.Errorf("state = %s, want failed", got.State)
	}
	if s := statuses(got); !equalInts(s, []int{500, 500, 500}) {
		t.Errorf("attempt statuses = %v, want [500 500 500]", s)
	}
	if want := "gave up after 3 attempts: receiver answered 500 Internal Server Error"; got.Error != want {
		t.Errorf("error = %q, want %q", got.Error, want)
	}
	if n := len(rc.got()); n != 3 {
		t.Errorf("receiver got %d requests, want 3", n)
	}
}

func TestNetworkError(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	url := closed.URL
	closed.Close() // nothing listens on this port any more
	d := newDispatcher(t, Options{MaxAttempts: 2})
	sent := d.Send(Target{URL: url}, "e", []byte(`{}`))
	wait(t, d)

	got, _ := d.Get(sent.ID)
	if got.State != StateFailed || len(got.Attempts) != 2 {
		t.Fatalf("delivery = %+v, want failed after 2 attempts", got)
	}
	for i, a := range got.Attempts {
		if a.Status != 0 || a.Error == "" {
			t.Errorf("attempt %d = %+v, want status 0 and an error", i, a)
		}
	}
	if !strings.HasPrefix(got.Error, "gave up after 2 attempts: ") {
		t.Errorf("error = %q", got.Error)
	}
}

func TestInvalidURLFails(t *testing.T) {
	d := newDispatcher(t, Options{MaxAttempts: 1})
	sent := d.Send(Target{URL: "://no-scheme"}, "e", nil)
	wait(t, d)
	got, _ := d.Get(sent.ID)
	if got.State != StateFailed || len(got.Attempts) != 1 || got.Attempts[0].Error == "" {
		t.Errorf("delivery = %+v", got)
	}
}

func TestRedirectIsNotFollowed(t *testing.T) {
	target := newReceiver(t, http.StatusOK)
	redirect := httptest.NewServer(http.RedirectHandler(target.URL, http.StatusFound))
	t.Cleanup(redirect.Close)
	d := newDispatcher(t, Options{MaxAttempts: 1})
	sent := d.Send(Target{URL: redirect.URL}, "e", []byte(`{}`))
	wait(t, d)
	got, _ := d.Get(sent.ID)
	if got.State != StateFailed || !equalInts(statuses(got), []int{http.StatusFound}) {
		t.Errorf("delivery = %+v, want failed with one 302 attempt", got)
	}
	if n := len(target.got()); n != 0 {
		t.Errorf("redirect target got %d requests, want 0", n)
	}
}

// blockingReceiver holds every request until release is closed and tells
// arrived about each one.
func blockingReceiver(t *testing.T) (url string, arrived chan struct{}, release chan struct{}) {
	t.Helper()
	arrived = make(chan struct{}, 100)
	release = make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
		srv.Close()
	})
	return srv.URL, arrived, release
}

func TestQueueFull(t *testing.T) {
	url, arrived, release := blockingReceiver(t)
	d := newDispatcher(t, Options{Workers: 1, MaxPending: 2})

	first := d.Send(Target{URL: url}, "e", []byte(`1`))
	<-arrived // the only worker is now busy with the first delivery
	second := d.Send(Target{URL: url}, "e", []byte(`2`))
	third := d.Send(Target{URL: url}, "e", []byte(`3`))

	if first.State != StatePending || second.State != StatePending {
		t.Errorf("first two: %s, %s; want pending", first.State, second.State)
	}
	if third.State != StateFailed || third.Error != "webhook queue full: 2 deliveries pending" || len(third.Attempts) != 0 {
		t.Errorf("third = %+v, want failed with queue full", third)
	}
	if got, _ := d.Get(third.ID); got.State != StateFailed {
		t.Errorf("logged third = %+v", got)
	}

	close(release)
	wait(t, d)
	for _, id := range []string{first.ID, second.ID} {
		if got, _ := d.Get(id); got.State != StateDelivered {
			t.Errorf("%s: state %s, want delivered", id, got.State)
		}
	}
	// Room again once the queue drained.
	if again := d.Send(Target{URL: url}, "e", nil); again.State != StatePending {
		t.Errorf("after draining: %+v", again)
	}
	wait(t, d)
}

func TestCloseDuringBackoff(t *testing.T) {
	rc := newReceiver(t, http.StatusInternalServerError)
	scheduled := make(chan int, 10)
	d := New(Options{
		Backoff: func(n int) time.Duration {
			scheduled <- n
			return time.Hour
		},
	})
	sent := d.Send(Target{URL: rc.URL}, "e", []byte(`{}`))
	if n := <-scheduled; n != 1 {
		t.Fatalf("Backoff(%d), want Backoff(1)", n)
	}

	done := make(chan struct{})
	go func() {
		d.Close()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second): // a guard against a hang, not a timing check
		t.Fatal("Close did not return while a retry was waiting")
	}

	got, _ := d.Get(sent.ID)
	if got.State != StateFailed || got.Error != "webhook dispatcher closed before delivery" || len(got.Attempts) != 1 {
		t.Errorf("delivery = %+v, want failed by Close after 1 attempt", got)
	}
	if err := d.Wait(context.Background()); err != nil {
		t.Errorf("Wait after Close: %v", err)
	}
	after := d.Send(Target{URL: rc.URL}, "e", nil)
	if after.State != StateFailed || after.Error != "webhook dispatcher closed before delivery" {
		t.Errorf("Send after Close = %+v", after)
	}
	d.Close() // idempotent
	if n := len(rc.got()); n != 1 {
		t.Errorf("receiver got %d requests, want 1", n)
	}
}

func TestCloseAbortsRequestInFlight(t *testing.T) {
	url, arrived, _ := blockingReceiver(t)
	d := New(Options{})
	sent := d.Send(Target{URL: url}, "e", nil)
	queued := d.Send(Target{URL: url}, "e", nil)
	<-arrived

	d.Close() // returns although the receiver never answers
	got, _ := d.Get(sent.ID)
	if got.State != StateFailed || len(got.Attempts) > 1 {
		t.Errorf("in-flight delivery after Close = %+v", got)
	}
	if got, _ := d.Get(queued.ID); got.State != StateFailed {
		t.Errorf("queued delivery after Close = %+v", got)
	}
}

func TestWaitHonoursContext(t *testing.T) {
	url, arrived, _ := blockingReceiver(t)
	d := newDispatcher(t, Options{})
	d.Send(Target{URL: url}, "e", nil)
	<-arrived
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := d.Wait(ctx); err != context.Canceled {
		t.Errorf("Wait = %v, want context.Canceled", err)
	}
}

func TestLogBoundNewestFirstAndClear(t *testing.T) {
	rc := newReceiver(t, http.StatusOK)
	d := newDispatcher(t, Options{LogSize: 3})
	var ids []string
	for _, ev := range []string{"e1", "e2", "e3", "e4", "e5"} {
		ids = append(ids, d.Send(Target{URL: rc.URL}, ev, []byte(`{}`)).ID)
	}
	wait(t, d)

	log := d.Log()
	var events []string
	for _, e := range log {
		events = append(events, e.Event)
		if e.State != StateDelivered {
			t.Errorf("%s: state %s", e.Event, e.State)
		}
	}
	if strings.Join(events, ",") != "e5,e4,e3" {
		t.Errorf("log events = %v, want [e5 e4 e3]", events)
	}
	for i, id := range ids {
		if _, ok := d.Get(id); ok != (i >= 2) {
			t.Errorf("Get(delivery %d) found = %v", i+1, ok)
		}
	}
	if n := len(rc.got()); n != 5 {
		t.Errorf("receiver got %d requests, want 5 (dropping from the log must not drop deliveries)", n)
	}

	// Log returns copies: changing them changes nothing inside.
	log[0].Attempts[0].Status = 999
	log[0].State = "x"
	if again, _ := d.Get(log[0].ID); again.State != StateDelivered || again.Attempts[0].Status != http.StatusOK {
		t.Errorf("Log copy aliased the dispatcher's record: %+v", again)
	}

	d.Clear()
	if n := len(d.Log()); n != 0 {
		t.Errorf("after Clear the log has %d entries", n)
	}
	if _, ok := d.Get(ids[4]); ok {
		t.Error("Get found a delivery after Clear")
	}
}

func TestIDsAreUUIDs(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		id := newID()
		if len(id) != 36 || id[14] != '4' || !strings.ContainsRune("89ab", rune(id[19])) || seen[id] {
			t.Fatalf("bad or repeated id %q", id)
		}
		seen[id] = true
	}
}

func TestConcurrentSends(t *testing.T) {
	rc := newReceiver(t, 500, 200)
	d := newDispatcher(t, Options{MaxPending: 200})
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 10 {
				d.Send(Target{URL: rc.URL, Secret: "k"}, "e", []byte(`{}`))
				d.Log()
			}
		}()
	}
	wg.Wait()
	wait(t, d)
	delivered := 0
	for _, e := range d.Log() {
		if e.State == StateDelivered {
			delivered++
		}
	}
	if delivered != 80 {
		t.Errorf("%d of 80 delivered", delivered)
	}
	if n := len(rc.got()); n != 81 { // the first request got the 500
		t.Errorf("receiver got %d requests, want 81", n)
	}
}
