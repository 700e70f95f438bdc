package peerdata_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/mocks/peerdata"
	"github.com/kycsim/kycsim/mocks/server"
	"github.com/kycsim/kycsim/mocks/server/servertest"
)

func TestConfigValidateCaps(t *testing.T) {
	cases := []struct {
		cfg  peerdata.Config
		want string
	}{
		{peerdata.Config{}, ""},
		{peerdata.Config{MaxRequests: 1, MaxKeysPerClient: 1}, ""},
		{peerdata.Config{MaxRequests: -1}, "peer-data max requests -1 is negative"},
		{peerdata.Config{MaxKeysPerClient: -2}, "peer-data max keys per client -2 is negative"},
	}
	for _, c := range cases {
		err := c.cfg.Validate()
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%+v: %q, want %q", c.cfg, got, c.want)
		}
	}
}

// unknownID is respond's 404 for one idRequest.
func unknownID(id string) string {
	return `{"response":{"status":"Error","code":3001,"message":"Unknown idRequest: ` + id + `"}}`
}

// createIDs creates one Name request per phone and returns the ids.
func (e *env) createIDs(key string, phones ...string) []string {
	e.t.Helper()
	var ids []string
	for _, p := range phones {
		ids = append(ids, e.createOne(key, "Name", `{"PhoneNumber":"`+p+`"}`))
	}
	return ids
}

// Beyond MaxRequests the namespace forgets its first created requests,
// whichever client they belong to; the rest answer as before.
func TestRequestCap(t *testing.T) {
	e := newEnv(t, server.Options{PeerData: peerdata.Config{MaxRequests: 3}})
	full := e.createIDs(keyFull, "0671000001", "0671000002")
	limited := e.createIDs(keyLimited, "0671000003")
	// A batch of two forgets the first two requests.
	r := e.create(keyFull, `{"type_request":"Name","value":[{"PhoneNumber":"0671000004"},{"PhoneNumber":"0671000005"}]}`)
	r.expect(t, 200, "")
	var created struct {
		ParametrRequest []struct{ IdRequest string } `json:"parametrRequest"`
	}
	if err := json.Unmarshal([]byte(r.body), &created); err != nil {
		t.Fatal(err)
	}
	newer := []string{created.ParametrRequest[0].IdRequest, created.ParametrRequest[1].IdRequest}

	for _, id := range full {
		e.respond(keyFull, `{"type_request":"Name","idRequest":["`+id+`"]}`).expect(t, 404, unknownID(id))
		e.admin("GET", "/peerdata/requests/"+id, "").expect(t, 404, "")
	}
	e.respond(keyFull, `{"type_request":"Name","idRequest":["`+full[0]+`"]}`).expect(t, 404, unknownID(full[0]))
	if w := e.lastWarnings(); w != "this namespace has forgotten its 2 oldest requests: it keeps at most 3, the newest (--peerdata-max-requests)" {
		t.Errorf("warnings %q", w)
	}
	// The kept ones: by id, with the forgotten ones named in the message,
	// and by period.
	r = e.respond(keyFull, `{"type_request":"Name","idRequest":["`+full[1]+`","`+newer[0]+`","`+newer[1]+`"]}`)
	r.expect(t, 200, "")
	if m := r.json(t)["response"].(map[string]any)["message"]; m != "Requests found: 2; unknown idRequest: "+full[1] {
		t.Errorf("message %q", m)
	}
	if got := idsOf(items(t, e.respond(keyFull, `{"type_request":"Name","period":60}`))); !slices.Equal(got, newer) {
		t.Errorf("full client's period: %v, want %v", got, newer)
	}
	if got := idsOf(items(t, e.respond(keyLimited, `{"type_request":"Name","period":60}`))); !slices.Equal(got, limited) {
		t.Errorf("limited client's period: %v, want %v", got, limited)
	}

	// The next request forgets the limited client's: the cap is per
	// namespace, in creation order.
	last := e.createIDs(keyFull, "0671000006")
	e.respond(keyLimited, `{"type_request":"Name","idRequest":["`+limited[0]+`"]}`).expect(t, 404, unknownID(limited[0]))
	e.respond(keyLimited, `{"type_request":"Name","period":60}`).
		expect(t, 200, `{"response":{"status":"Success","code":0,"message":"Requests found: 0"},"parametrRequest":[]}`)
	if got := idsOf(items(t, e.respond(keyFull, `{"type_request":"Name","period":60}`))); !slices.Equal(got, append(slices.Clone(newer), last...)) {
		t.Errorf("full client's period: %v", got)
	}
}

// Creation order, not the clock, decides which request is forgotten: with
// the clock moved back the forgotten one is not first in time.
func TestRequestCapClockMovedBack(t *testing.T) {
	e := newEnv(t, server.Options{PeerData: peerdata.Config{MaxRequests: 2}})
	first := e.createIDs(keyFull, "0671000001")
	e.advance("-30m")
	earlier := e.createIDs(keyFull, "0671000002") // created first in time, second in order
	third := e.createIDs(keyFull, "0671000003")
	e.respond(keyFull, `{"type_request":"Name","idRequest":["`+first[0]+`"]}`).expect(t, 404, unknownID(first[0]))
	e.advance("30m")
	if got := idsOf(items(t, e.respond(keyFull, `{"type_request":"Name","period":60}`))); !slices.Equal(got, append(earlier, third...)) {
		t.Errorf("period: %v, want %v then %v", got, earlier, third)
	}
}

// Beyond MaxKeysPerClient a client's first issued key is forgotten; fixture
// keys and other clients' keys are not touched.
func TestKeyCap(t *testing.T) {
	e := newEnv(t, server.Options{PeerData: peerdata.Config{MaxKeysPerClient: 2}})
	var keys []string
	for range 3 {
		keys = append(keys, e.token(fullID, fullSecret))
	}
	limited := e.token(limitedID, limitedSecret)
	e.respond(keys[0], respondPeriod).expect(t, 401, bodyKeyUnknown)
	if w := e.lastWarnings(); w != "this namespace has forgotten 1 of the keys it issued: it keeps at most 2 per client, the newest (--peerdata-max-keys-per-client)" {
		t.Errorf("warnings %q", w)
	}
	for _, k := range []string{keys[1], keys[2], limited, keyFull} {
		e.respond(k, respondPeriod).expect(t, 200, "")
	}
	e.admin("POST", "/peerdata/keys/"+keys[0]+"/revoke", "").expect(t, 404, "")

	// Keys issued through the admin API count too; many more keep the
	// listing at the four fixture keys and the newest two.
	for range 7 {
		e.admin("POST", "/peerdata/keys", `{"client":"`+fullID+`"}`).expect(t, 201, "")
	}
	keys = append(keys, e.token(fullID, fullSecret))
	var listed struct {
		Keys []peerdata.KeyInfo `json:"keys"`
	}
	r := e.admin("GET", "/peerdata/keys?client="+fullID, "")
	if err := json.Unmarshal([]byte(r.body), &listed); err != nil {
		t.Fatal(err)
	}
	var sources []string
	for _, k := range listed.Keys {
		sources = append(sources, k.Source)
	}
	if want := []string{"fixture", "fixture", "fixture", "fixture", "admin", "getToken"}; !slices.Equal(sources, want) {
		t.Errorf("sources %v, want %v", sources, want)
	}
	if got := listed.Keys[5].Key; got != keys[3] {
		t.Errorf("newest listed key %s, want %s", got, keys[3])
	}
	if !strings.Contains(r.body, `"count": 6`) {
		t.Errorf("listing %s", r.body)
	}
	for _, k := range keys[:3] {
		e.respond(k, respondPeriod).expect(t, 401, bodyKeyUnknown)
	}
	e.respond(keys[3], respondPeriod).expect(t, 200, "")
	e.respond(limited, respondPeriod).expect(t, 200, "")
}

// GET /__admin/fixtures tells the caps in force.
func TestCapsListed(t *testing.T) {
	for _, c := range []struct {
		cfg               peerdata.Config
		requests, perUser float64
	}{
		{peerdata.Config{}, peerdata.DefaultMaxRequests, peerdata.DefaultMaxKeysPerClient},
		{peerdata.Config{MaxRequests: 5, MaxKeysPerClient: 7}, 5, 7},
	} {
		e := newEnv(t, server.Options{PeerData: c.cfg})
		pd := e.admin("GET", "/fixtures", "").json(t)["peerdata"].(map[string]any)
		if pd["max_requests"] != c.requests || pd["max_keys_per_client"] != c.perUser {
			t.Errorf("%+v: max_requests %v, max_keys_per_client %v", c.cfg, pd["max_requests"], pd["max_keys_per_client"])
		}
	}
}

// An admin key issued with an offset time answers in UTC, as getToken does.
func TestAdminKeyTimesInUTC(t *testing.T) {
	e := newEnv(t, server.Options{})
	r := e.admin("POST", "/peerdata/keys", `{"client":"`+fullID+`","issued_at":"2026-03-01T12:00:00+03:00"}`)
	r.expect(t, 201, "")
	var k peerdata.KeyInfo
	if err := json.Unmarshal([]byte(r.body), &k); err != nil {
		t.Fatal(err)
	}
	if k.IssuedAt != "2026-03-01T09:00:00Z" || k.ExpiresAt != "2026-03-02T09:00:00Z" || k.Status != "expired" {
		t.Errorf("admin key %+v", k)
	}
	e.respond(k.Key, respondPeriod).
		expect(t, 401, `{"response":{"status":"Error","code":1003,"message":"API key expired at 2026-03-02T09:00:00Z"}}`)
}

// BenchmarkCreateRequestAtCap is createrequest into a namespace at its
// MaxRequests cap: every request created forgets the oldest.
func BenchmarkCreateRequestAtCap(b *testing.B) {
	const stored = 100_000
	srv := servertest.New(b, server.Options{PeerData: peerdata.Config{MaxRequests: stored}})
	ns, _ := srv.Namespace("default")
	if _, err := ns.State("peerdata").(*peerdata.State).AddRequests(fullID, "All categories", stored); err != nil {
		b.Fatal(err)
	}
	body := `{"type_request":"All categories","value":[{"PhoneNumber":"+380671234567"}]}`
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		serve(b, srv, "/api/createrequest", body)
	}
}
