package peerdata_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kycsim/kycsim/mocks/server"
)

// batchOfThree is a createrequest body in each documented phone format.
const batchOfThree = `{"type_request":"All categories","value":[` +
	`{"IdDocument":"001234567","PhoneNumber":"+380671234567"},` +
	`{"PhoneNumber":"380501112233"},` +
	`{"IdDocument":"КВ123456","PhoneNumber":"0931234567"}]}`

// The ids the default seed gives the first three requests of a namespace
// after one getToken.
const (
	id1 = "c8596e4a-84eb-48f9-8863-7a8ce78af4f7"
	id2 = "c16eafee-4e77-4456-958d-b7ddd681e798"
	id3 = "e6a11bab-0eb3-49bf-b920-b0068268f72c"
)

// TestWholeFlow drives the API the way a client does: a key, a batch of
// three, polling while the peers answer, then by period.
func TestWholeFlow(t *testing.T) {
	e := newEnv(t, server.Options{})

	// 1. getToken: HTTP Basic → a key valid 24 hours.
	r := e.do("GET", "/auth/getToken", basic(fullID, fullSecret), "")
	r.expect(t, 200, `{"response":{"status":"Success","code":0,"message":"API key issued"},"apiKey":"9BkqXttrGxiLA1aT1UVEZ6kmKHCBxAUBgEZ1Orpl3JDUfCRL","expiresAt":"2026-03-03T09:00:00Z","scope":["createrequest","respond","All categories"]}`)
	r.valid(t, "gettoken-response.json")
	key := r.json(t)["apiKey"].(string)

	// 2. createrequest: one idRequest per item, the items echoed as given.
	r = e.create(key, batchOfThree)
	r.expect(t, 200, `{"response":{"status":"Success","code":0,"message":"Requests created: 3"},"parametrRequest":[`+
		`{"IdDocument":"001234567","PhoneNumber":"+380671234567","idRequest":"`+id1+`"},`+
		`{"IdDocument":"","PhoneNumber":"380501112233","idRequest":"`+id2+`"},`+
		`{"IdDocument":"КВ123456","PhoneNumber":"0931234567","idRequest":"`+id3+`"}]}`)
	r.valid(t, "createrequest-response.json")

	// 3. respond at once: no peer has answered yet (the fastest takes 5s).
	ids := `["` + id1 + `","` + id2 + `","` + id3 + `"]`
	r = e.respond(key, `{"type_request":"All categories","idRequest":`+ids+`}`)
	r.expect(t, 200, `{"response":{"status":"Success","code":0,"message":"Requests found: 3"},"parametrRequest":[`+
		`{"idDocument":"001234567","phoneNumber":"+380671234567","idRequest":"`+id1+`","status":"Panding","requestDetails":[]},`+
		`{"idDocument":"","phoneNumber":"380501112233","idRequest":"`+id2+`","status":"Panding","requestDetails":[]},`+
		`{"idDocument":"КВ123456","phoneNumber":"0931234567","idRequest":"`+id3+`","status":"Panding","requestDetails":[]}]}`)
	r.valid(t, "respond-response.json")

	// 4. A minute later some peers have answered: Panding with what they sent.
	e.advance("1m")
	r = e.respond(key, `{"type_request":"All categories","idRequest":`+ids+`}`)
	r.valid(t, "respond-response.json")
	partial := items(t, r)
	sawPartial := false
	for _, it := range partial {
		peers := peersOf(it)
		if it.status == "Panding" && len(peers) > 0 && len(peers) < 3 {
			sawPartial = true
		}
		if it.status == "Done" && len(peers) != 3 {
			t.Errorf("%s is Done with peers %v", it.id, peers)
		}
	}
	if !sawPartial {
		t.Errorf("after a minute no request is Panding with some peers' details: %s", r.body)
	}

	// 5. After the slowest possible peer (2m) every request is Done with
	// every peer's details.
	e.advance("1m")
	r = e.respond(key, `{"type_request":"All categories","idRequest":`+ids+`}`)
	r.valid(t, "respond-response.json")
	for _, it := range items(t, r) {
		if it.status != "Done" {
			t.Fatalf("%s is %s after 2 minutes", it.id, it.status)
		}
		if got := peersOf(it); !slices.Equal(sorted(got), []string{"PEER-0101", "PEER-0202", "PEER-0303"}) {
			t.Errorf("%s: peers %v", it.id, got)
		}
		cats := map[string]bool{}
		for _, d := range it.details {
			cats[d.group] = true
		}
		if len(cats) != 9 {
			t.Errorf("%s: categories %v, want all nine", it.id, cats)
		}
	}
	// A peer's details are those it had at step 4 plus nothing changed.
	done := items(t, r)
	for i, it := range partial {
		for _, d := range it.details {
			if !slices.Contains(done[i].details, d) {
				t.Errorf("detail %+v of the partial answer is gone", d)
			}
		}
	}

	// 6. By period: the last 3 minutes hold the batch; the last minute not.
	r = e.respond(key, `{"type_request":"Name","period":3}`)
	r.valid(t, "respond-response.json")
	if got := idsOf(items(t, r)); !slices.Equal(got, []string{id1, id2, id3}) {
		t.Errorf("period 3: %v", got)
	}
	for _, it := range items(t, r) {
		for _, d := range it.details {
			if d.group != "Name" {
				t.Errorf("type_request Name gave a %s detail", d.group)
			}
		}
	}
	e.respond(key, `{"type_request":"Name","period":1}`).
		expect(t, 200, `{"response":{"status":"Success","code":0,"message":"Requests found: 0"},"parametrRequest":[]}`)
	// The requests still answer 24 hours later, but the key does not.
	e.advance("22h")
	e.respond(key, `{"type_request":"Name","period":1440}`).expect(t, 200, "")
	e.advance("2h")
	e.respond(key, `{"type_request":"Name","period":1440}`).
		expect(t, 401, `{"response":{"status":"Error","code":1003,"message":"API key expired at 2026-03-03T09:00:00Z"}}`)
}

type item struct {
	id, status string
	details    []det
}

type det struct{ peer, group, name, value string }

func items(t *testing.T, r reply) []item {
	t.Helper()
	var out []item
	for _, v := range r.json(t)["parametrRequest"].([]any) {
		m := v.(map[string]any)
		it := item{id: m["idRequest"].(string), status: m["status"].(string)}
		for _, d := range m["requestDetails"].([]any) {
			dm := d.(map[string]any)
			it.details = append(it.details, det{dm["idPpeers"].(string), dm["groupData"].(string), dm["fieldName"].(string), dm["fieldValue"].(string)})
		}
		out = append(out, it)
	}
	return out
}

// peersOf lists the peers that sent details, in order of first appearance.
func peersOf(it item) []string {
	var out []string
	for _, d := range it.details {
		if !slices.Contains(out, d.peer) {
			out = append(out, d.peer)
		}
	}
	return out
}

func idsOf(its []item) []string {
	var out []string
	for _, it := range its {
		out = append(out, it.id)
	}
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// field returns the value a peer gave for group/name, or "".
func (it item) field(peer, group, name string) string {
	for _, d := range it.details {
		if d.peer == peer && d.group == group && d.name == name {
			return d.value
		}
	}
	return ""
}

func (it item) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", it.id, it.status)
	for _, d := range it.details {
		fmt.Fprintf(&b, "  %s %s %s=%s\n", d.peer, d.group, d.name, d.value)
	}
	return b.String()
}
