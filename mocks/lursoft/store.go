package lursoft

import (
	"crypto/rsa"
	"sort"
	"sync"
	"time"

	"github.com/kycsim/kycsim/fixtures"
	"github.com/kycsim/kycsim/mocks/emu"
)

type user struct {
	username, password string
	roles              []*role
}

type role struct {
	id          int
	name        string
	apiRights   bool
	pub         *rsa.PublicKey // nil: no key (3000)
	pubPEM      string
	privPEM     string // TEST ONLY fixture key matching pub, or ""
	keyName     string
	objectLimit int
	user        *user
}

// rank orders rights: a right includes every weaker one.
var rank = map[string]int{fixtures.RightRead: 1, fixtures.RightWrite: 2, fixtures.RightDelete: 3, fixtures.RightOwner: 4}

type share struct {
	role   *role
	rights string
}

type list struct {
	id                     int
	name, typ, form, descr string
	shares                 []share // the owner first
	members                []int   // object ids in list order, before the generated ones
	memberSet              map[int]bool
	genFirst, genCount     int // fixture-generated objects after members, not materialised
	monitoring             *monitoring
}

func (l *list) count() int { return len(l.members) + l.genCount }

func (l *list) has(id int) bool {
	return l.memberSet[id] || (l.genCount > 0 && id >= l.genFirst && id < l.genFirst+l.genCount)
}

// rightsOf is the role's right on the list, "" for none.
func (l *list) rightsOf(r *role) string {
	for _, s := range l.shares {
		if s.role == r {
			return s.rights
		}
	}
	return ""
}

func (l *list) owner() *role { return l.shares[0].role }

type object struct {
	id                                                      int
	typ, code, name, address, status                        string
	clientID, contactPerson, userAddress, phone, fax, email string
	www, created, updated                                   string
	generated                                               bool // a read-only view of a fixture-generated object
}

type session struct {
	sid  string
	role *role
	ip   string
	last time.Time
}

// State is the Lursoft data of one namespace. One mutex guards it: every
// call writes (a session's expiry slides on each request).
type State struct {
	api   *API
	clock *emu.Clock
	fx    *fixtures.Set

	mu       sync.Mutex
	users    map[string]*user
	roles    map[int]*role
	lists    map[int]*list
	objects  map[int]*object // hand-written, created and materialised objects
	byKey    map[string]int  // type "\x00" code → id, for objects in objects
	sessions map[string]*session
	failing  bool // admin switch: every function answers 1000

	nextObject, nextList, nextMonitoring, nextMonSession int
}

// maxSessions bounds the sessions a namespace keeps; past it, the longest
// idle ones are forgotten (their sid then answers 2005, not 2007).
const maxSessions = 10000

func (a *API) newState(clock *emu.Clock, fx *fixtures.Set) (*State, error) {
	lf := &fx.Lursoft
	s := &State{api: a, clock: clock, fx: fx,
		users: map[string]*user{}, roles: map[int]*role{}, lists: map[int]*list{},
		objects: make(map[int]*object, len(lf.Objects)), byKey: make(map[string]int, len(lf.Objects)),
		sessions: map[string]*session{}, nextObject: 1, nextList: 1, nextMonitoring: 1, nextMonSession: 1}
	for _, fu := range lf.Users {
		u := &user{username: fu.Username, password: fu.Password}
		for _, fr := range fu.Roles {
			r := &role{id: fr.ID, name: fr.Name, apiRights: fr.APIRights, pubPEM: fr.PublicKeyPEM,
				privPEM: fr.PrivateKeyPEM, keyName: fr.KeyName, objectLimit: fr.ObjectLimit, user: u}
			if fr.PublicKeyPEM != "" {
				pub, err := fixtures.ParseRSAPublicKey([]byte(fr.PublicKeyPEM))
				if err != nil {
					return nil, err
				}
				r.pub = pub
			}
			u.roles = append(u.roles, r)
			s.roles[r.id] = r
		}
		s.users[u.username] = u
	}
	for _, fo := range lf.Objects {
		o := &object{id: fo.ID, typ: fo.Type, code: fo.Code, name: fo.Name, address: fo.Address, status: fo.Status,
			clientID: fo.ClientID, contactPerson: fo.ContactPerson, userAddress: fo.UserAddress, phone: fo.Phone,
			fax: fo.Fax, email: fo.Email, www: fo.WWW, created: fo.Created, updated: fo.Created}
		s.objects[o.id] = o
		s.byKey[key(o.typ, o.code)] = o.id
		s.nextObject = max(s.nextObject, o.id+1)
	}
	for _, fl := range lf.Lists {
		l := &list{id: fl.ID, name: fl.Name, typ: fl.Type, form: fl.Form, descr: fl.Descr,
			members: append([]int(nil), fl.ObjectIDs...), memberSet: make(map[int]bool, len(fl.ObjectIDs)),
			genFirst: fl.GeneratedFirstID, genCount: fl.GeneratedCount}
		for _, id := range fl.ObjectIDs {
			l.memberSet[id] = true
		}
		for _, sh := range fl.Shares {
			l.shares = append(l.shares, share{role: s.roles[sh.RoleID], rights: sh.Rights})
		}
		sort.SliceStable(l.shares, func(i, j int) bool { return rank[l.shares[i].rights] > rank[l.shares[j].rights] })
		s.lists[l.id] = l
		s.nextList = max(s.nextList, l.id+1)
	}
	return s, nil
}

func key(typ, code string) string { return typ + "\x00" + code }

// Close implements emu.State.
func (s *State) Close() {}

// object returns the object with id: a stored one, or a read-only view of
// a fixture-generated one that is still in its list.
func (s *State) object(id int) *object {
	if o, ok := s.objects[id]; ok {
		return o
	}
	for _, l := range s.lists {
		if l.genCount > 0 && id >= l.genFirst && id < l.genFirst+l.genCount {
			return s.generatedObject(id)
		}
	}
	return nil
}

func (s *State) generatedObject(id int) *object {
	fo, ok := s.fx.Lursoft.LursoftGeneratedObject(id)
	if !ok {
		return nil
	}
	return &object{id: fo.ID, typ: fo.Type, code: fo.Code, name: fo.Name, address: fo.Address, status: fo.Status,
		created: fo.Created, updated: fo.Created, generated: true}
}

// objectByKey finds an object by type and code, generated ones included.
func (s *State) objectByKey(typ, code string) *object {
	if id, ok := s.byKey[key(typ, code)]; ok {
		return s.objects[id]
	}
	if id, ok := s.fx.Lursoft.LursoftGeneratedID(typ, code); ok {
		return s.object(id)
	}
	return nil
}

// writable returns the stored object behind o, copying the fixture-
// generated objects of o's list into the state first when o is one of
// them (copy-on-write: namespaces share the generated objects until one
// of them changes).
func (s *State) writable(o *object) *object {
	if !o.generated {
		return o
	}
	for _, l := range s.lists {
		if l.genCount > 0 && o.id >= l.genFirst && o.id < l.genFirst+l.genCount {
			s.materialise(l)
			break
		}
	}
	return s.objects[o.id]
}

// materialise copies l's generated objects into the state.
func (s *State) materialise(l *list) {
	if l.genCount == 0 {
		return
	}
	for id := l.genFirst; id < l.genFirst+l.genCount; id++ {
		o := s.generatedObject(id)
		o.generated = false
		s.objects[id] = o
		s.byKey[key(o.typ, o.code)] = id
		l.members = append(l.members, id)
		l.memberSet[id] = true
	}
	l.genCount = 0
}

// objectAt is the i-th object of l.
func (s *State) objectAt(l *list, i int) *object {
	if i < len(l.members) {
		return s.objects[l.members[i]]
	}
	return s.generatedObject(l.genFirst + i - len(l.members))
}

// listsOf returns the lists holding object id, by list id.
func (s *State) listsOf(id int) []*list {
	var out []*list
	for _, l := range s.sortedLists() {
		if l.has(id) {
			out = append(out, l)
		}
	}
	return out
}

func (s *State) sortedLists() []*list {
	out := make([]*list, 0, len(s.lists))
	for _, l := range s.lists {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// visibleLists are the lists r has any right on, by id.
func (s *State) visibleLists(r *role) []*list {
	var out []*list
	for _, l := range s.sortedLists() {
		if l.rightsOf(r) != "" {
			out = append(out, l)
		}
	}
	return out
}

// ownedObjects counts the objects in the lists r owns (its object limit).
func (s *State) ownedObjects(r *role) int {
	n := 0
	for _, l := range s.lists {
		if l.owner() == r {
			n += l.count()
		}
	}
	return n
}

// removeFromList takes object id out of l; an object left in no list is
// deleted.
func (s *State) removeFromList(l *list, id int) {
	s.materialise(l)
	if !l.memberSet[id] {
		return
	}
	delete(l.memberSet, id)
	for i, m := range l.members {
		if m == id {
			l.members = append(l.members[:i:i], l.members[i+1:]...)
			break
		}
	}
	s.dropIfOrphan(id)
}

func (s *State) dropIfOrphan(id int) {
	for _, l := range s.lists {
		if l.has(id) {
			return
		}
	}
	if o, ok := s.objects[id]; ok {
		delete(s.byKey, key(o.typ, o.code))
		delete(s.objects, id)
	}
}

// pruneSessions forgets the longest idle sessions beyond maxSessions.
func (s *State) pruneSessions() {
	if len(s.sessions) < maxSessions {
		return
	}
	all := make([]*session, 0, len(s.sessions))
	for _, se := range s.sessions {
		all = append(all, se)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].last.Before(all[j].last) })
	for _, se := range all[:len(all)-maxSessions+1] {
		delete(s.sessions, se.sid)
	}
}
