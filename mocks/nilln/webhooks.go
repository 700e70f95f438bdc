package nilln

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"

	"github.com/gorilla/mux"
	"github.com/kycsim/kycsim/fixtures"
	"github.com/kycsim/kycsim/mocks/emu"
	"github.com/kycsim/kycsim/mocks/kit/laravel"
	"github.com/kycsim/kycsim/mocks/kit/phpjson"
	"github.com/kycsim/kycsim/mocks/kit/webhook"
)

// EventCooperationStatusChanged fires by itself when an update changes
// is_active ("mainīts sadarbības statuss").
const EventCooperationStatusChanged = "cooperation_status_changed"

// fire sends event about c to every webhook of c's profile subscribed to it
// and returns the deliveries queued. The caller holds s.mu (read or write).
func (s *State) fire(event string, c *client) ([]webhook.Delivery, error) {
	p := c.profile
	payload := phpjson.Object{
		{Key: "event", Value: event},
		{Key: "event_label", Value: s.events[event]},
		{Key: "occurred_at", Value: laravel.FormatTimestamp(s.clock.Now())},
		{Key: "profile", Value: p.id},
		{Key: "data", Value: resource{c: c, s: s, withInputs: true}},
	}
	body, err := phpjson.Marshal(payload)
	if err != nil {
		return nil, err
	}
	var out []webhook.Delivery
	for _, h := range p.webhooks {
		if len(h.Events) > 0 && !slices.Contains(h.Events, event) {
			continue
		}
		out = append(out, s.webhooks.Send(webhook.Target{URL: h.URL, Secret: h.Secret}, event, body))
	}
	return out, nil
}

// MountAdmin implements emu.API: /__admin/nilln/webhooks….
func (a *API) MountAdmin(r *mux.Router) {
	r.HandleFunc("/webhooks", a.adminWebhooksGet).Methods(http.MethodGet)
	r.HandleFunc("/webhooks/{profile}", a.adminWebhooksPut).Methods(http.MethodPut)
	r.HandleFunc("/webhooks/fire", a.adminWebhooksFire).Methods(http.MethodPost)
	r.HandleFunc("/webhooks/deliveries", a.adminDeliveries).Methods(http.MethodGet)
	r.HandleFunc("/webhooks/deliveries", a.adminDeliveriesClear).Methods(http.MethodDelete)
	r.HandleFunc("/events", a.adminEvents).Methods(http.MethodGet)
}

func stateOf(r *http.Request) *State {
	s, _ := emu.CallOf(r).Namespace.State("nilln").(*State)
	return s
}

type webhookJSON struct {
	URL    string   `json:"url"`
	Secret string   `json:"secret,omitempty"`
	Events []string `json:"events"`
}

func (a *API) adminWebhooksGet(w http.ResponseWriter, r *http.Request) {
	s := stateOf(r)
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := map[string][]webhookJSON{}
	for _, p := range s.order {
		hooks := []webhookJSON{}
		for _, h := range p.webhooks {
			hooks = append(hooks, webhookJSON{URL: h.URL, Secret: h.Secret, Events: nonNil(h.Events)})
		}
		out[p.id] = hooks
	}
	emu.WriteAdminJSON(w, http.StatusOK, map[string]any{"profiles": out})
}

// adminWebhooksPut replaces a profile's webhooks:
// {"webhooks":[{"url":…,"secret":…,"events":[…]}]}; no events = all.
func (a *API) adminWebhooksPut(w http.ResponseWriter, r *http.Request) {
	s := stateOf(r)
	var body struct {
		Webhooks []webhookJSON `json:"webhooks"`
	}
	if err := emu.DecodeAdminJSON(r, &body); err != nil {
		emu.WriteAdminError(w, http.StatusBadRequest, err.Error())
		return
	}
	hooks := make([]fixtures.Webhook, 0, len(body.Webhooks))
	for i, h := range body.Webhooks {
		u, err := url.Parse(h.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			emu.WriteAdminError(w, http.StatusBadRequest, fmt.Sprintf("webhooks[%d].url must be an absolute http(s) URL", i))
			return
		}
		for _, e := range h.Events {
			if _, ok := s.events[e]; !ok {
				emu.WriteAdminError(w, http.StatusBadRequest, fmt.Sprintf("webhooks[%d].events: unknown event %q (GET /__admin/nilln/events lists them)", i, e))
				return
			}
		}
		hooks = append(hooks, fixtures.Webhook{URL: h.URL, Secret: h.Secret, Events: h.Events})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.profiles[mux.Vars(r)["profile"]]
	if p == nil {
		emu.WriteAdminError(w, http.StatusNotFound, "no profile "+mux.Vars(r)["profile"])
		return
	}
	p.webhooks = hooks
	emu.WriteAdminJSON(w, http.StatusOK, map[string]any{"profile": p.id, "webhooks": body.Webhooks})
}

// adminWebhooksFire fires any event: {"event":…, "client":uuid} (the
// client's profile receives it) or {"event":…, "profile":id, "client":uuid}.
func (a *API) adminWebhooksFire(w http.ResponseWriter, r *http.Request) {
	s := stateOf(r)
	var body struct {
		Event   string `json:"event"`
		Client  string `json:"client"`
		Profile string `json:"profile"`
	}
	if err := emu.DecodeAdminJSON(r, &body); err != nil {
		emu.WriteAdminError(w, http.StatusBadRequest, err.Error())
		return
	}
	if _, ok := s.events[body.Event]; !ok {
		emu.WriteAdminError(w, http.StatusBadRequest, fmt.Sprintf("unknown event %q (GET /__admin/nilln/events lists them)", body.Event))
		return
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var c *client
	for _, p := range s.order {
		if body.Profile != "" && p.id != body.Profile {
			continue
		}
		if c = p.byUUID[body.Client]; c != nil {
			break
		}
	}
	if c == nil {
		emu.WriteAdminError(w, http.StatusNotFound, fmt.Sprintf("no client %q", body.Client))
		return
	}
	ds, err := s.fire(body.Event, c)
	if err != nil {
		emu.WriteAdminError(w, http.StatusInternalServerError, err.Error())
		return
	}
	emu.WriteAdminJSON(w, http.StatusAccepted, map[string]any{"deliveries": deliveriesJSON(ds)})
}

func (a *API) adminDeliveries(w http.ResponseWriter, r *http.Request) {
	emu.WriteAdminJSON(w, http.StatusOK, map[string]any{"deliveries": deliveriesJSON(stateOf(r).webhooks.Log())})
}

func (a *API) adminDeliveriesClear(w http.ResponseWriter, r *http.Request) {
	stateOf(r).webhooks.Clear()
	w.WriteHeader(http.StatusNoContent)
}

func (a *API) adminEvents(w http.ResponseWriter, r *http.Request) {
	s := stateOf(r)
	out := []map[string]string{}
	for _, e := range s.fx.NILLN.Events {
		out = append(out, map[string]string{"code": e.Code, "label": e.Label})
	}
	emu.WriteAdminJSON(w, http.StatusOK, map[string]any{"events": out})
}

type attemptJSON struct {
	At         string  `json:"at"`
	Status     int     `json:"status,omitempty"`
	Error      string  `json:"error,omitempty"`
	DurationMS float64 `json:"duration_ms"`
}

type deliveryJSON struct {
	ID        string        `json:"id"`
	Event     string        `json:"event"`
	URL       string        `json:"url"`
	State     string        `json:"state"`
	Error     string        `json:"error,omitempty"`
	CreatedAt string        `json:"created_at"`
	Body      string        `json:"body"`
	Attempts  []attemptJSON `json:"attempts"`
}

func deliveriesJSON(ds []webhook.Delivery) []deliveryJSON {
	out := make([]deliveryJSON, 0, len(ds))
	for _, d := range ds {
		dj := deliveryJSON{ID: d.ID, Event: d.Event, URL: d.URL, State: d.State, Error: d.Error,
			CreatedAt: laravel.FormatTimestamp(d.CreatedAt), Body: string(d.Body), Attempts: []attemptJSON{}}
		for _, at := range d.Attempts {
			dj.Attempts = append(dj.Attempts, attemptJSON{At: laravel.FormatTimestamp(at.At), Status: at.Status,
				Error: at.Error, DurationMS: float64(at.Duration.Microseconds()) / 1000})
		}
		out = append(out, dj)
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// WaitWebhooks blocks until every queued delivery has finished (delivered
// or given up), or ctx ends. Tests use it instead of sleeping.
func (s *State) WaitWebhooks(ctx context.Context) error { return s.webhooks.Wait(ctx) }
