package nilln_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kycsim/kycsim/mocks/kit/webhook"
	"github.com/kycsim/kycsim/mocks/nilln"
	"github.com/kycsim/kycsim/mocks/server"
)

type received struct {
	header http.Header
	body   string
}

// receiver is a real HTTP endpoint that fails its first `failures` calls.
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	failures int
	got      chan received
}

func newReceiver(t *testing.T, failures int) *receiver {
	rc := &receiver{failures: failures, got: make(chan received, 16)}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		fail := rc.failures > 0
		rc.failures--
		rc.mu.Unlock()
		if fail {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		rc.got <- received{r.Header.Clone(), string(b)}
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) next(t *testing.T) received {
	t.Helper()
	select {
	case r := <-rc.got:
		return r
	case <-time.After(10 * time.Second): // a guard against a hang, not a timing check
		t.Fatal("no webhook delivered")
	}
	return received{}
}

func webhookEnv(t *testing.T) *env {
	return newEnv(t, server.Options{NILLN: nilln.Config{WebhookAttempts: 3, WebhookBackoff: func(int) time.Duration { return time.Millisecond }}})
}

func TestWebhookOnCooperationStatusChange(t *testing.T) {
	e := webhookEnv(t)
	rc := newReceiver(t, 0)
	e.call("POST", e.admin("/clock/freeze"), "", "")
	e.call("PUT", e.admin("/clock"), "", `{"now":"2026-03-04T05:06:07Z"}`)
	if r := e.call("PUT", e.admin("/nilln/webhooks/nordexo"), "", `{"webhooks":[{"url":"`+rc.URL+`/hook","secret":"s3cret","events":["cooperation_status_changed"]}]}`); r.status != 200 {
		t.Fatalf("configure: %d %s", r.status, r.body)
	}
	// A change of anything but is_active fires nothing.
	e.call("PUT", "/clients/"+nordexoUUID, tokAll, `{"comment":"x","is_active":true}`).expect(t, 200, "")
	e.call("PUT", "/clients/"+nordexoUUID, tokAll, `{"is_active":false}`).expect(t, 200, "")
	got := rc.next(t)
	want := `{"event":"cooperation_status_changed","event_label":"main\u012bts sadarb\u012bbas statuss","occurred_at":"2026-03-04T05:06:07.000000Z","profile":"nordexo","data":{"uuid":"69ade873-f02c-4df1-a307-1c388f7a5172","type":"Juridiska persona","name":"SIA \"Nordexo IT\"","reg_no":"40203206226","reference_no":"1","email":null,"comment":"x","risk_level":"zems","is_active":false,"set_at":"2022-04-25T00:00:00.000000Z","reviewed_at":"2022-04-25T00:00:00.000000Z","inputs":[]}}`
	if got.body != want {
		t.Fatalf("payload\n got %s\nwant %s", got.body, want)
	}
	if got.header.Get("X-Nilln-Event") != "cooperation_status_changed" || got.header.Get("Content-Type") != "application/json" ||
		got.header.Get("X-Nilln-Signature") != webhook.Sign("s3cret", []byte(want)) || !strings.HasPrefix(got.header.Get("X-Nilln-Signature"), "sha256=") {
		t.Fatalf("headers: %v", got.header)
	}
	select {
	case extra := <-rc.got:
		t.Fatalf("unexpected second delivery: %s", extra.body)
	default:
	}
}

func TestWebhookFireRetriesAndLog(t *testing.T) {
	e := webhookEnv(t)
	rc := newReceiver(t, 2)
	e.call("PUT", e.admin("/nilln/webhooks/nordexo"), "", `{"webhooks":[{"url":"`+rc.URL+`"}]}`)
	r := e.call("POST", e.admin("/nilln/webhooks/fire"), "", `{"event":"sanctions_status_updated","client":"`+nordexoUUID+`"}`)
	if r.status != 202 {
		t.Fatalf("fire: %d %s", r.status, r.body)
	}
	got := rc.next(t)
	if got.header.Get("X-Nilln-Event") != "sanctions_status_updated" || got.header.Get("X-Nilln-Signature") != "" ||
		!strings.HasPrefix(got.body, `{"event":"sanctions_status_updated","event_label":"atjaunots sankciju sakr\u012bt\u012bbu statuss",`) {
		t.Fatalf("delivery: %v %s", got.header, got.body)
	}
	if err := e.state().WaitWebhooks(context.Background()); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Deliveries []struct {
			Event    string `json:"event"`
			State    string `json:"state"`
			Attempts []struct {
				Status int `json:"status"`
			} `json:"attempts"`
		} `json:"deliveries"`
	}
	r = e.call("GET", e.admin("/nilln/webhooks/deliveries"), "", "")
	if err := json.Unmarshal([]byte(r.body), &log); err != nil || len(log.Deliveries) != 1 {
		t.Fatalf("log: %v %s", err, r.body)
	}
	d := log.Deliveries[0]
	if d.State != "delivered" || len(d.Attempts) != 3 || d.Attempts[0].Status != 502 || d.Attempts[2].Status != 200 {
		t.Fatalf("delivery log: %+v", d)
	}
	// Every event can be fired; unknown ones and clients are refused.
	for _, ev := range []string{"related_persons_changed", "file_expired", "mandatory_survey_required", "additional_survey_required", "survey_submitted", "cooperation_status_changed"} {
		if r := e.call("POST", e.admin("/nilln/webhooks/fire"), "", `{"event":"`+ev+`","client":"`+nordexoUUID+`"}`); r.status != 202 {
			t.Fatalf("fire %s: %d", ev, r.status)
		}
		if got := rc.next(t); got.header.Get("X-Nilln-Event") != ev {
			t.Fatalf("fired %s, got %s", ev, got.header.Get("X-Nilln-Event"))
		}
	}
	if r := e.call("POST", e.admin("/nilln/webhooks/fire"), "", `{"event":"nope","client":"`+nordexoUUID+`"}`); r.status != 400 {
		t.Fatalf("unknown event: %d", r.status)
	}
	if r := e.call("POST", e.admin("/nilln/webhooks/fire"), "", `{"event":"file_expired","client":"nope"}`); r.status != 404 {
		t.Fatalf("unknown client: %d", r.status)
	}
	if r := e.call("PUT", e.admin("/nilln/webhooks/nordexo"), "", `{"webhooks":[{"url":"ftp://x"}]}`); r.status != 400 {
		t.Fatalf("bad url: %d", r.status)
	}
	if r := e.call("PUT", e.admin("/nilln/webhooks/nobody"), "", `{"webhooks":[]}`); r.status != 404 {
		t.Fatalf("unknown profile: %d", r.status)
	}
}

func TestWebhookGivesUpAfterAttempts(t *testing.T) {
	e := webhookEnv(t)
	rc := newReceiver(t, 100)
	e.call("PUT", e.admin("/nilln/webhooks/nordexo"), "", `{"webhooks":[{"url":"`+rc.URL+`"}]}`)
	e.call("POST", e.admin("/nilln/webhooks/fire"), "", `{"event":"file_expired","client":"`+nordexoUUID+`"}`)
	if err := e.state().WaitWebhooks(context.Background()); err != nil {
		t.Fatal(err)
	}
	r := e.call("GET", e.admin("/nilln/webhooks/deliveries"), "", "")
	if !strings.Contains(r.body, `"state": "failed"`) || strings.Count(r.body, `"status": 502`) != 3 {
		t.Fatalf("log: %s", r.body)
	}
	if r := e.call("GET", e.admin("/nilln/webhooks"), "", ""); !strings.Contains(r.body, rc.URL) {
		t.Fatalf("config: %s", r.body)
	}
	if r := e.call("GET", e.admin("/nilln/events"), "", ""); strings.Count(r.body, `"code"`) != 7 {
		t.Fatalf("events: %s", r.body)
	}
}
