package peerdata_test

import (
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/kycsim/kycsim/mocks/peerdata"
	"github.com/kycsim/kycsim/mocks/server"
)

// createOne creates a request and returns its idRequest.
func (e *env) createOne(key, typ, person string) string {
	e.t.Helper()
	r := e.create(key, `{"type_request":"`+typ+`","value":[`+person+`]}`)
	r.expect(e.t, 200, "")
	return r.json(e.t)["parametrRequest"].([]any)[0].(map[string]any)["idRequest"].(string)
}

// poll answers one request by id.
func (e *env) poll(key, typ, id string) item {
	e.t.Helper()
	r := e.respond(key, `{"type_request":"`+typ+`","idRequest":["`+id+`"]}`)
	r.expect(e.t, 200, "")
	r.valid(e.t, "respond-response.json")
	return items(e.t, r)[0]
}

// Peers later than the deadline never answer: Done at the deadline with
// what arrived (here nothing).
func TestDeadline(t *testing.T) {
	e := newEnv(t, server.Options{PeerData: peerdata.Config{Delay: "fixed:10m", Deadline: 5 * time.Minute}})
	id := e.createOne(keyFull, "All categories", `{"PhoneNumber":"0671234567"}`)
	e.advance("4m59s")
	if it := e.poll(keyFull, "All categories", id); it.status != "Panding" || len(it.details) != 0 {
		t.Fatalf("before the deadline: %v", it)
	}
	e.advance("1s")
	if it := e.poll(keyFull, "All categories", id); it.status != "Done" || len(it.details) != 0 {
		t.Fatalf("at the deadline: %v", it)
	}
	e.advance("1h")
	if it := e.poll(keyFull, "All categories", id); it.status != "Done" || len(it.details) != 0 {
		t.Fatalf("after the peers' delay: %v", it)
	}
}

func TestImmediateAnswers(t *testing.T) {
	e := newEnv(t, server.Options{PeerData: peerdata.Config{Delay: "fixed:0s"}})
	id := e.createOne(keyFull, "Contacts", `{"PhoneNumber":"0671234567"}`)
	it := e.poll(keyFull, "All categories", id)
	want := []det{
		{"PEER-0202", "Contacts", "mobilePhone", "+380671234567"},
		{"PEER-0202", "Contacts", "email", it.field("PEER-0202", "Contacts", "email")},
		{"PEER-0303", "Contacts", "mobilePhone", "+380671234567"},
		{"PEER-0303", "Contacts", "email", it.field("PEER-0202", "Contacts", "email")},
	}
	if it.status != "Done" || !slices.Equal(it.details, want) {
		t.Fatalf("got %v", it)
	}
}

// People on the fixtures' unknown list end Done with no details, whatever
// format their phone number is written in.
func TestUnknownPeople(t *testing.T) {
	e := newEnv(t, server.Options{})
	var ids []string
	for _, p := range []string{
		`{"IdDocument":"000000000"}`,
		`{"PhoneNumber":"+380000000000"}`,
		`{"PhoneNumber":"0000000000"}`,
		`{"IdDocument":"123456789","PhoneNumber":"380000000000"}`,
		`{"IdDocument":"АА000000"}`,
		`{"PhoneNumber":"0990000000"}`,
	} {
		ids = append(ids, e.createOne(keyFull, "All categories", p))
	}
	for _, id := range ids {
		if it := e.poll(keyFull, "All categories", id); it.status != "Panding" || len(it.details) != 0 {
			t.Errorf("at once: %v", it)
		}
	}
	e.advance("2m")
	for _, id := range ids {
		if it := e.poll(keyFull, "All categories", id); it.status != "Done" || len(it.details) != 0 {
			t.Errorf("after 2m: %v", it)
		}
	}
}

// While the peers answer one by one, respond shows exactly those that have.
func TestPartialDetails(t *testing.T) {
	e := newEnv(t, server.Options{})
	id := e.createOne(keyFull, "All categories", `{"PhoneNumber":"0671234567"}`)
	r := e.admin("GET", "/peerdata/requests/"+id, "")
	r.expect(t, 200, "")
	var schedule []string
	var times []time.Time
	for _, p := range r.json(t)["peers"].([]any) {
		m := p.(map[string]any)
		at, err := time.Parse(time.RFC3339Nano, m["answers_at"].(string))
		if err != nil {
			t.Fatal(err)
		}
		schedule, times = append(schedule, m["peer"].(string)), append(times, at)
	}
	if len(schedule) != 3 || !slices.IsSortedFunc(times, func(a, b time.Time) int { return a.Compare(b) }) {
		t.Fatalf("schedule %v %v", schedule, times)
	}
	start, _ := time.Parse(time.RFC3339, t0)
	now := start
	for n, at := range times {
		// Just before peer n answers, then at its answer.
		e.advance(at.Sub(now).String())
		now = at
		e.advance("-1ns")
		it := e.poll(keyFull, "All categories", id)
		if got := peersOf(it); !slices.Equal(got, schedule[:n]) || it.status != "Panding" {
			t.Fatalf("before peer %d: %s %v", n, it.status, got)
		}
		e.advance("1ns")
		it = e.poll(keyFull, "All categories", id)
		status := "Panding"
		if n == 2 {
			status = "Done"
		}
		if got := peersOf(it); !slices.Equal(got, schedule[:n+1]) || it.status != status {
			t.Fatalf("at peer %d: %s %v", n, it.status, got)
		}
	}
}

// type_request on respond narrows the details to that category, within
// what the request asked for.
func TestTypeFilter(t *testing.T) {
	e := newEnv(t, server.Options{PeerData: peerdata.Config{Delay: "fixed:0s"}})
	all := e.createOne(keyFull, "All categories", `{"PhoneNumber":"0671234567"}`)
	addr := e.createOne(keyFull, "Address", `{"PhoneNumber":"0671234567"}`)
	groups := func(it item) map[string][]string {
		m := map[string][]string{}
		for _, d := range it.details {
			if !slices.Contains(m[d.group], d.peer) {
				m[d.group] = append(m[d.group], d.peer)
			}
		}
		return m
	}
	cases := []struct {
		id, filter string
		want       map[string][]string
	}{
		{all, "Contacts", map[string][]string{"Contacts": {"PEER-0202", "PEER-0303"}}},
		{all, "Credit History", map[string][]string{"Credit History": {"PEER-0101"}}},
		{addr, "All categories", map[string][]string{"Address": {"PEER-0101", "PEER-0202"}}},
		{addr, "Name", map[string][]string{}},
	}
	for _, c := range cases {
		it := e.poll(keyFull, c.filter, c.id)
		if it.status != "Done" || fmt.Sprint(groups(it)) != fmt.Sprint(c.want) {
			t.Errorf("%s filtered by %s: %s %v", c.id, c.filter, it.status, groups(it))
		}
	}
}

// detailsOf answers one request for person with every peer answered.
func detailsOf(t *testing.T, opts server.Options, person string) item {
	t.Helper()
	opts.PeerData = peerdata.Config{Delay: "fixed:0s"}
	e := newEnv(t, opts)
	return e.poll(keyFull, "All categories", e.createOne(keyFull, "All categories", person))
}

func TestDeterministicDetails(t *testing.T) {
	a := detailsOf(t, server.Options{}, `{"PhoneNumber":"0671234567"}`)
	// The same seed and person: the same values, in any phone format.
	for _, p := range []string{`{"PhoneNumber":"0671234567"}`, `{"PhoneNumber":"+380671234567"}`, `{"PhoneNumber":"380671234567"}`} {
		if b := detailsOf(t, server.Options{}, p); !slices.Equal(a.details, b.details) {
			t.Errorf("%s gave other details:\n%v\n%v", p, a, b)
		}
	}
	// A golden value guards the order of the draws.
	if got := a.field("PEER-0202", "Name", "fullName"); got != "Шевченко Іван Миколайович" {
		t.Errorf("fullName %q", got)
	}
	if b := detailsOf(t, server.Options{Seed: 7}, `{"PhoneNumber":"0671234567"}`); slices.Equal(a.details, b.details) {
		t.Error("seeds 20230424 and 7 gave the same person")
	}
	if b := detailsOf(t, server.Options{}, `{"PhoneNumber":"0671234568"}`); slices.Equal(a.details, b.details) {
		t.Error("two people got the same details")
	}
}

// Facts several categories or peers carry agree.
func TestConsistentFacts(t *testing.T) {
	for _, person := range []string{`{"PhoneNumber":"0671234567"}`, `{"IdDocument":"001234567"}`, `{"IdDocument":"FA123456","PhoneNumber":"0501112233"}`} {
		it := detailsOf(t, server.Options{}, person)
		same := func(what string, vals ...string) {
			for _, v := range vals[1:] {
				if v != vals[0] || v == "" {
					t.Errorf("%s: %s differs: %q", person, what, vals)
					return
				}
			}
		}
		for _, f := range []string{"lastName", "firstName", "middleName"} {
			same(f, it.field("PEER-0101", "Name", f), it.field("PEER-0202", "Name", f), it.field("PEER-0303", "Name", f), it.field("PEER-0101", "Identity", f))
		}
		same("gender", it.field("PEER-0101", "Identity", "gender"), it.field("PEER-0101", "Socio-Demographic Profile", "gender"), it.field("PEER-0303", "Socio-Demographic Profile", "gender"))
		same("region", it.field("PEER-0101", "Address", "region"), it.field("PEER-0202", "Address", "region"), it.field("PEER-0101", "Socio-Demographic Profile", "region"))
		same("city", it.field("PEER-0101", "Address", "city"), it.field("PEER-0202", "Address", "city"))
		same("mobilePhone", it.field("PEER-0202", "Contacts", "mobilePhone"), it.field("PEER-0303", "Contacts", "mobilePhone"), it.field("PEER-0202", "Subscription", "mobilePhone"))
		same("email", it.field("PEER-0202", "Contacts", "email"), it.field("PEER-0303", "Contacts", "email"))

		// The taxpayer number encodes the birth date and the sex.
		tax := it.field("PEER-0101", "Identity", "taxNumber")
		birth, _ := time.Parse(time.DateOnly, it.field("PEER-0101", "Identity", "birthDate"))
		days, _ := strconv.Atoi(tax[:5])
		if got := time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days); !got.Equal(birth) {
			t.Errorf("%s: taxNumber %s says born %s, birthDate %s", person, tax, got, birth)
		}
		if male := (tax[8]-'0')%2 == 1; male != (it.field("PEER-0101", "Identity", "gender") == "чоловіча") {
			t.Errorf("%s: taxNumber %s and gender disagree", person, tax)
		}
		if !rnokppValid(tax) {
			t.Errorf("%s: taxNumber %s fails its check digit", person, tax)
		}
	}
}

// An RNOKPP given as IdDocument decides the birth date and the sex.
func TestTaxNumberAsDocument(t *testing.T) {
	it := detailsOf(t, server.Options{}, `{"IdDocument":"2951708315"}`)
	if got := it.field("PEER-0101", "Identity", "taxNumber"); got != "2951708315" {
		t.Errorf("taxNumber %q", got)
	}
	if got := it.field("PEER-0101", "Identity", "birthDate"); got != "1980-10-24" {
		t.Errorf("birthDate %q", got)
	}
	if got := it.field("PEER-0101", "Identity", "gender"); got != "чоловіча" {
		t.Errorf("gender %q", got)
	}
}

func rnokppValid(n string) bool {
	w := []int{-1, 5, 7, 9, 4, 6, 10, 5, 7}
	sum := 0
	for i, k := range w {
		sum += k * int(n[i]-'0')
	}
	return len(n) == 10 && (sum%11+11)%11%10 == int(n[9]-'0')
}
