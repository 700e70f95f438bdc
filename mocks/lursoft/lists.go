package lursoft

import (
	"net/mail"
	"strings"
	"unicode/utf8"

	"github.com/kycsim/kycsim/fixtures"
	"github.com/kycsim/kycsim/mocks/kit/soap"
)

// MaxRows is get_objects' largest page (seed 001: "ierakstu skaita limits:
// 25 000").
const MaxRows = 25000

func (s *State) logout(c *call) ([]soap.Field, *fail) {
	delete(s.sessions, c.session.sid)
	return nil, nil
}

func (s *State) getLists(c *call) ([]soap.Field, *fail) {
	return s.listsAnswer(c.role), nil
}

// listFor finds the list named by parameter name and checks c's role has
// at least right on it: 2008, then 1002 (no right at all), then 1005.
func (s *State) listFor(c *call, name, right string) (*list, *fail) {
	l := s.lists[c.id(name)]
	if l == nil {
		return nil, s.api.failure(CodeListNotFound)
	}
	has := l.rightsOf(c.role)
	if has == "" {
		return nil, s.api.failure(CodeNoListAccess)
	}
	if rank[has] < rank[right] {
		return nil, s.api.failure(CodeNoActionRights)
	}
	return l, nil
}

// objectFor finds the object named by parameter name: 2011, then 1003
// when it is in no list c's role can read.
func (s *State) objectFor(c *call, name string) (*object, *fail) {
	o := s.object(c.id(name))
	if o == nil {
		return nil, s.api.failure(CodeObjectNotFound)
	}
	for _, l := range s.listsOf(o.id) {
		if l.rightsOf(c.role) != "" {
			return o, nil
		}
	}
	return nil, s.api.failure(CodeNoObjectAccess)
}

// optionalCount reads start or rows: absent is -1; not an int or negative
// is a 2020 answer.
func (s *State) optionalCount(c *call, name string) (int, *fail) {
	if !c.has(name) {
		return -1, nil
	}
	n, ok := c.intArg(name)
	if !ok {
		return 0, s.api.invalid(vNotInt, name)
	}
	if n < 0 {
		return 0, s.api.invalid(vNegative, name)
	}
	if n > 1<<31 {
		n = 1 << 31
	}
	return int(n), nil
}

func (s *State) getObjects(c *call) ([]soap.Field, *fail) {
	l, fl := s.listFor(c, "list_id", fixtures.RightRead)
	if fl != nil {
		return nil, fl
	}
	start, fl := s.optionalCount(c, "start")
	if fl != nil {
		return nil, fl
	}
	rows, fl := s.optionalCount(c, "rows")
	if fl != nil {
		return nil, fl
	}
	if start < 0 {
		start = 0
	}
	total := l.count()
	switch {
	case rows > MaxRows, rows <= 0 && total > MaxRows: // rows 0 is PHP's empty(): no limit given
		return nil, s.api.failure(CodeTooManyObjects)
	case rows <= 0:
		rows = total
	}
	end := min(total, start+rows)
	objects := make([]any, 0, max(0, end-start))
	for i := start; i < end; i++ {
		objects = append(objects, respObject(s.objectAt(l, i)))
	}
	return []soap.Field{{Name: "list", Value: s.respList(l, objects)}}, nil
}

func (s *State) getObject(c *call) ([]soap.Field, *fail) {
	o, fl := s.objectFor(c, "id")
	if fl != nil {
		return nil, fl
	}
	return []soap.Field{{Name: "object", Value: respObjectInfo(o)}}, nil
}

// tooLong is a 2020 answer when parameter name is longer than n characters.
func (s *State) tooLong(c *call, name string, n int) *fail {
	if utf8.RuneCountInString(c.text(name)) > n {
		return s.api.invalid(vTooLong, name, n)
	}
	return nil
}

func (s *State) addList(c *call) ([]soap.Field, *fail) {
	if utf8.RuneCountInString(c.text("name")) > 100 {
		return nil, s.api.invalid(vListNameLong)
	}
	typ := c.text("type")
	if _, ok := fixtures.LursoftListObjectTypes[typ]; !ok {
		return nil, s.api.invalid(vListType)
	}
	form := c.text("form")
	if form == "" {
		form = "SIMPLE"
	}
	if form != "SIMPLE" && form != "OUTERID" {
		return nil, s.api.invalid(vListForm)
	}
	l := &list{id: s.nextList, name: c.text("name"), typ: typ, form: form, descr: c.text("description"),
		shares: []share{{role: c.role, rights: fixtures.RightOwner}}, memberSet: map[int]bool{}}
	s.nextList++
	s.lists[l.id] = l
	return []soap.Field{{Name: "list", Value: s.respList(l, nil)}}, nil
}

func (s *State) updateList(c *call) ([]soap.Field, *fail) {
	l, fl := s.listFor(c, "id", fixtures.RightWrite)
	if fl != nil {
		return nil, fl
	}
	if utf8.RuneCountInString(c.text("name")) > 100 {
		return nil, s.api.invalid(vListNameLong)
	}
	if c.has("name") {
		l.name = c.text("name")
	}
	if _, sent := c.args["description"]; sent {
		l.descr = c.text("description")
	}
	return []soap.Field{{Name: "list", Value: s.respList(l, nil)}}, nil
}

func (s *State) deleteList(c *call) ([]soap.Field, *fail) {
	l, fl := s.listFor(c, "id", fixtures.RightDelete)
	if fl != nil {
		return nil, fl
	}
	delete(s.lists, l.id)
	for _, id := range l.members {
		s.dropIfOrphan(id)
	}
	return s.listsAnswer(c.role), nil
}

// objectTypes is every object type of seed 001 add_object.
var objectTypes = func() map[string]bool {
	m := map[string]bool{}
	for _, types := range fixtures.LursoftListObjectTypes {
		for _, t := range types {
			m[t] = true
		}
	}
	return m
}()

// registerEntry is what a register knows of an object.
type registerEntry struct {
	name, address, status string
}

// lookup checks an object in its register (check_ur): the company register
// for COMPANY, the authorities for AUTHORITY, the Estonian register for
// EST_COMPANY, the cadastre for CAD_*. Other types are not checked.
func (s *State) lookup(typ, code string) (e registerEntry, checked, found bool) {
	lf := &s.fx.Lursoft
	switch {
	case typ == "COMPANY":
		c, ok := s.fx.Company(code)
		return registerEntry{c.Name, c.Address, c.Status}, true, ok
	case typ == "AUTHORITY":
		for _, c := range lf.Authorities {
			if c.RegNo == code {
				return registerEntry{c.Name, c.Address, c.Status}, true, true
			}
		}
		return e, true, false
	case typ == "EST_COMPANY":
		for _, c := range lf.EstonianCompanies {
			if c.RegCode == code {
				return registerEntry{c.Name, c.Address, c.Status}, true, true
			}
		}
		return e, true, false
	case strings.HasPrefix(typ, "CAD_"):
		for _, c := range lf.Cadastre {
			if c.Type == typ && c.Code == code {
				return registerEntry{c.Name, c.Address, fixtures.CompanyActive}, true, true
			}
		}
		return e, true, false
	}
	return e, false, false
}

// addObject checks 2012 (type), 2020 (code, name), 2013 (already in the
// list), 1004 (the owner's object limit), then with check_ur (the default)
// the register: 2014 liquidated, 2015 reorganised, 2016 not found.
func (s *State) addObject(c *call) ([]soap.Field, *fail) {
	l, fl := s.listFor(c, "list_id", fixtures.RightWrite)
	if fl != nil {
		return nil, fl
	}
	typ, code := c.text("type"), strings.TrimSpace(c.text("code"))
	switch {
	case !objectTypes[typ]:
		return nil, s.api.invalid(vObjectType)
	case !typeFits(l.typ, typ):
		return nil, s.api.failure(CodeWrongObjectType)
	case !fixtures.LursoftCodeValid(typ, code):
		return nil, s.api.invalid(vObjectCode, typ)
	}
	if fl := s.tooLong(c, "name", 255); fl != nil {
		return nil, fl
	}
	existing := s.objectByKey(typ, code)
	if existing != nil && l.has(existing.id) {
		return nil, s.api.failure(CodeObjectInList)
	}
	owner := l.owner()
	if owner.objectLimit > 0 && s.ownedObjects(owner) >= owner.objectLimit {
		return nil, s.api.failure(CodeObjectLimit)
	}
	name, address := c.text("name"), ""
	if c.boolArg("check_ur", true) {
		entry, checked, found := s.lookup(typ, code)
		switch {
		case checked && !found:
			return nil, s.api.failure(CodeCompanyNotFound)
		case checked && entry.status == fixtures.CompanyLiquidated:
			return nil, s.api.failure(CodeLiquidated)
		case checked && entry.status == fixtures.CompanyReorganised:
			return nil, s.api.failure(CodeReorganised)
		case checked:
			name, address = entry.name, entry.address
		}
	}
	if name == "" {
		name = code
	}
	s.catchUp(c, l)
	s.materialise(l) // appended objects come after the generated ones
	var o *object
	if existing != nil {
		o = s.writable(existing)
	} else {
		now := stamp(c.now)
		o = &object{id: s.nextObject, typ: typ, code: code, name: name, address: address, status: "ACTIVE", created: now, updated: now}
		s.nextObject++
		s.objects[o.id] = o
		s.byKey[key(typ, code)] = o.id
	}
	l.members = append(l.members, o.id)
	l.memberSet[o.id] = true
	return []soap.Field{{Name: "object", Value: respObjectInfo(o)}}, nil
}

func typeFits(listType, objectType string) bool {
	for _, t := range fixtures.LursoftListObjectTypes[listType] {
		if t == objectType {
			return true
		}
	}
	return false
}

// validEmail is an address of 4–254 characters that net/mail reads as
// exactly itself with a dot in its domain.
func validEmail(e string) bool {
	if n := utf8.RuneCountInString(e); n < 4 || n > 254 {
		return false
	}
	addr, err := mail.ParseAddress(e)
	if err != nil || addr.Address != e || addr.Name != "" {
		return false
	}
	at := strings.LastIndexByte(e, '@')
	return at > 0 && strings.Contains(e[at+1:], ".")
}

// updateObject needs WRITE in one of the lists holding the object.
func (s *State) updateObject(c *call) ([]soap.Field, *fail) {
	o, fl := s.objectFor(c, "id")
	if fl != nil {
		return nil, fl
	}
	writable := false
	for _, l := range s.listsOf(o.id) {
		if rank[l.rightsOf(c.role)] >= rank[fixtures.RightWrite] {
			writable = true
		}
	}
	if !writable {
		return nil, s.api.failure(CodeNoActionRights)
	}
	for _, f := range []struct {
		name string
		max  int
	}{{"address", 200}, {"phone", 200}, {"fax", 200}, {"www", 200}, {"contact_person", 200}, {"client_id", 255}} {
		if fl := s.tooLong(c, f.name, f.max); fl != nil {
			return nil, fl
		}
	}
	if c.has("email") && !validEmail(c.text("email")) {
		return nil, s.api.invalid(vEmail, c.text("email"))
	}
	o = s.writable(o)
	set := func(name string, dst *string) {
		if _, sent := c.args[name]; sent {
			*dst = c.text(name)
		}
	}
	set("address", &o.userAddress) // the user's address; address is the register's
	set("phone", &o.phone)
	set("fax", &o.fax)
	set("email", &o.email)
	set("www", &o.www)
	set("contact_person", &o.contactPerson)
	set("client_id", &o.clientID)
	o.updated = stamp(c.now)
	return []soap.Field{{Name: "object", Value: respObjectInfo(o)}}, nil
}

// deleteObject removes the object from one list (list_id: DELETE rights
// there, 2019 when it is not in it) or from every list (1003 unless the
// role may delete in all of them).
func (s *State) deleteObject(c *call) ([]soap.Field, *fail) {
	o := s.object(c.id("id"))
	if o == nil {
		return nil, s.api.failure(CodeObjectNotFound)
	}
	if c.has("list_id") {
		l, fl := s.listFor(c, "list_id", fixtures.RightDelete)
		if fl != nil {
			return nil, fl
		}
		if !l.has(o.id) {
			return nil, s.api.failure(CodeObjectNotInList)
		}
		s.catchUp(c, l)
		s.removeFromList(l, o.id)
		return s.listsAnswer(c.role), nil
	}
	holding := s.listsOf(o.id)
	for _, l := range holding {
		if rank[l.rightsOf(c.role)] < rank[fixtures.RightDelete] {
			return nil, s.api.failure(CodeNoObjectAccess)
		}
	}
	for _, l := range holding {
		s.catchUp(c, l)
		s.removeFromList(l, o.id)
	}
	return s.listsAnswer(c.role), nil
}
