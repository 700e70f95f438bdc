package nilln

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"sync"
	"time"

	"github.com/kycsim/kycsim/fixtures"
	"github.com/kycsim/kycsim/mocks/emu"
	"github.com/kycsim/kycsim/mocks/kit/laravel"
	"github.com/kycsim/kycsim/mocks/kit/webhook"
)

// client is one client record. Optional fields are nil when null.
type client struct {
	seq        int64 // creation order: lists are ordered by it
	uuid       string
	typ        string // code, e.g. "legal"
	name       string
	regNo      *string
	refNo      *string
	email      *string
	comment    *string
	risk       *string // code, e.g. "low"
	isActive   *bool
	setAt      *time.Time
	reviewedAt *time.Time
	archived   bool
	profile    *profile
}

// profile owns clients; a token only ever sees its own profile's.
type profile struct {
	id, name string
	// active holds the non-archived clients ordered by seq, so that a list
	// page is a slice of it whatever the number of clients.
	active   []*client
	byUUID   map[string]*client // active and archived
	webhooks []fixtures.Webhook
}

type user struct {
	id      int
	name    string
	profile *profile
}

type token struct {
	label     string // for the journal: "token 1 (visas tiesības)"
	id        int
	name      string
	secret    string
	abilities map[string]bool
	revoked   bool
	user      *user
}

// State is the NILLN data of one namespace.
type State struct {
	api   *API
	clock *emu.Clock
	fx    *fixtures.Set

	mu       sync.RWMutex
	profiles map[string]*profile
	order    []*profile
	tokens   map[string]*token // by secret
	tokenIDs map[int]*token
	seq      int64
	rng      *rand.Rand // uuids of created clients: deterministic per seed

	clientRules []laravel.Field // validation on create, built once

	types  map[string]string // code → label
	risks  map[string]string
	events map[string]string

	limiter  *laravel.RateLimiter
	webhooks *webhook.Dispatcher
}

// NewState implements emu.API.
func (a *API) NewState(ns *emu.Namespace, fx *fixtures.Set) (emu.State, error) {
	return a.newState(ns.Clock, fx), nil
}

func (a *API) newState(clock *emu.Clock, fx *fixtures.Set) *State {
	s := &State{
		api: a, clock: clock, fx: fx,
		profiles: map[string]*profile{},
		tokens:   map[string]*token{},
		tokenIDs: map[int]*token{},
		rng:      rand.New(rand.NewPCG(uint64(len(fx.NILLN.Profiles)), 0x6b796373696d)),
		types:    labels(fx.NILLN.ClientTypes),
		risks:    labels(fx.NILLN.RiskLevels),
		events:   labels(fx.NILLN.Events),
		limiter:  laravel.NewRateLimiter(a.cfg.perMinute()),
	}
	s.clientRules = compileRules(&fx.NILLN)
	s.webhooks = webhook.New(webhook.Options{
		EventHeader:     "X-Nilln-Event",
		SignatureHeader: "X-Nilln-Signature",
		MaxAttempts:     a.cfg.WebhookAttempts,
		Backoff:         a.cfg.WebhookBackoff,
		Client:          a.cfg.WebhookClient,
		Now:             clock.Now,
	})
	for _, fp := range fx.NILLN.Profiles {
		p := &profile{id: fp.ID, name: fp.Name, byUUID: make(map[string]*client, len(fp.Clients)),
			webhooks: append([]fixtures.Webhook(nil), fp.Webhooks...)}
		s.profiles[p.id] = p
		s.order = append(s.order, p)
		for _, fc := range fp.Clients {
			s.seq++
			c := &client{seq: s.seq, uuid: fc.UUID, typ: fc.Type, name: fc.Name,
				regNo: fc.RegNo, refNo: fc.ReferenceNo, email: fc.Email, comment: fc.Comment,
				risk: fc.RiskLevel, isActive: fc.IsActive, setAt: fc.SetAt, reviewedAt: fc.ReviewedAt,
				archived: fc.Archived, profile: p}
			p.byUUID[c.uuid] = c
			if !c.archived {
				p.active = append(p.active, c)
			}
		}
		for _, fu := range fp.Users {
			u := &user{id: fu.ID, name: fu.Name, profile: p}
			for _, ft := range fu.Tokens {
				t := &token{label: fmt.Sprintf("token %d (%s)", ft.ID, ft.Name), id: ft.ID, name: ft.Name, secret: ft.Secret, revoked: ft.Revoked, user: u,
					abilities: map[string]bool{}}
				for _, ab := range ft.Abilities {
					t.abilities[ab] = true
				}
				s.tokens[t.secret] = t
				s.tokenIDs[t.id] = t
			}
		}
	}
	return s
}

func labels(ls []fixtures.Label) map[string]string {
	m := make(map[string]string, len(ls))
	for _, l := range ls {
		m[l.Code] = l.Label
	}
	return m
}

// Close implements emu.State: pending webhook deliveries stop.
func (s *State) Close() { s.webhooks.Close() }

// AddGeneratedClients appends n generated clients to a profile; benchmarks
// use it to measure list pages over large profiles.
func (s *State) AddGeneratedClients(profileID string, n int, seed int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.profiles[profileID]
	if p == nil {
		return fmt.Errorf("no profile %q", profileID)
	}
	for _, fc := range fixtures.GenerateClients(profileID+"-extra", n, seed) {
		if _, dup := p.byUUID[fc.UUID]; dup {
			continue
		}
		s.seq++
		c := &client{seq: s.seq, uuid: fc.UUID, typ: fc.Type, name: fc.Name, regNo: fc.RegNo, refNo: fc.ReferenceNo,
			email: fc.Email, comment: fc.Comment, risk: fc.RiskLevel, isActive: fc.IsActive,
			setAt: fc.SetAt, reviewedAt: fc.ReviewedAt, profile: p}
		p.byUUID[c.uuid] = c
		p.active = append(p.active, c)
	}
	return nil
}

// newUUID draws a version 4 UUID from the namespace's deterministic source.
func (s *State) newUUID() string {
	for {
		if u := emu.UUID4(s.rng.Uint64); !s.uuidTaken(u) {
			return u
		}
	}
}

func (s *State) uuidTaken(u string) bool {
	for _, p := range s.profiles {
		if _, ok := p.byUUID[u]; ok {
			return true
		}
	}
	return false
}

// insertActive puts c back among the active clients at its seq position.
func (p *profile) insertActive(c *client) {
	i := sort.Search(len(p.active), func(i int) bool { return p.active[i].seq >= c.seq })
	if i < len(p.active) && p.active[i] == c {
		return
	}
	p.active = append(p.active, nil)
	copy(p.active[i+1:], p.active[i:])
	p.active[i] = c
}

// removeActive takes c out of the active clients.
func (p *profile) removeActive(c *client) {
	i := sort.Search(len(p.active), func(i int) bool { return p.active[i].seq >= c.seq })
	if i < len(p.active) && p.active[i] == c {
		p.active = append(p.active[:i], p.active[i+1:]...)
	}
}
