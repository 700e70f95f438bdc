package peerdata

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/kycsim/kycsim/fixtures"
	"github.com/kycsim/kycsim/mocks/emu"
)

// KeyTTL is how long an API key is valid (seed 004: "within 24 hours").
// Fixture keys without issued_at never expire.
const KeyTTL = 24 * time.Hour

// Key sources, as the admin API lists them.
const (
	sourceFixture  = "fixture"
	sourceGetToken = "getToken"
	sourceAdmin    = "admin"
)

// client is an API client: its scope and, ordered by creation time, its
// requests (the index respond by period searches).
type client struct {
	id, name, secret string
	scope            scope
	requests         []*request // sorted by (created, seq)
	// issued are the keys getToken and the admin API issued to the
	// client, oldest first: the ones MaxKeysPerClient evicts.
	issued []*apiKey
}

// scope is what a key may do: methods, and categories (all = every one).
type scope struct {
	methods    []string // in seed order: createrequest, respond
	categories []string // the listed categories, or nil when all
	all        bool
}

func newScope(methods, categories []string) scope {
	sc := scope{}
	for _, m := range []string{fixtures.PeerMethodCreateRequest, fixtures.PeerMethodRespond} {
		if slices.Contains(methods, m) {
			sc.methods = append(sc.methods, m)
		}
	}
	if slices.Contains(categories, fixtures.AllCategories) {
		sc.all = true
		return sc
	}
	for _, c := range fixtures.PeerCategories() {
		if slices.Contains(categories, c) {
			sc.categories = append(sc.categories, c)
		}
	}
	return sc
}

func (sc scope) hasMethod(m string) bool { return slices.Contains(sc.methods, m) }

// covers reports whether the scope covers type_request t; All categories
// needs every category.
func (sc scope) covers(t string) bool {
	if sc.all {
		return true
	}
	return t != fixtures.AllCategories && slices.Contains(sc.categories, t)
}

// list is getToken's "scope": the methods, then the categories.
func (sc scope) list() []string {
	out := append([]string{}, sc.methods...)
	if sc.all {
		return append(out, fixtures.AllCategories)
	}
	return append(out, sc.categories...)
}

func (sc scope) categoryList() []string {
	if sc.all {
		return []string{fixtures.AllCategories}
	}
	return append([]string{}, sc.categories...)
}

// apiKey is an issued API key.
type apiKey struct {
	key, name, source   string
	client              *client
	scope               scope
	issuedAt, expiresAt time.Time // zero for a fixture key that never expires
	revoked             bool
	revokedAt           time.Time
	evicted             bool // forgotten beyond MaxKeysPerClient; still in keyOrder until compacted
}

// expired reports whether the key has expired at now.
func (k *apiKey) expired(now time.Time) bool {
	return !k.expiresAt.IsZero() && !now.Before(k.expiresAt)
}

// label names the key in the journal without giving it away.
func (k *apiKey) label() string {
	return fmt.Sprintf("client %s, key %s…", k.client.id, k.key[:min(6, len(k.key))])
}

// peer answers requests with the categories it shares.
type peer struct {
	id, name   string
	categories []string // expanded, in seed order
}

// answer is when one peer answers one request.
type answer struct {
	peer *peer
	at   time.Time
}

// request is one created request. It never changes after creation: its
// status and details follow from the clock when it is read.
type request struct {
	id       string
	seq      int64
	client   *client
	created  time.Time
	deadline time.Time
	// typeRequest is the category asked for at creation.
	typeRequest             string
	idDocument, phoneNumber string   // as given ("" when not)
	unknown                 bool     // no peer knows the person
	answers                 []answer // ordered by time, then peer order
}

// State is the peer-data emulation of one namespace.
type State struct {
	api      *API
	clock    *emu.Clock
	seed     int64
	delay    fixtures.Delay
	deadline time.Duration
	peers    []*peer
	// unknownDocs and unknownPhones identify the people no peer knows
	// (phones as 380XXXXXXXXX).
	unknownDocs, unknownPhones map[string]bool
	fx                         *fixtures.PeerData

	// maxRequests and maxKeys are Config's caps, defaults applied.
	maxRequests, maxKeys int

	mu       sync.RWMutex
	clients  map[string]*client
	order    []*client
	keys     map[string]*apiKey
	keyOrder []*apiKey
	// deadKeys counts the evicted keys still in keyOrder.
	deadKeys int
	requests map[string]*request
	// created holds the requests in creation order, oldest first: the
	// order maxRequests evicts them in.
	created []*request
	// evictedRequests and evictedKeys count what the caps forgot, for the
	// journal notes on unknown ids and keys.
	evictedRequests, evictedKeys int64
	seq                          int64
	rng                          *rand.Rand // ids and keys: deterministic per seed
}

// NewState implements emu.API.
func (a *API) NewState(ns *emu.Namespace, fx *fixtures.Set) (emu.State, error) {
	return a.newState(ns.Clock, fx)
}

func (a *API) newState(clock *emu.Clock, fx *fixtures.Set) (*State, error) {
	pd := &fx.PeerData
	s := &State{
		api: a, clock: clock, seed: pd.Seed, delay: pd.ResponseDelay, deadline: pd.Deadline, fx: pd,
		unknownDocs: map[string]bool{}, unknownPhones: map[string]bool{},
		clients: map[string]*client{}, keys: map[string]*apiKey{}, requests: map[string]*request{},
		rng:         rand.New(rand.NewPCG(uint64(pd.Seed), 0x70656572646174)),
		maxRequests: cmp.Or(a.cfg.MaxRequests, DefaultMaxRequests),
		maxKeys:     cmp.Or(a.cfg.MaxKeysPerClient, DefaultMaxKeysPerClient),
	}
	if a.cfg.Delay != "" {
		d, err := fixtures.ParseDelay(a.cfg.Delay)
		if err != nil {
			return nil, err
		}
		s.delay = d
	}
	if a.cfg.Deadline > 0 {
		s.deadline = a.cfg.Deadline
	}
	for _, fp := range pd.Peers {
		s.peers = append(s.peers, &peer{id: fp.ID, name: fp.Name, categories: expand(fp.Categories)})
	}
	for _, u := range pd.UnknownPeople {
		if u.IDDocument != "" {
			s.unknownDocs[u.IDDocument] = true
		}
		if u.PhoneNumber != "" {
			s.unknownPhones[normalPhone(u.PhoneNumber)] = true
		}
	}
	for _, fc := range pd.Clients {
		c := &client{id: fc.ID, name: fc.Name, secret: fc.Secret, scope: newScope(fc.Methods, fc.Categories)}
		s.clients[c.id] = c
		s.order = append(s.order, c)
		for _, fk := range fc.Keys {
			sc := c.scope
			if fk.Methods != nil || fk.Categories != nil {
				methods, cats := fk.Methods, fk.Categories
				if methods == nil {
					methods = c.scope.methods
				}
				if cats == nil {
					cats = c.scope.categoryList()
				}
				sc = newScope(methods, cats)
			}
			// Without issued_at a pre-issued key never expires: a kycsim
			// that runs for days keeps its fixture keys working.
			k := &apiKey{key: fk.Key, name: fk.Name, source: sourceFixture, client: c, scope: sc, revoked: fk.Revoked}
			if fk.IssuedAt != nil {
				k.issuedAt, k.expiresAt = *fk.IssuedAt, fk.IssuedAt.Add(KeyTTL)
			}
			s.addKey(k)
		}
	}
	return s, nil
}

// expand turns a category list into the categories it stands for, in the
// seed's order.
func expand(categories []string) []string {
	all := fixtures.PeerCategories()
	if slices.Contains(categories, fixtures.AllCategories) {
		return all
	}
	var out []string
	for _, c := range all {
		if slices.Contains(categories, c) {
			out = append(out, c)
		}
	}
	return out
}

// Close implements emu.State: nothing runs in the background.
func (s *State) Close() {}

func (s *State) addKey(k *apiKey) {
	s.keys[k.key] = k
	s.keyOrder = append(s.keyOrder, k)
}

const keyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// newKeyLocked draws a 48-character key from the namespace's deterministic
// source. s.mu must be held for writing.
func (s *State) newKeyLocked() string {
	for {
		var b [48]byte
		for i := range b {
			b[i] = keyAlphabet[s.rng.IntN(len(keyAlphabet))]
		}
		if k := string(b[:]); s.keys[k] == nil {
			return k
		}
	}
}

// newIDLocked draws a version 4 UUID for a request. s.mu must be held for
// writing.
func (s *State) newIDLocked() string {
	for {
		if id := emu.UUID4(s.rng.Uint64); s.requests[id] == nil {
			return id
		}
	}
}

// issueKey creates a key for c valid KeyTTL from now, forgetting c's
// oldest issued key beyond maxKeys.
func (s *State) issueKey(c *client, sc scope, name, source string, now time.Time) *apiKey {
	s.mu.Lock()
	defer s.mu.Unlock()
	// UTC: expiresAt is written into answers, always as ...Z.
	issued := now.UTC().Truncate(time.Second)
	k := &apiKey{key: s.newKeyLocked(), name: name, source: source, client: c, scope: sc,
		issuedAt: issued, expiresAt: issued.Add(KeyTTL)}
	s.addKey(k)
	c.issued = append(c.issued, k)
	for len(c.issued) > s.maxKeys {
		old := c.issued[0]
		c.issued[0] = nil // let the collector have it before the next regrowth
		c.issued = c.issued[1:]
		delete(s.keys, old.key)
		old.evicted = true
		s.deadKeys++
		s.evictedKeys++
	}
	// keyOrder keeps evicted keys until they are half of it, so eviction
	// stays O(1) amortised.
	if s.deadKeys > 0 && s.deadKeys*2 > len(s.keyOrder) {
		s.keyOrder = slices.DeleteFunc(s.keyOrder, func(k *apiKey) bool { return k.evicted })
		s.deadKeys = 0
	}
	return k
}

// person is what createrequest was given about one person.
type person struct {
	idDocument, phoneNumber string
}

// create stores one request per person, all at now, and returns them in
// order.
func (s *State) create(c *client, typeRequest string, people []person, now time.Time) []*request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*request, len(people))
	for i, p := range people {
		s.seq++
		r := &request{
			id: s.newIDLocked(), seq: s.seq, client: c, created: now, deadline: now.Add(s.deadline),
			typeRequest: typeRequest, idDocument: p.idDocument, phoneNumber: p.phoneNumber,
		}
		r.unknown = (p.idDocument != "" && s.unknownDocs[p.idDocument]) ||
			(p.phoneNumber != "" && s.unknownPhones[normalPhone(p.phoneNumber)])
		r.answers = s.schedule(r)
		s.requests[r.id] = r
		s.created = append(s.created, r)
		c.insert(r)
		out[i] = r
	}
	for len(s.created) > s.maxRequests {
		old := s.created[0]
		s.created[0] = nil // let the collector have it before the next regrowth
		s.created = s.created[1:]
		delete(s.requests, old.id)
		old.client.remove(old)
		s.evictedRequests++
	}
	return out
}

// schedule draws each peer's answer time for r: a delay from the
// configured distribution, deterministic per seed, request id and peer.
func (s *State) schedule(r *request) []answer {
	answers := make([]answer, len(s.peers))
	for i, p := range s.peers {
		h := fnv.New64a()
		h.Write([]byte(r.id))
		h.Write([]byte{0})
		h.Write([]byte(p.id))
		src := rand.New(rand.NewPCG(h.Sum64(), uint64(s.seed)))
		answers[i] = answer{peer: p, at: r.created.Add(s.delay.At(src.Float64()))}
	}
	sort.SliceStable(answers, func(i, j int) bool { return answers[i].at.Before(answers[j].at) })
	return answers
}

// insert adds r to the client's time index. Requests arrive in clock
// order unless the emulator clock was moved back.
func (c *client) insert(r *request) {
	n := len(c.requests)
	if n == 0 || !r.created.Before(c.requests[n-1].created) {
		c.requests = append(c.requests, r)
		return
	}
	i := sort.Search(n, func(i int) bool { return c.requests[i].created.After(r.created) })
	c.requests = slices.Insert(c.requests, i, r)
}

// remove takes r out of the client's time index. r is the oldest created
// request of the namespace, so it is first in the index unless the clock
// was moved back.
func (c *client) remove(r *request) {
	if len(c.requests) > 0 && c.requests[0] == r {
		c.requests[0] = nil
		c.requests = c.requests[1:]
		return
	}
	i := sort.Search(len(c.requests), func(i int) bool { return !c.requests[i].created.Before(r.created) })
	for ; i < len(c.requests) && c.requests[i].created.Equal(r.created); i++ {
		if c.requests[i] == r {
			c.requests = slices.Delete(c.requests, i, i+1)
			return
		}
	}
}

// since returns the client's requests created in [from, to], oldest first,
// at most limit of them (the newest).
func (c *client) since(from, to time.Time, limit int) []*request {
	lo := sort.Search(len(c.requests), func(i int) bool { return !c.requests[i].created.Before(from) })
	hi := sort.Search(len(c.requests), func(i int) bool { return c.requests[i].created.After(to) })
	if hi < lo {
		return nil
	}
	if hi-lo > limit {
		lo = hi - limit
	}
	return slices.Clone(c.requests[lo:hi])
}

// status is a request's status at now and the answers received by then.
func (r *request) status(now time.Time) (string, []answer) {
	n := 0
	for _, a := range r.answers {
		if a.at.After(now) || a.at.After(r.deadline) {
			break
		}
		n++
	}
	if n == len(r.answers) || !now.Before(r.deadline) {
		return StatusDone, r.answers[:n]
	}
	return StatusPanding, r.answers[:n]
}

// normalPhone writes a phone number in any of the three documented
// formats as 380XXXXXXXXX, the form people are identified by.
func normalPhone(p string) string {
	switch {
	case strings.HasPrefix(p, "+380"):
		return p[1:]
	case strings.HasPrefix(p, "380"):
		return p
	case strings.HasPrefix(p, "0"):
		return "38" + p
	}
	return p
}

// AddRequests creates n requests of clientID for generated people, at the
// clock's current time, as createrequest would; benchmarks and load tests
// use it to fill a namespace. It returns the new idRequest values.
func (s *State) AddRequests(clientID, typeRequest string, n int) ([]string, error) {
	s.mu.RLock()
	c := s.clients[clientID]
	s.mu.RUnlock()
	if c == nil {
		return nil, fmt.Errorf("no API client %q", clientID)
	}
	people := make([]person, n)
	for i := range people {
		people[i].phoneNumber = fmt.Sprintf("0%09d", 500000000+i)
	}
	reqs := s.create(c, typeRequest, people, s.clock.Now())
	ids := make([]string, len(reqs))
	for i, r := range reqs {
		ids[i] = r.id
	}
	return ids, nil
}
